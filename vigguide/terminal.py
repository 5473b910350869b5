"""Talking to the person at the terminal outside the TUI: asking for a passphrase, showing the
recovery key once.
"""

from __future__ import annotations

import getpass
import sys

from vigguide.errors import UnlockError
from vigguide.store.custody import MIN_PASSPHRASE, SetupResult


def ask_passphrase(choosing: bool) -> str:
    """Ask on the terminal; when choosing a new one, ask twice and check they match."""
    if not sys.stdin.isatty():
        raise UnlockError(
            "A passphrase is needed and there is no terminal to ask for it.",
            "Set VIGGUIDE_PASSPHRASE for automation, or run vigguide in a terminal.",
        )
    if not choosing:
        return getpass.getpass("vigguide passphrase: ")
    print(
        "Welcome to vigguide. Your case store is encrypted, and its key needs a safe place.\n"
        "There is no system keyring here (such as GNOME Keyring, KWallet, macOS Keychain or\n"
        "Windows Credential Locker), so a passphrase you choose will protect it.\n\n"
        f"Choose a passphrase (at least {MIN_PASSPHRASE} characters; a few ordinary words work well).",
        file=sys.stderr,
    )
    for _ in range(3):
        first = getpass.getpass("New passphrase: ")
        if len(first) < MIN_PASSPHRASE:
            print(f"Please use at least {MIN_PASSPHRASE} characters.", file=sys.stderr)
            continue
        if getpass.getpass("Type it again: ") == first:
            return first
        print("The two did not match. Let's try again.", file=sys.stderr)
    raise UnlockError("No passphrase was set.", "Run vigguide again when you are ready.")


def show_recovery_key(setup: SetupResult, *, confirm: bool = True) -> None:
    """Show the recovery key once, and wait until the user says it is stored."""
    out = sys.stderr
    print("", file=out)
    print("vigguide is set up.", file=out)
    print("", file=out)
    print("Your recovery key (shown only this once):", file=out)
    print("", file=out)
    print(f"    {setup.recovery_key}", file=out)
    print("", file=out)
    print(
        "Write it down or put it in your service's password safe. It is the only way back in\n"
        "if the keyring or passphrase is lost, and IT can use it to open any vault file.",
        file=out,
    )
    if confirm and sys.stdin.isatty():
        input("Press Enter when you have stored it... ")
    print("", file=out)
