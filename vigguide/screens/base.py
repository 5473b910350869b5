"""The one way to build a screen.

`VigScreen` (mixed into every vigguide screen, modal or not) gives the typed app, turns a failed
worker into the app's plain notification, and keeps the screen's autosavers flushed when the
screen is left, covered, or the app quits or locks.

`CaseScreen` is the base of every screen about one case: it owns the case reference, loads the
case in a worker that posts a typed `CaseLoaded` message, runs a change in a worker and reloads
(`change`), runs long cancellable work with one rule for errors (`run_cancellable`), and goes
back. A screen only says what to show (`show_case`) and what its actions do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import on, work
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from vigguide.domain import CaseFile
from vigguide.widgets.autosave import Autosaver

if TYPE_CHECKING:
    from vigguide.app import VigGuideApp

T = TypeVar("T")


class VigScreen:
    """Mix into a Screen (before the Screen class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.savers: list[Autosaver[Any]] = []

    @property
    def vig(self) -> VigGuideApp:
        return cast("VigGuideApp", self.app)  # type: ignore[attr-defined]

    def saver(self, save: Callable[[T], None], **kwargs: Any) -> Autosaver[T]:
        """An autosaver flushed whenever this screen is left or the app quits or locks."""
        made: Autosaver[T] = Autosaver(cast("Screen[Any]", self), save, **kwargs)
        self.savers.append(made)
        return made

    def capture_edits(self) -> None:
        """Hand what the fields show now to the savers; screens whose savers are fed on every
        change need nothing more, others override this."""

    def flush_saves(self, *, wait: bool = False) -> None:
        """Save everything typed: in the background, or here and now when `wait` (quit, lock)."""
        self.capture_edits()
        for saver in self.savers:
            saver.flush(wait=wait)

    def on_screen_suspend(self) -> None:
        self.flush_saves()

    def action_back(self) -> None:
        self.flush_saves()
        cast("Screen[Any]", self).app.pop_screen()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Textual's Worker.StateChanged does not bubble, so each screen passes failures on."""
        if event.state is WorkerState.ERROR:
            self.vig.report_error(event.worker.error)


class CaseScreen(VigScreen, Screen[None]):
    """A screen about one case; `show_case` is called with each freshly loaded case."""

    class CaseLoaded(Message):
        """The case as stored now, loaded off the event loop."""

        def __init__(self, case_file: CaseFile, select_id: int | None = None) -> None:
            super().__init__()
            self.case_file = case_file
            self.select_id = select_id

    class Changed(Message):
        """A change made in a worker has been stored; `notice` says so to the practitioner."""

        def __init__(self, notice: str, select_id: int | None = None) -> None:
            super().__init__()
            self.notice = notice
            self.select_id = select_id

    RELOAD_ON_RESUME = True
    """Reload when the practitioner comes back from another screen (it may have changed)."""

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref
        self.case_file: CaseFile | None = None

    def on_mount(self) -> None:
        self.load_case()

    def on_screen_resume(self) -> None:
        if self.RELOAD_ON_RESUME:
            self.load_case()

    @work(thread=True, exclusive=True, exit_on_error=False, group="case-load")
    def load_case(self, select_id: int | None = None) -> None:
        self.post_message(self.CaseLoaded(self.vig.home.store.load(self.ref), select_id))

    @on(CaseLoaded)
    def _on_case_loaded(self, event: CaseLoaded) -> None:
        self.case_file = event.case_file
        self.show_case(event.case_file, event.select_id)

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        """Show the case; every case screen says how."""

    # changes -------------------------------------------------------------------------------

    def change(
        self, job: Callable[[], str], *, select: Callable[[], int | None] | None = None
    ) -> None:
        """Run `job` (a store change returning the sentence to show) in a worker, then reload."""

        def run() -> None:
            notice = job()
            self.post_message(self.Changed(notice, select() if select else None))

        self.run_worker(run, thread=True, exclusive=True, exit_on_error=False, group="case-change")

    @on(Changed)
    def _on_case_changed(self, event: Changed) -> None:
        if event.notice:
            self.notify(event.notice)
        self.load_case(event.select_id)

    def run_cancellable(
        self,
        cancel: threading.Event,
        job: Callable[[], T],
        ended: Callable[[T | None, bool], Message],
    ) -> None:
        """For a worker: run `job`, then post `ended(result, cancelled)`. A failure after the
        practitioner cancelled is the cancel itself and is swallowed; any other is re-raised,
        so the app shows it as a plain notification."""
        try:
            result = job()
        except Exception:
            cancelled = cancel.is_set()
            self.post_message(ended(None, cancelled))
            if not cancelled:
                raise
            return
        self.post_message(ended(result, False))
