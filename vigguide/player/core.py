"""The player without a window: the clock (PlaybackModel) joined to exact decoded frames.

`PlayerCore.shown` is the picture that is on screen and its own timestamp; the window only draws
it, and tests read it. Frames are decoded in film order and shown when their time comes; a frame
whose time passed before it could be shown is counted in `dropped`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from vigguide.media.frames import FrameReader, ShownFrame
from vigguide.media.probe import ProbeInfo, probe
from vigguide.player.ahead import DecodeAhead
from vigguide.player.model import STILL_HOLD_S, Mode, PlaybackModel
from vigguide.player.plan import PlayClip, PlayPlan

Opener = Callable[[str], BinaryIO]
"""Opens a vault file by id as a seekable, decrypting file object (never a plaintext file)."""

_SLACK_S = 0.0005
# further than this ahead, seeking is quicker than decoding every frame on the way
_SEEK_AHEAD_S = 1.0
# the last frame of a clip is the one before its out-point
_BEFORE_END_S = 0.001


class PlayerCore:
    """One plan's clips, one at a time: the clock, the reader and the frame on screen."""

    def __init__(
        self,
        plan: PlayPlan,
        opener: Opener,
        *,
        long_edge: int | None = 1280,
        sizer: Callable[[ProbeInfo], int | None] | None = None,
        hold_s: float = STILL_HOLD_S,
    ) -> None:
        if not plan.clips:
            raise ValueError("a plan with no clips")
        self.plan = plan
        self.long_edge = long_edge
        self.sizer = sizer
        self.hold_s = hold_s
        self._opener = opener
        self._reader: FrameReader | None = None
        self._source: BinaryIO | None = None
        self._pending: ShownFrame | None = None
        self._ahead: DecodeAhead | None = None
        self.info: ProbeInfo | None = None
        self._infos: dict[str, ProbeInfo] = {}
        self.index = 0
        self.dropped = 0
        self.presented = 0
        self.model = PlaybackModel(plan.clips[0], hold_s=hold_s)
        self.shown: ShownFrame = self._load(0)

    # -- what is on screen -------------------------------------------------------------------

    @property
    def clip(self) -> PlayClip:
        return self.plan.clips[self.index]

    @property
    def reader(self) -> FrameReader:
        """The reader, for this thread alone: decoding ahead stops first."""
        self._halt()
        assert self._reader is not None
        return self._reader

    def update(self, now: float) -> bool:
        """Advance the clock to `now`; True when a different frame is now on screen."""
        before = self.shown
        target = min(self.model.tick(now), self.clip.end_s - _BEFORE_END_S)
        if target + _SLACK_S < self.shown.time_s or target - self.shown.time_s > _SEEK_AHEAD_S:
            self._show(self.reader.frame_at(target))
        elif target > self.shown.time_s + _SLACK_S:
            self._forward_to(target)
        return self.shown is not before

    # -- actions -----------------------------------------------------------------------------

    def toggle(self, now: float) -> None:
        was_ended = self.model.mode is Mode.ENDED
        self.model.toggle(now)
        if was_ended:
            self._show(self.reader.frame_at(self.clip.start_s))

    def replay(self, now: float) -> None:
        self.model.replay(now)
        self._show(self.reader.frame_at(self.clip.start_s))

    def jump(self, seconds: float, now: float) -> None:
        """Back or on by `seconds` (back 5 s, the 1 s and 10 s jumps)."""
        self.model.seek(self.model.tick(now) + seconds, now)
        self._show(self.reader.frame_at(min(self.model.position_s, self._last_time())))

    def step(self, frames: int, now: float) -> None:
        """Pause and show the next (+1) or previous (-1) frame, staying inside the clip."""
        self.model.pause(now)
        for _ in range(abs(frames)):
            self.reader.frame_at(self.shown.time_s)
            frame = self.reader.next_frame() if frames > 0 else self.reader.previous_frame()
            inside = self.clip.start_s - 1.0 / max(1.0, self._fps()) <= frame.time_s
            if frame.time_s > self._last_time() + _SLACK_S or not inside:
                break
            self._show(frame)
        self.model.seek(self.shown.time_s, now)
        self.reader.frame_at(self.shown.time_s)  # the reader back on the frame on screen

    def slower(self, now: float) -> None:
        self.model.slower(now)

    def faster(self, now: float) -> None:
        self.model.faster(now)

    def go_to_clip(self, index: int, now: float) -> bool:
        """Load another clip of the plan, stopped on its first frame; False if there is none."""
        if not 0 <= index < len(self.plan.clips) or index == self.index:
            return False
        self.model = PlaybackModel(self.plan.clips[index], hold_s=self.hold_s)
        self.shown = self._load(index)
        return True

    def refit(self) -> None:
        """Decode at the size the sizer now asks for (the window was resized or went full screen)."""
        if self.sizer is None or self.info is None or self.sizer(self.info) == self.long_edge:
            return
        self.shown = self._load(self.index, at=self.shown.time_s)

    def close(self) -> None:
        self._halt()
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._source is not None:
            self._source.close()
            self._source = None

    # -- internals ---------------------------------------------------------------------------

    def _fps(self) -> float:
        return self.info.fps if self.info is not None and self.info.fps > 0 else 30.0

    def _last_time(self) -> float:
        return self.clip.end_s - _BEFORE_END_S

    def _load(self, index: int, at: float | None = None) -> ShownFrame:
        self.close()
        clip = self.plan.clips[index]
        self.index = index
        self._source = self._opener(clip.vault_id)
        if clip.vault_id not in self._infos:
            self._infos[clip.vault_id] = probe(self._source)
        self.info = self._infos[clip.vault_id]
        if self.sizer is not None:
            self.long_edge = self.sizer(self.info)
        # frame threads: on 2 cores a playing 1080p clip decodes about 1.7× faster than with
        # slice threads, and a frame far past a keyframe is reached sooner too
        self._reader = FrameReader(self._source, self.long_edge, self.info, frame_threads=True)
        self._pending = None
        frame = self._reader.frame_at(clip.start_s if at is None else at)
        self.presented += 1
        return frame

    def _halt(self) -> None:
        if self._ahead is not None:
            self._ahead.stop()
            self._ahead = None
            self._pending = None

    def _show(self, frame: ShownFrame) -> None:
        self.shown = frame
        self._pending = None
        self.presented += 1

    def _forward_to(self, target: float) -> None:
        """Decode on in film order and show the last frame whose time has come."""
        if self._ahead is None:
            assert self._reader is not None
            self._reader.frame_at(self.shown.time_s)  # decode on from the frame on screen
            self._ahead = DecodeAhead(self._reader, self.shown.time_s)
        taken = 0
        while True:
            if self._pending is None:
                nxt = self._ahead.take()
                if nxt is None:
                    break  # the end of the film
                self._pending = nxt
            if self._pending.time_s > target + _SLACK_S:
                break
            self.shown = self._pending
            self._pending = None
            taken += 1
        if taken:
            self.presented += 1
            self.dropped += taken - 1
