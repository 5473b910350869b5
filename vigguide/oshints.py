"""What to install or do on this kind of computer (Linux, macOS, Windows): the one place the fixes
that differ by operating system are worded, for `vigguide doctor` and for plain error messages.
"""

from __future__ import annotations

import sys


def os_family(platform: str | None = None) -> str:
    """ "windows", "macos" or "linux" (any other Unix is treated as Linux)."""
    platform = sys.platform if platform is None else platform
    if platform.startswith("win"):
        return "windows"
    if platform == "darwin":
        return "macos"
    return "linux"


_PANGO = {
    "linux": "Install Pango (Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
    "libharfbuzz-subset0; "
    "Fedora: sudo dnf install pango).",
    "macos": "Install Pango with Homebrew: brew install pango, then open a new terminal (with a "
    "Python not from Homebrew, also export DYLD_FALLBACK_LIBRARY_PATH=/opt/homebrew/lib).",
    "windows": "Install the GTK3 runtime, which includes Pango (GTK-for-Windows-Runtime-"
    "Environment-Installer, from its GitHub releases page), then open a new terminal. If it is "
    "still not found, set WEASYPRINT_DLL_DIRECTORIES to the GTK3 bin folder "
    "(e.g. C:\\Program Files\\GTK3-Runtime Win64\\bin).",
}

_KEYRING = {
    "linux": "For keyring custody, run inside a desktop session with GNOME Keyring or KWallet.",
    "macos": "The macOS Keychain is used when you are logged in at the Mac itself (not over ssh).",
    "windows": "Windows Credential Locker is used when you are logged in to Windows (not over ssh).",
}

_PLAYER = {
    "linux": "Run vigguide on the laptop's own screen (not over ssh) for pictures with sound.",
    "macos": "Run vigguide in Terminal on the Mac's own screen (not over ssh) for pictures with "
    "sound.",
    "windows": "Run vigguide in Windows Terminal on the laptop's own screen (not over remote "
    "desktop) for pictures with sound.",
}

_PRIVATE_HOME = {
    "linux": "Run: chmod 700 '{home}'",
    "macos": "Run: chmod 700 '{home}'",
    "windows": "Keep the home in your own user folder, where only you can read it.",
}


def pango_hint(platform: str | None = None) -> str:
    return _PANGO[os_family(platform)]


def keyring_hint(platform: str | None = None) -> str:
    return _KEYRING[os_family(platform)]


def player_hint(platform: str | None = None) -> str:
    return _PLAYER[os_family(platform)]


def private_home_hint(home: object, platform: str | None = None) -> str:
    return _PRIVATE_HOME[os_family(platform)].format(home=home)
