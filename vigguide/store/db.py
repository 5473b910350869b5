"""The SQLCipher database of one home: opening with the derived key, telling a wrong key from a
damaged file or a full disk, one lock around every statement, versioned migrations, and the
single-process lock.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
import shutil
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

import sqlcipher3  # type: ignore[import-untyped]

from vigguide.errors import DiskFullError, StoreBusyError, StoreError, UnlockError
from vigguide.store.files import disk_error
from vigguide.store.migrations import MIGRATIONS

DB_FILE = "vigguide.db"
LOCK_FILE = ".lock"
PAGE = 4096  # SQLCipher 4's page size: an intact file is a whole number of pages
# SQLite's primary result codes (the low byte of an extended code)
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_NOTADB = 26
_NEARLY_FULL = 1 << 20  # below this much free space an I/O error is taken for a full disk
_RESTORE = "Restore the home from a backup (vigguide restore), or ask IT for the last copy."


class DamagedStoreError(StoreError):
    """The case store file is missing, empty, cut short or not a vigguide case store."""


def damaged(path: Path, what: str) -> DamagedStoreError:
    return DamagedStoreError(
        f"The case store {path} is damaged: {what}. It was left exactly as it is.", _RESTORE
    )


def disk_full(path: Path) -> DiskFullError:
    return DiskFullError(
        f"The disk is full: the case store {path} cannot be written.",
        "Free some space and try again; nothing was changed.",
    )


def wrong_key() -> UnlockError:
    return UnlockError(
        "The key does not open this case store.",
        "If you changed keyrings or homes, use your recovery key: vigguide key recover. If the "
        "recovery key does not open it either, the file is damaged: restore a backup "
        "(vigguide restore).",
    )


class Rows:
    """The result of one statement, fetched while the lock was held."""

    __slots__ = ("_rows", "lastrowid", "rowcount")

    def __init__(self, rows: list[Any], lastrowid: int | None, rowcount: int) -> None:
        self._rows = rows
        self.lastrowid: int = lastrowid or 0
        self.rowcount = rowcount

    def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class Connection:
    """The home's one SQLCipher connection, shared by the UI thread and the workers: every
    statement runs and is fetched under `lock`, and a transaction holds `lock` throughout, so no
    thread ever sees another's half-finished step or half-fetched rows."""

    def __init__(self, raw: Any, path: Path) -> None:
        self.raw = raw  # hold `lock` while using it directly
        self.path = path
        self.lock = threading.RLock()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        with self.lock, _translated(self.path):
            cur = self.raw.execute(sql, params)
            rows = cur.fetchall()
            return Rows(rows, cur.lastrowid, cur.rowcount)

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]]) -> Rows:
        with self.lock, _translated(self.path):
            cur = self.raw.executemany(sql, seq)
            return Rows([], cur.lastrowid, cur.rowcount)

    @property
    def in_transaction(self) -> bool:
        return bool(self.raw.in_transaction)

    def close(self) -> None:
        with self.lock:
            self.raw.close()


def _code(exc: BaseException) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < _NEARLY_FULL
    except OSError:
        return False


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    """A full disk, a failing disk or a damaged file met while working becomes its own plain
    message."""
    try:
        yield
    except sqlcipher3.DatabaseError as exc:
        code = _code(exc)
        if code == _SQLITE_FULL or (code == _SQLITE_IOERR and _nearly_full(path)):
            raise disk_full(path) from exc
        if code == _SQLITE_IOERR:
            raise StoreError(
                f"The case store {path} could not be read or written (an input/output error).",
                "Check the disk is connected and has free space, then try again.",
            ) from exc
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            raise damaged(path, "part of it cannot be read") from exc
        raise


def page_one_opens(path: Path, key: bytes) -> bool:
    """Whether `key` authenticates the first page (SQLCipher 4: HMAC-SHA512 over the page after
    its 16-byte salt, keyed by PBKDF2-HMAC-SHA512(key, salt ^ 0x3a, 2)). Tells a wrong key from a
    damaged file without asking SQLite, which gives the same answer for both."""
    with open(path, "rb") as fh:
        page = fh.read(PAGE)
    if len(page) != PAGE:
        return False
    salt = page[:16]
    mac_key = hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, 32)
    expected = hmac.new(mac_key, page[16:-64] + (1).to_bytes(4, "little"), "sha512").digest()
    return hmac.compare_digest(expected, page[-64:])


