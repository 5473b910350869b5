"""The filmstrip: small thumbnails across a whole recording, from keyframes only (fast)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from pathlib import Path

import av
import av.filter

from vigguide.errors import MediaError
from vigguide.media.ffmpeg_run import atomic_output
from vigguide.media.filters import fit, picture_steps
from vigguide.media.frames import pulled_video, to_image
from vigguide.media.probe import ProbeInfo, probe
from vigguide.media.source import Source, open_input, source_name
from vigguide.media.stills import jpeg_bytes
from vigguide.media.writing import make_folder

THUMB_LONG_EDGE = 240


def filmstrip(
    source: Source,
    *,
    long_edge: int = THUMB_LONG_EDGE,
    min_gap_s: float = 0.0,
    info: ProbeInfo | None = None,
) -> list[tuple[float, bytes]]:
    """(time in seconds, JPEG bytes) for each keyframe at least `min_gap_s` after the last one."""
    info = info if info is not None else probe(source)
    # keyframes stand alone, so no deinterlacer history is needed for a thumbnail
    flat = dataclasses.replace(info, interlaced=False)
    size = fit(info.width, info.height, long_edge)
    strip: list[tuple[float, bytes]] = []
    with open_input(source) as container:
        stream = container.streams.video[0]
        stream.codec_context.skip_frame = "NONKEY"
        stream.thread_type = "AUTO"
        tb = stream.time_base or Fraction(1, 1000)
        graph = av.filter.Graph()
        node = graph.add_buffer(template=stream)
        for name, options in picture_steps(flat, size, for_video=False):
            nxt = graph.add(name, **options)
            node.link_to(nxt)
            node = nxt
        sink = graph.add("buffersink")
        node.link_to(sink)
        graph.configure()
        last = -1e9
        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.InvalidDataError:
                continue
            for frame in frames:
                if frame.pts is None:
                    continue
                when = float(frame.pts * tb) - info.start_s
                if when - last < min_gap_s:
                    continue
                graph.push(frame)
                picture = to_image(pulled_video(graph))
                strip.append((round(when, 6), jpeg_bytes(picture, quality=80)))
                last = when
    if not strip:
        raise MediaError(f"No pictures could be read from {source_name(source)}.")
    return strip


def write_filmstrip(
    source: Source,
    out_dir: Path,
    *,
    long_edge: int = THUMB_LONG_EDGE,
    min_gap_s: float = 0.0,
    info: ProbeInfo | None = None,
) -> list[Path]:
    """Write the filmstrip into `out_dir` as `0001 12.345s.jpg`… and return the paths."""
    out_dir = Path(out_dir)
    make_folder(out_dir)
    written: list[Path] = []
    strip = filmstrip(source, long_edge=long_edge, min_gap_s=min_gap_s, info=info)
    for number, (when, data) in enumerate(strip, start=1):
        path = out_dir / f"{number:04d} {when:09.3f}s.jpg"
        with atomic_output(path) as tmp:
            tmp.write_bytes(data)
        written.append(path)
    return written
