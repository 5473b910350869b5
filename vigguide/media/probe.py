"""Probing a recording with PyAV (no ffprobe) and validating a file before it is imported."""

from __future__ import annotations

import itertools
import os
import statistics
from dataclasses import asdict, dataclass
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import av.container
import av.video.stream

from vigguide.errors import MediaError
from vigguide.media.source import Source, open_input, source_name

# AVColorTransferCharacteristic values that mean HDR
_TRC_PQ = 16
_TRC_HLG = 18
_VFR_PACKETS = 240
# AVColorSpace values by name, and AVColorRange's full (JPEG) range
_MATRICES = {1: "bt709", 2: "", 9: "bt2020", 10: "bt2020"}
_RANGE_FULL = 2


@dataclass(frozen=True)
class ProbeInfo:
    """What the program needs to know about a recording.

    `rotation` is the clockwise turn (0, 90, 180, 270) that shows the picture upright;
    `width`/`height` are the display size after that turn and after non-square pixels.
    """

    duration_s: float
    width: int
    height: int
    fps: float
    variable_frame_rate: bool
    rotation: int
    video_codec: str
    audio_codec: str | None
    hdr: bool
    interlaced: bool
    size_bytes: int | None
    # details used to build filters and choose the clip fast path
    coded_width: int = 0
    coded_height: int = 0
    sample_aspect: float = 1.0
    pixel_format: str = ""
    transfer: str = "sdr"  # "sdr", "hlg" or "pq"
    top_field_first: bool = True
    start_s: float = 0.0
    profile: str | None = None
    matrix: str = ""  # "bt709", "bt2020", "other", or "" when the film does not say
    full_range: bool = False

    def public(self) -> dict[str, Any]:
        """The documented fields (the `vigguide media probe --json` keys)."""
        keys = [
            "duration_s",
            "width",
            "height",
            "fps",
            "variable_frame_rate",
            "rotation",
            "video_codec",
            "audio_codec",
            "hdr",
            "interlaced",
            "size_bytes",
        ]
        everything = asdict(self)
        return {k: everything[k] for k in keys}


def rotation_of(frame: av.VideoFrame) -> int:
    """Clockwise degrees to show `frame` upright. PyAV reports counter-clockwise, ±180 alike."""
    return round(-float(frame.rotation)) % 360


def _size_of(source: Source) -> int | None:
    if isinstance(source, str | os.PathLike):
        return os.stat(os.fspath(source)).st_size
    try:
        here = source.tell()
        end = source.seek(0, os.SEEK_END)
        source.seek(here)
        return int(end)
    except (OSError, AttributeError):
        return None


def _is_variable(
    stream: av.video.stream.VideoStream, container: av.container.InputContainer
) -> bool:
    pts: list[int] = []
    for packet in container.demux(stream):
        if packet.pts is not None:
            pts.append(packet.pts)
        if len(pts) >= _VFR_PACKETS:
            break
    pts.sort()
    gaps = [b - a for a, b in itertools.pairwise(pts) if b > a]
    if len(gaps) < 3:
        return False
    typical = statistics.median(gaps)
    # one tick of slack: timestamps rounded to the time base wobble by a tick on CFR films
    odd = [g for g in gaps if abs(g - typical) > max(1, typical * 0.02)]
    return len(odd) > len(gaps) // 10