def check_file(path: Path, key: bytes) -> None:
    """Refuse, without writing a byte, a case store that is missing, empty, cut short, not
    encrypted, or that this key does not open."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DamagedStoreError(
            f"The case store {path} is missing, but this home has a key: it was set up before.",
            "vigguide will not make an empty one in its place. " + _RESTORE,
        ) from None
    with open(path, "rb") as fh:
        start = fh.read(16)
    if size == 0:
        raise damaged(path, "it is empty (0 bytes)")
    if start == b"SQLite format 3\x00":
        raise damaged(path, "it is not encrypted, so it is not a vigguide case store")
    if size % PAGE:
        raise damaged(path, f"it is cut short ({size} bytes, not a whole number of pages)")
    if not page_one_opens(path, key):
        raise wrong_key()


def open_database(
    path: Path, key: bytes, *, create: bool = True, upgrade_to: int | None = None
) -> Connection:
    """Open the encrypted database (creating it only when it does not exist and `create` is true)
    and bring its schema up to date.

    A wrong key raises UnlockError; a missing (when not creating), empty, cut or otherwise damaged
    file raises DamagedStoreError; a full disk DiskFullError. None of them writes to the file.
    `upgrade_to` stops at a given migration (tests use it to make a store as an older version).
    """
    is_new = not path.exists()
    if not is_new or not create:
        check_file(path, key)
    side_files = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
    had_side = [p.exists() for p in side_files]
    if is_new:
        # Made private from its first byte (SQLite gives its -wal and -shm the same mode).
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as exc:
            raise disk_error(exc, path) from exc
    try:
        raw = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlcipher3.DatabaseError as exc:
        if is_new:
            path.unlink(missing_ok=True)
        raise StoreError(f"The case store {path} cannot be opened.", str(exc)) from exc
    conn = Connection(raw, path)
    try:
        # The key must be the very first statement; logging off before anything can fail, so a
        # wrong key never prints "ERROR CORE ... hmac check failed" over the terminal.
        raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        raw.execute("PRAGMA cipher_log_level = NONE")
        raw.execute("PRAGMA cipher_memory_security = ON")
        with _translated(path):
            try:
                raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlcipher3.DatabaseError as exc:
                if _code(exc) in (_SQLITE_FULL, _SQLITE_IOERR):
                    raise  # the disk, not the file: named by _translated
                if is_new:
                    raise wrong_key() from None
                raise damaged(path, "its first page opens but the rest cannot be read") from exc
            # Temporary tables and sort spills stay in memory: nothing plaintext lands in /tmp.
            raw.execute("PRAGMA temp_store = MEMORY")
            raw.execute("PRAGMA foreign_keys = ON")
            raw.execute("PRAGMA busy_timeout = 5000")
            raw.execute("PRAGMA journal_mode = WAL").fetchone()
            raw.execute("PRAGMA synchronous = FULL")
        migrate(conn, upgrade_to=upgrade_to)
    except BaseException as exc:
        raw.close()
        if is_new:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        else:  # leave a refused file exactly as it was found, side files included
            for side, had in zip(side_files, had_side, strict=True):
                if not had:
                    side.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise disk_full(path) from exc
        raise
    return conn


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, *, upgrade_to: int | None = None) -> int:
    """Apply each pending migration in its own transaction; returns the new version."""
    target = len(MIGRATIONS) if upgrade_to is None else upgrade_to
    current = schema_version(conn)
    if current > len(MIGRATIONS):
        raise StoreError(
            "This case store was made by a newer vigguide.",
            "Update vigguide (pip install --upgrade vigguide) and open it again.",
        )
    for version in range(current + 1, target + 1):
        with transaction(conn):
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
    return schema_version(conn)


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """One user action, one transaction: all of it is stored, or none of it. The connection's
    lock is held throughout, so no other thread's statement lands inside it."""
    with conn.lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            with suppress(Exception):
                conn.execute("ROLLBACK")
            raise
        else:
            try:
                conn.execute("COMMIT")
            except DiskFullError:
                with suppress(Exception):
                    conn.execute("ROLLBACK")
                raise
            except sqlcipher3.Error as exc:  # pragma: no cover - an I/O error at commit time
                with suppress(Exception):
                    conn.execute("ROLLBACK")
                raise StoreError("The change could not be saved.", str(exc)) from exc


class HomeLock:
    """An exclusive lock on a home so a second vigguide process gets a message, not corruption."""

    def __init__(self, home: Path) -> None:
        self.path = home / LOCK_FILE
        self._fh: IO[str] | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        fh = open(fd, "a+", encoding="utf-8")  # noqa: SIM115 - held while the home is open
        try:
            _lock(fh)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise StoreBusyError(
                f"This vigguide home is already open in another window{who}.",
                "Close vigguide there first, then try again.",
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            with suppress(OSError):
                self._fh.seek(0)
                self._fh.truncate()
            self._fh.close()
            self._fh = None


def _lock(fh: IO[str]) -> None:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
