"""The measures screen: opened with u from the case overview, a PHQ-9 answered item by item, the
risk procedure shown at once for a risk answer, and nothing stored until it is acknowledged."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, RadioButton, RadioSet, Static

from tests.tui.media_cases import notices
from vigguide.app import make_app
from vigguide.domain.measures import score
from vigguide.store.home import Home
from vigguide.store.measures import list_measures, record_measure
from vigguide.store.settings import save_setting
from vigguide.widgets.risk_dialog import RiskDialog

TODAY = date(2026, 11, 24)
OWN = "Phone the duty worker on 01632 960 555 today, then complete the risk screen."


async def _settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _answer(app, item: int, index: int) -> None:  # type: ignore[no-untyped-def]
    radio_set = app.screen.query_one(f"#measure-item-{item}", RadioSet)
    list(radio_set.query(RadioButton))[index].value = True


async def test_adding_a_phq9_with_a_risk_answer(home: Home) -> None:
    home.store.create_case("MS-1", "Amira", "Noor", baby_born_on=date(2026, 8, 1))
    save_setting(home.store, "risk_procedure", OWN)
    record_measure(home.store, "MS-1", score("phq9", [3, 3, 2, 2, 2, 2, 2, 2, 0]), date(2026, 9, 1))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("overview", "MS-1")
        await _settle(app, pilot)
        await pilot.press("u")
        await _settle(app, pilot)
        summary = str(app.screen.query_one("#measures-summary", Static).render())
        assert "PHQ-9" in summary and "18 moderately severe" in summary
        assert app.screen.query_one("#measures-table", DataTable).row_count == 1

        await pilot.press("a")
        await _settle(app, pilot)
        assert app.screen.query_one("#measure-date", Input).value == "2026-11-24"
        for item, index in enumerate([1, 1, 0, 1, 1, 0, 0, 0], start=1):
            _answer(app, item, index)
        await pilot.pause()
        assert not isinstance(app.screen, RiskDialog)
        # item 9 by keyboard: "several days"
        app.screen.query_one("#measure-item-9", RadioSet).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        # at once, before any save: the service's own procedure
        assert isinstance(app.screen, RiskDialog)
        assert OWN in str(app.screen.query_one("#risk-procedure", Static).render())
        assert "PHQ-9 item 9" in str(app.screen.query_one("#risk-answer", Static).render())
        assert [m.total for m in list_measures(home.store, "MS-1")] == [18]

        # going back to the answers and saving brings it up again; nothing is stored
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RiskDialog)
        assert [m.total for m in list_measures(home.store, "MS-1")] == [18]

        await pilot.click("#risk-ack")  # acknowledged: saved straight away
        await _settle(app, pilot)
        stored = list_measures(home.store, "MS-1")
        assert [(m.taken_on, m.total, m.risk) for m in stored][-1] == (TODAY, 5, True)
        assert any("PHQ-9 on 24 Nov 2026: 5 (mild) — saved." in n for n in notices(app))
        table = app.screen.query_one("#measures-table", DataTable)
        assert table.row_count == 2
        assert "RISK ANSWER" in [str(c) for c in table.get_row_at(1)]
        assert "18 → 5 mild" in str(app.screen.query_one("#measures-summary", Static).render())


async def test_an_epds_total_out_of_range_is_a_plain_message(home: Home) -> None:
    home.store.create_case("MS-2", "Beth", "Ivy")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("measures", "MS-2")
        await _settle(app, pilot)
        assert "No measures recorded yet" in str(
            app.screen.query_one("#measures-summary", Static).render()
        )
        await pilot.press("a")
        await _settle(app, pilot)
        from textual.widgets import Select

        app.screen.query_one("#measure-kind", Select).value = "epds"
        await _settle(app, pilot)
        app.screen.query_one("#measure-total", Input).value = "34"
        app.screen.query_one("#measure-item10", Input).value = "0"
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert any("EPDS total must be a whole number from 0 to 30" in n for n in notices(app))
        assert list_measures(home.store, "MS-2") == []
        app.screen.query_one("#measure-total", Input).value = "11"
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert [(m.kind, m.total, m.band) for m in list_measures(home.store, "MS-2")] == [
            ("epds", 11, "possible depression")
        ]


async def test_epds_item_10_typed_shows_the_procedure_at_once_and_delete_asks_first(
    home: Home,
) -> None:
    from textual.widgets import Select

    home.store.create_case("MS-3", "Cara", "Ola")
    record_measure(home.store, "MS-3", score("pbq", total=21), date(2026, 9, 1))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("measures", "MS-3")
        await _settle(app, pilot)
        await pilot.press("a")
        await _settle(app, pilot)
        app.screen.query_one("#measure-kind", Select).value = "epds"
        await _settle(app, pilot)
        app.screen.query_one("#measure-total", Input).value = "14"
        app.screen.query_one("#measure-item10", Input).focus()
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, RiskDialog)
        assert "EPDS item 10" in str(app.screen.query_one("#risk-answer", Static).render())
        await pilot.click("#risk-ack")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert [(m.kind, m.total, m.item10, m.risk) for m in list_measures(home.store, "MS-3")] == [
            ("pbq", 21, None, False),
            ("epds", 14, 2, True),
        ]
        # delete the first row (the PBQ), after saying yes
        table = app.screen.query_one("#measures-table", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await _settle(app, pilot)
        assert [m.kind for m in list_measures(home.store, "MS-3")] == ["epds"]
        assert any("PBQ of 1 Sep 2026 deleted." in n for n in notices(app))
