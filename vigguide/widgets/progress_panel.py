"""A one-line panel for long work (import, clips, documents): what is happening, a progress bar,
and how to cancel; it stays hidden while nothing runs.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class ProgressPanel(Horizontal):
    """Call `start`, then `advance` (from the UI thread), then `finish` with the outcome."""

    DEFAULT_CSS = """
    ProgressPanel { height: 1; display: none; padding: 0 1; }
    ProgressPanel.-active, ProgressPanel.-done { display: block; }
    ProgressPanel > #progress-label { width: auto; max-width: 50%; margin-right: 1; }
    ProgressPanel > ProgressBar { width: 1fr; }
    ProgressPanel > ProgressBar > Bar { width: 1fr; }
    ProgressPanel > #progress-cancel { width: auto; color: $text-muted; margin-left: 1; }
    ProgressPanel.-done > ProgressBar, ProgressPanel.-done > #progress-cancel { display: none; }
    """

    def __init__(self, cancel_hint: str = "x cancels", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cancel_hint = cancel_hint

    def compose(self) -> ComposeResult:
        yield Label("", id="progress-label")
        yield ProgressBar(total=100, show_eta=False, id="progress-bar")
        yield Label(self._cancel_hint, id="progress-cancel")

    @property
    def running(self) -> bool:
        return self.has_class("-active")

    @property
    def text(self) -> str:
        return str(self.query_one("#progress-label", Label).content)

    def start(self, label: str) -> None:
        self.remove_class("-done")
        self.add_class("-active")
        self.query_one("#progress-label", Label).update(label)
        self.query_one(ProgressBar).update(progress=0)

    def label(self, label: str) -> None:
        self.query_one("#progress-label", Label).update(label)

    def advance(self, fraction: float) -> None:
        """Show how far the work has gone (0.0 to 1.0)."""
        self.query_one(ProgressBar).update(progress=round(max(0.0, min(1.0, fraction)) * 100, 1))

    def finish(self, message: str = "") -> None:
        """Stop showing progress; leave `message` on the line, or hide the panel if empty."""
        self.remove_class("-active")
        self.query_one("#progress-label", Label).update(message)
        self.set_class(bool(message), "-done")
