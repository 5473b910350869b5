"""Talking to the person at the terminal outside the TUI: asking for a passphrase, showing the
recovery key once.
"""

from __future__ import annotations

import getpass
import shutil
import sys

from vigguide.errors import UnlockError
from vigguide.store.custody import MIN_PASSPHRASE, SetupResult

_WELCOME = "Welcome to vigguide. Your case store is encrypted, and its key needs a safe place.\n"
_NO_KEYRING = (
    "There is no system keyring here (such as GNOME Keyring, KWallet, macOS Keychain or\n"
    "Windows Credential Locker), so a passphrase you choose will protect it.\n\n"
)


def ask_passphrase(choosing: bool) -> str:
    """Ask on the terminal; when choosing a new one (first run), welcome, ask twice and check."""
    return _ask(choosing, intro=_WELCOME + _NO_KEYRING)


def ask_passphrase_again(choosing: bool) -> str:
    """As `ask_passphrase`, for a home that already exists (recovery): no first-run welcome."""
    return _ask(
        choosing, intro="The key of this home needs a safe place on this computer.\n" + _NO_KEYRING
    )


def _ask(choosing: bool, *, intro: str) -> str:
    if not sys.stdin.isatty():
        raise UnlockError(
            "A passphrase is needed and there is no terminal to ask for it.",
            "Set VIGGUIDE_PASSPHRASE for automation, or run vigguide in a terminal.",
        )
    if not choosing:
        return getpass.getpass("vigguide passphrase: ")
    print(
        f"{intro}Choose a passphrase (at least {MIN_PASSPHRASE} characters; a few ordinary words "
        "work well).",
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


def recovery_key_lines(recovery_key: str, *, first_time: bool = True) -> list[str]:
    head = ["vigguide is set up.", ""] if first_time else []
    return [
        "",
        *head,
        "Your recovery key:" if not first_time else "Your recovery key (it is shown now, once):",
        "",
        f"    {recovery_key}",
        "",
        "Write it down or put it in your service's password safe. It is the only way back in",
        "if the keyring or passphrase is lost, and IT can use it to open any vault file.",
    ]


def show_recovery_key(setup: SetupResult, *, confirm: bool = True) -> None:
    """Show the recovery key, wait until the user says it is stored, then clear it from the
    terminal (it is not left on the screen or in the scrollback for the next person to read)."""
    show_key(setup.recovery_key, confirm=confirm, first_time=True)


def show_key(recovery_key: str, *, confirm: bool = True, first_time: bool = False) -> None:
    out = sys.stderr
    lines = recovery_key_lines(recovery_key, first_time=first_time)
    print("\n".join(lines), file=out)
    if not (confirm and sys.stdin.isatty()):
        print("", file=out)
        return
    prompt = "Press Enter when you have stored it... "
    print(prompt, end="", file=out, flush=True)
    input()
    if out.isatty():
        width = max(shutil.get_terminal_size().columns, 1)
        rows = sum(max(1, -(-len(line) // width)) for line in [*lines, prompt])
        # up to the first line shown, clear to the end of the screen, and clear the scrollback
        print(f"\x1b[{rows}F\x1b[J\x1b[3J", end="", file=out, flush=True)
    print(
        "The recovery key has been cleared from the screen. To see it again: "
        "vigguide key show-recovery.\n",
        file=out,
    )
