"""The practitioner profile records the VIG stage and the date it began, as a history the
service report counts cycles under."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, Input, Select, Static

from vigguide.app import make_app
from vigguide.domain.practitioner_stage import StageFrom
from vigguide.store.home import Home
from vigguide.store.service_rows import stage_history

TODAY = date(2026, 11, 24)


async def _settle(app, pilot) -> None:
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_the_profile_records_each_stage_from_its_date(home: Home):
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("settings")
        await _settle(app, pilot)
        await pilot.press("ctrl+o")
        await _settle(app, pilot)
        screen = app.screen
        assert type(screen).__name__ == "ProfileScreen"
        shown = screen.query_one("#profile-stages", Static)
        assert "No stage recorded yet" in str(shown.render())
        since = screen.query_one("#profile-stage-from", Input)
        assert since.value == "2026-11-24"  # today, until changed

        screen.query_one("#profile-stage-record", Button).press()
        await _settle(app, pilot)
        message = str(screen.query_one("#profile-message", Static).render())
        assert "Choose your stage first" in message

        screen.query_one("#profile-stage", Select).value = "trainee stage 2"
        since.value = "1 March"
        screen.query_one("#profile-stage-record", Button).press()
        await _settle(app, pilot)
        message = str(screen.query_one("#profile-message", Static).render())
        assert "is not a date" in message
        assert stage_history(home.store) == ()

        since.value = "2026-03-01"
        screen.query_one("#profile-stage-record", Button).press()
        await _settle(app, pilot)
        screen.query_one("#profile-stage", Select).value = "trainee stage 3"
        since.value = "2026-10-01"
        screen.query_one("#profile-stage-record", Button).press()
        await _settle(app, pilot)
        assert str(shown.render()) == (
            "trainee stage 2 from 2026-03-01; trainee stage 3 from 2026-10-01"
        )
        assert str(screen.query_one("#profile-message", Static).render()) == ""
    assert stage_history(home.store) == (
        StageFrom(date(2026, 3, 1), "trainee stage 2"),
        StageFrom(date(2026, 10, 1), "trainee stage 3"),
    )
