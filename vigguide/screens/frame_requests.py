"""The frame requests of micro-analysis: key presses become numbered requests for the frame
thread, and whatever reads "the frame on screen" (in, out, a still) is queued behind the
requests made before it.

A mark pressed while seeks are still on their way becomes a numbered marker in the same queue:
the frame thread draws the frame those earlier seeks end on (it never folds requests made before
a marker together with those made after it), and the mark runs when that frame is on screen,
reading its own timestamp. Only the event loop calls `ask`, `after` and `landed`; the frame
thread only calls `take`.
"""

from __future__ import annotations

import queue
from collections.abc import Callable

MARK = "mark"
Request = tuple[int, str, float]
"""(number, kind, value): kind "seek" (to a time), "delta" (seconds on), "step" (frames on), or
MARK (draw the frame reached so far)."""


class FrameRequests:
    def __init__(self) -> None:
        self._queue: queue.Queue[Request | None] = queue.Queue()
        self.asked = 0
        """The number of the last request made."""
        self.shown = 0
        """The number of the last request whose frame is on screen."""
        self._waiting: list[tuple[int, Callable[[], None]]] = []

    @property
    def settled(self) -> bool:
        """True when the frame on screen answers every request made so far."""
        return self.shown >= self.asked

    def ask(self, kind: str, value: float) -> None:
        self.asked += 1
        self._queue.put((self.asked, kind, value))

    def after(self, job: Callable[[], None]) -> None:
        """Run `job` now if the frame on screen answers every request made so far; else once
        the frame answering them (and no later one) is on screen."""
        if self.settled:
            job()
            return
        self.ask(MARK, 0.0)
        self._waiting.append((self.asked, job))

    def landed(self, number: int) -> None:
        """The frame answering request `number` is on screen; run what waited for it."""
        self.shown = max(self.shown, number)
        while self._waiting and self._waiting[0][0] <= self.shown:
            self._waiting.pop(0)[1]()

    def stop(self) -> None:
        self._queue.put(None)
        self._waiting.clear()

    def take(self, timeout: float) -> list[tuple[int, list[tuple[str, float]]]] | None:
        """In the frame thread: every request waiting, cut at each marker, as (number of the
        last request in the part, its requests coalesced); a frame is to be drawn after each
        part. [] if none came within `timeout`; None once the screen has closed."""
        try:
            batch = [self._queue.get(timeout=timeout)]
        except queue.Empty:
            return []
        while not self._queue.empty():
            batch.append(self._queue.get_nowait())
        if None in batch:
            return None
        requests = [r for r in batch if r is not None]
        parts: list[tuple[int, list[tuple[str, float]]]] = []
        run: list[tuple[str, float]] = []
        for number, kind, value in requests:
            if kind != MARK:
                run.append((kind, value))
            if kind == MARK or number == requests[-1][0]:
                parts.append((number, coalesce(run)))
                run = []
        return parts


def coalesce(batch: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Drop what a later seek makes pointless and add up runs of relative jumps, so a burst of
    key presses costs one decode."""
    last_seek = max((i for i, (kind, _) in enumerate(batch) if kind == "seek"), default=0)
    kept: list[tuple[str, float]] = []
    for kind, value in batch[last_seek:]:
        if kept and kind == "delta" and kept[-1][0] == "delta":
            kept[-1] = ("delta", kept[-1][1] + value)
        else:
            kept.append((kind, value))
    return kept
