"""The SQLCipher database of one home: opening with the derived key, versioned migrations, and the
single-process lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

import sqlcipher3  # type: ignore[import-untyped]

from vigguide.errors import StoreBusyError, StoreError, UnlockError
from vigguide.store.migrations import MIGRATIONS

DB_FILE = "vigguide.db"
LOCK_FILE = ".lock"

Connection = Any  # sqlcipher3.dbapi2.Connection has no type stubs


def open_database(path: Path, key: bytes, *, upgrade_to: int | None = None) -> Connection:
    """Open (or create) the encrypted database and bring its schema up to date.

    A wrong key raises UnlockError and writes nothing. `upgrade_to` stops at a given migration
    (tests use it to make a store as an older version would have).
    """
    is_new = not path.exists()
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlcipher3.DatabaseError as exc:
        raise StoreError(f"The case store {path} cannot be opened.", str(exc)) from exc
    try:
        # The key must be the very first statement; logging off before anything can fail, so a
        # wrong key never prints "ERROR CORE ... hmac check failed" over the terminal.
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = ON")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise UnlockError(
                "The key does not open this case store.",
                "If you changed keyrings or homes, use your recovery key: vigguide key recover.",
            ) from None
        # Temporary tables and sort spills stay in memory: nothing plaintext lands in /tmp.
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        migrate(conn, upgrade_to=upgrade_to)
    except BaseException:
        conn.close()
        if is_new:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    if is_new and os.name == "posix":
        os.chmod(path, 0o600)
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
    """One user action, one transaction: all of it is stored, or none of it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except sqlcipher3.Error as exc:  # pragma: no cover - disk full at commit time
            with suppress(Exception):
                conn.execute("ROLLBACK")
            raise StoreError("The change could not be saved.", str(exc)) from exc


class HomeLock:
    """An exclusive lock on a home so a second vigguide process gets a message, not corruption."""

    def __init__(self, home: Path) -> None:
        self.path = home / LOCK_FILE
        self._fh: IO[str] | None = None

    def acquire(self) -> None:
        fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held while the home is open
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
