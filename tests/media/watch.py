"""Watching folders for every file created in them while something runs (inotify on Linux).

Polling can miss a file that lives for a millisecond; inotify reports every creation and every
rename into a watched folder, and new subfolders are watched as they appear.
"""

from __future__ import annotations

import ctypes
import os
import select
import stat
import struct
import threading
from dataclasses import dataclass, field
from pathlib import Path

_IN_MOVED_TO = 0x80
_IN_CREATE = 0x100
_IN_ISDIR = 0x40000000
_HEADER = struct.Struct("iIII")


@dataclass
class Seen:
    """A file that appeared: where, and its mode when first seen (None if already gone)."""

    path: Path
    mode: int | None
    folder: bool = False


@dataclass
class Watcher:
    """Use as a context manager around the work; `seen` then lists every file and folder created."""

    folders: list[Path]
    seen: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify is not available")
        self._dirs: dict[int, Path] = {}
        self._before: set[Path] = set()  # files already there when watching began
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _watch(self, folder: Path) -> None:
        wd = self._libc.inotify_add_watch(self._fd, os.fsencode(folder), _IN_CREATE | _IN_MOVED_TO)
        if wd >= 0:
            self._dirs[wd] = folder
        # anything created before the watch was in place
        for entry in os.scandir(folder):
            self._found(Path(entry.path), entry.is_dir(follow_symlinks=False))

    def _found(self, path: Path, is_dir: bool) -> None:
        if is_dir:
            if path not in self._before and all(s.path != path for s in self.seen):
                self.seen.append(Seen(path, None, folder=True))
            self._watch(path)
            return
        try:
            mode: int | None = stat.S_IMODE(os.lstat(path).st_mode)
        except FileNotFoundError:
            mode = None
        if path not in self._before and all(s.path != path for s in self.seen):
            self.seen.append(Seen(path, mode))

    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return
            pos = 0
            while pos < len(data):
                wd, mask, _cookie, size = _HEADER.unpack_from(data, pos)
                raw = data[pos + _HEADER.size : pos + _HEADER.size + size].rstrip(b"\0")
                pos += _HEADER.size + size
                if wd in self._dirs and raw:
                    self._found(self._dirs[wd] / os.fsdecode(raw), bool(mask & _IN_ISDIR))

    def _run(self) -> None:
        while not self._stop.is_set():
            select.select([self._fd], [], [], 0.05)
            self._drain()
        self._drain()

    def __enter__(self) -> Watcher:
        for folder in self.folders:
            self._before |= set(folder.rglob("*"))
        for folder in self.folders:
            self._watch(folder)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        os.close(self._fd)
