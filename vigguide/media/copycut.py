"""Clips from phone films, copied frame for frame: HEVC (as iPhones record by default), and H.264
the smart cut cannot take (a portrait film flagged to be turned upright, as Android phones record).

The frames from the keyframe before the in-point to the last one the clip shows are copied as
they are (no SEI), with the film's own size, colours and upright flag, and the MP4's edit list
shows exactly the chosen frames (`edits.show_only`). The sound is made afresh under them, as in
the smart cut. Nothing is decoded or encoded for the picture, so a clip takes a fraction of a
second and keeps every pixel of the film for micro-analysis and supervision.

HEVC plays on phones from the last several years, in the built-in player and in the supervision
area; what the family keeps (the family video) is always made as H.264 for any phone, upright in
its pixels, and `vigguide media clip --no-fast` makes such a clip.

Every result is read back (its packets, not its pictures) and must show exactly the chosen
frames; on any doubt the caller re-encodes instead.
"""

from __future__ import annotations

import io
import threading
from fractions import Fraction
from typing import TypeAlias

import av
import av.container

from vigguide.errors import CancelledError, MediaError
from vigguide.media import avc, hevc
from vigguide.media.avc import AvcConfig, NotSpliceable
from vigguide.media.edits import show_only
from vigguide.media.mp4 import MP4_OPTIONS, faststart, sound_track
from vigguide.media.probe import ProbeInfo
from vigguide.media.smartcut import encode_sound
from vigguide.media.span import Span, SpanFrame, clip_duration

VideoPacket: TypeAlias = "av.Packet[av.VideoStream]"  # generic only to the type checker


def copy_allowed(info: ProbeInfo, long_edge: int) -> bool:
    """Films whose frames a clip keeps as they are: HEVC or H.264, progressive, at most
    `long_edge` pixels (a 4K film's clips are re-encoded to 720p: a 4K clip is four times the
    size in a supervision pack, for detail the review does not need)."""
    return (
        info.video_codec in ("hevc", "h264")
        and not info.interlaced
        and max(info.coded_width, info.coded_height) <= long_edge
    )


class _Avc:
    """An H.264 track's header and units, in the shape `_copy_cut` uses for HEVC's."""

    def __init__(self, record: bytes) -> None:
        self.record = record
        self.length_size = AvcConfig(record).length_size

    def without_sei(self) -> bytes:
        return self.record  # an avcC holds parameter sets only

    @staticmethod
    def units_without_sei(sample: bytes, length_size: int) -> bytes:
        return avc.without_sei(sample, length_size)

    @staticmethod
    def has_parameter_sets(sample: bytes, length_size: int) -> bool:
        return False  # avc1 takes parameter sets in the stream too


class _Hevc(hevc.HvcConfig):
    units_without_sei = staticmethod(hevc.without_sei)
    has_parameter_sets = staticmethod(hevc.has_parameter_sets)


def copy_cut(
    span: Span,
    chosen: list[SpanFrame],
    *,
    cancel: threading.Event | None = None,
) -> bytes | None:
    """The clip (an MP4 in memory) with the chosen frames copied; None if that is not possible."""
    try:
        return _copy_cut(span, chosen, cancel)
    except CancelledError:
        raise
    except (NotSpliceable, MediaError, av.FFmpegError, ValueError, LookupError):
        return None


def _ms(frame: SpanFrame) -> int:
    return round(frame.span_s * 1000)


