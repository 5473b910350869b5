"""The player's clock and rules, with no window and no decoder: where in the film it is at a given
wall-clock time, where it stops (the planned pause, each still) and what the caption says.

Every method takes `now` (seconds, any monotonic clock) so tests drive it with exact times.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from vigguide.player.plan import PlayClip

SPEEDS = (1.0, 0.5, 0.25)
STILL_HOLD_S = 3.0
# a stop counts as reached when the clock is this close to it (film times are rounded)
_EPS = 0.0005


class Mode(enum.StrEnum):
    PLAYING = "playing"
    PAUSED = "paused"
    HELD = "held"  # frozen on a still for a few seconds (or until a key)
    AT_PAUSE = "at_pause"  # stopped at the planned pause, showing the activating question
    ENDED = "ended"


@dataclass(frozen=True)
class Stop:
    at_s: float
    kind: str  # "pause" or "still"
    caption: str


def stops_of(clip: PlayClip) -> tuple[Stop, ...]:
    """The planned pause and the stills, in film order; a still at the pause is the pause."""
    stops: dict[float, Stop] = {}
    for still in clip.stills:
        stops[round(still.at_s, 4)] = Stop(still.at_s, "still", still.caption)
    if clip.pause_at_s is not None and clip.start_s <= clip.pause_at_s <= clip.end_s:
        key = round(clip.pause_at_s, 4)
        stops[key] = Stop(clip.pause_at_s, "pause", clip.question)
    return tuple(sorted(stops.values(), key=lambda s: s.at_s))


class PlaybackModel:
    """The position in one clip at each moment, the speed, and the stops along the way."""

    def __init__(self, clip: PlayClip, *, hold_s: float = STILL_HOLD_S) -> None:
        self.clip = clip
        self.hold_s = hold_s
        self.stops = stops_of(clip)
        self.position_s = clip.start_s
        self.speed = 1.0
        self.mode = Mode.PAUSED
        self.caption = ""
        self.stop: Stop | None = None
        self.hold_until: float | None = None
        self._next = 0  # index of the first stop not yet reached
        self._anchor_wall = 0.0
        self._anchor_pos = clip.start_s

    # -- questions ---------------------------------------------------------------------------

    @property
    def sound_on(self) -> bool:
        """Sound plays only at normal speed (slow motion is silent)."""
        return self.mode is Mode.PLAYING and self.speed == 1.0

    @property
    def moving(self) -> bool:
        return self.mode is Mode.PLAYING

    def into_clip_s(self) -> float:
        return self.position_s - self.clip.start_s

    # -- the clock ---------------------------------------------------------------------------

    def tick(self, now: float) -> float:
        """Advance to wall time `now` and return the film time whose frame should be on screen."""
        if self.mode is Mode.HELD and self.hold_until is not None and now >= self.hold_until:
            resume_at = self.hold_until
            self._resume(resume_at)
        if self.mode is not Mode.PLAYING:
            return self.position_s
        t = self._anchor_pos + (now - self._anchor_wall) * self.speed
        while self._next < len(self.stops) and t + _EPS >= self.stops[self._next].at_s:
            stop = self.stops[self._next]
            self._next += 1
            reached = self._anchor_wall + (stop.at_s - self._anchor_pos) / self.speed
            self.position_s = stop.at_s
            self.stop = stop
            self.caption = stop.caption
            if stop.kind == "pause":
                self.mode = Mode.AT_PAUSE
                return self.position_s
            self.mode = Mode.HELD
            self.hold_until = reached + self.hold_s
            if now < self.hold_until:
                return self.position_s
            self._resume(self.hold_until)
            t = self._anchor_pos + (now - self._anchor_wall) * self.speed
        if t + _EPS >= self.clip.end_s:
            self.position_s = self.clip.end_s
            self.mode = Mode.ENDED
            return self.position_s
        self.position_s = t
        return t

    # -- actions -----------------------------------------------------------------------------

    def play(self, now: float) -> None:
        if self.mode is Mode.ENDED:
            self.replay(now)
            return
        self._resume(now)

    def pause(self, now: float) -> None:
        if self.mode is Mode.PLAYING:
            self.tick(now)
        if self.mode in (Mode.PLAYING, Mode.HELD):
            self.mode = Mode.PAUSED
            self.hold_until = None

    def toggle(self, now: float) -> None:
        """Space: play when stopped (for whatever reason), pause when playing."""
        if self.mode is Mode.PLAYING:
            self.pause(now)
        else:
            self.play(now)

    def replay(self, now: float) -> None:
        self._next = 0
        self.position_s = self.clip.start_s
        self._resume(now)

    def seek(self, t: float, now: float) -> None:
        """Go to film time `t` (kept inside the clip); stops before it count as passed."""
        t = min(max(t, self.clip.start_s), self.clip.end_s)
        self.position_s = t
        self._next = sum(1 for s in self.stops if s.at_s <= t + _EPS)
        if self.mode is Mode.PLAYING:
            self._resume(now)
        else:
            self.mode = Mode.PAUSED
            self._clear()

    def set_speed(self, speed: float, now: float) -> None:
        if self.mode is Mode.PLAYING:
            self.tick(now)
        self.speed = speed
        if self.mode is Mode.PLAYING:
            self._anchor(now)

    def slower(self, now: float) -> None:
        """1× → ½× → ¼× → back to 1× (one button for a shared laptop)."""
        index = SPEEDS.index(self.speed) if self.speed in SPEEDS else 0
        self.set_speed(SPEEDS[(index + 1) % len(SPEEDS)], now)

    def faster(self, now: float) -> None:
        index = SPEEDS.index(self.speed) if self.speed in SPEEDS else 0
        self.set_speed(SPEEDS[max(0, index - 1)], now)

    # -- internals ---------------------------------------------------------------------------

    def _resume(self, now: float) -> None:
        self.mode = Mode.PLAYING
        self._clear()
        self._anchor(now)

    def _clear(self) -> None:
        self.caption = ""
        self.stop = None
        self.hold_until = None

    def _anchor(self, now: float) -> None:
        self._anchor_wall = now
        self._anchor_pos = self.position_s
