"""Frame-accurate clips (H.264 + AAC in MP4) from a recording, with the smart-cut fast path."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ffmpeg

from vigguide.errors import MediaError
from vigguide.media import smartcut
from vigguide.media.ffmpeg_run import (
    ProgressCallback,
    atomic_output,
    base_global_args,
    ffmpeg_exe,
    progress_value,
    run_ffmpeg,
)
from vigguide.media.filters import even_fit, picture_steps
from vigguide.media.probe import ProbeInfo, probe
from vigguide.media.source import Source
from vigguide.media.span import Span, SpanFrame, copy_span
from vigguide.media.writing import check_folder

CLIP_LONG_EDGE = 1920
CLIP_CRF = 18  # the clip is the practitioner's working copy: keep the source's quality


@dataclass(frozen=True)
class ClipResult:
    """A finished clip: where, its first frame's time in the source, frames, and how it was made."""

    path: Path
    first_frame_s: float
    frames: int
    duration_s: float
    width: int
    height: int
    has_audio: bool
    fast_path: bool


def output_options(*, crf: int, preset: str, audio: bool) -> dict[str, Any]:
    """Encoder and muxer options shared by clips and family videos: phone-playable, no metadata."""
    options: dict[str, Any] = {
        "c:v": "libx264",
        "preset": preset,
        "crf": crf,
        "profile:v": "high",
        "pix_fmt": "yuv420p",
        "color_primaries": "bt709",
        "color_trc": "bt709",
        "colorspace": "bt709",
        "color_range": "tv",
        "movflags": "+faststart",
        "map_metadata": "-1",
        "map_chapters": "-1",
        "fflags": "+bitexact",
        "flags:v": "+bitexact",
        "f": "mp4",
    }
    if audio:
        options |= {"c:a": "aac", "b:a": "160k", "flags:a": "+bitexact"}
    return options


def frame_slack(frames: tuple[SpanFrame, ...]) -> float:
    """Half the smallest gap between frames: trims at frame time ± this are exact."""
    gaps = [b.span_s - a.span_s for a, b in itertools.pairwise(frames)]
    gaps = [g for g in gaps if g > 0]
    return max(0.0006, min(gaps) / 2) if gaps else 0.01


def clip_duration(span: Span, chosen: list[SpanFrame]) -> float:
    """Shown time of the chosen frames: up to the next frame, or one typical gap after the last."""
    last = chosen[-1]
    later = [f.span_s for f in span.frames if f.span_s > last.span_s]
    if later:
        end = min(later)
    elif len(chosen) > 1:
        end = last.span_s + (last.span_s - chosen[0].span_s) / (len(chosen) - 1)
    else:
        end = last.span_s + 1 / 30
    return max(end - chosen[0].span_s, 0.001)


def _sound_format(sound: ffmpeg.AudioStream, *, uniform: bool) -> ffmpeg.AudioStream:
    """Mono or stereo as recorded; joined videos need every part to have the same sound track."""
    if uniform:
        return sound.afilter(name="aformat", sample_rates="48000", channel_layouts="stereo")
    return sound.afilter(name="aformat", channel_layouts="stereo|mono")


