"""ffmpeg children die with the app: SIGKILL the Python process in the middle of a clip and its
ffmpeg goes too, having written no file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import media_videos as mv

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

_ROOT = Path(__file__).resolve().parents[2]
_CHILD = """
import sys
from pathlib import Path
from vigguide.media.clips import make_clip
make_clip(Path(sys.argv[1]), 0.0, 8.0, Path(sys.argv[2]) / "clip.mp4", allow_fast=False)
"""


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a dead child nobody has reaped yet is gone


def _encoding_ffmpeg(pid: int) -> int | None:
    """The ffmpeg making the clip (not the quick `ffmpeg -version` run that finds the program)."""
    for child in _children(pid):
        try:
            argv = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"pipe:1" in argv and b"libx264" in argv:
            return child
    return None


@pytest.mark.slow
def test_ffmpeg_dies_when_the_app_is_killed_mid_clip(tmp_path: Path) -> None:
    film = mv.make_long_h264(tmp_path, 8, size="1280x720")
    out = tmp_path / "out"
    out.mkdir()
    app = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(film), str(out)],
        env=os.environ | {"PYTHONPATH": str(_ROOT)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ffmpeg = None
        while ffmpeg is None and app.poll() is None:
            ffmpeg = _encoding_ffmpeg(app.pid)
            time.sleep(0.01)
        assert ffmpeg is not None, "the clip finished before its ffmpeg was seen"
        time.sleep(0.3)  # let it get going
        assert _alive(ffmpeg)
        os.kill(app.pid, signal.SIGKILL)
        app.wait()
        deadline = time.monotonic() + 10  # a generous bound, not a speed test
        while _alive(ffmpeg) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not _alive(ffmpeg)
    finally:
        if app.poll() is None:
            app.kill()
    assert list(out.iterdir()) == []  # nothing written: no clip, no partial
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [film]
