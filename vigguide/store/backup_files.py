"""Careful file work for backups: copying with a hash in one pass, private modes, never following
a link planted in a backup folder, and names checked before they are used as paths.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

from vigguide.durable import fsync_dir
from vigguide.errors import VigGuideError
from vigguide.store.files import disk_error, temp_sibling

CHUNK = 1 << 20
NOFOLLOW = getattr(os, "ONOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_SAFE_PART = re.compile(r"[A-Za-z0-9_.-]{1,128}")
VAULT_NAME = re.compile(r"vault/([0-9a-zA-Z]{2})/([0-9a-zA-Z]+)\.age")

Progress = Callable[[int], None]
"""Told how many more bytes were read or written."""


class BackupError(VigGuideError):
    """A backup cannot be made, checked or restored; the message says what to do."""


def safe_relpath(rel: str) -> Path:
    """A manifest name as a relative path, refused if it could point outside the backup."""
    parts = rel.split("/")
    if not rel or any(not _SAFE_PART.fullmatch(p) or p in (".", "..") for p in parts):
        raise BackupError(
            f"The backup's manifest names a file it should not ({rel[:80]!r}).",
            "Do not restore from this folder; make a new backup.",
        )
    return Path(*parts)


def ensure_dirs(base: Path, rel: Path) -> Path:
    """Create the folders of `rel` under `base` (0700), refusing any that is a link."""
    current = base
    for part in rel.parts:
        current = current / part
        try:
            current.mkdir(mode=0o700)
            if os.name == "posix":
                os.chmod(current, 0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise disk_error(exc, current / "x") from exc
        if current.is_symlink() or not current.is_dir():
            raise BackupError(
                f"{current} is a link or a file where vigguide expects its own folder.",
                "Remove it, or choose another folder for the backup.",
            )
    return current


def open_regular(path: Path) -> int:
    """Open a file for reading without following a link at its name; refuse non-regular files."""
    fd = os.open(path, os.O_RDONLY | NOFOLLOW | _BINARY)
    try:
        if not _is_regular(os.fstat(fd).st_mode):
            raise BackupError(f"{path} is not an ordinary file.", "Remove it and try again.")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _is_regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)


def regular_size(path: Path) -> int | None:
    """The size of an ordinary file at `path` (not through a link), else None."""
    try:
        st = path.lstat()
    except OSError:
        return None
    return st.st_size if _is_regular(st.st_mode) else None


def hash_file(path: Path, progress: Progress | None = None) -> tuple[int, str]:
    """(size, sha256) of the file at `path`, read once."""
    digest = hashlib.sha256()
    size = 0
    with os.fdopen(open_regular(path), "rb", buffering=0) as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if progress is not None:
                progress(len(chunk))
    return size, digest.hexdigest()


def copy_file(src: Path, dst: Path, progress: Progress | None = None) -> tuple[int, str]:
    """Copy `src` to `dst` (0600), hashing on the way; atomic, and never through a link at `dst`.

    Returns (size, sha256) of what was written.
    """
    tmp = temp_sibling(dst)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(open_regular(src), "rb", buffering=0) as fin:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | _BINARY, 0o600)
            with os.fdopen(fd, "wb", buffering=0) as fout:
                while chunk := fin.read(CHUNK):
                    digest.update(chunk)
                    fout.write(chunk)
                    size += len(chunk)
                    if progress is not None:
                        progress(len(chunk))
                os.fsync(fout.fileno())
        os.replace(tmp, dst)  # replaces a planted link itself, never writes through it
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise disk_error(exc, dst) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return size, digest.hexdigest()


def write_bytes(dst: Path, data: bytes) -> str:
    """Write `data` to `dst` (0600) atomically, not through a link; returns its sha256."""
    tmp = temp_sibling(dst)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | _BINARY, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dst)
        fsync_dir(dst.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise disk_error(exc, dst) from exc
    return hashlib.sha256(data).hexdigest()


def is_inside(path: Path, folder: Path) -> bool:
    """True when `path` is `folder` or lies under it (both resolved)."""
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def walk_files(top: Path) -> Iterator[Path]:
    for dirpath, _dirs, names in os.walk(top):  # links to folders are not followed
        for name in names:
            yield Path(dirpath) / name


def prune(folder: Path, keep: set[str]) -> int:
    """Take out of the backup what the new manifest does not name: films deleted in the home,
    older database snapshots, pieces of a backup that was stopped.
    Returns how many vault files were taken out."""
    removed = 0
    for section in ("vault", "db", "home"):
        top = folder / section
        if top.is_symlink() or not top.is_dir():
            continue
        for path in walk_files(top):
            rel = path.relative_to(folder).as_posix()
            ours = (
                VAULT_NAME.fullmatch(rel)
                or path.name.endswith(".part")
                or section in ("db", "home")
            )
            if rel not in keep and ours:
                path.unlink(missing_ok=True)
                removed += section == "vault" and not path.name.endswith(".part")
        for dirpath, dirs, _names in os.walk(top, topdown=False):
            for name in dirs:
                with suppress(OSError):
                    (Path(dirpath) / name).rmdir()  # only empty ones go
    return removed
