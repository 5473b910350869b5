"""Decoding a few frames ahead on a thread while a clip plays, so decoding overlaps drawing."""

from __future__ import annotations

import queue
import threading

from vigguide.media.frames import FrameReader, ShownFrame

AHEAD = 6  # frames: 200 ms at 30 fps, about 36 MB of 1080p pictures
_SLACK_S = 0.0005


class DecodeAhead:
    """Owns `reader` until stopped: takes its next frames, in order, after the one at `after`."""

    def __init__(self, reader: FrameReader, after: float) -> None:
        self._reader = reader
        self._after = after
        self._queue: queue.Queue[ShownFrame | None] = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._ended = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="vigguide-player-decode")
        self._thread.daemon = True
        self._thread.start()

    def take(self) -> ShownFrame | None:
        """The next frame (waiting for it if need be), or None at the end of the film."""
        if self._ended:
            return None
        item = self._queue.get()
        if item is None:
            self._ended = True
            if self._error is not None:
                raise self._error
        return item

    def stop(self) -> None:
        """Stop decoding and give the reader back (its position is then past the frames taken)."""
        self._stop.set()
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._thread.join()

    def _run(self) -> None:
        last = self._after
        try:
            while not self._stop.is_set():
                frame = self._reader.next_frame()
                if frame.time_s <= last + _SLACK_S:
                    break  # the reader stays on its last frame at the end of the film
                last = frame.time_s
                self._put(frame)
        except Exception as exc:
            self._error = exc
        self._put(None)

    def _put(self, item: ShownFrame | None) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.05)
                return
            except queue.Full:
                continue
