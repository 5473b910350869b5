"""Run by test_writing.py in a child process: media writes on a full disk or into a locked folder.

A full disk is a file-size limit (RLIMIT_FSIZE) with SIGXFSZ ignored, so write() fails with EFBIG
as it fails with ENOSPC on a full disk; the limit is set just before the write under test. A locked
folder is one without write permission (the parent drops root's override for this process).

    python failing_writes.py full|locked '{"scenario": {"video": ..., "out": ..., "work": ...}}'

prints {"scenario": {"error": "DiskFullError", "message": "..."}, ...} as JSON.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vigguide.media import clips, smartcut
from vigguide.media.clips import make_clip
from vigguide.media.filmstrip import write_filmstrip
from vigguide.media.stills import make_still

_SMALL = 2048
_HARD = resource.getrlimit(resource.RLIMIT_FSIZE)[1]


def limit(size: int | None) -> None:
    resource.setrlimit(
        resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY if size is None else size, _HARD)
    )


def limited_from(module: Any, name: str) -> Callable[[], None]:
    """Set the small limit when `module.name` starts; returns the undo."""
    real = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        limit(_SMALL)
        return real(*args, **kwargs)

    setattr(module, name, wrapper)
    return lambda: setattr(module, name, real)


def still(p: dict[str, Path]) -> None:
    limit(_SMALL)
    make_still(p["video"], 1.0, p["out"] / "still.jpg", thumb_out=p["out"] / "thumb.jpg")


def clip_span(p: dict[str, Path]) -> None:
    limit(_SMALL)
    make_clip(p["video"], 0.3, 2.4, p["out"] / "clip.mp4", p["work"])


def clip_smart_cut(p: dict[str, Path]) -> None:
    undo = limited_from(smartcut, "_mux")
    try:
        make_clip(p["video"], 0.3, 2.4, p["out"] / "clip.mp4", p["work"])
    finally:
        undo()


def clip_re_encode(p: dict[str, Path]) -> None:
    undo = limited_from(clips, "encode_span")
    try:
        make_clip(p["video"], 0.3, 2.4, p["out"] / "clip.mp4", p["work"], allow_fast=False)
    finally:
        undo()


def filmstrip(p: dict[str, Path]) -> None:
    limit(_SMALL)
    write_filmstrip(p["video"], p["out"] / "strip")


FULL: dict[str, Callable[[dict[str, Path]], None]] = {
    "still": still,
    "clip_span": clip_span,
    "clip_smart_cut": clip_smart_cut,
    "clip_re_encode": clip_re_encode,
    "filmstrip": filmstrip,
}


LOCKED: dict[str, Callable[[dict[str, Path]], None]] = {
    "still": lambda p: make_still(p["video"], 1.0, p["out"] / "still.jpg"),
    "clip": lambda p: make_clip(p["video"], 0.3, 2.4, p["out"] / "clip.mp4", p["work"]),
    "clip_workdir": lambda p: make_clip(p["video"], 0.3, 2.4, p["out"] / "clip.mp4", p["work"]),
    "filmstrip": lambda p: write_filmstrip(p["video"], p["out"] / "strip"),
}


def main() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    scenarios = FULL if sys.argv[1] == "full" else LOCKED
    results: dict[str, dict[str, str | None]] = {}
    for name, raw in json.loads(sys.argv[2]).items():
        paths = {key: Path(value) for key, value in raw.items()}
        try:
            scenarios[name](paths)
            results[name] = {"error": None, "message": ""}
        except Exception as exc:
            results[name] = {"error": type(exc).__name__, "message": str(exc)}
        finally:
            limit(None)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