def probe(source: Source) -> ProbeInfo:
    """Probe a recording (path or seekable file object); MediaError if it has no usable video."""
    name = source_name(source)
    with open_input(source) as container:
        if not container.streams.video:
            if container.streams.audio:
                raise MediaError(
                    f"{name} has no picture: it holds only sound.", "Choose the video file."
                )
            raise MediaError(f"{name} has no video in it.", "Choose the video file.")
        stream = container.streams.video[0]
        cc = stream.codec_context
        audio = container.streams.audio[0].codec_context.name if container.streams.audio else None
        try:
            stream.thread_type = "AUTO"
            first = next(container.decode(stream))
        except (StopIteration, av.FFmpegError) as exc:
            raise MediaError(
                f"{name} has no picture that can be decoded (damaged or cut short).",
                "Copy the film from the camera again.",
            ) from exc
        tb = stream.time_base or Fraction(1, 1000)
        start = float(stream.start_time * tb) if stream.start_time is not None else 0.0
        if stream.duration:
            duration = float(stream.duration * tb)
        elif container.duration:
            duration = container.duration / 1_000_000
        else:
            duration = 0.0
        if duration <= 0:
            raise MediaError(f"{name} has no length (0 seconds).", "Copy the film again.")
        rate = stream.average_rate or stream.guessed_rate or Fraction(25, 1)
        container.seek(0)
        variable = _is_variable(stream, container)
        rotation = rotation_of(first)
        sar = stream.sample_aspect_ratio or cc.sample_aspect_ratio
        sar_f = float(sar) if sar else 1.0
        coded_w, coded_h = first.width, first.height
        shown_w = round(coded_w * sar_f) if sar_f > 0 else coded_w
        shown_h = coded_h
        if rotation in (90, 270):
            shown_w, shown_h = shown_h, shown_w
        trc = int(first.color_trc or cc.color_trc or 2)
        transfer = "pq" if trc == _TRC_PQ else "hlg" if trc == _TRC_HLG else "sdr"
        space = int(first.colorspace or cc.colorspace or 2)
        matrix = _MATRICES.get(space, "other")
        full_range = int(first.color_range or cc.color_range or 0) == _RANGE_FULL
        field_order = int(getattr(cc, "field_order", 0) or 0)
        interlaced = bool(first.interlaced_frame) or field_order >= 2
        # AVFieldOrder: BB=3 and BT=5 put the bottom field first; unknown is taken as top first
        tff = field_order not in (3, 5)
        return ProbeInfo(
            duration_s=round(duration, 6),
            width=shown_w,
            height=shown_h,
            fps=round(float(rate), 3),
            variable_frame_rate=variable,
            rotation=rotation,
            video_codec=cc.name,
            audio_codec=audio,
            hdr=transfer != "sdr",
            interlaced=interlaced,
            size_bytes=_size_of(source),
            coded_width=coded_w,
            coded_height=coded_h,
            sample_aspect=sar_f,
            pixel_format=first.format.name,
            transfer=transfer,
            top_field_first=tff,
            start_s=start,
            profile=cc.profile,
            matrix=matrix,
            full_range=full_range or first.format.name.startswith("yuvj"),
        )


def validate(path: Path) -> ProbeInfo:
    """Check a file chosen for import and probe it; MediaError with a one-line reason if unusable."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise MediaError(f"{name} was not found.", "Check the file name and try again.")
    if path.is_dir():
        raise MediaError(f"{name} is a folder, not a video file.", "Choose the film inside it.")
    if not os.access(path, os.R_OK):
        raise MediaError(
            f"{name} cannot be opened: permission denied.",
            "Ask for read access to the file, or copy it somewhere you can read.",
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except PermissionError as exc:
        raise MediaError(
            f"{name} cannot be opened: permission denied.",
            "Ask for read access to the file, or copy it somewhere you can read.",
        ) from exc
    if size == 0:
        raise MediaError(f"{name} is empty (0 bytes).", "Copy the film from the camera again.")
    if _looks_like_text(head):
        raise MediaError(f"{name} is a text file, not a video.", "Choose the video file.")
    try:
        return probe(path)
    except MediaError as exc:
        if head[4:8] == b"ftyp" and _lacks_index(path):
            raise MediaError(
                f"{name} is incomplete: the film was cut short and has no index.",
                "Copy the film from the camera again.",
            ) from exc
        raise


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * len(text)


def _lacks_index(path: Path) -> bool:
    """Whether an MP4/MOV file has no `moov` box (the index is written last)."""
    with path.open("rb") as fh:
        while True:
            header = fh.read(8)
            if len(header) < 8:
                return True
            size = int.from_bytes(header[:4], "big")
            kind = header[4:8]
            if kind == b"moov":
                return False
            if size == 1:
                size = int.from_bytes(fh.read(8), "big") - 8
            elif size == 0:
                return True
            if size < 8:
                return True
            fh.seek(size - 8, os.SEEK_CUR)


_EARLIEST_FILM_DAY = date(2000, 1, 1)  # cameras without a set clock write 1904 or 1970


def filmed_day(source: Source, *, latest: date | None = None) -> date | None:
    """The day the film was made, from its `creation_time` tag (the container's, else the video
    stream's), in this computer's time zone; None when there is no believable tag (missing,
    unreadable, before 2000, or after `latest`)."""
    try:
        with open_input(source) as container:
            tags = [container.metadata]
            tags += [stream.metadata for stream in container.streams.video]
    except (av.FFmpegError, OSError):
        return None
    for tag in tags:
        text = str(tag.get("creation_time", "")).strip()
        if not text:
            continue
        try:
            made = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            continue
        day = (made.astimezone() if made.tzinfo else made).date()
        if day < _EARLIEST_FILM_DAY or (latest is not None and day > latest):
            continue
        return day
    return None
