"""`vigguide doctor` and plain messages say what to install on the computer in front of them."""

from __future__ import annotations

import sys

import pytest

from vigguide import doctor
from vigguide.oshints import keyring_hint, os_family, pango_hint, private_home_hint


@pytest.mark.parametrize(
    ("platform", "family", "words"),
    [
        ("linux", "linux", ("apt-get install libpango-1.0-0", "dnf install pango")),
        ("darwin", "macos", ("brew install pango",)),
        ("win32", "windows", ("GTK3 runtime", "WEASYPRINT_DLL_DIRECTORIES")),
    ],
)
def test_pango_is_installed_the_way_each_system_does_it(platform, family, words):
    assert os_family(platform) == family
    for word in words:
        assert word in pango_hint(platform)
    assert "brew" not in pango_hint("win32") and "apt-get" not in pango_hint("darwin")


def test_keyring_and_private_home_hints_name_each_systems_own_tools():
    assert "Keychain" in keyring_hint("darwin")
    assert "Credential Locker" in keyring_hint("win32")
    assert "GNOME Keyring" in keyring_hint("linux")
    assert private_home_hint("/h", "linux") == "Run: chmod 700 '/h'"
    assert "chmod" not in private_home_hint("C:/h", "win32")


def test_doctor_gives_this_systems_fix_when_weasyprint_cannot_load(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # importing it now fails
    check = doctor._weasyprint()
    assert not check.usable
    assert check.fix == pango_hint()
    with pytest.raises(doctor.DocumentError) as raised:
        doctor.require_pdf_engine()
    assert pango_hint() in raised.value.hint
