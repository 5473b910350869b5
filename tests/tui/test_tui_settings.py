"""Settings, the practitioner profile, a new case and help: what is typed is stored (as strings
for settings), mistakes are explained in place, and help explains the screen you came from."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Markdown, Static

from tests.tui.media_cases import notices
from vigguide.app import SCREENS, make_app
from vigguide.domain import Practitioner, Role
from vigguide.screens.help import HELP_TEXTS
from vigguide.store.custody import KeyCustody
from vigguide.store.home import Home, open_home

TODAY = date(2026, 11, 24)


async def _settle(app, pilot) -> None:
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def _screen(app, pilot, name: str, *args: str) -> None:
    await _settle(app, pilot)
    app.open_screen(name, *args)
    await _settle(app, pilot)


async def test_settings_are_stored_as_they_change(home: Home):
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _screen(app, pilot, "settings")
        theme = app.screen.query_one("#settings-theme")
        assert theme.value == "textual-dark"
        theme.value = "textual-light"
        await _settle(app, pilot)
        assert app.theme == "textual-light"

        box = app.screen.query_one("#settings-idle_lock_minutes", Input)
        box.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"ten")
        message = str(app.screen.query_one("#settings-idle_lock_minutes-message", Static).render())
        assert "whole number from 0 to 240" in message
        await pilot.press("ctrl+a", "ctrl+k", *"12", "tab")
        await _settle(app, pilot)
        assert app.idle_lock_seconds == 12 * 60

        app.screen.query_one("#settings-player").value = "mpv"
        retention = app.screen.query_one("#settings-retention_days_raw", Input)
        retention.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"30", "tab")
        name = app.screen.query_one("#settings-service_name", Input)
        name.focus()
        await pilot.press(*"Riverside Perinatal Team", "tab")
        logo = app.screen.query_one("#settings-service_logo", Input)
        logo.focus()
        await pilot.press(*"/nowhere/logo.png", "tab")
        await _settle(app, pilot)
        warning = str(app.screen.query_one("#settings-service_logo-message", Static).render())
        assert "no file there yet" in warning
    store = home.store
    assert store.setting("theme") == "textual-light"
    assert store.setting("idle_lock_minutes") == "12"
    assert store.setting("player") == "mpv"
    assert store.setting("retention_days_raw") == "30"
    assert store.setting("service_name") == "Riverside Perinatal Team"
    assert store.setting("service_logo") == "/nowhere/logo.png"


async def test_profile_from_settings_saves_the_role(home: Home):
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _screen(app, pilot, "settings")
        await pilot.press("ctrl+o")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "ProfileScreen"
        assert app.screen.query_one("#profile-name", Input).value == "Sam Guider"
        app.screen.query_one("#profile-trainee").value = True
        await _settle(app, pilot)
        await pilot.press("escape")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "SettingsScreen"
    assert home.store.practitioner() == Practitioner(
        "Sam Guider", Role.TRAINEE, "Riverside Perinatal Team", "Jo Patel"
    )


async def test_first_run_asks_for_the_profile_and_needs_a_name(tmp_path, keyring_backend):
    home_dir = tmp_path / "first"
    with open_home(home_dir, custody=KeyCustody(home_dir, backend=keyring_backend)) as home:
        app = make_app(home, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(app, pilot)
            assert type(app.screen).__name__ == "ProfileScreen"
            await pilot.press("escape")
            assert type(app.screen).__name__ == "ProfileScreen"
            assert "Add your name first" in str(
                app.screen.query_one("#profile-message", Static).render()
            )
            await pilot.press(*"Alex Morgan", "tab")
            await _settle(app, pilot)
            await pilot.press("escape")
            await _settle(app, pilot)
            assert type(app.screen).__name__ == "CaseloadScreen"
        assert home.store.practitioner() == Practitioner("Alex Morgan", Role.QUALIFIED, "", "")


async def test_new_case_explains_a_bad_date_then_opens_the_case(home: Home):
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        await pilot.press("n")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "NewCaseScreen"
        await pilot.press(*"PMH-0423", "enter", *"Amira", "enter", *"Noor", "enter")
        await pilot.press("tab", *"32/8/2026", "enter")
        await _settle(app, pilot)
        message = str(app.screen.query_one("#new-message", Static).render())
        assert "2026-08-01" in message and "day/month/year" in message
        date_box = app.screen.query_one("#new-date", Input)
        date_box.value = ""
        await pilot.press(*"1/8/2026", "enter")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "CaseOverviewScreen"
        assert app.screen.ref == "PMH-0423"
    case = home.store.case("PMH-0423")
    assert (case.parent_name, case.baby_name, case.baby_born_on) == (
        "Amira",
        "Noor",
        date(2026, 8, 1),
    )


async def test_new_case_refuses_a_reference_already_used(home: Home):
    home.store.create_case("PMH-1", "Beth", "Ivy")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _screen(app, pilot, "new_case")
        await pilot.press(*"PMH-1", "enter", *"Cara", "enter", "enter", "tab", "enter")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "NewCaseScreen"
        assert "already a case PMH-1" in str(app.screen.query_one("#new-message", Static).render())
    assert home.store.count_cases() == 1


@pytest.mark.parametrize("name", sorted(n for n in SCREENS if n not in {"help", "caseload"}))
def test_every_screen_has_a_help_page(name: str):
    assert SCREENS[name][1] in HELP_TEXTS


async def test_help_explains_the_screen_you_came_from(home: Home):
    home.store.create_case("HP-1", "Amira", "Noor")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _screen(app, pilot, "consent", "HP-1")
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        source = app.screen.query_one(Markdown).source
        assert source.startswith("# Consent")
        assert "consent.withdraw" in source  # the keys of the screen, with their ids
        assert "Ctrl+P" in source
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ConsentScreen"


async def test_an_unknown_key_binding_id_is_named_not_ignored(home: Home):
    home.store.set_setting("keymap", "overview.consnet=k")  # a typo stored by an older version
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _screen(app, pilot, "settings")
        assert any('no key binding called "overview.consnet"' in n for n in notices(app, "warning"))
        box = app.screen.query_one("#settings-keymap", Input)
        box.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"caseload.nwe=m", "tab")
        await _settle(app, pilot)
        message = str(app.screen.query_one("#settings-keymap-message", Static).render())
        assert 'no key binding called "caseload.nwe"' in message
        assert "nwe" not in home.store.setting("keymap")  # the mistake is not stored
        box.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"caseload.new=m", "tab")
        await _settle(app, pilot)
    assert home.store.setting("keymap") == "caseload.new=m"
