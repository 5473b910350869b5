"""`vigguide key …` (custody and the recovery key: unlock a home with it, see it again, give IT the
vault's age identity; this home's recipient for colleagues) and `vigguide colleague …` (the
address book of colleagues' recipients)."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    key = sub.add_parser("key", help="key custody and recovery; this home's recipient")
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
    recipient = key_sub.add_parser(
        "recipient",
        help="print this home's age recipient (age1…) for colleagues to send packs to",
        description="Colleagues add this to their address book to send you supervision packs or"
        " feedback. It is not the vault's key: it opens only packs made for you.",
    )
    recipient.set_defaults(func=cmd_key_recipient)

    colleague = sub.add_parser("colleague", help="the address book of colleagues' recipients")
    col_sub = colleague.add_subparsers(metavar="ACTION", required=True)
    add = col_sub.add_parser("add", help="add a colleague (entered once)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", default="", help="for example: supervisor, guider, trainee")
    add.add_argument("--recipient", required=True, help="what vigguide key recipient printed there")
    add.set_defaults(func=cmd_colleague_add)
    listing = col_sub.add_parser("list", help="the colleagues in the address book")
    listing.set_defaults(func=cmd_colleague_list)
    remove = col_sub.add_parser("remove", help="remove a colleague")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(func=cmd_colleague_remove)


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


def cmd_key_recipient(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli

    home = open_home_cli(args)
    try:
        assert home.colleague is not None
        print(home.colleague.recipient)
    finally:
        home.close()
    return 0


def cmd_colleague_add(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.store.colleagues import add_colleague, check_recipient

    check_recipient(args.recipient)  # bad input is refused before the home is opened
    home = open_home_cli(args)
    try:
        added = add_colleague(home.store, args.name, args.role, args.recipient)
    finally:
        home.close()
    print(f"Added {added.name}{f' ({added.role})' if added.role else ''} to the address book.")
    return 0


def cmd_colleague_list(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.store.colleagues import colleagues

    home = open_home_cli(args)
    try:
        found = colleagues(home.store)
    finally:
        home.close()
    if not found:
        print("No colleagues yet: vigguide colleague add NAME --role ROLE --recipient age1….")
    for known in found:
        print(f"{known.name}\t{known.role or '-'}\t{known.recipient}")
    return 0


def cmd_colleague_remove(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.store.colleagues import remove_colleague

    home = open_home_cli(args)
    try:
        remove_colleague(home.store, args.name)
    finally:
        home.close()
    print(f"Removed {args.name} from the address book.")
    return 0
