"""Failed writes (a full disk, a folder that cannot be written) as messages a practitioner can act on.

PyAV's write errors are OSErrors too (`av.error.OSError`), so one mapping serves Python's own
writes, PyAV's muxers and, through its error text, the ffmpeg program.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

from vigguide.durable import STAGING_PREFIX, fsync_dir
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
    if exc.errno == errno.ENAMETOOLONG:
        return name_too_long(Path(where))
    if exc.errno in (errno.ENOENT, errno.ENOTDIR) and folder.is_dir():
        return MediaError(
            f"vigguide cannot make files in {folder}: it is not an ordinary folder.",
            "Choose a folder in your documents or on a USB stick.",
        )
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return MediaError(f"The folder {folder} does not exist.", "Choose another folder.")
    return MediaError(
        f"{Path(where).name} could not be written ({exc.strerror or exc}).", "Try again."
    )


# the longest file name most disks allow, less room for the hidden partial file written first
_NAME_MAX = 255
_PARTIAL_ROOM = 40


def name_too_long(where: Path) -> MediaError:
    return MediaError(
        f"The name {where.name[:40]}… is too long for this disk.",
        f"Choose a name of at most {_NAME_MAX - _PARTIAL_ROOM} characters.",
    )


def check_name_lengths(path: Path) -> None:
    """MediaError now if a part of `path` (a folder or the file's name) is longer than the disk
    allows, keeping room for the partial file's longer name."""
    for part in Path(path).parts:
        if len(part.encode("utf-8", "surrogateescape")) > _NAME_MAX - _PARTIAL_ROOM:
            raise name_too_long(Path(path).parent / part)


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


def require_regular_file(path: Path) -> None:
    """MediaError unless `path` is an ordinary file: a pipe (FIFO), socket or device would hang
    or stream forever where a film is read."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise MediaError(f"{Path(path).name} was not found.", "Check the file name.") from None
    except OSError as exc:
        raise MediaError(
            f"{Path(path).name} could not be read ({exc.strerror}).", "Check the file."
        ) from None
    if stat.S_ISDIR(mode):
        raise MediaError(f"{Path(path).name} is a folder, not a film.", "Choose a video file.")
    if not stat.S_ISREG(mode):
        raise MediaError(
            f"{Path(path).name} is not an ordinary file (it is a pipe or a device).",
            "Choose the video file itself, copied from the camera or phone.",
        )


def make_export_folder(folder: Path) -> Path:
    """Create `folder` if it is missing, each new part private (0700); a folder that exists is
    used as it is (its mode, owner and sticky bit are the user's, and never changed)."""
    folder = Path(folder).expanduser()
    check_name_lengths(folder)
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and not probe.is_symlink():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for part in reversed(missing):
        try:
            part.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise write_error(exc, part) from exc
        if os.name == "posix":
            os.chmod(part, 0o700)
    if not folder.is_dir():
        raise MediaError(f"{folder} is a file, not a folder.", "Choose another folder.")
    return folder


def staging_name(folder: Path) -> Path:
    return Path(folder) / f"{STAGING_PREFIX}{secrets.token_hex(8)}"


def new_staging(folder: Path, staging: Path | None = None) -> Path:
    """A private (0700) hidden folder inside `folder` where an export is written before it is put
    in place, so nothing half-made is ever visible and a crash leaves nothing readable."""
    staging = staging or staging_name(folder)
    try:
        staging.mkdir(mode=0o700)
    except OSError as exc:
        raise write_error(exc, staging) from exc
    return staging


def place(staged: Path, target: Path) -> Path:
    """Put a finished export in place: private (0600), atomically, and never through a link that
    was planted at `target` (a link there is replaced, its own target left untouched)."""
    if target.is_dir() and not target.is_symlink():
        raise MediaError(f"{target} is a folder.", "Choose another file name.")
    try:
        os.chmod(staged, 0o600)
        os.replace(staged, target)
    except OSError as exc:
        raise write_error(exc, target) from exc
    fsync_dir(target.parent)
    return target


@contextlib.contextmanager
def staged_output(target: Path) -> Iterator[Path]:
    """Write an export to the path yielded; on success it replaces `target` (see `place`), on
    failure nothing is left. The output folder is created 0700 if missing, else left alone."""
    target = Path(target)
    if target.name in ("", ".", ".."):
        raise MediaError(f"{target} is not a file name.", "Give a file name to write.")
    check_name_lengths(target)
    folder = make_export_folder(target.parent)
    staging = new_staging(folder)
    try:
        yield staging / target.name
        place(staging / target.name, folder / target.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
