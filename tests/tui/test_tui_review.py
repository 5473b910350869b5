"""Preparing and holding the shared review: clip order, pauses, activating questions, the plan; the
parent's words, feelings and ratings saved as they are typed; the calm review mode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList, TextArea

from tests.tui.media_cases import QUESTION, REF, TODAY, case_with_clips, film, settle
from vigguide.app import make_app
from vigguide.screens.review_mode import ReviewModeScreen
from vigguide.screens.review_prep import PlanView, ReviewPrepScreen
from vigguide.store.home import Home
from vigguide.widgets import frame_view
from vigguide.widgets.frame_view import FrameView
from vigguide.widgets.review_mode import ReviewModePane


@pytest.fixture(autouse=True)
def _unicode_pictures() -> Iterator[None]:
    frame_view.pin_renderer("unicode")
    yield
    frame_view.pin_renderer(None)


@pytest.fixture(scope="session")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return film(tmp_path_factory.mktemp("review-film"))


async def _open(app, pilot, name: str):
    await settle(app, pilot)
    app.open_screen(name, REF)
    await settle(app, pilot, rounds=4)
    return app.screen


def _moments(home: Home):
    return sorted(home.store.load(REF).cycles[0].moments, key=lambda m: m.position)


async def test_prepare_order_pause_questions_highlight_and_plan(home: Home, video: Path):
    question_id, _rec, (first, second) = case_with_clips(home, video)
    home.store.update_moment(REF, first, question_ids=())
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, "review_prep")
        assert isinstance(screen, ReviewPrepScreen)
        assert "Clip 1: Bath time smile" in str(screen.query_one("#prep-clip-title").render())

        await pilot.press("shift+down")  # show the bath-time clip second
        await settle(app, pilot)
        assert [m.id for m in _moments(home)] == [second, first]

        await pilot.click("#prep-pause")
        await pilot.press("0", ".", "3")
        prompts = screen.query_one("#prep-prompts", SelectionList)
        prompts.focus()
        await pilot.press("space", "down", "down", "down", "space")  # two questions
        await pilot.press("down", "space")  # a third is one too many
        await settle(app, pilot)
        assert len(prompts.selected) == 2
        screen.query_one("#prep-highlight", Input).focus()
        await pilot.press(*"You smile back at once")
        questions = screen.query_one("#prep-questions", SelectionList)
        questions.focus()
        await pilot.press("space")
        await settle(app, pilot)

        moment = next(m for m in _moments(home) if m.id == first)
        assert moment.pause_at_s == pytest.approx(0.5 + 0.3)
        assert moment.review_prompts == (
            "What do you see here?",
            "What were you feeling just then?",
        )
        assert moment.highlight == "You smile back at once"
        assert moment.question_ids == (question_id,)

        await pilot.press("ctrl+v")
        await pilot.pause()
        plan = app.screen
        assert isinstance(plan, PlanView)
        text = plan.text
        assert text.index("Clip 1: Waiting for her turn") < text.index("Clip 2: Bath time smile")
        assert f"1. {QUESTION}" in text
        assert "Pause at 0.3 s into the clip (0:00.8)" in text
        assert 'Ask: "What were you feeling just then?"' in text
        assert "Highlight: You smile back at once" in text
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_own_question_and_a_pause_outside_the_clip(home: Home, video: Path):
    case_with_clips(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, "review_prep")
        screen.query_one("#prep-pause", Input).focus()
        await pilot.press("9")  # the clip is 0.7 s long: not kept
        screen.query_one("#prep-own", Input).focus()
        await pilot.press(*"What is Noor telling you?")
        screen.query_one("#prep-clips").focus()
        await settle(app, pilot)
        moment = _moments(home)[0]
        assert moment.pause_at_s is None
        assert moment.review_prompts == ("What is Noor telling you?",)


async def test_the_parents_words_and_ratings_are_saved_as_typed(home: Home, video: Path):
    question_id, _rec, (first, second) = case_with_clips(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, "shared_review")
        assert "Clip 1 of 2: Bath time smile" in str(screen.query_one("#sr-clip-title").render())
        assert "What do you see here?" in str(screen.query_one("#sr-prompts").render())
        await pilot.click("#sr-noticed")
        await pilot.press(*"He looks at me")
        await pilot.click("#sr-words")
        await pilot.press(*'"Look how happy he is"')
        await pilot.click("#sr-feel-baby")
        await pilot.press(*"Safe")
        await pilot.press("ctrl+n")  # on to the second clip
        await settle(app, pilot)
        assert "Clip 2 of 2" in str(screen.query_one("#sr-clip-title").render())
        assert screen.query_one("#sr-noticed", TextArea).text == ""
        await pilot.press(*"I waited for her")
        await pilot.press("ctrl+g")
        await pilot.press("7")
        screen.query_one("#sr-learned", TextArea).focus()
        await pilot.press(*"I can do this")
        await pilot.pause(1.0)  # the pause in typing that saves the field
        await settle(app, pilot)

        review = home.store.load(REF).cycles[0].review
        assert review.held_on == TODAY
        assert review.clips[first].noticed == "He looks at me"
        assert review.clips[first].parent_words == '"Look how happy he is"'
        assert review.clips[first].feelings_baby == "Safe"
        assert review.clips[second].noticed == "I waited for her"
        assert review.ratings == {question_id: 7}
        assert review.learned == "I can do this"

        await pilot.press("ctrl+b")  # back to the first clip: her words are still there
        await settle(app, pilot)
        assert screen.query_one("#sr-words", TextArea).text == '"Look how happy he is"'

    # reopen: everything is in the store, ratings on the helping question too
    questions = home.store.load(REF).questions
    assert questions[0].ratings == {1: 7}


async def test_a_rating_outside_0_to_10_is_not_kept(home: Home, video: Path):
    question_id, _rec, _moments = case_with_clips(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, "shared_review")
        box = screen.query_one(f"#sr-rating-{question_id}", Input)
        box.focus()
        box.value = "12"  # pasted in one go
        await pilot.pause()
        screen.query_one("#sr-noticed", TextArea).focus()
        await settle(app, pilot)
        assert box.value == "12", box.value
        assert home.store.load(REF).cycles[0].review.ratings == {}
        assert not box.is_valid


async def test_review_mode_one_still_one_question_at_a_time(home: Home, video: Path):
    case_with_clips(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, "shared_review")
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewModeScreen)  # the working view is hidden
        pane = app.screen.query_one(ReviewModePane)
        assert pane.display
        assert pane.question == "What do you see here?"
        assert "1 of 2 · Bath time smile" in str(pane.query_one("#calm-title").render())
        assert pane.query_one(FrameView).picture is not None  # the still, large
        assert pane.query_one(FrameView).picture.size == (320, 240)
        await pilot.press("space")
        assert pane.question == "Let's pause here. What is happening in this moment?"
        await pilot.press("space")
        await settle(app, pilot)
        assert "2 of 2 · Waiting for her turn" in str(pane.query_one("#calm-title").render())
        await pilot.press("backspace")
        assert "1 of 2" in str(pane.query_one("#calm-title").render())
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#sr-body").display
        assert "Clip 1 of 2" in str(screen.query_one("#sr-clip-title").render())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_shared_review(home: Home, video: Path, snap_compare, size):
    case_with_clips(home, video)
    app = make_app(home, today=TODAY)

    async def run_before(pilot) -> None:
        await _open(app, pilot, "shared_review")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_review_mode(home: Home, video: Path, snap_compare, size):
    case_with_clips(home, video)
    app = make_app(home, today=TODAY)

    async def run_before(pilot) -> None:
        await _open(app, pilot, "shared_review")
        await pilot.press("ctrl+r")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_the_palette_offers_what_applies_in_each_mode(home: Home, video: Path):
    case_with_clips(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, "shared_review")
        titles = [title for title, _help, _action in screen.palette_commands()]
        assert "review: Rate helping question" in titles and "review: Next clip" in titles
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        titles = [title for title, _help, _action in app.screen.palette_commands()]
        assert "review: Rate helping question" not in titles  # not in the calm review mode
        assert "review: Play the clip" in titles


async def test_without_clips_only_the_closing_can_be_typed(home: Home):
    from tests.tui.media_cases import case_ready_to_import

    case_ready_to_import(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, "shared_review")
        assert "No clips yet" in str(screen.query_one("#sr-clip-title").render())
        assert screen.query_one("#sr-noticed", TextArea).disabled  # nowhere to keep them
        screen.query_one("#sr-learned", TextArea).focus()
        await pilot.press(*"She can wait for him", "ctrl+q")
    assert home.store.load(REF).cycles[0].review.learned == "She can wait for him"


async def test_review_mode_says_the_guiders_titles_to_her(home: Home, video: Path):
    """A title the guider wrote about her ("She waits…") is shown to her as "You wait…"."""
    case_with_clips(home, video)
    first = _moments(home)[0]
    home.store.update_moment(REF, first.id, title="She names his yawn and slows down")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "shared_review")
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        title = str(app.screen.query_one(ReviewModePane).query_one("#calm-title").render())
        assert "1 of 2 · You name his yawn and slow down" in title
        assert "She names" not in title
    assert (
        _moments(home)[0].title == "She names his yawn and slows down"
    )  # the record keeps the guider's words
