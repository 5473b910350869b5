"""Media work in a child process on a full disk, or without permission (even when run as root).

A full disk is a file-size limit (RLIMIT_FSIZE) with SIGXFSZ ignored, so write() fails with EFBIG
as it fails with ENOSPC on a full disk; the limit is set just before the write under test. For
"locked" scenarios the child runs without root's permission override, so file modes apply.

Tests call `run_restricted`; the child runs

    python restricted.py full|locked '{"scenario": {"video": ..., "out": ..., "work": ...}}'

and prints {"scenario": {"error": "DiskFullError", "message": "..."}, ...} as JSON.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vigguide.media import clips, smartcut
from vigguide.media.clips import make_clip
from vigguide.media.filmstrip import write_filmstrip
from vigguide.media.probe import validate
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
    make_clip(p["video"], 0.3, 2.4, p["out"] / "clip.mp4")


def clip_smart_cut(p: dict[str, Path]) -> None:
    undo = limited_from(smartcut, "_mux")
    try:
        make_clip(p["video"], 0.3, 2.4, p["out"] / "clip.mp4")
    finally:
        undo()


def clip_re_encode(p: dict[str, Path]) -> None:
    undo = limited_from(clips, "encode_span")
    try:
        make_clip(p["video"], 0.3, 2.4, p["out"] / "clip.mp4", allow_fast=False)
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
    "clip": lambda p: make_clip(p["video"], 0.3, 2.4, p["out"] / "clip.mp4"),
    "filmstrip": lambda p: write_filmstrip(p["video"], p["out"] / "strip"),
    "unreadable": lambda p: validate(p["video"]),
}

_ROOT = Path(__file__).resolve().parents[2]


def _obey_permissions() -> None:
    # root ignores permission bits; without these two capabilities it obeys them like anyone
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def run_restricted(mode: str, scenarios: dict[str, dict[str, Path]]) -> dict[str, dict[str, str]]:
    """Run `scenarios` ("full" or "locked") in a child; skip the test where that is impossible."""
    preexec = _obey_permissions if mode == "locked" and os.geteuid() == 0 else None
    spec = {name: {k: str(v) for k, v in paths.items()} for name, paths in scenarios.items()}
    try:
        done = subprocess.run(
            [sys.executable, __file__, mode, json.dumps(spec)],
            capture_output=True,
            text=True,
            env=os.environ | {"PYTHONPATH": str(_ROOT)},
            preexec_fn=preexec,
            timeout=300,
        )
    except subprocess.SubprocessError as exc:
        pytest.skip(f"cannot take away root's permission override here: {exc}")
    assert done.returncode == 0, done.stderr[-3000:]
    results: dict[str, dict[str, str]] = json.loads(done.stdout.splitlines()[-1])
    return results


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
