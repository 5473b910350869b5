"""The caseload screen: open cases with the step each is at; search narrows the list."""

from __future__ import annotations

import time
from datetime import date

import pytest
from textual.widgets import DataTable, Static

from tests.tui.media_cases import notices
from vigguide.app import make_app
from vigguide.domain import ConsentScope
from vigguide.store.home import Home

TODAY = date(2026, 11, 24)


def _cases(home: Home) -> None:
    home.store.create_case("CL-1", "Amira", "Noor", baby_born_on=date(2026, 8, 1))
    home.store.add_question("CL-1", "What am I doing to enjoy my baby?")
    home.store.set_consent("CL-1", ConsentScope.FILMING, date(2026, 10, 1))
    home.store.create_case("CL-2", "Beth", "Ivy", baby_due_on=date(2027, 1, 10))
    home.store.create_case("CL-3", "Cara", "Finn", baby_born_on=date(2026, 11, 1))
    home.store.update_case(
        "CL-3", status=__import__("vigguide.domain", fromlist=["CaseStatus"]).CaseStatus.CLOSED
    )


async def test_caseload_lists_open_cases_with_their_step(home: Home):
    _cases(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = {table.get_row_at(i)[0]: table.get_row_at(i) for i in range(table.row_count)}
        assert set(rows) == {"CL-1", "CL-2"}
        assert rows["CL-1"][3] == "3 months"
        assert rows["CL-1"][5] == "Filming plan"
        assert rows["CL-2"][3] == "due 10 Jan 2027"  # one wording with the overview
        assert rows["CL-2"][5] == "Helping questions"
        assert "2 open cases" in str(app.screen.query_one("#caseload-summary", Static).render())

        await pilot.press("slash")
        await pilot.press(*"Beth")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 1 and table.get_row_at(0)[0] == "CL-2"


async def test_closed_cases_on_request(home: Home):
    _cases(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3


async def test_theme_choice_is_remembered(home: Home):
    app = make_app(home, today=TODAY)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
    assert home.store.setting("theme") == "textual-light"


async def test_idle_lock_hides_everything_until_the_passphrase(tmp_path, passphrase_env):
    from vigguide.store.home import open_home

    with open_home(tmp_path / "h") as home:
        from vigguide.domain import Practitioner

        home.store.set_practitioner(Practitioner("Sam Guider"))
        home.store.create_case("LK-1", "Zelda-Private", "Noor")
        app = make_app(home, today=TODAY, idle_lock_minutes=5)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "Zelda" in app.export_screenshot()
            app.check_idle_lock(now=time.monotonic() + 10 * 60)  # ten idle minutes pass
            await pilot.pause()
            assert app.locked
            assert type(app.screen).__name__ == "LockScreen"
            assert "Zelda" not in app.export_screenshot()
            await pilot.press("escape")
            assert type(app.screen).__name__ == "LockScreen"
            await pilot.press(*"wrong passphrase", "enter")
            message = app.screen.query_one("#lock-message")
            for _ in range(400):  # the passphrase is checked (Argon2) in a worker
                await pilot.pause(0.025)
                if "does not unlock" in str(message.render()):
                    break
            assert "does not unlock" in str(message.render())
            await pilot.press(*"a passphrase only tests use", "enter")
            for _ in range(400):
                await pilot.pause(0.025)
                if not app.locked:
                    break
            assert not app.locked
            assert type(app.screen).__name__ == "CaseloadScreen"


async def test_an_expected_failure_in_a_screen_worker_is_a_plain_notification(
    home: Home, monkeypatch
):
    from vigguide.errors import StoreError

    def broken(**_kwargs):
        raise StoreError("The case store could not be read just now.", "Try again in a moment.")

    monkeypatch.setattr(home.store, "caseload", broken)
    app = make_app(home, today=TODAY)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = notices(app)
        assert any("could not be read just now" in m for m in messages)
        assert "Traceback" not in app.export_screenshot()


async def test_a_long_caseload_pages_in_from_the_database(home: Home, monkeypatch):
    import vigguide.screens.caseload as caseload

    monkeypatch.setattr(caseload, "PAGE", 5)
    for i in range(12):
        home.store.create_case(f"PG-{i:02d}", f"Parent {i}", "Baby")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        assert "5 of 12 open cases" in str(
            app.screen.query_one("#caseload-summary", Static).render()
        )
        for _ in range(11):
            await pilot.press("down")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert table.row_count == 12
        refs = [table.get_row_at(i)[0] for i in range(12)]
        assert len(set(refs)) == 12
        assert "12 open cases" in str(app.screen.query_one("#caseload-summary", Static).render())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_caseload_snapshot(home: Home, snap_compare, size):
    _cases(home)

    async def ready(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(home, today=TODAY), terminal_size=size, run_before=ready)
