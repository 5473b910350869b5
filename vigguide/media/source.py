"""Opening a recording with PyAV from a path or a seekable file object (the vault reader)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol, TypeAlias, runtime_checkable

import av
import av.container
import av.error

from vigguide.errors import MediaError


@runtime_checkable
class SeekableReader(Protocol):
    """What PyAV needs from a file object: read, seek and tell."""

    def read(self, size: int = -1, /) -> bytes: ...
    def seek(self, offset: int, whence: int = 0, /) -> int: ...
    def tell(self) -> int: ...


Source: TypeAlias = "str | os.PathLike[str] | BinaryIO | SeekableReader"


def source_name(source: Source) -> str:
    """A short name for messages: the file name, never a full path or any contents."""
    if isinstance(source, str | os.PathLike):
        return Path(os.fspath(source)).name or "the recording"
    name = getattr(source, "name", None)
    if isinstance(name, str) and name:
        return Path(name).name
    return "the recording"


class _Guarded:
    """A reader as PyAV sees it: its first failure is raised once, then only end-of-file.

    PyAV keeps a reader's exception until it can raise it; when FFmpeg reads again first (it
    retries) a second exception would push the first out, printed to stderr as "PyAV library
    exception being dropped" with a traceback, before the plain message. After a failure, this
    reader just says end-of-file, and `open_input` raises the failure itself.
    """

    def __init__(self, inner: BinaryIO | SeekableReader) -> None:
        self._inner = inner
        self.failure: Exception | None = None

    def seekable(self) -> bool:
        return True

    def read(self, size: int = -1, /) -> bytes:
        if self.failure is not None:
            return b""
        try:
            return self._inner.read(size)
        except Exception as exc:
            self.failure = exc
            raise

    def seek(self, offset: int, whence: int = 0, /) -> int:
        if self.failure is not None:
            return 0
        try:
            return self._inner.seek(offset, whence)
        except Exception as exc:
            self.failure = exc
            raise

    def tell(self) -> int:
        return 0 if self.failure is not None else self._inner.tell()


def _settle(guard: _Guarded | None) -> None:
    """Raise the reader's failure, if any, and clear what PyAV may still hold of it."""
    if guard is None or guard.failure is None:
        return
    with contextlib.suppress(Exception):
        av.error.err_check(0)  # raises (and so forgets) an exception PyAV still keeps
    raise guard.failure


@contextlib.contextmanager
def open_input(source: Source) -> Iterator[av.container.InputContainer]:
    """Open `source` for demuxing, turning PyAV's errors into a plain MediaError.

    A file object's own error (a damaged vault file, a card pulled out) comes out as itself,
    without PyAV's noise on stderr.
    """
    name = source_name(source)
    guard: _Guarded | None = None
    try:
        if isinstance(source, str | os.PathLike):
            container = av.open(os.fspath(source), mode="r")
        else:
            source.seek(0)
            guard = _Guarded(source)
            container = av.open(guard, mode="r")
    except FileNotFoundError as exc:
        raise MediaError(f"{name} was not found.", "Check the file name and try again.") from exc
    except PermissionError as exc:
        raise MediaError(
            f"{name} cannot be opened: permission denied.",
            "Ask for read access to the file, or copy it somewhere you can read.",
        ) from exc
    except (av.FFmpegError, OSError, ValueError) as exc:
        _settle(guard)
        raise MediaError(
            f"{name} is not a video that can be read (damaged or not a video file).",
            "Copy the film from the camera again.",
        ) from exc
    except Exception:
        _settle(guard)
        raise
    try:
        yield container
    except Exception:
        _settle(guard)
        raise
    finally:
        try:
            container.close()
        except Exception:
            if guard is None or guard.failure is None:
                raise
    _settle(guard)
