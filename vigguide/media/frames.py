"""Exact frames for the preview and stills: a PyAV decoder kept open between calls."""

from __future__ import annotations

import collections
import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from types import TracebackType
from typing import cast

import av
import av.filter
from PIL import Image

from vigguide.errors import MediaError
from vigguide.media.filters import fit, picture_steps
from vigguide.media.probe import ProbeInfo, probe
from vigguide.media.source import Source, open_input, source_name

# a frame "is shown at" t when its timestamp is at most t plus this slack (user times are rounded)
_SLACK_S = 0.0005
_RECENT = 16
# undrawn decoded frames are kept for stepping back; at 4K a few of them is plenty
_RECENT_BYTES = 64 * 1024 * 1024
# a later time this close is reached by decoding on; further away, seeking is quicker
_DECODE_AHEAD_S = 1.0
_GIVE_UP_BEFORE_START_S = 4.0


def to_image(frame: av.VideoFrame) -> Image.Image:
    """PyAV's `VideoFrame.to_image`, typed (its stub leaves the types out)."""
    convert = cast(Callable[[], Image.Image], frame.to_image)
    return convert()


def pulled_video(graph: av.filter.Graph) -> av.VideoFrame:
    """The next frame out of a video filter graph (a video graph only ever gives video frames)."""
    return cast(av.VideoFrame, graph.pull())


@dataclass(frozen=True)
class ShownFrame:
    """One picture, upright and SDR, and the exact time (seconds from the film's start) it shows."""

    image: Image.Image
    time_s: float


