"""The accreditation screen (a on the caseload): the stages as counted and the sessions logged."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.superlog import trainee_history as history
from vigguide.app import make_app
from vigguide.store.home import Home


async def test_a_on_the_caseload_shows_progress_and_sessions(home: Home):
    history.build(home)
    app = make_app(home, today=history.TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("a")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "AccreditationScreen"
        text = str(screen.query_one("#accreditation-progress", Static).render())
        assert "Stage 1: 5 of 6 cycles, 2 of 2 new clients, 5 of 7 hours" in text
        assert "still needs 1 more cycle, 2 more hours of supervision" in text
        assert "cycles per client: ACC-1 3, ACC-2 2" in text
        table = screen.query_one(DataTable)
        assert table.row_count == 5
        assert table.get_row_at(2)[4] == "group"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "CaseloadScreen"


async def _settle(app, pilot, times: int = 3) -> None:
    for _ in range(times):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_n_logs_a_session_checked_as_the_cli_and_delete_removes_one(home: Home):
    import pyrage
    from textual.widgets import Button, Checkbox, Input, Select

    from vigguide.services.accreditation import progress
    from vigguide.store.colleagues import add_colleague

    history.build(home)
    recipient = str(pyrage.x25519.Identity.generate().to_public())
    add_colleague(home.store, "Jo Patel", "supervisor", recipient)
    app = make_app(home, today=history.TODAY)
    async with app.run_test(size=(120, 50)) as pilot:
        await _settle(app, pilot, 2)
        await pilot.press("a")
        await _settle(app, pilot)
        await pilot.press("n")
        await _settle(app, pilot)
        dialog = app.screen
        assert type(dialog).__name__ == "SessionDialog"
        dialog.query_one("#session-hours", Input).value = "20"
        dialog.query_one("#session-ok", Button).press()
        await _settle(app, pilot)
        message = str(dialog.query_one("#session-message", Static).render())
        assert '"20" is not a length of session.' in message
        dialog.query_one("#session-hours", Input).value = "1.5"
        dialog.query_one("#session-on", Input).value = "2026-01-12"
        dialog.query_one("#session-cycles", Input).value = "ACC-1:9"
        dialog.query_one("#session-ok", Button).press()
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "SessionDialog"
        assert "ACC-1" in str(dialog.query_one("#session-message", Static).render())
        dialog.query_one("#session-cycles", Input).value = "ACC-2:4"
        dialog.query_one("#session-colleague", Select).value = "Jo Patel"
        await _settle(app, pilot)
        assert dialog.query_one("#session-supervisor", Input).value == "Jo Patel"
        dialog.query_one("#session-group", Checkbox).value = True
        dialog.query_one("#session-ok", Button).press()
        await _settle(app, pilot)
        screen = app.screen
        assert type(screen).__name__ == "AccreditationScreen"
        table = screen.query_one(DataTable)
        assert table.row_count == 6
        row = table.get_row_at(5)
        assert row[1:] == ["2026-01-12", "1.5", "Jo Patel", "group", "ACC-2:4"]
        table.move_cursor(row=0)
        await pilot.press("delete")
        await _settle(app, pilot)
        await pilot.press("y")
        await _settle(app, pilot)
        assert screen.query_one(DataTable).row_count == 5
    found = progress(home, history.TODAY)
    assert [s.held_on.isoformat() for s in found.sessions][-1] == "2026-01-12"
    assert "2024-12-01" not in [s.held_on.isoformat() for s in found.sessions]
