"""Frame-accurate clips (AAC sound, MP4) from a recording: smart cut, copied frames, or re-encoded.

Everything happens in memory and on pipes: the span of the film is copied into memory, ffmpeg
reads it on stdin and writes the clip on stdout, so no plaintext media is ever a file.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import ffmpeg

from vigguide.errors import MediaError
from vigguide.media import copycut, smartcut
from vigguide.media.ffmpeg_run import (
    SOUND_BITRATE,
    ProgressCallback,
    base_global_args,
    beside,
    ffmpeg_exe,
    progress_value,
    run_ffmpeg,
    write_export,
)
from vigguide.media.filters import even_fit, picture_steps
from vigguide.media.mp4 import finish
from vigguide.media.probe import ProbeInfo, probe
from vigguide.media.source import Source
from vigguide.media.span import Span, SpanFrame, clip_duration, copy_span, frame_slack
from vigguide.media.writing import check_folder

# A re-encoded clip is 720p (1280 on the long edge): it is watched on a laptop in the review and
# on a phone by the family, and the film in the vault keeps every pixel for micro-analysis.
# Copying frames as they are (the smart cut, an HEVC film's copied frames) keeps up to 1080p.
CLIP_LONG_EDGE = 1280
FAST_PATH_LONG_EDGE = 1920
# x264's fastest preset at a low CRF: a 10 s clip from a phone's HEVC film in about the time the
# phone film takes to decode, and SSIM against the source span about 0.99 (tests hold a floor).
CLIP_CRF = 20
CLIP_PRESET = "ultrafast"
# resizing with the bilinear scaler: a downscale by 1.5 or 3 looks the same as bicubic and costs less
CLIP_SCALER = "bilinear"


@dataclass(frozen=True)
class Clip:
    """A finished clip in memory (an MP4), its first frame's time in the source, and how."""

    data: bytes
    first_frame_s: float
    frames: int
    duration_s: float
    width: int
    height: int
    has_audio: bool
    method: str = (
        "re-encoded"  # "smart cut", "copied" (the film's frames as they are), "re-encoded"
    )

    @property
    def fast_path(self) -> bool:
        """Whether the film's frames were kept (smart cut or copy) rather than re-encoded."""
        return self.method != "re-encoded"


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
    method: str = "re-encoded"

    @property
    def fast_path(self) -> bool:
        return self.method != "re-encoded"


def output_options(*, crf: int, preset: str, audio: bool) -> dict[str, Any]:
    """Encoder and muxer options shared by clips and family videos: phone-playable, no metadata.

    The result goes to stdout as a fragmented MP4 (a pipe cannot be rewound); `mp4.finish`
    makes it a plain faststart MP4 in memory.
    """
    options: dict[str, Any] = {
        "c:v": "libx264",
        "preset": preset,
        "crf": crf,
        # Constrained Baseline (ultrafast) or Main: plays on any phone, old or new
        "profile:v": "main",
        "pix_fmt": "yuv420p",
        "color_primaries": "bt709",
        "color_trc": "bt709",
        "colorspace": "bt709",
        "color_range": "tv",
        # identical headers whatever the content, so parts can be joined (the family video)
        "x264-params": "stitchable=1",
        "bsf:v": "filter_units=remove_types=6",  # no SEI: x264's own, or any passed through
        "movflags": "frag_keyframe+empty_moov+delay_moov+default_base_moof",
        "map_metadata": "-1",
        "map_chapters": "-1",
        "fflags": "+bitexact",
        "flags:v": "+bitexact",
        "f": "mp4",
    }
    if audio:
        options |= {"c:a": "aac", "b:a": SOUND_BITRATE, "flags:a": "+bitexact"}
    return options


# The decoder skips the deblocking filter on frames no other frame is predicted from: nothing
# carries the difference forward, the clip is downscaled anyway, and the SSIM against the source
# is unchanged to three places (benchmarks/clips.py prints it; tests hold a floor).
# The span's Matroska header already says what the streams are, so ffmpeg is not asked to decode
# ahead to find out (it would decode those frames twice).
_DECODE = {"skip_loop_filter": "noref", "probesize": 65536, "analyzeduration": 0}


def _sound_format(sound: ffmpeg.AudioStream, *, uniform: bool) -> ffmpeg.AudioStream:
    """Mono or stereo as recorded; joined videos need every part to have the same sound track."""
    if uniform:
        return sound.afilter(name="aformat", sample_rates="48000", channel_layouts="stereo")
    return sound.afilter(name="aformat", channel_layouts="stereo|mono")


