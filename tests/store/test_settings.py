"""Typed settings: one set of defaults, each value checked with a plain message before it is stored,
and a bad stored value read as the default rather than stopping vigguide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vigguide.errors import VigGuideError
from vigguide.paths import default_export_dir
from vigguide.store.home import Home
from vigguide.store.settings import Settings, load_settings, parse_keymap, save_setting


def test_a_new_home_has_the_defaults(home: Home):
    settings = load_settings(home.store)
    assert settings == Settings()
    assert settings.player == "auto"
    assert settings.retention_days == 90
    assert settings.idle_lock_minutes == 5
    assert settings.export_folder == default_export_dir()


def test_each_setting_is_stored_typed(home: Home, tmp_path: Path):
    save_setting(home.store, "idle_lock_minutes", " 12 ")
    save_setting(home.store, "retention_days", "30")
    save_setting(home.store, "export_dir", str(tmp_path / "out"))
    settings = save_setting(home.store, "keymap", "overview.consent=k; app.lock=ctrl+k")
    assert settings.idle_lock_minutes == 12
    assert settings.retention_days == 30
    assert settings.export_folder == tmp_path / "out"
    assert dict(settings.keymap) == {"overview.consent": "k", "app.lock": "ctrl+k"}
    # the rows older code reads keep their names and forms
    assert home.store.setting("retention_days_raw") == "30"
    assert home.store.setting("keymap") == "overview.consent=k;app.lock=ctrl+k"


@pytest.mark.parametrize(
    ("name", "typed", "says"),
    [
        ("idle_lock_minutes", "ten", "whole number from 0 to 240"),
        ("idle_lock_minutes", "500", "whole number from 0 to 240"),
        ("retention_days", "a month", "number of days"),
        ("theme", "pink", "one of textual-dark, textual-light"),
        ("keymap", "overview.consent", "is not a key binding"),
        ("colour", "blue", "no setting called colour"),
    ],
)
def test_a_bad_value_is_refused_with_a_plain_message(home: Home, name: str, typed: str, says: str):
    before = load_settings(home.store)
    with pytest.raises(VigGuideError, match=says):
        save_setting(home.store, name, typed)
    assert load_settings(home.store) == before


def test_an_unknown_binding_id_is_named_not_ignored():
    with pytest.raises(VigGuideError, match=re.escape('no key binding called "overview.consnet"')):
        parse_keymap("overview.consnet=k", {"overview.consent", "app.lock"})
    assert parse_keymap("overview.consent=k", {"overview.consent"}) == {"overview.consent": "k"}


def test_a_bad_stored_value_reads_as_the_default(home: Home):
    home.store.set_setting("idle_lock_minutes", "soon")
    home.store.set_setting("retention_days_raw", "")
    settings = load_settings(home.store)
    assert settings.idle_lock_minutes == 5
    assert settings.retention_days == 0  # empty keeps films until deleted by hand, as before
