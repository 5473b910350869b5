"""`vigguide retention`: what is due for deletion under the service's rules, deleting it
(`--apply`), holds (`--hold ITEM --reason TEXT`, `--release ITEM`) and the export register
(`--confirm-deleted EXPORT_ID`). Everything it changes is in the audit trail.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

_EPILOG = (
    "Items are named as listed: film-3, clip-12, still-7 (in the vault) and export-5 (a file "
    "written outside the vault). Held items and media a later cycle still uses are never deleted. "
    "Exports are never deleted by --apply: delete the file, then confirm it with --confirm-deleted "
    "(add --delete-file to have vigguide remove a file still there). The rules are in Settings."
)


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    retention = sub.add_parser(
        "retention",
        help="list films, clips, stills and exports due for deletion; --apply deletes them",
        description="Media kept no longer than the service's retention rules allow.",
        epilog=_EPILOG,
    )
    what = retention.add_mutually_exclusive_group()
    what.add_argument("--apply", action="store_true", help="delete what is due and not held")
    what.add_argument("--hold", metavar="ITEM", help="keep ITEM whatever the rules say")
    what.add_argument("--release", metavar="ITEM", help="take the hold off ITEM")
    what.add_argument(
        "--confirm-deleted", metavar="EXPORT_ID", help="record that an export's file is deleted"
    )
    what.add_argument("--all", action="store_true", help="list everything held, with its date")
    retention.add_argument("--reason", help="why the item is held (with --hold)")
    retention.add_argument(
        "--delete-file",
        action="store_true",
        help="with --confirm-deleted: delete the export's file if it is still there",
    )
    retention.add_argument(
        "--as-of", metavar="DATE", help="count as if today were DATE (YYYY-MM-DD)"
    )
    retention.set_defaults(func=cmd_retention)


def _bad(message: str) -> int:
    print(f"vigguide: {message}", file=sys.stderr)
    return 2


def cmd_retention(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli

    today = date.today()
    if args.as_of:
        try:
            today = date.fromisoformat(args.as_of.strip())
        except ValueError:
            return _bad(f'"{args.as_of}" is not a date: write it as YYYY-MM-DD, e.g. 2027-01-31.')
    if args.hold and not (args.reason or "").strip():
        return _bad('--hold needs --reason: say why it is kept, e.g. --reason "court request".')
    if args.reason and not args.hold:
        return _bad("--reason goes with --hold ITEM.")
    if args.delete_file and not args.confirm_deleted:
        return _bad("--delete-file goes with --confirm-deleted EXPORT_ID.")
    home = open_home_cli(args)
    try:
        return _run(home, args, today)
    finally:
        home.close()


def _run(home, args: argparse.Namespace, today: date) -> int:  # type: ignore[no-untyped-def]
    from vigguide.services import retention as svc

    if args.hold:
        ref = svc.hold(home, args.hold, args.reason)
        print(f"{args.hold.strip().lower()} ({ref}) is on hold: it will not be deleted.")
        return 0
    if args.release:
        ref = svc.release(home, args.release)
        print(f"{args.release.strip().lower()} ({ref}) is released: its rule applies again.")
        return 0
    if args.confirm_deleted:
        print(svc.confirm_deleted(home, args.confirm_deleted, remove_file=args.delete_file))
        return 0
    if args.apply:
        done = svc.apply_due(home, today)
        for entry in done.deleted:
            print(f"deleted: {svc.describe(entry, today)}")
        for entry in done.kept:
            print(f"kept: {svc.describe(entry, today)}")
        for entry in done.exports:
            print(f"to confirm: {svc.describe(entry, today)}")
        print(f"{len(done.deleted)} item(s) deleted, {len(done.kept)} kept,"
              f" {len(done.exports)} export(s) to confirm deleted.")  # fmt: skip
        return 0
    entries = svc.retention_schedule(home)
    if not args.all:
        entries = [e for e in entries if e.due_on is not None and e.due_on <= today]
    for entry in entries:
        print(svc.describe(entry, today))
    due = sum(1 for e in entries if e.due(today))
    if not entries:
        print("Nothing is due for deletion." if not args.all else "Nothing is held.")
    else:
        print(f"{due} item(s) due now. vigguide retention --apply deletes those in the vault.")
    return 0
