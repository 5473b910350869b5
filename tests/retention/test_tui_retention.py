"""The due-for-deletion screen from the caseload (d): what is due and why, hold, delete now after
seeing what will go; the caseload's reminder; closing a case shows the dates it schedules."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import DataTable, Input, Static

from tests.retention.helpers import case_with_media
from vigguide.app import make_app
from vigguide.domain import CaseStatus
from vigguide.store.home import Home

LATER = date.today() + timedelta(days=100)


async def _settle(app, pilot) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_due_screen_holds_then_deletes_after_confirmation(home: Home):
    media = case_with_media(home)
    film, clip = f"film-{media['film'][0]}", f"clip-{media['clip'][0]}"
    app = make_app(home, today=LATER)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        assert "1 item due for deletion — press d" in _text(app, "#caseload-reminders")
        await pilot.press("d")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "RetentionScreen"
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        row = table.get_row_at(0)
        assert row[0] == film and row[1] == "RT-1" and row[3] == "now"
        assert row[4] == "90 days after it was imported"

        await pilot.press("h")
        await _settle(app, pilot)
        await pilot.press(*"court request", "enter")
        await _settle(app, pilot)
        assert app.screen.query_one(DataTable).get_row_at(0)[5] == "on hold: court request"
        await pilot.press("delete")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "RetentionScreen"  # refused: no dialog
        assert home.vault.exists(media["film"][1])

        await pilot.press("u")
        await _settle(app, pilot)
        await pilot.press("delete")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "ConfirmDialog"
        body = str(app.screen.query_one("#confirm-body", Static).render())
        assert "RT-1 Cycle 1: film imported" in body and "completely" in body
        await pilot.press("y")
        await _settle(app, pilot)
        assert app.screen.query_one(DataTable).row_count == 0
        await pilot.press("a")
        await _settle(app, pilot)
        keys = [app.screen.query_one(DataTable).get_row_at(i)[0] for i in range(2)]
        assert clip in keys and film not in keys
    assert not home.vault.exists(media["film"][1])
    actions = [e.action for e in home.store.audit_events("RT-1")]
    assert {"retention.hold", "retention.release", "recording.delete"} <= set(actions)


async def test_closing_a_case_shows_the_dates_it_schedules(home: Home):
    case_with_media(home)
    today = date.today()
    app = make_app(home, today=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("overview", "RT-1")
        await _settle(app, pilot)
        await pilot.press("x")
        await _settle(app, pilot)
        body = str(app.screen.query_one("#confirm-body", Static).render())
        assert "Clips (1):" in body and "2 months after the end of involvement" in body
        await pilot.press("y")
        await _settle(app, pilot)
    assert home.store.case("RT-1").status is CaseStatus.CLOSED
    row = home.store.conn.execute("SELECT closed_on FROM cases WHERE ref = 'RT-1'").fetchone()
    assert row[0] == today.isoformat()


async def test_rules_are_edited_in_settings(home: Home):
    app = make_app(home, today=date.today())
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("settings")
        await _settle(app, pilot)
        box = app.screen.query_one("#settings-retention_clip", Input)
        box.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"whenever", "tab")
        await _settle(app, pilot)
        assert "not a retention rule" in _text(app, "#settings-retention_clip-message")
        box.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"6 months after the end", "tab")
        await _settle(app, pilot)
    assert home.store.setting("retention_clip") == "6 months after the end"
