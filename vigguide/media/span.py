"""Stream-copying just the span ffmpeg needs from a recording, in memory (never a file).

The span is a small Matroska stream (the packets around the clip, video and sound, untouched)
held as bytes; ffmpeg reads it on a pipe and PyAV from memory.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from fractions import Fraction

import av
import av.container

from vigguide.errors import MediaError
from vigguide.media.probe import ProbeInfo
from vigguide.media.source import Source, open_input, source_name

# Seeking goes back to the keyframe at or before the in-point, which is all that is needed to
# decode from there; every frame copied is one ffmpeg decodes, so the head takes no more. The
# tail reaches one frame past the out-point (the clip's last frame lasts until it) and the sound
# under it.
_HEAD_MARGIN_S = 0.0
_TAIL_MARGIN_S = 0.2


@dataclass(frozen=True)
class SpanFrame:
    """One video frame of the span: its time in the source film and in the span."""

    source_s: float
    span_s: float
    keyframe: bool


@dataclass(frozen=True)
class Span:
    """[keyframe before start, end + margin] of the source, stream-copied into Matroska bytes."""

    data: bytes
    frames: tuple[SpanFrame, ...]  # in presentation order
    has_audio: bool
    video_time_base: Fraction

    def selected(self, start_s: float, end_s: float) -> list[SpanFrame]:
        """The frames of the clip [start_s, end_s): from the one shown at start_s, up to end_s."""
        slack = 0.0005
        first_index = 0
        for i, frame in enumerate(self.frames):
            if frame.source_s <= start_s + slack:
                first_index = i
        return [
            f
            for f in self.frames[first_index:]
            if f.source_s < end_s - slack or f is self.frames[first_index]
        ]

    def open(self) -> av.container.InputContainer:
        """The span for demuxing with PyAV (from memory)."""
        return av.open(io.BytesIO(self.data), mode="r", format="matroska")

    def excerpt(self, first_s: float, last_s: float) -> bytes:
        """Video only, from the keyframe at or before span time `first_s` to past `last_s`.

        For re-encoding a few frames without sending ffmpeg the whole span to decode.
        """
        keyframes = [f.span_s for f in self.frames if f.keyframe and f.span_s <= first_s + 0.0005]
        begin = max(keyframes) if keyframes else 0.0
        with self.open() as container:
            vin = container.streams.video[0]
            tb = vin.time_base or Fraction(1, 1000)
            container.seek(max(0, int((begin - 0.001) / tb)), stream=vin, backward=True)
            buffer = io.BytesIO()
            _copy(container, vin, None, buffer, 0.0, last_s + 0.1)
        return buffer.getvalue()


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


def copy_span(source: Source, info: ProbeInfo, start_s: float, end_s: float) -> Span:
    """Copy the packets around [start_s, end_s) into memory without re-encoding."""
    name = source_name(source)
    buffer = io.BytesIO()
    begin = max(0.0, start_s - _HEAD_MARGIN_S)
    finish = end_s + _TAIL_MARGIN_S
    with open_input(source) as container:
        vin = container.streams.video[0]
        ain = container.streams.audio[0] if container.streams.audio else None
        vtb = vin.time_base or Fraction(1, 1000)
        back = 0.0
        while True:
            target = info.start_s + begin - back
            container.seek(max(0, int(target / vtb)), stream=vin, backward=True)
            first_key = _first_key_time(container, vin, vtb, info.start_s)
            if first_key is None or first_key <= start_s + 0.0005 or begin - back <= -4.0:
                break
            back = back * 2 if back else 1.0
        container.seek(max(0, int((info.start_s + begin - back) / vtb)), stream=vin, backward=True)
        try:
            source_frames = _copy(container, vin, ain, buffer, info.start_s, finish)
        except av.FFmpegError as exc:
            raise MediaError(f"{name} could not be read around {start_s:.2f} s.") from exc
    data = buffer.getvalue()
    with av.open(io.BytesIO(data), mode="r", format="matroska") as span:
        sv = span.streams.video[0]
        stb = sv.time_base or Fraction(1, 1000)
        span_times = sorted(
            float(p.pts * stb) for p in span.demux(sv) if p.pts is not None and p.size
        )
    if len(span_times) != len(source_frames):
        raise MediaError(f"{name} could not be copied cleanly around {start_s:.2f} s.")
    frames = tuple(
        SpanFrame(src, spn, key)
        for (src, key), spn in zip(sorted(source_frames), span_times, strict=True)
    )
    return Span(data, frames, ain is not None, vtb)


def _first_key_time(
    container: av.container.InputContainer, vin: av.VideoStream, tb: Fraction, start: float
) -> float | None:
    for packet in container.demux(vin):
        if packet.pts is not None and packet.is_keyframe:
            return float(packet.pts * tb) - start
    return None


def _copy(
    container: av.container.InputContainer,
    vin: av.VideoStream,
    ain: av.AudioStream | None,
    buffer: io.BytesIO,
    start: float,
    finish: float,
) -> list[tuple[float, bool]]:
    streams = [vin] if ain is None else [vin, ain]
    frames: list[tuple[float, bool]] = []
    with av.open(buffer, mode="w", format="matroska", options={"fflags": "+bitexact"}) as out:
        vout = out.add_stream_from_template(vin)
        aout = out.add_stream_from_template(ain) if ain is not None else None
        started = False
        video_done = False
        for packet in container.demux(streams):
            shown_at = packet.pts if packet.pts is not None else packet.dts
            decode_at = packet.dts if packet.dts is not None else packet.pts
            if shown_at is None or decode_at is None:
                continue  # flush packets at the end of the file
            tb = packet.stream.time_base or Fraction(1, 1000)
            when = float(shown_at * tb) - start
            if packet.stream is vin:
                if not started:
                    if not packet.is_keyframe:
                        continue
                    started = True
                decoded_at = float(decode_at * tb)
                # packets come in decode order and dts <= pts, so once dts passes the end every
                # frame shown before the end (and everything it refers to) has been copied
                if decoded_at - start > finish:
                    video_done = True
                if video_done:
                    if aout is None:
                        break
                    continue
                if packet.pts is not None and packet.size:
                    frames.append((when, bool(packet.is_keyframe)))
                packet.stream = vout
                out.mux(packet)
            elif aout is not None and started:
                if when > finish:
                    if video_done:
                        break
                    continue
                packet.stream = aout
                out.mux(packet)
    return frames
