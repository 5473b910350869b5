"""The signed manifest of a backup folder, and checking a backup against it.

The manifest (`vigguide-backup.json`) names every file of the backup with its size and SHA-256,
the database snapshot's hash, when it was made, by which vigguide and schema version. It is
written last and atomically, so a backup stopped half-way is never taken for a good one, and it
carries an HMAC whose key is derived from the home's root secret, so only the holder of the key
(the home, or its recovery key) can make or check one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlcipher3  # type: ignore[import-untyped]
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from vigguide.store.backup_files import BackupError, hash_file, regular_size, safe_relpath
from vigguide.store.keys import RootSecret

MANIFEST = "vigguide-backup.json"
FORMAT = "vigguide-backup"
FORMAT_VERSION = 1
_MAC_LABEL = b"vigguide/v1 backup manifest mac"
# What a backup folder may hold besides the manifest (an unfinished backup holds only these).
LAYOUT = frozenset({"db", "vault", "home", MANIFEST})

FractionProgress = Callable[[float], None]
AGAIN = ": make a new backup from the home, or use another copy of it."


def mac_key(root: RootSecret) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_MAC_LABEL).derive(root.value)


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def sign(body: dict[str, Any], root: RootSecret) -> bytes:
    """The manifest file's bytes: `body` plus its MAC."""
    mac = hmac.new(mac_key(root), _canonical(body), hashlib.sha256).hexdigest()
    return json.dumps({**body, "mac": mac}, sort_keys=True, indent=1).encode() + b"\n"


def is_backup_folder(folder: Path) -> bool:
    return (folder / MANIFEST).exists()


def load_manifest(folder: Path, root: RootSecret) -> dict[str, Any]:
    """The checked manifest of the backup in `folder`; a plain BackupError when there is none."""
    if not folder.is_dir():
        raise BackupError(f"There is no folder at {folder}.", "Check the path of the backup.")
    path = folder / MANIFEST
    if regular_size(path) is None:
        if path.is_symlink() or path.exists():
            raise BackupError(f"{path} is not an ordinary file.", "This is not a usable backup.")
        names = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
        if names and names <= LAYOUT:
            raise BackupError(
                f"{folder} holds an unfinished backup: it was stopped before it was complete.",
                "Run vigguide backup into it again from the home; it is not usable as it is.",
            )
        raise BackupError(
            f"{folder} is not a vigguide backup (it has no {MANIFEST}).",
            "Check the path: it is the folder you gave to vigguide backup.",
        )
    try:
        raw = json.loads(path.read_bytes())
        body = {k: v for k, v in raw.items() if k != "mac"}
        given = str(raw["mac"])
        ok_format = raw["format"] == FORMAT and isinstance(raw["files"], list)
        db = raw["database"]
        ok_format = ok_format and isinstance(raw["schema_version"], int)
        ok_format = ok_format and all(_entry_ok(e) for e in [db, *raw["files"]])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        ok_format = False
    if not ok_format:
        raise BackupError(
            f"The manifest of the backup in {folder} is damaged.",
            "Make a new backup from the home, or use another copy.",
        )
    if raw.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"The backup in {folder} was made by a newer vigguide.",
            "Update vigguide (pip install --upgrade vigguide) and try again.",
        )
    expected = hmac.new(mac_key(root), _canonical(body), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, given):
        if _snapshot_refuses_key(folder, body, root):
            raise BackupError(
                f"This key does not open the backup in {folder}.",
                "Use the recovery key written down for the home this backup was made from.",
            )
        raise BackupError(
            f"The manifest of the backup in {folder} was altered after it was written.",
            "Do not restore from it: make a new backup from the home, or use another copy.",
        )
    return body


def _entry_ok(entry: Any) -> bool:
    try:
        safe_relpath(entry["path"])
    except (BackupError, KeyError, TypeError, AttributeError):
        return False
    return (
        isinstance(entry["size"], int)
        and entry["size"] >= 0
        and isinstance(entry["sha256"], str)
        and len(entry["sha256"]) == 64
    )


