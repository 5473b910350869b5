"""Failed writes (a full disk, a folder that cannot be written) as messages a practitioner can act on.

PyAV's write errors are OSErrors too (`av.error.OSError`), so one mapping serves Python's own
writes, PyAV's muxers and, through its error text, the ffmpeg program.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from vigguide.errors import DiskFullError, MediaError, VigGuideError

# EFBIG too: a file-size limit (or a FAT32 memory card's 4 GB) is a full disk to the user
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_DENIED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
_FFMPEG_FULL = ("No space left on device", "File too large", "Disk quota exceeded")
_FFMPEG_DENIED = ("Permission denied", "Read-only file system", "Operation not permitted")


def disk_full(folder: Path) -> DiskFullError:
    return DiskFullError(
        f"The disk is full: there was not enough space to write in {folder}.",
        "Free some space (or choose another folder) and try again; nothing was saved.",
    )


def not_allowed(folder: Path) -> MediaError:
    return MediaError(
        f"vigguide is not allowed to write in {folder}.",
        "Choose a folder you can write to, or ask IT to check its permissions.",
    )


def write_error(exc: OSError, where: Path) -> VigGuideError:
    """The plain error for an OSError met while writing the file `where`."""
    folder = Path(where).parent
    if exc.errno in _FULL:
        return disk_full(folder)
    if exc.errno in _DENIED:
        return not_allowed(folder)
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return MediaError(f"The folder {folder} does not exist.", "Choose another folder.")
    return MediaError(
        f"{Path(where).name} could not be written ({exc.strerror or exc}).", "Try again."
    )


def is_write_failure(exc: OSError, where: Path) -> bool:
    """Whether `exc` says writing `where` failed (and not, say, reading the film)."""
    if exc.errno in _FULL:
        return True
    named = getattr(exc, "filename", None)
    return exc.errno in _DENIED and (named is None or Path(str(named)) == Path(where))


@contextlib.contextmanager
def writing(where: Path) -> Iterator[None]:
    """Turn an OSError that says writing `where` failed into DiskFullError or MediaError."""
    try:
        yield
    except OSError as exc:
        if is_write_failure(exc, where):
            raise write_error(exc, where) from exc
        raise


def make_folder(folder: Path, mode: int = 0o777) -> None:
    """Create `folder` (and its parents) if missing; plain errors if that is not possible."""
    try:
        folder.mkdir(mode=mode, parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise MediaError(f"{folder} is a file, not a folder.", "Choose another folder.") from exc
    except OSError as exc:
        raise write_error(exc, folder) from exc


def check_folder(folder: Path) -> None:
    """MediaError now, rather than half-way through, if `folder` is missing or read-only."""
    if not folder.is_dir():
        raise MediaError(f"The folder {folder} does not exist.", "Choose another folder.")
    if not os.access(folder, os.W_OK):
        raise not_allowed(folder)


def ffmpeg_write_error(stderr_tail: str, output: Path | None) -> VigGuideError | None:
    """The plain error for an ffmpeg run that failed writing `output`, judged by its messages."""
    folder = output.parent if output is not None else None
    if any(text in stderr_tail for text in _FFMPEG_FULL):
        return (
            disk_full(folder)
            if folder is not None
            else DiskFullError("The disk is full.", "Free some space and try again.")
        )
    if folder is not None and any(text in stderr_tail for text in _FFMPEG_DENIED):
        return not_allowed(folder)
    return None
