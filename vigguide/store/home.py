"""Opening a vigguide home: lock it, unlock the key, open the database and the vault, sweep
leftovers; and recovering a home with its recovery key.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from vigguide.errors import StoreError, UnlockError, VigGuideError
from vigguide.store.audit import HEAD_FILE, Trail, upgrade
from vigguide.store.cases import CaseStore
from vigguide.store.custody import KEY_FILE, KeyCustody, PassphraseProvider, SetupResult
from vigguide.store.db import DB_FILE, LOCK_FILE, HomeLock, open_database
from vigguide.store.files import disk_error, ensure_private_dir
from vigguide.store.keys import RootSecret
from vigguide.store.supervision_rows import expire_held
from vigguide.store.vault import Vault

VAULT_DIR = "vault"


@dataclass(frozen=True)
class ColleagueKey:
    """This home's identity for packs between colleagues: the `age1…` recipient it gives out and
    the secret identity that opens what colleagues send (derived from the root secret)."""

    recipient: str
    identity: str = field(repr=False)


@dataclass
class Home:
    """An unlocked home. Close it to release the lock (or use it as a context manager)."""

    path: Path
    store: CaseStore
    vault: Vault
    custody: KeyCustody
    setup: SetupResult | None = None
    _lock: HomeLock | None = field(default=None, repr=False)
    colleague: ColleagueKey | None = field(default=None, repr=False)
    _root: RootSecret | None = field(default=None, repr=False)

    def show_recovery_key(self) -> str:
        """The recovery key of this unlocked home, to be shown again; recorded in the audit trail."""
        if self._root is None:
            raise StoreError("The recovery key cannot be shown from here.", "Open vigguide again.")
        with self.store.action("key.show_recovery"):
            pass
        return self._root.recovery_key()

    def close(self) -> None:
        try:
            self.store.conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Home:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_home(
    path: Path,
    *,
    custody: KeyCustody | None = None,
    passphrase: PassphraseProvider | None = None,
    create: bool = True,
    on_setup: Callable[[SetupResult], None] | None = None,
) -> Home:
    """Unlock the home at `path`, setting it up first when it is new and `create` is true."""
    if path.exists() and not path.is_dir():
        raise StoreError(
            f"{path} is a file, not a vigguide home folder.", "Check the --home folder's name."
        )
    if not create and not any((path / name).exists() for name in (KEY_FILE, DB_FILE)):
        # a mistyped --home, or a folder that is not a home: say so, and make nothing
        raise StoreError(f"There is no vigguide home at {path}.", "Run vigguide to set one up.")
    made = _make_home_folder(path)
    lock = HomeLock(path)
    try:
        lock.acquire()
    except PermissionError as exc:
        raise _not_allowed(path) from exc
    setup: SetupResult | None = None
    try:
        _sweep_small_partials(path)
        custody = custody or KeyCustody(path, passphrase=passphrase)
        db_path = path / DB_FILE
        if not custody.exists():
            if db_path.exists():
                raise StoreError(
                    "The key file of this vigguide home is missing.",
                    "Use your recovery key to restore it: vigguide key recover.",
                )
            if not create:
                raise StoreError(
                    f"There is no vigguide home at {path}.", "Run vigguide to set one up."
                )
            setup = custody.setup()
            root = setup.root
        else:
            root = custody.unlock()
        try:
            conn = open_database(db_path, root.database_key(), create=setup is not None)
        except BaseException:
            if setup is not None:  # a set-up that could not make its store leaves no key behind
                custody.forget()
                custody.key_file.unlink(missing_ok=True)
            raise
        try:
            trail = Trail(root.audit_key(), path / HEAD_FILE)
            upgrade(conn, trail)
            store = CaseStore(conn, trail)
            if setup is not None:
                with store.action("home.create", detail={"custody": setup.custody}):
                    pass
                if on_setup is not None:
                    on_setup(setup)
            ensure_private_dir(path / VAULT_DIR)  # 0700 itself, not left to the umask as a parent
            vault = Vault(path, root)
            vault.sweep(store)
            with suppress(VigGuideError):  # held supervision packs past their destroy-by date
                expire_held(store, vault)
        except BaseException:
            conn.close()
            raise
        colleague = ColleagueKey(root.colleague_recipient(), root.colleague_identity())
        return Home(path, store, vault, custody, setup, lock, colleague=colleague, _root=root)
    except BaseException:
        lock.release()
        if setup is not None or made:  # stopped during set-up (Ctrl+C at the passphrase or the
            _remove_new_home(path, custody, made=made)  # recovery key): keep nothing
        raise


def _not_allowed(path: Path) -> StoreError:
    return StoreError(
        f"vigguide is not allowed to write in {path}.",
        "Choose a --home folder you can write to, or ask IT to check its permissions.",
    )


def _make_home_folder(path: Path) -> bool:
    """Create the home folder (private, 0700) if missing; whether it was made now."""
    existed = path.is_dir()
    try:
        ensure_private_dir(path)
    except PermissionError as exc:
        raise _not_allowed(path if existed else path.parent) from exc
    except OSError as exc:
        raise disk_error(exc, path / DB_FILE) from exc
    return not existed


def _remove_new_home(path: Path, custody: KeyCustody | None, *, made: bool) -> None:
    """Undo a set-up that did not finish: the key (keyring entry and key file), the store, the
    audit head, the vault and the lock; the folder too when this set-up made it."""
    with suppress(Exception):
        if custody is not None:
            custody.forget()
    for name in (KEY_FILE, DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", HEAD_FILE, LOCK_FILE):
        with suppress(OSError):
            (path / name).unlink(missing_ok=True)
    shutil.rmtree(path / VAULT_DIR, ignore_errors=True)
    if made:
        with suppress(OSError):
            path.rmdir()


def recover_home(
    path: Path,
    recovery_key: str,
    *,
    custody: KeyCustody | None = None,
    passphrase: PassphraseProvider | None = None,
) -> str:
    """Check the recovery key against the database, then put the key back in custody.

    Returns a note saying where the key now lives. The database is untouched when the key is wrong.
    """
    root = RootSecret.from_recovery_key(recovery_key)
    db_path = path / DB_FILE
    if not db_path.exists():
        raise StoreError(f"There is no vigguide case store at {path}.", "Check the --home folder.")
    lock = HomeLock(path)
    lock.acquire()
    try:
        try:
            conn = open_database(db_path, root.database_key(), create=False)
        except UnlockError:
            raise UnlockError(
                "That recovery key does not open this vigguide home.",
                "Check you are using the key written down for this home.",
            ) from None
        custody = custody or KeyCustody(path, passphrase=passphrase)
        note = custody.store(root)
        trail = Trail(root.audit_key(), path / HEAD_FILE)
        upgrade(conn, trail)
        store = CaseStore(conn, trail)
        with store.action("key.recover", detail={"custody": custody.custody()}):
            pass
        conn.close()
        return note
    finally:
        lock.release()


def _sweep_small_partials(path: Path) -> None:
    """A kill while the key file or the audit head was being replaced leaves its hidden partial
    (`.<name>.<hex>.part`); the file itself is whole (old or new), so the partial goes."""
    for name in (KEY_FILE, HEAD_FILE):
        for partial in path.glob(f".{name}.*.part"):
            if partial.is_file() and not partial.is_symlink():
                partial.unlink(missing_ok=True)
