"""Still pictures: a print-sized JPEG (and a thumbnail) of the exact frame at a time, in memory."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from vigguide.errors import MediaError
from vigguide.media.ffmpeg_run import beside, write_export
from vigguide.media.frames import FrameReader
from vigguide.media.probe import ProbeInfo
from vigguide.media.source import Source
from vigguide.media.writing import check_folder

PRINT_LONG_EDGE = 1600
THUMB_LONG_EDGE = 320
JPEG_QUALITY = 90


@dataclass(frozen=True)
class StillResult:
    """Where the still went, the exact time of its frame, and its size in pixels."""

    path: Path
    time_s: float
    width: int
    height: int
    thumb_path: Path | None


@dataclass(frozen=True)
class Still:
    """A still in memory: the print-sized JPEG, its thumbnail, the frame's time and its size."""

    jpeg: bytes
    thumb: bytes
    time_s: float
    width: int
    height: int


def jpeg_bytes(image: Image.Image, quality: int = JPEG_QUALITY) -> bytes:
    """Encode a picture as JPEG with no EXIF or other metadata."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def grab_still(
    source: Source,
    at_s: float,
    *,
    reader: FrameReader | None = None,
    info: ProbeInfo | None = None,
) -> Still:
    """The frame shown at `at_s` as an upright SDR JPEG (long edge at most 1600 px) and a
    thumbnail, both in memory: nothing is written anywhere.

    Pass an open `reader` (for the same source, with long_edge=1600) to reuse its decoder, or
    the recording's `info` (from the import) to save probing it again.
    """
    if at_s < 0:
        raise MediaError("A still cannot be taken before the start of the film.")
    own = reader is None
    active = (
        # one picture a way from its keyframe: decoding frames in parallel gets there sooner
        FrameReader(source, long_edge=PRINT_LONG_EDGE, info=info, frame_threads=True)
        if reader is None
        else reader
    )
    try:
        if at_s > active.info.duration_s + 0.001:
            raise MediaError(
                f"The film is only {active.info.duration_s:.2f} s long; "
                f"there is no picture at {at_s:.2f} s."
            )
        shown = active.frame_at(at_s)
    finally:
        if own:
            active.close()
    image = shown.image
    if max(image.size) > PRINT_LONG_EDGE:
        image = image.copy()
        image.thumbnail((PRINT_LONG_EDGE, PRINT_LONG_EDGE), Image.Resampling.LANCZOS)
    thumb = image.copy()
    thumb.thumbnail((THUMB_LONG_EDGE, THUMB_LONG_EDGE), Image.Resampling.LANCZOS)
    return Still(jpeg_bytes(image), jpeg_bytes(thumb), shown.time_s, image.width, image.height)


def make_still(
    source: Source,
    at_s: float,
    out_jpg: Path,
    thumb_out: Path | None = None,
    *,
    reader: FrameReader | None = None,
    info: ProbeInfo | None = None,
) -> StillResult:
    """Export the frame shown at `at_s` (see `grab_still`) to `out_jpg`, a file the caller chose."""
    out_jpg = beside(Path(out_jpg))
    check_folder(out_jpg.parent)
    still = grab_still(source, at_s, reader=reader, info=info)
    write_export(out_jpg, still.jpeg)
    if thumb_out is not None:
        thumb_out = write_export(Path(thumb_out), still.thumb)
    return StillResult(out_jpg, still.time_s, still.width, still.height, thumb_out)
