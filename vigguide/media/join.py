"""Joining MP4 parts made with identical encoder settings into one MP4, in memory.

The family video's title cards and clips are each encoded by ffmpeg onto a pipe; here their
packets are laid end to end (no re-encoding), each part starting when the one before it ends.
"""

from __future__ import annotations

import io
from fractions import Fraction

import av
import av.container

from vigguide.errors import MediaError
from vigguide.media.mp4 import MP4_OPTIONS, clean_video, faststart, length_size


def _could_not_join() -> MediaError:
    return MediaError("The parts of the video could not be joined.", "Try again.")


def join_parts(parts: list[bytes]) -> bytes:
    """One faststart MP4 with every part's video and sound, one after the other."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4", options=MP4_OPTIONS) as result:
        outs: dict[str, av.VideoStream | av.AudioStream] = {}
        extradata: bytes | None = None
        offset = Fraction(0)
        last_dts: dict[str, int] = {}
        for data in parts:
            with av.open(io.BytesIO(data), mode="r", format="mp4") as part:
                vin = part.streams.video[0]
                ain = part.streams.audio[0] if part.streams.audio else None
                here = bytes(vin.codec_context.extradata or b"")
                if extradata is None:
                    extradata = here
                    outs["video"] = result.add_stream_from_template(vin)
                    if ain is not None:
                        outs["audio"] = result.add_stream_from_template(ain)
                    for stream in outs.values():
                        stream.metadata.clear()
                elif here != extradata or (ain is None) != ("audio" not in outs):
                    raise _could_not_join()
                offset = _append(part, vin, ain, result, outs, offset, last_dts)
    return faststart(buffer.getvalue())


def _append(
    part: av.container.InputContainer,
    vin: av.VideoStream,
    ain: av.AudioStream | None,
    result: av.container.OutputContainer,
    outs: dict[str, av.VideoStream | av.AudioStream],
    offset: Fraction,
    last_dts: dict[str, int],
) -> Fraction:
    """Mux one part starting at `offset` seconds; return when it ends."""
    size = length_size(vin)
    end = offset
    streams = [vin] if ain is None else [vin, ain]
    for packet in part.demux(streams):
        if packet.dts is None or packet.pts is None:
            continue
        tb = packet.time_base
        if tb is None:
            raise _could_not_join()
        shift = round(offset / tb)
        kind = "video" if packet.stream is vin else "audio"
        if kind == "video":
            packet = clean_video(packet, size)
        pts, dts = packet.pts + shift, packet.dts + shift  # type: ignore[operator]
        previous = last_dts.get(kind)
        if previous is not None and dts <= previous:
            if kind == "video":
                raise _could_not_join()
            continue  # the encoder's priming sound of a later part overlaps the part before
        last_dts[kind] = dts
        end = max(end, (pts + (packet.duration or 0)) * tb)
        packet.pts, packet.dts = pts, dts
        packet.stream = outs[kind]
        result.mux(packet)
    return end
