"""Pictures held in memory for one document: the stills come out of the vault as bytes and are
printed from here, so no decrypted picture is ever written to disk on the way to a PDF.

`held_in_memory` gives each picture a path that exists only in this table (under a folder that is
never created); the fetcher, the page-shape code and the checks read through `image_bytes`.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

_ROOT = Path("/vigguide-in-memory")  # never created: a name, not a folder
_lock = threading.Lock()
_held: dict[Path, bytes] = {}


@contextmanager
def held_in_memory(pictures: Mapping[str, bytes]) -> Iterator[dict[str, Path]]:
    """Hold `pictures` (name -> bytes) for the length of the block; yields name -> its path."""
    token = secrets.token_hex(8)
    paths = {name: (_ROOT / token / Path(name).name).resolve() for name in pictures}
    with _lock:
        _held.update({paths[name]: data for name, data in pictures.items()})
    try:
        yield paths
    finally:
        with _lock:
            for path in paths.values():
                _held.pop(path, None)


def in_memory(path: Path) -> bool:
    with _lock:
        return Path(path).resolve() in _held


def image_bytes(path: Path) -> bytes:
    """The picture's bytes: from memory when held there, else from its file."""
    with _lock:
        data = _held.get(Path(path).resolve())
    return data if data is not None else Path(path).read_bytes()


def available(path: Path) -> bool:
    return in_memory(path) or Path(path).is_file()
