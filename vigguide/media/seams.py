"""Checking a smart-cut clip before it is accepted: every packet in place, the seams decode cleanly.

What is decoded, and why that is enough: a smart-cut clip is a re-encoded head, a run of packets
copied byte for byte from the source, and a re-encoded tail. The copied run starts on an IDR
picture (checked in `avc.starts_idr`), and each group of pictures (GOP) in it that starts on an IDR
depends on nothing before it but the source's own parameter sets, which the joined header keeps
under their own ids. So the copied GOPs between the first and the last decode exactly as they do
in the source: decoding them again would check the camera, not the splice. What the splice can
break is at its edges (parameter sets, references and timing across a seam, the very first and
last pictures), so everything from the first picture to the end of the first copied GOP, and from
the last IDR of the copied run to the last picture, is decoded with errors made fatal; the GOPs in
between are checked packet by packet (position, timing, key flag and size against the source).
A clip whose copied run is a single GOP is decoded end to end.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from fractions import Fraction

import av
import av.video.codeccontext

from vigguide.errors import CancelledError


@dataclass(frozen=True)
class SpliceLayout:
    """What a smart-cut clip must hold, video packets in decode order.

    `pts_ms` are presentation times in milliseconds from the clip's start; `sizes` the payload
    size a packet must have (copied packets) or None (re-encoded); `keyframes` the packet indexes
    that must be flagged as keyframes; `windows` the [start, end) packet ranges to decode.
    """

    pts_ms: tuple[int, ...]
    sizes: tuple[int | None, ...]
    keyframes: frozenset[int]
    windows: tuple[tuple[int, int], ...]


def decode_windows(
    head: int, copied_idrs: list[int], copied: int, tail: int
) -> tuple[tuple[int, int], ...]:
    """The packet ranges to decode: through the first copied GOP, and from its last IDR on.

    `copied_idrs` are the IDR positions within the copied run (the first is 0).
    """
    total = head + copied + tail
    first_end = head + (copied_idrs[1] if len(copied_idrs) > 1 else copied)
    last_start = head + copied_idrs[-1]
    if last_start <= first_end:
        return ((0, total),)
    return ((0, first_end), (last_start, total))


class _Window:
    """One decoder for one range of packets; errors inside the bitstream are fatal."""

    def __init__(self, extradata: bytes | None, expected: set[int], tb: Fraction) -> None:
        self.ctx: av.video.codeccontext.VideoCodecContext = av.CodecContext.create("h264", "r")
        self.ctx.extradata = extradata
        # report damage instead of hiding it, as `ffmpeg -xerror -err_detect explode` does
        self.ctx.options = {"err_detect": "explode"}
        self.ctx.thread_type = "AUTO"
        self.expected = expected
        self.tb = tb
        self.seen: set[int] = set()
        self.frames = 0

    def feed(self, packet: av.Packet[av.VideoStream] | None) -> bool:
        for frame in self.ctx.decode(packet):
            if frame.is_corrupt or frame.pts is None:
                return False
            self.frames += 1
            self.seen.add(round(float(frame.pts * self.tb) * 1000))
        return True

    def clean(self) -> bool:
        return self.feed(None) and self.frames == len(self.expected) and self.seen == self.expected


def check_splice(data: bytes, layout: SpliceLayout, cancel: threading.Event | None = None) -> bool:
    """Whether the MP4 `data` holds exactly `layout` and its seams decode without an error."""
    try:
        return _check(data, layout, cancel)
    except (av.FFmpegError, ValueError):
        return False


def _check(data: bytes, layout: SpliceLayout, cancel: threading.Event | None) -> bool:
    starts = {start: end for start, end in layout.windows}
    with av.open(io.BytesIO(data), mode="r", format="mp4") as container:
        stream = container.streams.video[0]
        tb = stream.time_base or Fraction(1, 1000)
        extradata = stream.codec_context.extradata
        window: _Window | None = None
        window_end = 0
        index = 0
        last_dts: int | None = None
        for packet in container.demux(stream):
            if packet.pts is None or not packet.size:
                continue  # the demuxer's end-of-stream marker
            if cancel is not None and cancel.is_set():
                raise CancelledError("Cancelled; nothing was saved.")
            if index >= len(layout.pts_ms):
                return False
            if round(float(packet.pts * tb) * 1000) != layout.pts_ms[index]:
                return False
            if packet.dts is None or (last_dts is not None and packet.dts <= last_dts):
                return False
            last_dts = packet.dts
            if (index in layout.keyframes) != bool(packet.is_keyframe):
                return False
            size = layout.sizes[index]
            if size is not None and packet.size != size:
                return False
            if index in starts:
                window_end = starts[index]
                window = _Window(extradata, set(layout.pts_ms[index:window_end]), tb)
            if window is not None:
                if not window.feed(packet):
                    return False
                if index == window_end - 1:
                    if not window.clean():
                        return False
                    window = None
            index += 1
    return index == len(layout.pts_ms) and window is None
