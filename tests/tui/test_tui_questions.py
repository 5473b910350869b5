"""Helping questions: the coach reacts to the parent's words, suggestions and examples fill the
box, ctrl+s adds the question, one or two stay active, and edits save when the field is left."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, OptionList

from tests.tui.media_cases import notices
from vigguide.app import make_app
from vigguide.domain import QuestionStatus
from vigguide.store.home import Home
from vigguide.widgets.coach_panel import CoachFindings, DraftArea

TODAY = date(2026, 11, 24)


async def _open(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.open_screen("helping_questions", "HQ-1")
    await _settle(app, pilot)


async def _settle(app, pilot) -> None:
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def _coached(app, pilot) -> None:
    await pilot.pause(0.4)  # let the typing pause pass so the coach runs
    await _settle(app, pilot)


def _coach_text(app) -> str:
    return str(app.screen.query_one(CoachFindings).render())


async def test_coach_and_suggestions_follow_the_parents_words(home: Home):
    home.store.create_case("HQ-1", "Amira", "Noor", baby_born_on=date(2026, 8, 1))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        assert "in her own words" in _coach_text(app)
        await pilot.press(*"Why does he cry so much?")
        await _coached(app, pilot)
        assert '"Why" looks for causes' in _coach_text(app)
        suggestions = app.screen.query_one("#hq-suggestions", OptionList)
        first = str(suggestions.get_option_at_index(0).prompt)
        assert first == "What am I doing when I comfort him and it helps?"

        await pilot.press("enter")  # from the box to the suggestions
        assert app.focused is suggestions
        await pilot.press("enter")  # the first suggestion fills the box
        draft = app.screen.query_one(DraftArea)
        assert draft.text == first and app.focused is draft
        await _coached(app, pilot)
        assert "This reads well" in _coach_text(app)

        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert draft.text == ""
        listed = app.screen.query_one("#hq-list", OptionList)
        assert first in str(listed.get_option_at_index(0).prompt)
    questions = home.store.load("HQ-1").questions
    assert [(q.text, q.status) for q in questions] == [(first, QuestionStatus.ACTIVE)]
    assert questions[0].created_on == TODAY


async def test_a_stem_starts_the_box_and_an_example_fills_it(home: Home):
    home.store.create_case("HQ-1", "Amira", "Noor", baby_born_on=date(2026, 8, 1))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        suggestions = app.screen.query_one("#hq-suggestions", OptionList)
        stems = [str(suggestions.get_option_at_index(i).prompt) for i in range(3)]
        assert stems[0].startswith("What am I doing when")
        suggestions.focus()
        await pilot.press("enter")
        draft = app.screen.query_one(DraftArea)
        assert draft.text == "What am I doing when "
        await pilot.press(*"we sing together?")
        assert draft.text == "What am I doing when we sing together?"

        await pilot.press("ctrl+g")
        await pilot.pause()
        examples = app.screen.query_one("#hq-examples", OptionList)
        assert app.focused is examples and examples.option_count > 0
        example = str(examples.get_option_at_index(0).prompt)
        await pilot.press("enter")
        assert draft.text == example


async def test_one_or_two_active_questions_are_kept(home: Home):
    home.store.create_case("HQ-1", "Amira", "Noor")
    home.store.add_question("HQ-1", "What am I doing to enjoy my baby?")
    home.store.add_question("HQ-1", "What am I doing to connect with my baby?")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press(*"What am I doing when we laugh together?", "ctrl+s")
        await _settle(app, pilot)
        assert any("Two helping questions are active" in n for n in notices(app))
        assert len(home.store.load("HQ-1").questions) == 2

        await pilot.press("ctrl+o")
        await pilot.press("down", "a")  # the second one is achieved
        await _settle(app, pilot)
        assert home.store.load("HQ-1").questions[1].status is QuestionStatus.ACHIEVED
        listed = app.screen.query_one("#hq-list", OptionList)
        assert "achieved" in str(listed.get_option_at_index(1).prompt)

        await pilot.press("up", "x")
        await _settle(app, pilot)
        await pilot.press("u")  # make the first active again
        await _settle(app, pilot)
    statuses = [q.status for q in home.store.load("HQ-1").questions]
    assert statuses == [QuestionStatus.ACTIVE, QuestionStatus.ACHIEVED]


async def test_editing_a_question_is_stored_when_the_field_is_left(home: Home):
    home.store.create_case("HQ-1", "Amira", "Noor")
    home.store.add_question("HQ-1", "What am I doing well to understand babies queues?")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await pilot.press("ctrl+o", "e")
        edit = app.screen.query_one("#hq-edit", Input)
        assert app.focused is edit
        assert edit.value == "What am I doing well to understand babies queues?"
        edit.value = ""
        await pilot.press(*"What am I doing well to understand my baby's cues?")
        await pilot.press("tab")  # leave the field
        await _settle(app, pilot)
        assert home.store.load("HQ-1").questions[0].text == (
            "What am I doing well to understand my baby's cues?"
        )
        listed = app.screen.query_one("#hq-list", OptionList)
        assert "my baby's cues" in str(listed.get_option_at_index(0).prompt)


async def _questions_ready(pilot) -> None:
    app = pilot.app
    await _open(app, pilot)
    app.screen.query_one(DraftArea).cursor_blink = False
    await pilot.press(*"I want to enjoy him more")
    await _coached(app, pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_helping_questions_snapshot(home: Home, snap_compare, size):
    home.store.create_case("HQ-1", "Amira", "Noor", baby_born_on=date(2026, 8, 1))
    home.store.add_question("HQ-1", "What am I doing to connect with my baby?")
    app = make_app(home, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=_questions_ready)
