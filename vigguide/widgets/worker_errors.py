"""A screen mixin that turns its failed workers into the app's plain error notification.

Textual's Worker.StateChanged does not bubble, so the app never sees a screen's worker fail: each
screen has to pass the error on itself.
"""

from __future__ import annotations

from textual.worker import Worker, WorkerState


class ReportsWorkerErrors:
    """Mix into a Screen before `Screen`; VigGuideError becomes a notification, never a traceback."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        app = self.app  # type: ignore[attr-defined]
        report = getattr(app, "report_error", None)
        if report is not None:
            report(event.worker.error)
