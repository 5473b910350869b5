"""Autosave for forms: a short pause in typing (or leaving the field) saves through the store.

Saves run in thread workers owned by the app, so a save started as a screen closes still lands,
and a lock plus a version number keep an older value from overwriting a newer one. On quit and
lock the app flushes with `wait=True`: the save happens there and then, before anything closes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Generic, TypeVar

from textual.dom import DOMNode
from textual.timer import Timer

T = TypeVar("T")

DELAY_S = 0.8


class Autosaver(Generic[T]):
    """Call `changed(value)` on every edit and `flush()` when the field is left."""

    def __init__(
        self,
        owner: DOMNode,
        save: Callable[[T], None],
        *,
        delay: float = DELAY_S,
        on_saved: Callable[[T], None] | None = None,
    ) -> None:
        self._owner = owner
        self._save = save
        self._delay = delay
        self._on_saved = on_saved
        self._timer: Timer | None = None
        self._pending: tuple[T] | None = None
        self._version = 0
        self._written = 0
        self._lock = threading.Lock()

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def changed(self, value: T) -> None:
        self._pending = (value,)
        self._version += 1
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._owner.set_timer(self._delay, self.flush)

    def flush(self, *, wait: bool = False) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._pending is None:
            return
        (value,) = self._pending
        self._pending = None
        if wait:
            self._write(value, self._version, in_thread=False)
            return
        app = self._owner.app
        app.run_worker(
            partial(self._write, value, self._version),
            thread=True,
            exit_on_error=False,
            group="autosave",
            description="autosave",
        )

    def _write(self, value: T, version: int, *, in_thread: bool = True) -> None:
        with self._lock:
            if version <= self._written:
                return
            self._save(value)
            self._written = version
        if self._on_saved is not None:
            if in_thread:
                self._owner.app.call_from_thread(self._on_saved, value)
            else:
                self._on_saved(value)
