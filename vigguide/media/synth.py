"""A fictional generated film for `vigguide demo`: colourful moving pictures and a gentle tone."""

from __future__ import annotations

from pathlib import Path

import ffmpeg

from vigguide.media.clips import output_options
from vigguide.media.ffmpeg_run import base_global_args, ffmpeg_exe, run_ffmpeg, write_export
from vigguide.media.mp4 import finish


def demo_film(seconds: float = 20) -> bytes:
    """A 640x360 H.264 + AAC demo film of `seconds`, as MP4 bytes (no real family in it)."""
    video = ffmpeg.input(f"testsrc2=size=640x360:rate=25:duration={seconds}", f="lavfi").video
    video = video.vfilter(name="format", pix_fmts="yuv420p")
    sound = ffmpeg.input(
        f"sine=frequency=262:sample_rate=48000:duration={seconds}", f="lavfi"
    ).audio.afilter(name="volume", volume="0.15")
    command = ffmpeg.output(
        video,
        sound,
        filename="pipe:1",
        extra_options=output_options(crf=23, preset="veryfast", audio=True) | {"g": 25},
    ).global_args(extra_options=base_global_args())
    run = run_ffmpeg(
        command.compile(cmd=ffmpeg_exe(), overwrite_output=True),
        duration_s=seconds,
        what="the demo film",
    )
    return finish(run.output)


def make_demo_film(out: Path, seconds: float = 20) -> Path:
    """Write the demo film (see `demo_film`) to `out`."""
    return write_export(Path(out), demo_film(seconds))