def _snapshot_refuses_key(folder: Path, body: dict[str, Any], root: RootSecret) -> bool:
    """True when the database snapshot is there and does not open with this key."""
    try:
        snap = folder / safe_relpath(str(body["database"]["path"]))
    except (BackupError, KeyError, TypeError):
        return False
    if regular_size(snap) is None:
        return False
    try:
        conn = open_snapshot(snap, root)
    except sqlcipher3.DatabaseError:
        return True
    conn.close()
    return False


def _snapshot_uri(path: Path) -> str:
    posix = path.resolve().as_posix()  # C:/… and //server/share/… on Windows
    uri = f"file:{'//' if posix.startswith('//') else ''}{quote(posix, safe='/:')}"
    return uri + "?mode=ro&immutable=1"


def open_snapshot(path: Path, root: RootSecret) -> Any:
    """Open a database snapshot read-only (nothing is written to it, not even a lock)."""
    conn = sqlcipher3.connect(
        _snapshot_uri(path), uri=True, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA key = \"x'{root.database_key().hex()}'\"")
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _first_page_opens(path: Path, root: RootSecret) -> bool:
    """True when the key opens the snapshot's first page: SQLCipher checks every page on its own,
    so a wrong key fails on page 1 and damage further in fails only there."""
    try:
        conn = sqlcipher3.connect(
            f"file:{quote(path.resolve().as_posix(), safe='/:')}?mode=ro&immutable=1",
            uri=True,
            isolation_level=None,
        )
    except sqlcipher3.DatabaseError:
        return False
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{root.database_key().hex()}'\"")
        failures = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()
    return not any(f.rstrip().endswith("page 1") for f in failures)


def check_snapshot(path: Path, root: RootSecret) -> tuple[list[str], int | None]:
    """(problems, schema version) of a database snapshot: it opens, and SQLCipher's page check
    and SQLite's integrity check both pass."""
    try:
        conn = open_snapshot(path, root)
    except sqlcipher3.DatabaseError:
        if _first_page_opens(path, root):  # the key is right: a later page (the schema) is damaged
            return [f"The database snapshot {path.name} is damaged."], None
        return [f"The database snapshot {path.name} does not open with this key."], None
    try:
        cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlcipher3.DatabaseError:
        return [f"The database snapshot {path.name} is damaged."], None
    finally:
        conn.close()
    if cipher or integrity != ["ok"]:
        return [f"The database snapshot {path.name} is damaged."], version
    return [], version


def verify_backup(
    folder: Path,
    root_secret: RootSecret,
    read_data: bool = True,
    progress: FractionProgress | None = None,
) -> list[str]:
    """Every problem with the backup in `folder`, as plain sentences; empty when it is good.

    The manifest's MAC, every file present with the right size, and with `read_data` every
    file's SHA-256 and the database snapshot's own checks.
    """
    try:
        manifest = load_manifest(folder, root_secret)
    except BackupError as exc:
        return [str(exc)]
    entries = [manifest["database"], *manifest["files"]]
    total = sum(int(e["size"]) for e in entries) if read_data else 0
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None and total:
            progress(min(1.0, done / total))

    problems: list[str] = []
    for entry in entries:
        rel = safe_relpath(entry["path"])  # checked when the manifest was loaded
        problem = check_entry(folder / rel, entry["size"], entry["sha256"], read_data, tick)
        if problem:
            problems.append(f"{rel.as_posix()} {problem}{AGAIN}")
    db_rel = safe_relpath(manifest["database"]["path"])
    if read_data and not any(p.startswith(db_rel.as_posix()) for p in problems):
        snap_problems, version = check_snapshot(folder / db_rel, root_secret)
        problems += [f"{p[:-1]}{AGAIN}" for p in snap_problems]
        if version is not None and version != manifest["schema_version"]:
            problems.append(f"The database snapshot is not the one the manifest names{AGAIN}")
    return problems


def check_entry(
    path: Path, size: int, digest: str, read_data: bool, tick: Callable[[int], None]
) -> str:
    """What is wrong with one file of a backup ('' when nothing is)."""
    found = regular_size(path)
    if found is None:
        return "is missing" if not path.is_symlink() else "is a link, not a file"
    if found != size:
        return f"has the wrong size ({found} bytes, not {size}): cut short or altered"
    if read_data:
        try:
            _, got = hash_file(path, tick)
        except (OSError, BackupError):
            return "cannot be read"
        if got != digest:
            return "was altered (its contents do not match the manifest)"
    return ""
