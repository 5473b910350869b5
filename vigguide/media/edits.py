"""MP4 edit lists: a video track that shows only a stretch of the frames it holds.

A clip copied from a phone's HEVC film must start at a keyframe, which is usually a little
before the in-point, and may hold a frame or two shown after the out-point that an earlier
frame is predicted from. The track's edit list (`edts`/`elst`, ISO/IEC 14496-12 8.6.6) says
which stretch is shown: phones, browsers, ffmpeg and PyAV decode those frames and show only the
stretch, so the clip starts and ends on the exact frames chosen.
"""

from __future__ import annotations

from vigguide.errors import MediaError
from vigguide.media.mp4 import boxes

_DAMAGED = MediaError("The video came out damaged.", "Try again.")


def _box(kind: bytes, body: bytes) -> bytes:
    return (8 + len(body)).to_bytes(4, "big") + kind + body


def _child(data: bytes, start: int, end: int, kind: bytes) -> tuple[int, int, int] | None:
    for found, pos, size, header in boxes(data, start, end):
        if found == kind:
            return pos, size, header
    return None


def _timescale_and_duration_at(data: bytes, body: int) -> tuple[int, int, int]:
    """(timescale, duration, where the duration is, its width) for mvhd/mdhd bodies."""
    version = data[body]
    if version == 1:
        return int.from_bytes(data[body + 20 : body + 24], "big"), body + 24, 8
    return int.from_bytes(data[body + 12 : body + 16], "big"), body + 16, 4


def _handler(data: bytes, trak_body: int, trak_end: int) -> bytes:
    mdia = _child(data, trak_body, trak_end, b"mdia")
    if mdia is None:
        raise _DAMAGED
    hdlr = _child(data, mdia[0] + mdia[2], mdia[0] + mdia[1], b"hdlr")
    if hdlr is None:
        raise _DAMAGED
    body = hdlr[0] + hdlr[2]
    return data[body + 8 : body + 12]


def show_only(data: bytes, *, media_time_s: float, duration_s: float) -> bytes:
    """`data` (an MP4 whose `moov` comes after its media, as the muxer writes it) with its video
    track showing `duration_s` seconds of its media from `media_time_s` (media time: the first
    sample decodes at 0), and the movie's length to match.

    The `moov` is rebuilt after the media, so no chunk offset moves; `faststart` can follow.
    """
    top = list(boxes(data, 0, len(data)))
    moovs = [box for box in top if box[0] == b"moov"]
    if len(moovs) != 1 or any(kind == b"mdat" and pos > moovs[0][1] for kind, pos, _, _ in top):
        raise _DAMAGED
    _, moov_at, moov_size, moov_header = moovs[0]
    mvhd = _child(data, moov_at + moov_header, moov_at + moov_size, b"mvhd")
    if mvhd is None:
        raise _DAMAGED
    movie_scale, _, _ = _timescale_and_duration_at(data, mvhd[0] + mvhd[2])
    shown = max(1, round(duration_s * movie_scale))
    children: list[bytes] = []
    for kind, pos, size, header in boxes(data, moov_at + moov_header, moov_at + moov_size):
        raw = data[pos : pos + size]
        if kind == b"trak" and _handler(data, pos + header, pos + size) == b"vide":
            raw = _edited_trak(data, pos, size, header, media_time_s, shown)
        elif kind == b"trak":
            raw = _capped_trak(data, pos, size, header, shown)
        children.append(raw)
    moov = bytearray(_box(b"moov", b"".join(children)))
    # the movie lasts as long as the shown video; the sound stops with it
    found = _child(bytes(moov), 8, len(moov), b"mvhd")
    assert found is not None
    _, at, width = _timescale_and_duration_at(bytes(moov), found[0] + found[2])
    moov[at : at + width] = shown.to_bytes(width, "big")
    return data[:moov_at] + bytes(moov) + data[moov_at + moov_size :]


def _elst_entry(data: bytes, body: int) -> tuple[int, int] | None:
    """(segment duration, media time) of a one-entry edit list; None for any other."""
    version = data[body]
    if int.from_bytes(data[body + 4 : body + 8], "big") != 1:
        return None
    if version == 1:
        return (
            int.from_bytes(data[body + 8 : body + 16], "big"),
            int.from_bytes(data[body + 16 : body + 24], "big", signed=True),
        )
    return (
        int.from_bytes(data[body + 8 : body + 12], "big"),
        int.from_bytes(data[body + 12 : body + 16], "big", signed=True),
    )


def _capped_trak(data: bytes, pos: int, size: int, header: int, shown: int) -> bytes:
    """Another track (the sound) shown for at most `shown` (movie ticks), from where its own
    edit starts it (after the encoder's priming samples)."""
    media_time = 0
    edts = _child(data, pos + header, pos + size, b"edts")
    if edts is not None:
        elst = _child(data, edts[0] + edts[2], edts[0] + edts[1], b"elst")
        entry = _elst_entry(data, elst[0] + elst[2]) if elst is not None else None
        if entry is None or entry[1] < 0:
            return data[pos : pos + size]  # an edit list of its own making: left as it is
        media_time = entry[1]
    return _with_edit(data, pos, size, header, media_time, shown)


def _edited_trak(
    data: bytes, pos: int, size: int, header: int, media_time_s: float, shown: int
) -> bytes:
    """The video `trak` showing `shown` movie ticks of its media from `media_time_s`."""
    mdia = _child(data, pos + header, pos + size, b"mdia")
    assert mdia is not None  # _handler found it
    mdhd = _child(data, mdia[0] + mdia[2], mdia[0] + mdia[1], b"mdhd")
    if mdhd is None:
        raise _DAMAGED
    media_scale, _, _ = _timescale_and_duration_at(data, mdhd[0] + mdhd[2])
    media_time = round(media_time_s * media_scale)
    if media_time < 0:
        raise _DAMAGED
    return _with_edit(data, pos, size, header, media_time, shown)


def _with_edit(data: bytes, pos: int, size: int, header: int, media_time: int, shown: int) -> bytes:
    """The `trak` with one edit (its old ones dropped) and its header's length to match."""
    # version 1: 64-bit duration and media time, whatever their size; rate 1.0
    entry = shown.to_bytes(8, "big") + media_time.to_bytes(8, "big") + (1 << 16).to_bytes(4, "big")
    edts = _box(b"edts", _box(b"elst", b"\x01\x00\x00\x00" + (1).to_bytes(4, "big") + entry))
    parts: list[bytes] = []
    for kind, p, s, h in boxes(data, pos + header, pos + size):
        if kind == b"edts":
            continue
        raw = bytearray(data[p : p + s])
        if kind == b"tkhd":
            if raw[h] == 1:
                raw[h + 28 : h + 36] = shown.to_bytes(8, "big")
            else:
                raw[h + 20 : h + 24] = shown.to_bytes(4, "big")
            parts.append(bytes(raw))
            parts.append(edts)  # the edit list comes straight after the track header
            continue
        parts.append(bytes(raw))
    return _box(b"trak", b"".join(parts))