class FrameReader:
    """Decode exact frames from a path or a seekable file object, keeping the decoder open.

    Use as a context manager, or call close(). Pictures are at most `long_edge` pixels on the long
    side (display size if None), upright, progressive and SDR. `frame_threads` decodes several
    frames at once: quicker to reach a time far from a keyframe, slower to show the first frame.
    """

    def __init__(
        self,
        source: Source,
        long_edge: int | None = 1600,
        info: ProbeInfo | None = None,
        *,
        frame_threads: bool = False,
    ) -> None:
        self.info = info if info is not None else probe(source)
        self._name = source_name(source)
        self._opened = open_input(source)
        self._container = self._opened.__enter__()
        self._stream = self._container.streams.video[0]
        # slice threads decode one frame with little latency; frame threads would delay each seek
        self._stream.thread_type = "AUTO" if frame_threads else "SLICE"
        self._tb: Fraction = self._stream.time_base or Fraction(1, 1000)
        self._start = self.info.start_s
        self.size = fit(self.info.width, self.info.height, long_edge)
        self._graph: av.filter.Graph | None = None
        # the deinterlacer looks at neighbouring frames, so every frame must pass through it in
        # order; otherwise only the frame shown is filtered, not the ones decoded on the way
        self._stateful = self.info.interlaced
        self._outputs: Iterator[tuple[float, av.VideoFrame]] | None = None
        self._recent: collections.deque[tuple[float, av.VideoFrame]] = collections.deque()
        self._keep = _RECENT
        self._cursor = 0

    # -- public --------------------------------------------------------------------------

    def frame_at(self, t: float) -> ShownFrame:
        """The frame on screen at `t` seconds: the last one whose time is not after `t`."""
        t = max(0.0, t)
        recent = self._recent
        if recent and recent[0][0] <= t + _SLACK_S and t - recent[-1][0] < _DECODE_AHEAD_S:
            return self._forward_to(t)
        back = 0.0
        while not self._seek_to(t, back):
            back = back * 2 if back else 1.0
        return self._forward_to(t)

    def next_frame(self) -> ShownFrame:
        """The frame after the one shown last (or the first frame); the last frame stays put."""
        if not self._recent:
            return self.frame_at(0.0)
        if self._cursor < len(self._recent) - 1 or self._pull_one():
            self._cursor += 1
        return self._show()

    def previous_frame(self) -> ShownFrame:
        """The frame before the one shown last (the first frame stays put)."""
        if not self._recent:
            return self.frame_at(0.0)
        if self._cursor > 0:
            self._cursor -= 1
            return self._show()
        current = self._recent[self._cursor][0]
        if current <= _SLACK_S:
            return self._show()
        return self.frame_at(current - 2 * _SLACK_S)

    def close(self) -> None:
        self._outputs = None
        self._opened.__exit__(None, None, None)

    def __enter__(self) -> FrameReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- internals -----------------------------------------------------------------------

    def _show(self) -> ShownFrame:
        time_s, frame = self._recent[self._cursor]
        if not self._stateful:
            frame = self._draw(frame)
        return ShownFrame(to_image(frame), round(time_s, 6))

    def _draw(self, frame: av.VideoFrame) -> av.VideoFrame:
        """Run one decoded frame through the (stateless) picture filters."""
        graph = self._graph
        assert graph is not None
        graph.push(frame)
        for _, out in self._pull(graph):
            return out
        raise MediaError(f"No picture could be made from {self._name}.")

    def _pull_one(self) -> bool:
        """Decode one more frame onto the end of the recent list; False at the end of the film."""
        if self._outputs is None:
            return False
        for found in self._outputs:
            if not self._recent and not self._stateful:
                size = sum(p.buffer_size for p in found[1].planes)
                self._keep = max(4, min(_RECENT, _RECENT_BYTES // max(1, size)))
            self._recent.append(found)
            if len(self._recent) > self._keep:
                self._recent.popleft()
                self._cursor -= 1
            return True
        self._outputs = None
        return False

    def _forward_to(self, t: float) -> ShownFrame:
        """Decode forward until the frame after t is known; show the last frame not after t."""
        while self._recent[-1][0] <= t + _SLACK_S and self._pull_one():
            pass
        index = len(self._recent) - 1
        while index > 0 and self._recent[index][0] > t + _SLACK_S:
            index -= 1
        self._cursor = index
        return self._show()

    def _seek_to(self, t: float, back: float) -> bool:
        """Seek to the keyframe before t - back and decode its first frame; False if after t."""
        target = self._start + t - back
        self._container.seek(max(0, int(target / self._tb)), stream=self._stream, backward=True)
        if self._stateful or self._graph is None:
            self._graph = self._build_graph()
        self._outputs = self._filtered()
        self._recent.clear()
        self._cursor = 0
        if not self._pull_one():
            if t - back < -_GIVE_UP_BEFORE_START_S:
                raise MediaError(f"No picture could be decoded from {self._name}.")
            return False
        first = self._recent[0][0]
        # landing after t is fine only on the film's first frame; MPEG-TS seeks land loosely,
        # so keep stepping back until the seek target is well before the start
        return first <= t + _SLACK_S or first <= _SLACK_S or t - back < -_GIVE_UP_BEFORE_START_S

    def _build_graph(self) -> av.filter.Graph:
        graph = av.filter.Graph()
        node = graph.add_buffer(template=self._stream)
        for name, options in picture_steps(self.info, self.size, for_video=False):
            nxt = graph.add(name, **options)
            node.link_to(nxt)
            node = nxt
        sink = graph.add("buffersink")
        node.link_to(sink)
        graph.configure()
        return graph

    def _decoded(self) -> Iterator[av.VideoFrame]:
        for packet in self._container.demux(self._stream):
            try:
                yield from packet.decode()
            except av.InvalidDataError:
                continue  # a damaged packet: skip to the next one, as players do

    def _filtered(self) -> Iterator[tuple[float, av.VideoFrame]]:
        graph = self._graph
        assert graph is not None
        for frame in self._decoded():
            if frame.pts is None:
                continue
            if not self._stateful:
                yield float(frame.pts * (frame.time_base or self._tb)) - self._start, frame
                continue
            graph.push(frame)
            yield from self._pull(graph)
        if self._stateful:
            with contextlib.suppress(av.FFmpegError, ValueError):
                graph.push(None)
            yield from self._pull(graph)

    def _pull(self, graph: av.filter.Graph) -> Iterator[tuple[float, av.VideoFrame]]:
        while True:
            try:
                out = pulled_video(graph)
            except (BlockingIOError, EOFError, av.EOFError):
                return
            except av.FFmpegError as exc:
                if getattr(exc, "errno", None) == 11:  # EAGAIN: needs more input
                    return
                raise
            if out.pts is None:
                continue
            # bwdif halves the time base (it counts fields), so use the frame's own
            tb = out.time_base or self._tb
            yield float(out.pts * tb) - self._start, out
