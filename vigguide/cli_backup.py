"""The `vigguide backup` and `vigguide restore` commands (the CLI side of vigguide.store.backup)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = sub.add_parser(
        "backup", help="copy the whole home, encrypted, into a folder (USB stick, shared drive)"
    )
    backup.add_argument("folder", metavar="DIR", type=Path)
    backup.add_argument(
        "--verify", action="store_true", help="check the backup in DIR (reads every file)"
    )
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="make a home from a backup, with the recovery key")
    restore.add_argument("folder", metavar="DIR", type=Path)
    restore.add_argument(
        "--home",
        dest="restore_home",
        type=Path,
        help="the folder of the restored home (default: VIGGUIDE_HOME or your data folder)",
    )
    restore.set_defaults(func=cmd_restore)


def _progress(label: str):  # type: ignore[no-untyped-def]
    from vigguide.cli import _stderr_progress

    return _stderr_progress(label) if sys.stderr.isatty() else None


def cmd_backup(args: argparse.Namespace) -> int:
    from vigguide.cli import home_path
    from vigguide.store.backup import RememberingCustody, create_backup
    from vigguide.store.home import open_home
    from vigguide.terminal import ask_passphrase

    path = home_path(args)
    custody = RememberingCustody(path, passphrase=ask_passphrase)
    if args.verify:
        return _verify(args.folder, custody)
    if not custody.exists():
        from vigguide.store.backup_files import BackupError

        raise BackupError(f"There is no vigguide home at {path}.", "Check the --home folder.")
    home = open_home(path, custody=custody, create=False)
    progress = _progress("Backing up")
    try:
        result = create_backup(home, custody.unlock(), args.folder, progress)
    finally:
        home.close()
        if progress:
            print(file=sys.stderr)
    print(
        f"Backed up to {result.folder}: the case store (checked) and {result.files} vault "
        f"file(s), {result.copied} of them copied now ({result.copied_bytes / 1e6:,.1f} MB)."
    )
    if result.removed:
        print(f"{result.removed} file(s) deleted from the home were taken out of the backup.")
    if result.missing:
        print(
            f"Warning: {result.missing} vault file(s) the case store names are missing from the "
            "home and could not be backed up. Run vigguide check.",
            file=sys.stderr,
        )
    where = (
        "stays in the system keyring"
        if result.custody == "keyring"
        else "is in it only wrapped by your passphrase"
    )
    print(
        f"The key {where}: to restore on another computer you need your recovery key "
        "(vigguide restore DIR)."
    )
    return 0


def check_backup_folder(args: argparse.Namespace, folder: Path) -> int:
    """`vigguide check --backup DIR`: the same as `vigguide backup DIR --verify`."""
    from vigguide.cli import home_path
    from vigguide.store.backup import RememberingCustody
    from vigguide.terminal import ask_passphrase

    return _verify(folder, RememberingCustody(home_path(args), passphrase=ask_passphrase))


def _verify(folder: Path, custody) -> int:  # type: ignore[no-untyped-def]
    from vigguide.store.backup_manifest import is_backup_folder, load_manifest, verify_backup
    from vigguide.store.keys import RootSecret

    if custody.exists():
        root = custody.unlock()
    else:  # no home here: the recovery key opens the backup
        from vigguide.cli import _read_secret

        root = RootSecret.from_recovery_key(_read_secret("Recovery key: "))
    if not is_backup_folder(folder):
        load_manifest(folder, root)  # raises the plain message: no folder, unfinished, not ours
    progress = _progress("Checking")
    problems = verify_backup(folder, root, read_data=True, progress=progress)
    if progress:
        print(file=sys.stderr)
    if problems:
        for problem in problems:
            print(f"problem: {problem}")
        return 1
    print(f"The backup in {folder} is complete: every file is there and unaltered.")
    return 0


def _when(iso: str) -> str:
    from datetime import datetime

    try:
        return f"{datetime.fromisoformat(iso):%d %b %Y %H:%M} UTC"
    except ValueError:
        return iso


def cmd_restore(args: argparse.Namespace) -> int:
    from vigguide.cli import _read_secret, home_path
    from vigguide.store.restore import restore_backup
    from vigguide.terminal import ask_passphrase

    target = args.restore_home or home_path(args)
    key = _read_secret("Recovery key: ")
    progress = _progress("Restoring")
    try:
        result = restore_backup(
            args.folder, target, key, passphrase=ask_passphrase, progress=progress
        )
    finally:
        if progress:
            print(file=sys.stderr)
    print(
        f"Restored the backup of {_when(result.backup_made_at)} into {result.home}: "
        f"{result.cases} case(s), {result.files} vault file(s). {result.custody_note}"
    )
    print(f"Open it with: vigguide --home {result.home}")
    return 0
