"""The case overview: the header, the timeline at the right step, blockers with their fix,
starting a new cycle only when allowed, closing and reopening with confirmation."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import OptionList, Static

from tests.tui.media_cases import notices
from vigguide.app import make_app
from vigguide.domain import CaseStatus, ConsentScope, FilmingPlan, SharedReview
from vigguide.store.home import Home

TODAY = date(2026, 11, 24)


def _case(home: Home) -> None:
    home.store.create_case("OV-1", "Amira", "Noor", baby_born_on=date(2026, 8, 1))
    home.store.add_question("OV-1", "What am I doing to enjoy my baby?")
    home.store.set_consent("OV-1", ConsentScope.SHARED_REVIEW, date(2026, 10, 1))


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _open(app, pilot, ref: str = "OV-1") -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.open_screen("overview", ref)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_overview_shows_the_family_the_step_and_what_blocks(home: Home):
    _case(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        header = _text(app, "#overview-header")
        assert "Case OV-1" in header
        assert "Amira" in header and "Noor, 3 months" in header
        assert "Sam Guider" in header
        timeline = app.screen.query_one("#overview-timeline", OptionList)
        assert timeline.highlighted == 1  # filming plan is the step this case is at
        current = str(timeline.get_option_at_index(1).prompt)
        assert "▶" in current and "Filming plan" in current
        done = str(timeline.get_option_at_index(0).prompt)
        assert "✓" in done and "What am I doing to enjoy my baby?" in done
        recording = str(timeline.get_option_at_index(2).prompt)
        assert "No consent to film yet" in recording
        blocked = _text(app, "#overview-blocked")
        assert "No consent to film yet" in blocked
        assert "Record consent: filming at home" in blocked
        assert "Next: Plan the filming (a date and an everyday activity)" in _text(
            app, "#overview-next"
        )


async def test_enter_opens_the_highlighted_step_and_return_refreshes(home: Home):
    _case(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpingQuestionsScreen"
        home.store.set_consent("OV-1", ConsentScope.FILMING, date(2026, 11, 20))
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "CaseOverviewScreen"
        assert "No consent to film yet" not in _text(app, "#overview-blocked")
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConsentScreen"


async def test_new_cycle_is_refused_until_the_cycle_is_reviewed(home: Home):
    _case(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "CaseOverviewScreen"
        assert any("no shared review yet" in n for n in notices(app))
    assert len(home.store.load("OV-1").cycles) == 1


async def test_new_cycle_after_a_review_asks_then_starts(home: Home):
    _case(home)
    qid = home.store.load("OV-1").questions[0].id
    home.store.set_filming_plan("OV-1", FilmingPlan(datetime(2026, 11, 1, 10), activity="Play"))
    home.store.save_review("OV-1", SharedReview(held_on=date(2026, 11, 20), ratings={qid: 6}))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("escape")
        await pilot.pause()
        assert len(home.store.load("OV-1").cycles) == 1
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Cycle 2 of 2" in _text(app, "#overview-cycles")
    assert [c.number for c in home.store.load("OV-1").cycles] == [1, 2]


async def test_close_and_reopen_with_confirmation(home: Home):
    _case(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert home.store.case("OV-1").status is CaseStatus.CLOSED
        assert "CLOSED" in _text(app, "#overview-header")
        assert "case is closed" in _text(app, "#overview-blocked")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert home.store.case("OV-1").status is CaseStatus.OPEN


async def _overview_ready(pilot) -> None:
    app = pilot.app
    await _open(app, pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_overview_snapshot(home: Home, snap_compare, size):
    _case(home)
    home.store.set_filming_plan(
        "OV-1", FilmingPlan(datetime(2026, 12, 1, 10, 30), place="at home", activity="Play")
    )
    assert snap_compare(make_app(home, today=TODAY), terminal_size=size, run_before=_overview_ready)
