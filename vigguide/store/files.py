"""Careful file writing: private permissions, atomic replace, and plain messages when the disk is
full or a folder cannot be written.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from vigguide.durable import STAGING_PREFIX, fsync_dir, is_staging_dir
from vigguide.errors import DiskFullError, StoreError

__all__ = ["STAGING_PREFIX", "fsync_dir", "is_staging_dir"]  # and the helpers below


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) with mode 0700 for the last part."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def disk_error(exc: OSError, where: Path) -> Exception:
    """Turn an OSError into a message a practitioner can act on."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFullError(
            f"The disk is full: there was not enough space to write in {where.parent}.",
            "Free some space (or choose another folder) and try again; nothing was changed.",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            f"vigguide is not allowed to write in {where.parent}.",
            "Choose a folder you can write to, or ask IT to check its permissions.",
        )
    return StoreError(f"Could not write {where.name}: {exc.strerror}.", "Try again.")


def temp_sibling(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` with mode 0600, atomically: readers see the old file or the new one."""
    tmp = temp_sibling(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise disk_error(exc, path) from exc
