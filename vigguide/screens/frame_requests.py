"""The frame requests of micro-analysis: key presses become numbered requests for the frame
thread, and whatever reads "the frame on screen" (in, out, a still) waits until the frame thread
has answered every request made before it.

A mark pressed while seeks are still on their way is queued behind them: it runs when the frame
they end on is drawn, and reads that frame's own timestamp. Only the event loop calls `ask`,
`landed` and `after`; the frame thread only calls `take`.
"""

from __future__ import annotations

import queue
from collections.abc import Callable

Request = tuple[int, str, float]
"""(number, kind, value): kind "seek" (to a time), "delta" (seconds on), "step" (frames on)."""


class FrameRequests:
    def __init__(self) -> None:
        self._queue: queue.Queue[Request | None] = queue.Queue()
        self.asked = 0
        """The number of the last request made."""
        self.shown = 0
        """The number of the last request whose frame is on screen."""
        self._waiting: list[Callable[[], None]] = []

    @property
    def settled(self) -> bool:
        """True when the frame on screen answers every request made so far."""
        return self.shown >= self.asked

    def ask(self, kind: str, value: float) -> None:
        self.asked += 1
        self._queue.put((self.asked, kind, value))

    def after(self, job: Callable[[], None]) -> None:
        """Run `job` now if the frame on screen is the one asked for, else once it is."""
        if self.settled:
            job()
        else:
            self._waiting.append(job)

    def landed(self, number: int) -> None:
        """The frame answering request `number` is on screen; run what waited for it."""
        self.shown = max(self.shown, number)
        while self.settled and self._waiting:
            self._waiting.pop(0)()

    def stop(self) -> None:
        self._queue.put(None)
        self._waiting.clear()

    def take(self, timeout: float) -> tuple[int, list[tuple[str, float]]] | None:
        """In the frame thread: every request waiting, as (number of the last, coalesced
        requests); (0, []) if none came within `timeout`; None once the screen has closed."""
        try:
            batch = [self._queue.get(timeout=timeout)]
        except queue.Empty:
            return 0, []
        while not self._queue.empty():
            batch.append(self._queue.get_nowait())
        if None in batch:
            return None
        requests = [r for r in batch if r is not None]
        return requests[-1][0], coalesce([(kind, value) for _, kind, value in requests])


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
