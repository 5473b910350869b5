"""`vigguide restore DIR`: a backup made by `vigguide backup` becomes a home again, on this or a
new machine, with the recovery key only.

Nothing is touched until the manifest's MAC has been checked with the recovery key and every file
is found at its size; the files are then copied into a hidden folder beside the new home, each
hash and the database snapshot checked there, and only a backup that passes every check is moved
into place. An existing home is never overwritten.
"""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vigguide.store.backup_files import (
    BackupError,
    copy_file,
    ensure_dirs,
    is_inside,
    safe_relpath,
)
from vigguide.store.backup_manifest import (
    FractionProgress,
    check_entry,
    check_snapshot,
    load_manifest,
)
from vigguide.store.custody import KEY_FILE, KeyCustody, PassphraseProvider
from vigguide.store.db import DB_FILE
from vigguide.store.files import disk_error
from vigguide.store.home import open_home
from vigguide.store.keys import RootSecret
from vigguide.store.migrations import MIGRATIONS


@dataclass(frozen=True)
class RestoreResult:
    home: Path
    files: int  # vault files restored
    total_bytes: int
    cases: int
    backup_made_at: str
    custody_note: str


def _check_target(target: Path, folder: Path) -> None:
    if is_inside(target, folder) or is_inside(folder, target):
        raise BackupError(
            "The new home and the backup cannot be inside one another.",
            "Choose a folder for the new home outside the backup folder.",
        )
    if not target.exists() and not target.is_symlink():
        return
    if target.is_symlink() or not target.is_dir():
        raise BackupError(f"{target} is a file or a link.", "Choose a new folder for the home.")
    if (target / KEY_FILE).exists() or (target / DB_FILE).exists():
        raise BackupError(
            f"There is already a vigguide home at {target}; a restore never overwrites one.",
            "Restore into a new folder (vigguide restore DIR --home NEWFOLDER), or move that "
            "home away first.",
        )
    if any(target.iterdir()):
        raise BackupError(
            f"{target} is not empty; a restore needs an empty or a new folder.",
            "Restore into a new folder: vigguide restore DIR --home NEWFOLDER.",
        )


def _destination(entry_path: str) -> Path | None:
    """Where a manifest file goes in the new home (None: not restored, such as the old key)."""
    rel = safe_relpath(entry_path)
    if rel.parts[0] == "vault" and len(rel.parts) == 3:
        return rel
    if rel.parts[0] == "home" and len(rel.parts) > 1:
        inner = Path(*rel.parts[1:])
        return None if inner.as_posix() == KEY_FILE else inner
    raise BackupError(
        f"The backup's manifest names a file it should not ({entry_path[:80]!r}).",
        "Do not restore from this folder; make a new backup.",
    )


def restore_backup(
    folder: Path,
    target: Path,
    recovery_key: str,
    *,
    custody: KeyCustody | None = None,
    passphrase: PassphraseProvider | None = None,
    progress: FractionProgress | None = None,
) -> RestoreResult:
    """Restore the backup in `folder` as a new home at `target`; audited as `backup.restore`."""
    try:
        return _restore(folder, target, recovery_key, custody, passphrase, progress)
    except OSError as exc:  # a folder that cannot be listed or created, a drive pulled out
        raise disk_error(exc, Path(os.path.abspath(target)) / DB_FILE) from exc


def _restore(
    folder: Path,
    target: Path,
    recovery_key: str,
    custody: KeyCustody | None,
    passphrase: PassphraseProvider | None,
    progress: FractionProgress | None,
) -> RestoreResult:
    root = RootSecret.from_recovery_key(recovery_key)
    folder = Path(os.path.abspath(folder.expanduser()))
    target = Path(os.path.abspath(target.expanduser()))
    _check_target(target, folder)
    manifest = load_manifest(folder, root)
    if int(manifest["schema_version"]) > len(MIGRATIONS):
        raise BackupError(
            "This backup was made by a newer vigguide.",
            "Update vigguide (pip install --upgrade vigguide) and restore again.",
        )
    entries: list[dict[str, Any]] = [manifest["database"], *manifest["files"]]
    problems = []
    for entry in entries:
        rel = safe_relpath(entry["path"])
        problem = check_entry(folder / rel, entry["size"], "", False, lambda _n: None)
        if problem:
            problems.append(f"{rel.as_posix()} {problem}.")
    if problems:
        raise _not_restored(folder, problems)

    total = sum(int(e["size"]) for e in entries)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None and total:
            progress(min(1.0, done / total))

    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{target.name}.restoring-*"):  # a restore killed before
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
    staging = ensure_dirs(target.parent, Path(f".{target.name}.restoring-{secrets.token_hex(4)}"))
    try:
        files = _copy_all(folder, staging, manifest, root, tick)
        if target.exists():
            target.rmdir()  # checked empty above
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        custody = custody or KeyCustody(target, passphrase=passphrase)
        note = custody.store(root, home_id=str(manifest.get("home_id") or "") or None)
        with open_home(target, custody=custody, create=False) as home:
            cases = home.store.count_cases(status=None)
            with home.store.action("backup.restore", detail={"files": files, "cases": cases}):
                pass
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)  # made by us a moment ago: nothing half-kept
        raise
    return RestoreResult(target, files, total, cases, str(manifest.get("created_at", "")), note)


def _copy_all(
    folder: Path, staging: Path, manifest: dict[str, Any], root: RootSecret, tick: Any
) -> int:
    """Copy and check every file into `staging`; raise with every problem found."""
    problems: list[str] = []
    db = manifest["database"]
    _, digest = copy_file(folder / safe_relpath(str(db["path"])), staging / DB_FILE, tick)
    if digest != db["sha256"]:
        problems.append(f"{db['path']} was altered (its contents do not match the manifest).")
    files = 0
    for entry in manifest["files"]:
        dest = _destination(str(entry["path"]))
        if dest is None:
            continue
        ensure_dirs(staging, dest.parent)
        size, digest = copy_file(folder / safe_relpath(str(entry["path"])), staging / dest, tick)
        if (size, digest) != (int(entry["size"]), entry["sha256"]):
            problems.append(
                f"{entry['path']} was altered (its contents do not match the manifest)."
            )
        files += dest.parts[0] == "vault"
    if not problems:
        snap_problems, version = check_snapshot(staging / DB_FILE, root)
        problems += snap_problems
        if version is not None and version != manifest["schema_version"]:
            problems.append("The database snapshot is not the one the manifest names.")
    if problems:
        raise _not_restored(folder, problems)
    return files


def _not_restored(folder: Path, problems: list[str]) -> BackupError:
    listed = "\n  ".join(problems)
    return BackupError(
        f"The backup in {folder} did not pass its check, so nothing was restored:",
        f"{listed}\n  Use another copy of the backup, or make a new one from the home.",
    )