def encode_span(
    span: Span,
    info: ProbeInfo,
    chosen: list[SpanFrame],
    out: Path,
    *,
    size: tuple[int, int],
    crf: int = CLIP_CRF,
    preset: str = "fast",
    audio: bool = True,
    extra_video: list[tuple[str, dict[str, Any]]] | None = None,
    uniform_audio: bool = False,
    fade_s: float = 0.0,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    what: str = "the clip",
) -> int:
    """Re-encode exactly the `chosen` frames of the span (and the sound under them) into `out`.

    Returns the number of video frames written.
    """
    slack = frame_slack(span.frames)
    first, last = chosen[0].span_s, chosen[-1].span_s
    duration = clip_duration(span, chosen)
    src = ffmpeg.input(str(span.path), extra_options={"noautorotate": True})
    video = src.video.vfilter(name="trim", start=f"{first - slack:.6f}", end=f"{last + slack:.6f}")
    video = video.vfilter(name="setpts", expr="PTS-STARTPTS")
    for name, options in picture_steps(info, size, for_video=True) + (extra_video or []):
        video = video.vfilter(name=name, **options)
    streams: list[Any] = [video]
    with_audio = audio and (span.has_audio or uniform_audio)
    if with_audio and span.has_audio:
        sound = src.audio.afilter(name="atrim", start=f"{first:.6f}", end=f"{first + duration:.6f}")
        sound = sound.afilter(name="asetpts", expr="PTS-STARTPTS")
        sound = _sound_format(sound, uniform=uniform_audio)
        # pad short sound with silence so the picture never outlasts it
        sound = sound.afilter(name="apad", whole_dur=f"{duration:.6f}")
        streams.append(sound)
    elif with_audio:
        silence = ffmpeg.input(f"anullsrc=r=48000:cl=stereo:d={duration:.6f}", f="lavfi").audio
        silence = _sound_format(silence, uniform=uniform_audio)
        streams.append(silence)
    if fade_s > 0 and with_audio:
        streams[1] = (
            streams[1]
            .afilter(name="afade", t="in", d=f"{fade_s}")
            .afilter(name="afade", t="out", st=f"{max(0.0, duration - fade_s):.6f}", d=f"{fade_s}")
        )
    command = ffmpeg.output(
        *streams,
        filename=str(out),
        extra_options=output_options(crf=crf, preset=preset, audio=with_audio)
        | {"fps_mode": "passthrough"},
    ).global_args(
        copyts=True,
        extra_options=base_global_args(),
    )
    lines = run_ffmpeg(
        command.compile(cmd=ffmpeg_exe(), overwrite_output=True),
        duration_s=duration,
        progress=progress,
        cancel=cancel,
        partial=out,
        what=what,
    )
    return int(progress_value(lines, "frame") or 0)


def fast_path_allowed(info: ProbeInfo) -> bool:
    """Sources whose frames can be copied as they are into a phone-playable clip."""
    return (
        info.video_codec == "h264"
        and info.pixel_format == "yuv420p"
        and not info.hdr
        and not info.interlaced
        and info.rotation == 0
        and abs(info.sample_aspect - 1.0) < 1e-3
        and max(info.coded_width, info.coded_height) <= CLIP_LONG_EDGE
        and info.coded_width % 2 == 0
        and info.coded_height % 2 == 0
    )


def make_clip(
    source: Source,
    start_s: float,
    end_s: float,
    out: Path,
    workdir: Path,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    *,
    info: ProbeInfo | None = None,
    allow_fast: bool = True,
) -> ClipResult:
    """Make a clip of [start_s, end_s) seconds: frame-accurate, upright, SDR, H.264 + AAC MP4.

    Only the span needed is copied into `workdir` (a private directory the caller wipes). The
    smart-cut fast path is used where the source allows and is verified; otherwise, or if
    verification fails, the whole clip is re-encoded.
    """
    info = info if info is not None else probe(source)
    if not 0 <= start_s < end_s:
        raise MediaError("The clip must end after it starts.", "Choose a later end point.")
    if start_s >= info.duration_s:
        raise MediaError(
            f"The film is only {info.duration_s:.2f} s long; the clip cannot start at "
            f"{start_s:.2f} s."
        )
    end_s = min(end_s, info.duration_s + 1.0)
    workdir = Path(workdir).resolve()
    out = Path(out).resolve()
    check_folder(out.parent)
    span = copy_span(source, info, start_s, end_s, workdir)
    chosen = span.selected(start_s, end_s)
    if not chosen:
        raise MediaError(f"There are no frames between {start_s:.2f} s and {end_s:.2f} s.")
    size = even_fit(info.width, info.height, CLIP_LONG_EDGE)
    with atomic_output(out) as tmp:
        fast = False
        frames = 0
        if allow_fast and fast_path_allowed(info):
            made = smartcut.smart_cut(
                span, info, chosen, tmp, workdir, progress=progress, cancel=cancel
            )
            if made:
                fast, frames = True, len(chosen)
                if progress is not None:
                    progress(1.0)
        if not fast:
            frames = encode_span(
                span, info, chosen, tmp, size=size, progress=progress, cancel=cancel
            )
            if frames != len(chosen):
                raise MediaError(
                    f"The clip came out with {frames} frames instead of {len(chosen)}.",
                    "Try again; if it keeps happening, report it.",
                )
    return ClipResult(
        path=out,
        first_frame_s=round(chosen[0].source_s, 6),
        frames=frames,
        duration_s=round(clip_duration(span, chosen), 6),
        width=size[0],
        height=size[1],
        has_audio=span.has_audio,
        fast_path=fast,
    )
