"""The hold dialog of the due-for-deletion screen: why an item must be kept."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class HoldDialog(ModalScreen[str | None]):
    """Asks for the reason an item is kept whatever the rules say; None when cancelled."""

    DEFAULT_CSS = """
    HoldDialog { align: center middle; }
    HoldDialog #hold-box {
        width: 70; max-width: 95%; height: auto; border: round $primary;
        padding: 1 2; background: $panel;
    }
    HoldDialog #hold-title { text-style: bold; margin-bottom: 1; }
    HoldDialog #hold-message { color: $error; height: auto; }
    HoldDialog #hold-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    HoldDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="hold.cancel")]

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(id="hold-box"):
            yield Static(f"Hold: {self.label}", id="hold-title", markup=False)
            yield Static("It will not be deleted until the hold is released. Why keep it?")
            yield Input(placeholder="e.g. requested by the safeguarding lead", id="hold-reason")
            yield Static("", id="hold-message")
            with Horizontal(id="hold-buttons"):
                yield Button("Cancel", id="hold-cancel")
                yield Button("Hold", id="hold-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#hold-reason", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#hold-ok")
    def _ok(self) -> None:
        reason = self.query_one("#hold-reason", Input).value.strip()
        if not reason:
            self.query_one("#hold-message", Static).update("Say why it must be kept.")
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#hold-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
