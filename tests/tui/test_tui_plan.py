"""The filming plan: fields save themselves, a date that cannot be read says what to type, ideas
fit the baby's age and the helping question, the checklist is kept, the reminder is copied."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Input, OptionList, SelectionList, Static

from vigguide.app import make_app
from vigguide.domain import FilmingPlan
from vigguide.store.home import Home

TODAY = date(2026, 11, 24)


async def _settle(app, pilot) -> None:
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def _open(app, pilot) -> None:
    await _settle(app, pilot)
    app.open_screen("filming_plan", "FP-1")
    await _settle(app, pilot)


def _case(home: Home) -> None:
    home.store.create_case("FP-1", "Amira", "Noor", baby_born_on=date(2026, 8, 1))
    home.store.add_question("FP-1", "What am I doing when we play together?")


async def test_typing_the_plan_saves_it_field_by_field(home: Home):
    _case(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        assert app.focused is app.screen.query_one("#plan-when", Input)
        await pilot.press(*"1 Dec 2026", "tab")
        await _settle(app, pilot)
        message = str(app.screen.query_one("#plan-message", Static).render())
        assert "Add the time of the visit" in message and "10:30" in message
        app.screen.query_one("#plan-when", Input).focus()
        await pilot.press("end", *" 10:30", "tab")
        await pilot.press(*"the living room", "tab")
        await pilot.press(*"Play on the mat", "tab")
        await pilot.press(*"Amira and Noor", "tab")
        await pilot.press(*"Turn-taking with sounds", "tab")
        await _settle(app, pilot)
        assert str(app.screen.query_one("#plan-message", Static).render()) == ""
    plan = home.store.load("FP-1").cycles[0].filming_plan
    assert plan == FilmingPlan(
        datetime(2026, 12, 1, 10, 30),
        "the living room",
        "Play on the mat",
        "Amira and Noor",
        "Turn-taking with sounds",
        (),
    )


async def test_ideas_fit_the_age_and_the_question_and_fill_the_activity(home: Home):
    _case(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        assert app.screen.query_one("#plan-theme").value == "play"
        ideas = app.screen.ideas
        assert ideas and all("3-6m" in i.age_bands for i in ideas)  # Noor is 3 months old
        assert all("play" in i.themes for i in ideas)
        await pilot.press("ctrl+g")
        assert app.focused is app.screen.query_one("#plan-ideas", OptionList)
        await pilot.press("enter")
        await pilot.press("tab")
        await _settle(app, pilot)
        assert app.screen.query_one("#plan-activity", Input).value == ideas[0].activity
    plan = home.store.load("FP-1").cycles[0].filming_plan
    assert plan.activity == ideas[0].activity
    assert plan.look_for == ideas[0].chance_to_see


async def test_checklist_ticks_are_kept_and_shown_again(home: Home):
    _case(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        checklist = app.screen.query_one("#plan-checklist", SelectionList)
        checklist.focus()
        await pilot.press("space", "down", "space")
        await _settle(app, pilot)
        await pilot.press("escape")
        await _settle(app, pilot)
        done = home.store.load("FP-1").cycles[0].filming_plan.checklist_done
        assert done == ("consent_filming", "consent_others")
        app.open_screen("filming_plan", "FP-1")
        await _settle(app, pilot)
        checklist = app.screen.query_one("#plan-checklist", SelectionList)
        assert set(checklist.selected) == {"consent_filming", "consent_others"}


async def test_reminder_for_the_family_is_warm_plain_and_copied(home: Home):
    _case(home)
    plan = FilmingPlan(datetime(2026, 12, 1, 10, 30), "at home", "Play on the mat")
    home.store.set_filming_plan("FP-1", plan)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        copied = app.clipboard
        assert copied.startswith("Hello Amira,")
        assert "When: Tuesday 1 December 2026 at 10:30am" in copied
        assert "Where: at home" in copied and "What we will film: Play on the mat" in copied
        assert "Whatever you do is fine." in copied  # the service's checklist, for the parent
        assert copied.rstrip().endswith("Sam")
        # one source: the message says the printed reminder's own sentences
        from vigguide.documents import reminder_words

        assert reminder_words.CHOICE in copied
        assert all(line in copied for line in reminder_words.on_the_day("Noor"))
        shown = str(app.screen.query_one("#plan-reminder", Static).render())
        assert "copied to the clipboard" in shown and "Hello Amira," in shown
    assert home.store.load("FP-1").cycles[0].filming_plan == plan  # nothing changed
