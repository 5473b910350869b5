"""The family video: chosen clips with title cards and captions, small enough for a phone.

Every part is made in memory: the clip's span is copied into memory and fed to ffmpeg on a pipe,
ffmpeg writes each encoded part to a pipe, and the parts are joined in memory. The only file
is the finished video, the deliberate export, written through a private partial file.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

import ffmpeg
from PIL import ImageFont

from vigguide.errors import CancelledError, MediaError
from vigguide.media.clips import CLIP_CRF, CLIP_PRESET, encode_span, output_options
from vigguide.media.ffmpeg_run import (
    FONT_PATH,
    ProgressCallback,
    base_global_args,
    beside,
    ffmpeg_exe,
    run_ffmpeg,
    write_export,
)
from vigguide.media.filters import even_fit
from vigguide.media.join import join_parts
from vigguide.media.probe import probe
from vigguide.media.source import Source, open_input
from vigguide.media.span import copy_span
from vigguide.media.writing import check_folder

FAMILY_LONG_EDGE = 1280
TEXT_WIDTH = 0.85  # title and caption lines fill at most this share of the video's width
FAMILY_CRF = 26  # a few MB a minute at 720p
FAMILY_PRESET = "ultrafast"  # SSIM 0.996 against the clip, same as superfast, in half the time
PARTS_AT_ONCE = 2  # each ffmpeg spends part of its time waiting on Python and pipes
FAMILY_FPS = 30
TITLE_SECONDS = 3.0
FADE_SECONDS = 0.4
_CARD_COLOUR = "0x2b4162"


@dataclass(frozen=True)
class FamilyClip:
    """One moment for the family: a span of a recording, a title card text, an optional caption."""

    source: Source
    start_s: float
    end_s: float
    title: str
    caption: str | None = None


def _wrapped(text: str, font_px: int, max_px: float) -> str:
    """The words in lines no wider than `max_px` at `font_px` in the card's font, measured (not
    counted in characters), so a title never runs off either edge of an upright phone video."""
    # the words go into the filter as one option value, escaped by the command builder (both
    # the option and the filter graph levels), so nothing in them is read as filter syntax;
    # `expansion=none` keeps a '%' a per cent sign. Control characters are dropped.
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]+", " ", unicodedata.normalize("NFC", text))
    font = ImageFont.truetype(str(FONT_PATH), font_px)
    lines: list[str] = []
    line = ""
    for word in text.split():
        while font.getlength(word) > max_px and len(word) > 1:  # one very long word: break it
            cut = len(word) - 1
            while cut > 1 and font.getlength(word[:cut]) > max_px:
                cut -= 1
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if line and font.getlength(candidate) > max_px:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return "\n".join(lines) or " "


def _canvas(items: list[FamilyClip]) -> tuple[int, int]:
    shapes = [probe(item.source) for item in items]
    portrait = all(info.height > info.width for info in shapes)
    return (720, 1280) if portrait else (1280, 720)


def _title_card(
    text: str,
    size: tuple[int, int],
    cancel: threading.Event | None,
    encoding: tuple[int, str] = (FAMILY_CRF, FAMILY_PRESET),
) -> bytes:
    w, h = size
    video = (
        ffmpeg.input(
            f"color=c={_CARD_COLOUR}:s={w}x{h}:r={FAMILY_FPS}:d={TITLE_SECONDS}", f="lavfi"
        )
        .video.vfilter(
            name="drawtext",
            fontfile=str(FONT_PATH),
            text=_wrapped(text, round(min(w, h) / 14), TEXT_WIDTH * w),
            expansion="none",  # a '%' in the practitioner's words is just a per cent sign
            fontcolor="white",
            fontsize=str(round(min(w, h) / 14)),
            line_spacing="12",
            x="(w-text_w)/2",
            y="(h-text_h)/2",
        )
        .vfilter(name="fade", t="in", d=str(FADE_SECONDS))
        .vfilter(name="fade", t="out", st=str(TITLE_SECONDS - FADE_SECONDS), d=str(FADE_SECONDS))
        .vfilter(name="format", pix_fmts="yuv420p")
        .vfilter(
            name="setparams",
            range="tv",
            color_primaries="bt709",
            color_trc="bt709",
            colorspace="bt709",
        )
    )
    sound = ffmpeg.input(f"anullsrc=r=48000:cl=stereo:d={TITLE_SECONDS}", f="lavfi").audio
    command = ffmpeg.output(
        video,
        sound,
        filename="pipe:1",
        extra_options=output_options(crf=encoding[0], preset=encoding[1], audio=True)
        | {"r": FAMILY_FPS},
    ).global_args(extra_options=base_global_args())
    run = run_ffmpeg(
        command.compile(cmd=ffmpeg_exe(), overwrite_output=True),
        cancel=cancel,
        what="a title card",
    )
    return run.output


def _clip_part(
    item: FamilyClip,
    index: int,
    canvas: tuple[int, int],
    cancel: threading.Event | None,
) -> bytes:
    info = probe(item.source)
    end = min(item.end_s, info.duration_s + 1.0)
    span = copy_span(item.source, info, item.start_s, end)
    chosen = span.selected(item.start_s, end)
    if not chosen:
        raise MediaError(f"Clip {index} has no frames between its start and end.")
    # fill the canvas (small webcam films are enlarged too), keeping the shape
    factor = min(canvas[0] / info.width, canvas[1] / info.height)
    size = even_fit(round(info.width * factor), round(info.height * factor), max(canvas))
    size = (min(size[0], canvas[0]), min(size[1], canvas[1]))
    w, h = canvas
    extra: list[tuple[str, dict[str, Any]]] = [
        ("pad", {"w": str(w), "h": str(h), "x": "(ow-iw)/2", "y": "(oh-ih)/2", "color": "black"}),
        ("fps", {"fps": str(FAMILY_FPS)}),
    ]
    if item.caption:
        extra.append(
            (
                "drawtext",
                {
                    "fontfile": str(FONT_PATH),
                    "text": _wrapped(item.caption, round(min(w, h) / 20), TEXT_WIDTH * w),
                    "expansion": "none",
                    "fontcolor": "white",
                    "fontsize": str(round(min(w, h) / 20)),
                    "box": "1",
                    "boxcolor": "black@0.55",
                    "boxborderw": "12",
                    "x": "(w-text_w)/2",
                    "y": "h-text_h-h/12",
                },
            )
        )
    duration = chosen[-1].span_s - chosen[0].span_s
    fade = min(FADE_SECONDS, max(0.0, duration / 4))
    if fade > 0:
        extra += [
            ("fade", {"t": "in", "d": f"{fade:.3f}"}),
            ("fade", {"t": "out", "st": f"{max(0.0, duration - fade):.3f}", "d": f"{fade:.3f}"}),
        ]
    extra += [
        ("format", {"pix_fmts": "yuv420p"}),
        ("setparams", {"range": "tv", "color_primaries": "bt709", "color_trc": "bt709",
                       "colorspace": "bt709"}),
    ]  # fmt: skip
    fragmented, _ = encode_span(
        span,
        info,
        chosen,
        size=size,
        crf=FAMILY_CRF,
        preset=FAMILY_PRESET,
        extra_video=extra,
        uniform_audio=True,
        fade_s=fade,
        constant_rate=True,  # the fps step above
        cancel=cancel,
        what="the family video",
    )
    return fragmented


def _copyable(item: FamilyClip, canvas: tuple[int, int]) -> bool:
    """Whether a whole clip can go into the video as it is: already the video's size, rate,
    codec and sound, and with no caption to draw. Its packets are then copied, not encoded again
    (its own encoding is the clip's: x264 ultrafast at CRF 20), and it cuts in without a fade."""
    info = probe(item.source)
    if item.caption or item.start_s > 0.001 or item.end_s < info.duration_s - 0.05:
        return False
    if (info.width, info.height) != canvas or abs(info.fps - FAMILY_FPS) > 0.01:
        return False
    if info.video_codec != "h264" or info.pixel_format != "yuv420p" or info.hdr:
        return False
    if info.rotation or info.interlaced or info.variable_frame_rate:
        return False
    with open_input(item.source) as container:
        if not container.streams.audio:
            return False
        sound = container.streams.audio[0].codec_context
        return sound.name == "aac" and sound.sample_rate == 48000 and sound.channels == 2


def _whole(source: Source) -> bytes:
    if isinstance(source, str | PathLike):
        return Path(source).read_bytes()
    source.seek(0)
    return source.read()


def _parts(
    items: list[FamilyClip],
    canvas: tuple[int, int],
    copy: bool,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> list[bytes]:
    """Every part in order: a title card, then its clip (copied as it is, or encoded afresh)."""
    # copied clips and their cards share the clips' encoding, so their headers match
    encoding = (CLIP_CRF, CLIP_PRESET) if copy else (FAMILY_CRF, FAMILY_PRESET)
    # two parts at a time (one reader each: a file object is never read by two at once);
    # the parts keep their order however they finish
    readers = [id(item.source) for item in items if not isinstance(item.source, str | PathLike)]
    workers = PARTS_AT_ONCE if len(set(readers)) == len(readers) else 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures: list[Future[bytes]] = []
        for index, item in enumerate(items, start=1):
            futures.append(pool.submit(_title_card, item.title, canvas, cancel, encoding))
            if copy:
                done: Future[bytes] = Future()
                done.set_result(_whole(item.source))
                futures.append(done)
            else:
                futures.append(pool.submit(_clip_part, item, index, canvas, cancel))
        parts: list[bytes] = []
        try:
            for future in futures:  # progress is told in this thread, as the parts come in
                parts.append(future.result())
                if progress is not None:
                    progress(0.95 * len(parts) / len(futures))
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    if cancel is not None and cancel.is_set():
        raise CancelledError("Cancelled; nothing was saved.")
    return parts


def make_family_video(
    items: list[FamilyClip],
    out: Path,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Join the clips in order, each after a title card, into one small phone-ready MP4.

    Consent is checked by the caller (the service layer) before this is called.
    """
    if not items:
        raise MediaError("Choose at least one clip for the family video.")
    out = beside(Path(out))
    check_folder(out.parent)  # now, not after a minute of work
    canvas = _canvas(items)
    copy = all(_copyable(item, canvas) for item in items)
    parts = _parts(items, canvas, copy, progress, cancel)
    try:
        joined = join_parts(parts)
    except MediaError:
        if not copy:
            raise
        # the clips' headers did not match the cards': make every part afresh
        joined = join_parts(_parts(items, canvas, False, progress, cancel))
    write_export(out, joined)
    if progress is not None:
        progress(1.0)
    return out
