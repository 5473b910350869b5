"""`vigguide backup DIR`: an encrypted, verifiable, incremental copy of a home in a folder of its
own (a USB stick, the service's share).

What a backup folder holds:

- `db/snapshot-….db` — a consistent snapshot of the case store, taken with the home locked and
  still encrypted by SQLCipher under the same key; it is checked (it opens, SQLCipher's page
  check and SQLite's integrity check pass) before it is put in the backup. Only the newest good
  snapshot is kept: a case or film deleted in the home (retention, withdrawn consent) leaves the
  backup at the next backup instead of living on in older generations.
- `vault/xx/<id>.age` — the vault files the case store still names (never a film already deleted,
  never a leftover no row names). They never change, so a file already in the backup with the
  size and hash its signed manifest records is not copied again.
- `home/key.json` — the key file. With a system keyring it holds no key at all, and with a
  passphrase it holds the key wrapped by it; either way a restore asks for the recovery key.
- `vigguide-backup.json` — the signed manifest (see backup_manifest), written last.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3  # type: ignore[import-untyped]

from vigguide.__about__ import __version__
from vigguide.errors import DiskFullError
from vigguide.store.audit import HEAD_FILE
from vigguide.store.backup_files import (
    NOFOLLOW,
    BackupError,
    copy_file,
    ensure_dirs,
    hash_file,
    is_inside,
    prune,
    regular_size,
    write_bytes,
)
from vigguide.store.backup_manifest import (
    FORMAT,
    FORMAT_VERSION,
    LAYOUT,
    MANIFEST,
    FractionProgress,
    check_snapshot,
    load_manifest,
    open_snapshot,
    sign,
    verify_backup,
)
from vigguide.store.custody import KEY_FILE, KeyCustody
from vigguide.store.db import DB_FILE
from vigguide.store.files import disk_error
from vigguide.store.home import Home
from vigguide.store.keys import RootSecret

# The files of a home, besides the database and the vault, that a backup carries. Only these:
# anything else in a home (a working folder, an export saved there by hand) might be plaintext.
# The audit head travels with the snapshot (read under the same lock), so a restored home's trail
# is checked against the head it had when the backup was taken.
HOME_FILES = (KEY_FILE, HEAD_FILE, "guidance/*.toml")
MAX_HOME_FILE = 16 << 20


@dataclass(frozen=True)
class BackupResult:
    folder: Path
    files: int  # vault files in the backup
    copied: int  # of which copied this time
    copied_bytes: int
    total_bytes: int  # of the whole backup, database snapshot included
    removed: int  # files no longer in the home, taken out of the backup
    missing: int  # vault files the case store names that are missing from the home
    custody: str


class RememberingCustody(KeyCustody):
    """Asks for the key once: a backup needs the root secret as well as the open home."""

    _root: RootSecret | None = None

    def unlock(self) -> RootSecret:
        if self._root is None:
            self._root = super().unlock()
        return self._root


def prepare_folder(folder: Path, home_path: Path) -> Path:
    """The backup folder, created (0700) when new; refused inside the home or when it holds
    anything but a vigguide backup."""
    folder = Path(os.path.abspath(folder.expanduser()))
    if is_inside(folder, home_path):
        raise BackupError(
            f"{folder} is inside the vigguide home: a backup there is lost with the home.",
            "Choose a folder on another disk: a USB stick or your service's shared drive.",
        )
    if not folder.exists():
        if not folder.parent.is_dir():
            raise BackupError(
                f"The folder {folder.parent} does not exist.",
                "Check the USB stick or shared drive is connected, and the path is right.",
            )
        ensure_dirs(folder.parent, Path(folder.name))
    elif not folder.is_dir():
        raise BackupError(f"{folder} is a file, not a folder.", "Give a folder for the backup.")
    else:
        names = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
        if not names <= LAYOUT:
            raise BackupError(
                f"{folder} already holds other files: a backup needs a folder of its own.",
                "Give a new folder name (vigguide creates it) or an empty folder.",
            )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupError(
            f"vigguide is not allowed to write in {folder}.",
            "Choose a folder you can write to, or ask IT to check its permissions.",
        )
    return folder


def home_id_of(home_path: Path) -> str:
    try:
        return str(json.loads((home_path / KEY_FILE).read_text("utf-8"))["home_id"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def referenced_vault_ids(conn: Any) -> set[str]:
    """Every vault id a row still names (a film marked deleted is not named any more)."""
    ids: set[str] = set()
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        where = " WHERE deleted_at IS NULL" if "deleted_at" in cols else ""
        for col in (c for c in cols if c.endswith("vault_id")):
            for (value,) in conn.execute(f'SELECT "{col}" FROM "{table}"{where}'):
                if isinstance(value, str) and value.isalnum():
                    ids.add(value)
    return ids


def _home_files(home_path: Path) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for pattern in HOME_FILES:
        for path in sorted(home_path.glob(pattern)):
            size = regular_size(path)
            if size is not None and size <= MAX_HOME_FILE:
                found.append((path.relative_to(home_path).as_posix(), path.read_bytes()))
    return found


def _previous(folder: Path, root: RootSecret, home_id: str) -> dict[str, dict[str, Any]]:
    """The entries of the backup already in `folder` (checked), by path."""
    if (folder / MANIFEST).is_symlink() or not (folder / MANIFEST).exists():
        return {}  # a link planted there is replaced when the manifest is written
    try:
        manifest = load_manifest(folder, root)
    except BackupError:
        manifest = None
    if manifest is None or (home_id and manifest.get("home_id") not in ("", home_id)):
        raise BackupError(
            f"{folder} holds a backup of another vigguide home, or one that was altered.",
            "Choose another folder for this home's backup.",
        )
    return {str(e["path"]): e for e in manifest["files"]}


@dataclass(frozen=True)
class _Snapshot:
    rel: str  # its path in the backup folder
    size: int
    sha256: str
    schema_version: int
    vault_ids: set[str]
    home_files: list[tuple[str, bytes]]


def _snapshot(home: Home, root: RootSecret, folder: Path) -> _Snapshot:
    """Snapshot the case store straight into the backup folder, checked on the drive it is on."""
    ensure_dirs(folder, Path("db"))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    rel = f"db/snapshot-{stamp}-{secrets.token_hex(3)}.db"
    part = folder / f"{rel}.part"
    try:
        # made empty first, private and not through a link; VACUUM INTO fills an empty file
        os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600))
        with home.store.lock:  # no action of this process is half-way through meanwhile
            home.store.conn.execute("VACUUM INTO ?", (str(part),))
            home_files = _home_files(home.path)
        fd = os.open(part, os.O_RDWR | NOFOLLOW)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        problems, version = check_snapshot(part, root)
        if problems or version is None:
            raise BackupError(
                "The copy of the case store did not pass its check, so no backup was made.",
                "Run vigguide check on the home and try again.",
            )
        conn = open_snapshot(part, root)
        try:
            ids = referenced_vault_ids(conn)
        finally:
            conn.close()
        size, digest = hash_file(part)
        os.replace(part, folder / rel)
    except sqlcipher3.Error as exc:
        part.unlink(missing_ok=True)
        if "full" in str(exc):
            raise disk_error(OSError(errno.ENOSPC, "full"), part) from None
        raise BackupError(
            "A copy of the case store could not be written into the backup folder.",
            f"Check the drive is connected and writable, then try again ({exc}).",
        ) from None
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise disk_error(exc, part) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return _Snapshot(rel, size, digest, version, ids, home_files)


def create_backup(
    home: Home, root: RootSecret, folder: Path, progress: FractionProgress | None = None
) -> BackupResult:
    """Back `home` up into `folder` (see the module docstring); audited as `backup.create`.

    Failures are plain VigGuideErrors (disk full, folder not writable, not a backup of this home);
    whatever was copied before one stays unnamed by any manifest and is tidied by the next run.
    """
    try:
        return _create(home, root, folder, progress)
    except OSError as exc:  # a folder that vanished or cannot be listed, a drive pulled out
        raise disk_error(exc, Path(os.path.abspath(folder)) / MANIFEST) from exc


def _create(
    home: Home, root: RootSecret, folder: Path, progress: FractionProgress | None
) -> BackupResult:
    folder = prepare_folder(folder, home.path)
    home_id = home_id_of(home.path)
    previous = _previous(folder, root, home_id)
    _check_space(folder, _live_db_size(home.path))
    snap = _snapshot(home, root, folder)
    try:
        plan: list[tuple[str, Path, int]] = []  # (backup path, source, size) of vault files
        kept: list[dict[str, Any]] = []
        missing = 0
        for vault_id in sorted(snap.vault_ids):
            src = home.vault.path_of(vault_id)
            size = regular_size(src)
            if size is None:
                missing += 1
                continue
            rel = f"vault/{vault_id[:2]}/{vault_id}.age"
            before = previous.get(rel)
            if before and before["size"] == size and regular_size(folder / rel) == size:
                kept.append(before)
            else:
                plan.append((rel, src, size))
        needed = sum(size for _, _, size in plan)
        _check_space(folder, needed)
        total_done = 0

        def tick(n: int) -> None:
            nonlocal total_done
            total_done += n
            if progress is not None and needed:
                progress(min(1.0, total_done / needed))

        copied: list[dict[str, Any]] = []
        for rel, src, _ in plan:
            ensure_dirs(folder, Path(rel).parent)
            size, digest = copy_file(src, folder / rel, tick)
            copied.append({"path": rel, "size": size, "sha256": digest})
        home_entries = _write_home_files(folder, snap.home_files, previous)
        entries = sorted([*kept, *copied, *home_entries], key=lambda e: str(e["path"]))
        body = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "vigguide_version": __version__,
            "schema_version": snap.schema_version,
            "home_id": home_id,
            "database": {"path": snap.rel, "size": snap.size, "sha256": snap.sha256},
            "files": entries,
        }
        write_bytes(folder / MANIFEST, sign(body, root))  # the backup counts from this moment
    except BaseException:
        if not _manifest_names(folder, snap.rel):  # stopped before the manifest: not kept
            (folder / snap.rel).unlink(missing_ok=True)
        raise
    removed = prune(folder, {snap.rel, *(str(e["path"]) for e in entries)})
    files = len(kept) + len(copied)
    detail = {"files": files, "copied": len(copied), "removed": removed, "missing": missing}
    with home.store.action("backup.create", detail=detail):
        pass
    return BackupResult(
        folder,
        files,
        len(copied),
        sum(int(e["size"]) for e in copied),
        snap.size + sum(int(e["size"]) for e in entries),
        removed,
        missing,
        _custody_of(home),
    )


def _custody_of(home: Home) -> str:
    try:
        return home.custody.custody()
    except Exception:
        return "?"


def _manifest_names(folder: Path, rel: str) -> bool:
    try:
        return f'"{rel}"' in (folder / MANIFEST).read_text("utf-8")
    except OSError:
        return False


def _live_db_size(home_path: Path) -> int:
    return sum(regular_size(home_path / f"{DB_FILE}{s}") or 0 for s in ("", "-wal"))


def _check_space(folder: Path, needed: int) -> None:
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if needed > free:
        raise DiskFullError(
            f"There is not enough free space in {folder}: the backup needs "
            f"{_mb(needed)} more and {_mb(free)} is free.",
            "Free some space or use a bigger drive; nothing was changed.",
        )


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB" if n >= 1e6 else f"{n / 1e3:,.0f} kB"


def _write_home_files(
    folder: Path, files: list[tuple[str, bytes]], previous: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    import hashlib

    entries: list[dict[str, Any]] = []
    for name, data in files:
        rel = f"home/{name}"
        digest = hashlib.sha256(data).hexdigest()
        before = previous.get(rel)
        same = before is not None and before["sha256"] == digest
        if not (same and regular_size(folder / rel) == len(data)):
            ensure_dirs(folder, Path(rel).parent)
            write_bytes(folder / rel, data)
        entries.append({"path": rel, "size": len(data), "sha256": digest})
    return entries


__all__ = ["BackupResult", "RememberingCustody", "create_backup", "verify_backup"]
