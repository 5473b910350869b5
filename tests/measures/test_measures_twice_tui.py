"""Bad input on the measures screen, at the smallest terminal (80×24): the same measure twice for
one day is a plain message and changes nothing; the summary and the table still show what was."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Select, Static

from tests.tui.media_cases import notices, settle
from vigguide.app import make_app
from vigguide.domain.measures import score
from vigguide.store.home import Home
from vigguide.store.measures import list_measures, record_measure

TODAY = date(2026, 11, 24)


async def test_the_same_measure_twice_on_one_day_changes_nothing(home: Home) -> None:
    home.store.create_case("MS-3", "Cara", "Fin")
    record_measure(home.store, "MS-3", score("pbq", total=12), TODAY)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_screen("measures", "MS-3")
        await settle(app, pilot)
        summary = str(app.screen.query_one("#measures-summary", Static).render())
        assert "PBQ" in summary and "12" in summary
        await pilot.press("a")
        await settle(app, pilot)
        app.screen.query_one("#measure-kind", Select).value = "pbq"
        await settle(app, pilot)
        day = app.screen.query_one("#measure-date", Input)
        assert day.value == "24 Nov 2026"
        day.value = "24/11/2026"  # typed as other dates in vigguide are
        app.screen.query_one("#measure-total", Input).value = "40"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert any("already has a PBQ on" in n for n in notices(app))
        assert app.screen.query_one("#measures-table", DataTable).row_count == 1
    assert [(m.kind, m.total) for m in list_measures(home.store, "MS-3")] == [("pbq", 12)]
