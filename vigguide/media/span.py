"""Stream-copying just the span ffmpeg needs from a recording into a small private working file."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from vigguide.errors import MediaError
from vigguide.media.probe import ProbeInfo
from vigguide.media.source import Source, open_input, source_name
from vigguide.media.writing import writing

# enough before the in-point to reach the previous keyframe; seeking goes back to one anyway
_MARGIN_S = 0.5


@dataclass(frozen=True)
class SpanFrame:
    """One video frame of the span: its time in the source film and in the span file."""

    source_s: float
    span_s: float
    keyframe: bool


@dataclass(frozen=True)
class Span:
    """A working file holding [keyframe before start, end + margin] of the source, stream-copied."""

    path: Path
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


def copy_span(source: Source, info: ProbeInfo, start_s: float, end_s: float, workdir: Path) -> Span:
    """Copy the packets around [start_s, end_s) into `workdir`/span.mkv without re-encoding."""
    name = source_name(source)
    out_path = Path(workdir).resolve() / "span.mkv"
    begin = max(0.0, start_s - _MARGIN_S)
    finish = end_s + _MARGIN_S
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
            with writing(out_path):
                source_frames = _copy(container, vin, ain, out_path, info.start_s, finish)
        except av.FFmpegError as exc:
            raise MediaError(f"{name} could not be read around {start_s:.2f} s.") from exc
    with av.open(str(out_path)) as span:
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
    return Span(out_path, frames, ain is not None, vtb)


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
    out_path: Path,
    start: float,
    finish: float,
) -> list[tuple[float, bool]]:
    streams = [vin] if ain is None else [vin, ain]
    frames: list[tuple[float, bool]] = []
    with av.open(str(out_path), mode="w", format="matroska") as out:
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
