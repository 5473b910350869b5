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