def encode_span(
    span: Span,
    info: ProbeInfo,
    chosen: list[SpanFrame],
    *,
    size: tuple[int, int],
    crf: int = CLIP_CRF,
    preset: str = CLIP_PRESET,
    audio: bool = True,
    extra_video: list[tuple[str, dict[str, Any]]] | None = None,
    uniform_audio: bool = False,
    fade_s: float = 0.0,
    constant_rate: bool = False,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    what: str = "the clip",
) -> tuple[bytes, int]:
    """Re-encode exactly the `chosen` frames of the span (and the sound under them).

    Returns the fragmented MP4 ffmpeg wrote to its stdout and the number of video frames in it.
    `constant_rate` says the caller's filters make a constant frame rate (the family video's
    parts, whose headers must match); otherwise a variable frame rate keeps its own times.
    """
    slack = frame_slack(span.frames)
    first, last = chosen[0].span_s, chosen[-1].span_s
    duration = clip_duration(span, chosen)
    src = ffmpeg.input("pipe:0", f="matroska", extra_options={"noautorotate": True} | _DECODE)
    video = src.video.vfilter(name="trim", start=f"{first - slack:.6f}", end=f"{last + slack:.6f}")
    video = video.vfilter(name="setpts", expr="PTS-STARTPTS")
    for name, options in picture_steps(info, size, for_video=True, scaler=CLIP_SCALER) + (
        extra_video or []
    ):
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
        filename="pipe:1",
        extra_options=output_options(crf=crf, preset=preset, audio=with_audio)
        | {"fps_mode": "passthrough"}
        | ({} if constant_rate else _vfr_time_base(info, span)),
    ).global_args(
        copyts=True,
        extra_options=base_global_args(),
    )
    run = run_ffmpeg(
        command.compile(cmd=ffmpeg_exe(), overwrite_output=True),
        feed=span.data,
        duration_s=duration,
        progress=progress,
        cancel=cancel,
        what=what,
    )
    return run.output, int(progress_value(run.lines, "frame") or 0)


def _vfr_time_base(info: ProbeInfo, span: Span) -> dict[str, str]:
    """Ticks for a variable frame rate's times, so each frame keeps its own time.

    Without this ffmpeg rounds every frame to ticks of the guessed rate (two frames at one time,
    others shifted). The span carries milliseconds; ticks of 1/600 s (as iPhones use, a whole
    number for 24, 25, 30 and 60 fps) put them back on the film's own times, and a film with
    ticks of a millisecond or coarser keeps its own.
    """
    if not info.variable_frame_rate:
        return {}
    tb = span.video_time_base
    ticks = tb if tb.denominator <= 1000 else Fraction(1, 600)
    return {"enc_time_base": f"{ticks.numerator}/{ticks.denominator}"}


def fast_path_allowed(info: ProbeInfo) -> bool:
    """Sources whose frames can be copied as they are into a phone-playable clip."""
    return (
        info.video_codec == "h264"
        and info.pixel_format == "yuv420p"
        and not info.hdr
        and not info.interlaced
        and info.rotation == 0
        and abs(info.sample_aspect - 1.0) < 1e-3
        and max(info.coded_width, info.coded_height) <= FAST_PATH_LONG_EDGE
        and info.coded_width % 2 == 0
        and info.coded_height % 2 == 0
    )


def cut_clip(
    source: Source,
    start_s: float,
    end_s: float,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    *,
    info: ProbeInfo | None = None,
    allow_fast: bool = True,
) -> Clip:
    """Make a clip of [start_s, end_s) seconds in memory: frame-accurate, with AAC sound, no
    metadata (no tags, no SEI in the stream), as an MP4.

    Where the film allows, and verified: an H.264 film is smart cut (H.264, as filmed); an HEVC
    film's frames are copied as they are (HEVC at the film's size, shown upright by its flag,
    `copycut`). Otherwise, on any doubt or with `allow_fast=False`, the clip is re-encoded: H.264
    at 720p, upright in its pixels, SDR, for any phone.
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
    span = copy_span(source, info, start_s, end_s)
    chosen = span.selected(start_s, end_s)
    if not chosen:
        raise MediaError(f"There are no frames between {start_s:.2f} s and {end_s:.2f} s.")
    made: bytes | None = None
    method = "re-encoded"
    if allow_fast and fast_path_allowed(info):
        made = smartcut.smart_cut(span, info, chosen, progress=progress, cancel=cancel)
        method = "smart cut" if made is not None else method
    elif allow_fast and copycut.copy_allowed(info, FAST_PATH_LONG_EDGE):
        made = copycut.copy_cut(span, chosen, cancel=cancel)
        method = "copied" if made is not None else method
    kept = made is not None
    size = (info.width, info.height) if kept else even_fit(info.width, info.height, CLIP_LONG_EDGE)
    frames = len(chosen)
    if made is None:
        fragmented, frames = encode_span(
            span, info, chosen, size=size, progress=progress, cancel=cancel
        )
        if frames != len(chosen):
            raise MediaError(
                f"The clip came out with {frames} frames instead of {len(chosen)}.",
                "Try again; if it keeps happening, report it.",
            )
        made = finish(fragmented)
    if progress is not None:
        progress(1.0)
    return Clip(
        data=made,
        first_frame_s=round(chosen[0].source_s, 6),
        frames=frames,
        duration_s=round(clip_duration(span, chosen), 6),
        width=size[0],
        height=size[1],
        has_audio=span.has_audio,
        method=method,
    )


def make_clip(
    source: Source,
    start_s: float,
    end_s: float,
    out: Path,
    workdir: Path | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    *,
    info: ProbeInfo | None = None,
    allow_fast: bool = True,
) -> ClipResult:
    """Make a clip (see `cut_clip`) and export it to `out`, a file the caller chose to write.

    `workdir` is not used any more (nothing but `out` is written); it is kept for older callers.
    """
    out = beside(out)
    check_folder(out.parent)
    clip = cut_clip(source, start_s, end_s, progress, cancel, info=info, allow_fast=allow_fast)
    write_export(out, clip.data)
    return ClipResult(
        path=out,
        first_frame_s=clip.first_frame_s,
        frames=clip.frames,
        duration_s=clip.duration_s,
        width=clip.width,
        height=clip.height,
        has_audio=clip.has_audio,
        method=clip.method,
    )
