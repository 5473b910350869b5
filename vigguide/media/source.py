"""Opening a recording with PyAV from a path or a seekable file object (the vault reader)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol, TypeAlias, runtime_checkable

import av
import av.container

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


@contextlib.contextmanager
def open_input(source: Source) -> Iterator[av.container.InputContainer]:
    """Open `source` for demuxing, turning PyAV's errors into a plain MediaError."""
    name = source_name(source)
    try:
        if isinstance(source, str | os.PathLike):
            container = av.open(os.fspath(source), mode="r")
        else:
            source.seek(0)
            container = av.open(source, mode="r")
    except FileNotFoundError as exc:
        raise MediaError(f"{name} was not found.", "Check the file name and try again.") from exc
    except PermissionError as exc:
        raise MediaError(
            f"{name} cannot be opened: permission denied.",
            "Ask for read access to the file, or copy it somewhere you can read.",
        ) from exc
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise MediaError(
            f"{name} is not a video that can be read (damaged or not a video file).",
            "Copy the film from the camera again.",
        ) from exc
    try:
        yield container
    finally:
        container.close()
