"""Every MP4 vigguide finishes says "no rotation": its pictures are already upright, so a display
matrix carried over from a phone film would turn them a second time on the family's phone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import av

from vigguide.media.ffmpeg_run import ffmpeg_exe
from vigguide.media.mp4 import upright_tracks


def _rotation(path: Path) -> float:
    with av.open(str(path)) as container:
        return float(next(container.decode(video=0)).rotation)


def test_a_rotation_left_in_a_track_header_is_taken_out(videos: dict[str, Path], tmp_path: Path):
    turned = tmp_path / "turned.mp4"
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-display_rotation", "90",
         "-i", str(videos["h264_tagged"]), "-c", "copy", str(turned)],
        check=True,
    )  # fmt: skip
    assert _rotation(turned) != 0  # the test film really carries a rotation
    fixed = tmp_path / "fixed.mp4"
    fixed.write_bytes(upright_tracks(turned.read_bytes()))
    assert _rotation(fixed) == 0
    with av.open(str(fixed)) as container:  # still whole: every frame decodes
        assert sum(1 for _ in container.decode(video=0)) == sum(
            1 for _ in av.open(str(turned)).decode(video=0)
        )
