"""The media vault: recordings, clips and stills kept as standard age files, written in one
streaming pass (read, hash, encrypt) and read back by random access.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyrage  # type: ignore[import-untyped]

from vigguide.errors import CancelledError, VaultError
from vigguide.store.agefile import AgeReader
from vigguide.store.files import disk_error, ensure_private_dir, fsync_dir, temp_sibling
from vigguide.store.intents import BoundFile, Ledger, crash_point, header_fingerprint
from vigguide.store.keys import RootSecret

if TYPE_CHECKING:
    from vigguide.store.cases import CaseStore


@dataclass(frozen=True)
class VaultEntry:
    id: str
    sha256: str
    size_bytes: int
    kind: str = "file"
    fingerprint: str = ""

    def bound(self) -> BoundFile:
        return BoundFile(self.id, self.kind, self.fingerprint, self.sha256, self.size_bytes)


_KIND_WORDS = {
    "recording": "film",
    "clip": "clip",
    "still": "still",
    "thumb": "still",
    "held clip": "supervision clip",
    "held still": "supervision still",
}


class _HashingReader(io.RawIOBase):
    """Hashes and counts what pyrage reads, so a file is read from disk exactly once."""

    def __init__(
        self,
        fh: BinaryIO,
        progress: Callable[[int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        super().__init__()
        self._fh = fh
        self._progress = progress
        self._cancel = cancel
        self.digest = hashlib.sha256()
        self.count = 0
        # pyrage wraps whatever the reader raises in EncryptError; the original is kept here.
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._cancel is not None and self._cancel.is_set():
            self.error = CancelledError("Cancelled: nothing was added to the vault.", "")
            raise self.error
        try:
            n = self._fh.readinto(buffer)  # type: ignore[attr-defined]
        except OSError as exc:
            self.error = exc
            raise
        if n:
            self.digest.update(memoryview(buffer)[:n])
            self.count += n
            if self._progress is not None:
                self._progress(self.count)
        return n or 0


class _CheckedWriter(io.RawIOBase):
    """Keeps the OSError (disk full, say) that pyrage would otherwise wrap in EncryptError."""

    def __init__(self, fh: BinaryIO) -> None:
        super().__init__()
        self._fh = fh
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            return self._fh.write(data)
        except OSError as exc:
            self.error = exc
            raise

    def flush(self) -> None:
        self._fh.flush()


class Vault:
    """Encrypted media files under `<home>/vault`, named by random ids (never by content).

    Once bound to the home's store (`sweep(store)` at every start), each write and delete is
    written down first as an intent, and each open checks the file is the one its record made.
    """

    def __init__(self, home: Path, root: RootSecret, work_base: Path | None = None) -> None:
        self.root_dir = home / "vault"
        self._identity = root.vault_private_key()
        self._recipient = pyrage.x25519.Recipient.from_str(root.age_recipient())
        self._work_base = work_base or default_work_base(home)
        self.ledger: Ledger | None = None
        self.recovered: dict[str, int] = {}  # what the last start finished or undid

    def path_of(self, vault_id: str) -> Path:
        if not vault_id.isalnum():
            raise VaultError("That is not a vault file id.", "")
        return self.root_dir / vault_id[:2] / f"{vault_id}.age"

    def put_stream(
        self,
        source: BinaryIO,
        progress: Callable[[int], None] | None = None,
        cancel: threading.Event | None = None,
        *,
        kind: str = "file",
    ) -> VaultEntry:
        """Encrypt everything readable from `source` into a new vault file.

        The caller records the file, then calls `settle(entry)`; if recording fails, `discard`.
        """
        vault_id = secrets.token_hex(16)
        target = self.path_of(vault_id)
        ensure_private_dir(target.parent)
        if self.ledger is not None:
            self.ledger.begin_create(vault_id, kind)
        tmp = temp_sibling(target)
        try:
            entry = self._write(source, vault_id, target, tmp, kind, progress, cancel)
            crash_point("vault-written")
            return entry
        except BaseException:
            if self.ledger is not None:
                target.unlink(missing_ok=True)
                self.ledger.forget(vault_id)
            raise

    def _write(
        self,
        source: BinaryIO,
        vault_id: str,
        target: Path,
        tmp: Path,
        kind: str,
        progress: Callable[[int], None] | None,
        cancel: threading.Event | None,
    ) -> VaultEntry:
        reader = _HashingReader(source, progress, cancel)
        writer: _CheckedWriter | None = None
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                writer = _CheckedWriter(out)
                pyrage.encrypt_io(io.BufferedReader(reader, 1 << 20), writer, [self._recipient])
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
            fsync_dir(target.parent)
        except pyrage.EncryptError as exc:
            tmp.unlink(missing_ok=True)
            if writer is not None and writer.error is not None:
                raise disk_error(writer.error, target) from None
            if isinstance(reader.error, CancelledError):
                raise reader.error from None
            if isinstance(reader.error, OSError):
                raise VaultError(
                    f"The file could not be read: {reader.error.strerror}.",
                    "Check the card or drive is still connected, then try again.",
                ) from None
            raise VaultError(
                "The file could not be encrypted into the vault.", "Try again."
            ) from exc
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise disk_error(exc, target) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        fingerprint = header_fingerprint(target) or ""
        return VaultEntry(vault_id, reader.digest.hexdigest(), reader.count, kind, fingerprint)

    def put_file(
        self,
        path: Path,
        progress: Callable[[int], None] | None = None,
        cancel: threading.Event | None = None,
        *,
        kind: str = "file",
    ) -> VaultEntry:
        with open(path, "rb", buffering=0) as fh:
            return self.put_stream(fh, progress, cancel, kind=kind)

    def put_bytes(self, data: bytes, *, kind: str = "file") -> VaultEntry:
        return self.put_stream(io.BytesIO(data), kind=kind)

    def settle(self, *entries: VaultEntry) -> None:
        """The record now points at these files: bind each to it (its fingerprint, its hash)."""
        crash_point("vault-recorded")
        if self.ledger is not None:
            for entry in entries:
                self.ledger.settle(entry.bound())

    def discard(self, *entries: VaultEntry) -> None:
        """Recording these files failed: remove them (their intents say so if a crash comes)."""
        for entry in entries:
            self.delete(entry.id)

    def will_delete(self, *vault_ids: str | None, case_ref: str = "") -> None:
        """Call before the record lets go of files: they are deleted even if a crash comes next."""
        if self.ledger is not None:
            self.ledger.begin_delete([v for v in vault_ids if v], case_ref)
        crash_point("delete-intended")

    def keep(self, *vault_ids: str | None) -> None:
        """The record change failed after `will_delete`: the files stay."""
        if self.ledger is not None:
            self.ledger.cancel_delete([v for v in vault_ids if v])

    def open(self, vault_id: str) -> io.BufferedReader:
        """A seekable, read-only, decrypting view of one vault file, refused if it is not the
        file its record made (replaced, or swapped with another family's)."""
        path = self.path_of(vault_id)
        self.check_binding(vault_id, path)
        return io.BufferedReader(AgeReader(path, self._identity), 1 << 16)

    def check_binding(self, vault_id: str, path: Path | None = None) -> None:
        if self.ledger is None:
            return
        bound = self.ledger.bound(vault_id)
        if bound is None:
            return
        path = path or self.path_of(vault_id)
        found = header_fingerprint(path)
        if found != bound.fingerprint and (found is not None or path.exists()):
            what = _KIND_WORDS.get(bound.kind, "media")
            raise VaultError(
                f"This {what}'s file has been replaced or swapped with another file,"
                " so vigguide will not show it.",
                "Run vigguide check to see what else is affected, and restore the vault"
                " from a backup.",
            )

    def open_unchecked(self, vault_id: str) -> io.BufferedReader:
        """Like `open` without the binding check (for `vigguide check`, which does its own)."""
        return io.BufferedReader(AgeReader(self.path_of(vault_id), self._identity), 1 << 20)

    def read_bytes(self, vault_id: str) -> bytes:
        with self.open(vault_id) as fh:
            return fh.read()

    def exists(self, vault_id: str) -> bool:
        return self.path_of(vault_id).exists()

    def delete(self, vault_id: str) -> bool:
        """Remove a vault file. Callers record the deletion in the audit trail.

        If the file cannot be removed now, its intent stays and the next start tries again.
        """
        crash_point("delete-committed")
        try:
            self.path_of(vault_id).unlink()
            gone = True
        except FileNotFoundError:
            gone = False
        except OSError as exc:
            raise VaultError(
                f"A media file could not be removed yet ({exc.strerror}).",
                "vigguide tries again each time it starts; vigguide check shows what is left.",
            ) from None
        if self.ledger is not None:
            self.ledger.forget(vault_id)
        return gone

    def export(self, vault_id: str, out: Path) -> Path:
        """Decrypt a vault file to `out` (0600): an explicit export the caller audits.

        Outside the private working folder the partial copy is written down first, so a crash
        never leaves a plaintext partial behind (the next start removes it).
        """
        tmp = temp_sibling(out)
        intent = None
        if self.ledger is not None and not _inside(out, self._work_base):
            intent = self.ledger.begin_partial(tmp, out)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with self.open(vault_id) as src, os.fdopen(fd, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            os.replace(tmp, out)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise disk_error(exc, out) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        finally:
            if intent is not None and self.ledger is not None:
                self.ledger.finish(intent)
        return out

    @contextmanager
    def workdir(self) -> Iterator[Path]:
        """A private 0700 working directory, wiped when the block ends (even on error)."""
        with private_workdir(self._work_base) as path:
            yield path

    def sweep(self, store: CaseStore | None = None) -> int:
        """Remove working directories and half-written files left by a crash; given the home's
        store (under the home lock, at start), bind the vault to it and finish or undo every
        write, delete and export a crash interrupted."""
        removed = sweep_leftovers(self._work_base, self.root_dir)
        if store is not None:
            from vigguide.store.recovery import recover

            self.ledger = Ledger(store)
            self.recovered = dict(recover(self))
        return removed


def _inside(path: Path, folder: Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except OSError:
        return False


def default_work_base(home: Path) -> Path:
    """tmpfs under $XDG_RUNTIME_DIR when there is one (never reaches a disk), else the home."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir() and os.access(runtime, os.W_OK):
        tag = hashlib.sha256(str(home.resolve()).encode()).hexdigest()[:12]
        return Path(runtime) / f"vigguide-{tag}"
    return home / "work"


@contextmanager
def private_workdir(base: Path) -> Iterator[Path]:
    ensure_private_dir(base)
    path = Path(tempfile.mkdtemp(prefix="work-", dir=base))
    os.chmod(path, 0o700)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def sweep_leftovers(work_base: Path, vault_dir: Path) -> int:
    removed = 0
    if work_base.is_dir():
        for entry in work_base.glob("work-*"):
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    if vault_dir.is_dir():
        for part in vault_dir.glob("*/.*.part"):
            part.unlink(missing_ok=True)
            removed += 1
    return removed
