"""`vigguide key …`: the recovery key — unlock a home with it, see it again, or give IT the vault's
age identity."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    key = sub.add_parser("key", help="key custody and recovery")
    key_sub = key.add_subparsers(metavar="ACTION", required=True)
    recover = key_sub.add_parser("recover", help="unlock this home with its recovery key")
    recover.set_defaults(func=cmd_key_recover)
    show = key_sub.add_parser(
        "show-recovery",
        help="show this home's recovery key again (after unlocking it; recorded in the audit trail)",
    )
    show.set_defaults(func=cmd_key_show_recovery)
    identity = key_sub.add_parser(
        "age-identity",
        help="print the age identity for a recovery key (for IT to open vault files)",
    )
    identity.set_defaults(func=cmd_key_identity)


def cmd_key_recover(args: argparse.Namespace) -> int:
    from vigguide.cli import _read_secret, home_path
    from vigguide.store.home import recover_home
    from vigguide.terminal import ask_passphrase_again

    key = _read_secret("Recovery key: ")
    note = recover_home(home_path(args), key, passphrase=ask_passphrase_again)
    print(f"The home is unlocked again. {note}")
    return 0


def cmd_key_show_recovery(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.terminal import show_key

    home = open_home_cli(args)
    try:
        key = home.show_recovery_key()
    finally:
        home.close()
    show_key(key)
    return 0


def cmd_key_identity(args: argparse.Namespace) -> int:
    from vigguide.cli import _read_secret
    from vigguide.store.keys import RootSecret

    root = RootSecret.from_recovery_key(_read_secret("Recovery key: "))
    print(root.age_identity())
    return 0
