"""The screens: b on the helping questions asks for her baseline and shows it beside the
question; e on the overview opens the ending review, which refuses plainly with nothing to look
back on, records as typed, and closes the case once confirmed; the shared review's day is
editable, never in the future."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList, TextArea

from tests.ending.cases import REF, film_cycle, open_case, reviewed_case
from tests.tui.media_cases import notices, settle
from vigguide.app import make_app
from vigguide.domain import CaseStatus
from vigguide.store.home import Home

TODAY = date(2026, 11, 24)


def _text(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector).render())


async def test_the_baseline_is_asked_with_b_and_shown_beside_the_question(home: Home):
    question_id = open_case(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("helping_questions", REF)
        await settle(app, pilot)
        await pilot.press("ctrl+o", "b")
        await settle(app, pilot)
        await pilot.press("1", "2", "enter")  # not a rating: the dialog says so and stays
        await pilot.pause()
        assert "0 to 10" in _text(app.screen, "#baseline-error")
        await pilot.press("backspace", "backspace", "4", "enter")
        await settle(app, pilot)
        (question,) = home.store.load(REF).questions
        assert (question.id, question.baseline, question.baseline_on) == (question_id, 4, TODAY)
        shown = str(app.screen.query_one("#hq-list", OptionList).get_option_at_index(0).prompt)
        assert "4/10 at the start" in shown
        assert "Baseline saved: 4 out of 10." in notices(app)


async def test_the_ending_review_refuses_plainly_with_no_shared_review(home: Home):
    open_case(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("overview", REF)
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert "no shared review yet" in _text(app.screen, "#er-status")
        assert app.screen.query_one("#er-reflections", TextArea).disabled
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert any("no shared review yet" in n for n in notices(app, "warning"))
    assert home.store.ending(REF) is None


async def test_the_ending_review_is_recorded_and_the_case_closes(home: Home):
    question_id = reviewed_case(home, ratings=(5, 7), baseline=3)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("overview", REF)
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        screen = app.screen
        assert "at the start 3 · review 1: 5 · review 2: 7" in _text(screen, ".er-question")
        screen.query_one("#er-reflections", TextArea).focus()
        await pilot.press(*"I was so worried")
        screen.query_one(f"#er-final-{question_id}", Input).focus()
        await pilot.press("8")
        screen.query_one("#er-plan", TextArea).focus()
        await pilot.press(*"Watch my clips")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        ending = home.store.ending(REF)
        assert ending is not None
        assert (ending.held_on, ending.reflections, ending.plan_after) == (
            TODAY,
            "I was so worried",
            "Watch my clips",
        )
        assert ending.ratings == {question_id: 8}
        assert home.store.case(REF).status is CaseStatus.OPEN  # not until she confirms
        assert "deletion dates then apply" in _text(app.screen, "#confirm-body")
        await pilot.press("y")  # close the case
        await settle(app, pilot)
        assert home.store.case(REF).status is CaseStatus.CLOSED
        assert home.store.closed_on(REF) is not None
        assert "closed" in _text(app.screen, "#er-status")


async def test_the_shared_review_day_can_be_changed_but_not_to_the_future(home: Home):
    open_case(home)
    recording = film_cycle(home, 1)
    home.store.add_moment(REF, recording, 1.0, 3.0, title="A smile")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("shared_review", REF)
        await settle(app, pilot, rounds=4)
        screen = app.screen
        screen.query_one("#sr-date", Input).focus()
        await pilot.press(*"2/12/2026", "enter")
        await pilot.pause()
        assert "2 Dec 2026 is in the future" in _text(screen, "#sr-date-error")
        screen.query_one("#sr-learned", TextArea).focus()
        await pilot.press(*"Waiting works")
        await pilot.pause(1.0)
        await settle(app, pilot)
        assert home.store.load(REF).cycles[0].review.held_on == TODAY  # the future day is not kept
        day = screen.query_one("#sr-date", Input)
        day.focus()
        day.value = ""
        await pilot.press(*"20/11/2026", "enter")
        await pilot.pause(1.0)
        await settle(app, pilot)
        review = home.store.load(REF).cycles[0].review
        assert (review.held_on, review.learned) == (date(2026, 11, 20), "Waiting works")
        assert _text(screen, "#sr-date-error") == ""
