"""Finishing MP4 files in memory: a remux with no metadata and no SEI, and `faststart`.

ffmpeg writes its results to a pipe, where an MP4 can only be fragmented; the muxer's own
`faststart` needs a named file it can reopen. So the result is remuxed here into a plain MP4 in
memory and its index (`moov`) moved in front of the media data, as phones like it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeAlias

import av
import av.container

from vigguide.errors import MediaError
from vigguide.media.avc import AvcConfig, NotSpliceable, without_sei

# boxes that hold other boxes on the way down to the chunk offset tables
_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"stbl"})
MP4_OPTIONS = {"fflags": "+bitexact"}
AnyPacket: TypeAlias = "av.Packet[Any]"  # generic only to the type checker


def boxes(data: bytes | bytearray, start: int, end: int) -> Iterator[tuple[bytes, int, int, int]]:
    """(type, start, size, header size) of each box between `start` and `end`."""
    pos = start
    while pos < end:
        if pos + 8 > end:
            raise MediaError("The video came out damaged.", "Try again.")
        size = int.from_bytes(data[pos : pos + 4], "big")
        kind = bytes(data[pos + 4 : pos + 8])
        header = 8
        if size == 1:
            size = int.from_bytes(data[pos + 8 : pos + 16], "big")
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise MediaError("The video came out damaged.", "Try again.")
        yield kind, pos, size, header
        pos += size


def _shift_offsets(moov: bytearray, start: int, end: int, below: int, delta: int) -> None:
    """Add `delta` to every chunk offset in `moov[start:end]` that points before `below`."""
    for kind, pos, size, header in list(boxes(moov, start, end)):
        if kind in _CONTAINERS:
            _shift_offsets(moov, pos + header, pos + size, below, delta)
        elif kind in (b"stco", b"co64"):
            width = 4 if kind == b"stco" else 8
            body = pos + header + 4  # version and flags
            count = int.from_bytes(moov[body : body + 4], "big")
            for i in range(count):
                at = body + 4 + i * width
                value = int.from_bytes(moov[at : at + width], "big")
                if value < below:
                    value += delta
                    if value >= 1 << (8 * width):
                        raise MediaError("The video is too big for one file.", "Choose less.")
                    moov[at : at + width] = value.to_bytes(width, "big")


def faststart(data: bytes) -> bytes:
    """The same MP4 with its `moov` box before the media data (a no-op if it already is)."""
    top = list(boxes(data, 0, len(data)))
    moovs = [box for box in top if box[0] == b"moov"]
    mdats = [box for box in top if box[0] == b"mdat"]
    if len(moovs) != 1:
        raise MediaError("The video came out damaged.", "Try again.")
    _, moov_at, moov_size, _ = moovs[0]
    if not mdats or moov_at < mdats[0][1]:
        return data
    first_data = mdats[0][1]
    moov = bytearray(data[moov_at : moov_at + moov_size])
    # data between the first mdat and the old moov moves down by the moov's size; data after
    # the old moov stays where it was (the moov was taken out before it and put in earlier)
    _shift_offsets(moov, 0, len(moov), moov_at, moov_size)
    out = bytearray(data[:first_data])
    out += moov
    out += data[first_data:moov_at]
    out += data[moov_at + moov_size :]
    return bytes(out)


def clean_video(packet: AnyPacket, length_size: int) -> AnyPacket:
    """A copy of an H.264 packet without SEI units, timing and key flag kept."""
    try:
        data = without_sei(bytes(packet), length_size)
    except NotSpliceable as exc:
        raise MediaError("The video came out damaged.", "Try again.") from exc
    clean = av.Packet(data)
    clean.pts, clean.dts, clean.time_base = packet.pts, packet.dts, packet.time_base
    clean.is_keyframe = packet.is_keyframe
    return clean


def length_size(stream: av.VideoStream) -> int:
    """Bytes in each NAL unit's length prefix of an MP4-style H.264 stream."""
    try:
        return AvcConfig(bytes(stream.codec_context.extradata or b"")).length_size
    except NotSpliceable as exc:
        raise MediaError("The video came out damaged.", "Try again.") from exc


def finish(fragmented: bytes) -> bytes:
    """Remux ffmpeg's piped (fragmented) MP4 into a plain faststart MP4: no tags, no SEI."""
    with av.open(io.BytesIO(fragmented), mode="r") as source:
        buffer = io.BytesIO()
        with av.open(buffer, mode="w", format="mp4", options=MP4_OPTIONS) as result:
            copy_streams(source, result)
    return upright_tracks(faststart(buffer.getvalue()))


_IDENTITY = b"".join(v.to_bytes(4, "big") for v in (0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000))


def upright_tracks(data: bytes) -> bytes:
    """The same MP4 with every track's display matrix the identity.

    Every picture vigguide writes is already turned upright by its filters, so a rotation left
    in a track header (carried over from a phone film's display matrix) would turn it a second
    time on the phone. This makes "no rotation" a property of the file, whatever the muxers did.
    """
    out = bytearray(data)
    for kind, pos, size, header in boxes(out, 0, len(out)):
        if kind == b"moov":
            for trak, t_pos, t_size, t_header in boxes(out, pos + header, pos + size):
                if trak != b"trak":
                    continue
                for box, b_pos, _, b_header in boxes(out, t_pos + t_header, t_pos + t_size):
                    if box == b"tkhd":
                        body = b_pos + b_header
                        version = out[body]
                        # version/flags, times, track id, reserved, duration, reserved, layer,
                        # alternate group, volume, reserved: then the 3x3 matrix
                        matrix = body + 4 + (32 if version == 1 else 20) + 16
                        out[matrix : matrix + 36] = _IDENTITY
    return bytes(out)


def copy_streams(
    source: av.container.InputContainer,
    result: av.container.OutputContainer,
) -> None:
    """Copy the first video and audio streams of `source` into `result`, cleaned."""
    vin = source.streams.video[0]
    ain = source.streams.audio[0] if source.streams.audio else None
    vout = result.add_stream_from_template(vin)
    vout.metadata.clear()
    size = length_size(vin)
    aout = result.add_stream_from_template(ain) if ain is not None else None
    if aout is not None:
        aout.metadata.clear()
    streams = [vin] if ain is None else [vin, ain]
    for packet in source.demux(streams):
        if packet.dts is None:
            continue
        if packet.stream is vin:
            clean = clean_video(packet, size)
            clean.stream = vout
            result.mux(clean)
        elif aout is not None:
            packet.stream = aout
            result.mux(packet)


@contextmanager
def sound_track(
    result: av.container.OutputContainer, sound: bytes | None
) -> Iterator[Callable[[], None]]:
    """Add `sound` (AAC in MP4 bytes, or None) to `result` as a stream, without its tags; the
    callable given back writes its packets (after the pictures, which the muxer interleaves)."""
    if not sound:
        yield lambda: None
        return
    with av.open(io.BytesIO(sound), mode="r", format="mp4") as source:
        stream = source.streams.audio[0]
        out = result.add_stream_from_template(stream)
        out.metadata.clear()

        def write() -> None:
            for packet in source.demux(stream):
                if packet.dts is None:
                    continue
                packet.stream = out
                result.mux(packet)

        yield write