def _copy_cut(span: Span, chosen: list[SpanFrame], cancel: threading.Event | None) -> bytes | None:
    wanted = [_ms(f) for f in chosen]
    # the span's Matroska times are whole milliseconds; the film's own ticks are kept instead
    ticks = _film_ticks(span)
    if len(set(wanted)) != len(wanted) or any(t not in ticks for t in wanted):
        raise NotSpliceable  # two pictures at one millisecond: the edit could not tell them apart
    with span.open() as container:
        vin = container.streams.video[0]
        record = bytes(vin.codec_context.extradata or b"")
        config: _Avc | _Hevc = _Avc(record) if vin.codec_context.name == "h264" else _Hevc(record)
        packets: list[VideoPacket] = [
            p for p in container.demux(vin) if p.pts is not None and p.size
        ]
        if not packets or not packets[0].is_keyframe:
            raise NotSpliceable
        # An open GOP's leading pictures (shown before its keyframe, predicted from the GOP
        # before) cannot be decoded from the keyframe on: decoders drop them, and so does this.
        opening = packets[0].pts or 0
        packets = [packets[0], *(p for p in packets[1:] if (p.pts or 0) > opening)]
        where = {p.pts: i for i, p in enumerate(packets)}
        if len(where) != len(packets) or any(p.pts not in ticks for p in packets):
            raise NotSpliceable
        if any(t not in where for t in wanted):
            raise NotSpliceable  # a chosen frame is one of those leading pictures
        # every packet up to the last chosen one in decode order: all the chosen frames and
        # everything they are predicted from, and nothing after
        kept = packets[: max(where[t] for t in wanted) + 1]
        audio = encode_sound(span, chosen, cancel) if span.has_audio else None
        data, first_decode = _mux(vin, kept, ticks, span.video_time_base, config, audio)
    tb = span.video_time_base
    start = ticks[wanted[0]]
    made = faststart(
        show_only(
            data,
            media_time_s=float((start - first_decode) * tb),
            duration_s=clip_duration(span, chosen),
        )
    )
    expected = [round(float((ticks[t] - start) * tb) * 1000) for t in wanted]
    return made if _shows(made, expected) else None


def _film_ticks(span: Span) -> dict[int, int]:
    """Each frame's span time (ms) to its time in the film's own ticks."""
    tb = span.video_time_base
    return {round(f.span_s * 1000): round(f.source_s / tb) for f in span.frames}


def _mux(
    vin: av.VideoStream,
    kept: list[VideoPacket],
    ticks: dict[int, int],
    tb: Fraction,
    config: _Avc | _Hevc,
    audio: bytes | None,
) -> tuple[bytes, int]:
    """The MP4 (its index last) and the first frame's decode time (film ticks)."""
    shown = [ticks[p.pts or 0] for p in kept]
    # Matroska keeps no decode times, so rebuild them: the sorted presentation times, delayed
    # just enough that no frame is decoded after it is shown
    in_order = sorted(shown)
    reorder = max(0, *(t - s for t, s in zip(in_order, shown, strict=True)))
    first_decode = in_order[0] - reorder
    samples = [config.units_without_sei(bytes(p), config.length_size) for p in kept]
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4", options=MP4_OPTIONS) as result:
        vout = result.add_stream_from_template(vin)
        vout.codec_context.extradata = config.without_sei()
        if isinstance(config, _Hevc):
            in_band = any(config.has_parameter_sets(s, config.length_size) for s in samples)
            vout.codec_tag = "hev1" if in_band else "hvc1"  # hvc1: what Apple's players need
        vout.time_base = tb
        vout.metadata.clear()
        with sound_track(result, audio) as write_sound:
            for packet, sample, at, decode_at in zip(kept, samples, shown, in_order, strict=True):
                clean = av.Packet(sample)
                clean.pts = at - first_decode
                clean.dts = decode_at - reorder - first_decode
                clean.time_base = tb
                clean.is_keyframe = packet.is_keyframe
                clean.stream = vout
                result.mux(clean)
            write_sound()
    return buffer.getvalue(), first_decode


def _shows(made: bytes, expected_ms: list[int]) -> bool:
    """Whether the clip, read as any player reads it (edit list applied), shows exactly the
    expected frames at the expected times (ms from the clip's start)."""
    with av.open(io.BytesIO(made), mode="r", format="mp4") as container:
        video = container.streams.video[0]
        tb = video.time_base or Fraction(1, 1000)
        shown = sorted(
            round(float(p.pts * tb) * 1000)
            for p in container.demux(video)
            if p.pts is not None and p.size and not p.is_discard
        )
    return shown == expected_ms
