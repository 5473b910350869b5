"""Small dialogs the media and review screens share: a yes/no confirmation and a one-line text
question (a still's caption, a folder to open).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

_DIALOG_CSS = """
{name} {{ align: center middle; background: $background 60%; }}
{name} > Vertical {{
    width: 64; max-width: 95%; height: auto; border: round $primary; padding: 1 2;
    background: $surface;
}}
{name} .dialog-title {{ text-style: bold; margin-bottom: 1; }}
{name} .dialog-buttons {{ height: auto; margin-top: 1; align-horizontal: right; }}
{name} .dialog-buttons Button {{ margin-left: 2; }}
"""


class ConfirmDialog(ModalScreen[bool]):
    """Ask before something that cannot be undone. Dismisses with True only on a clear yes."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="ConfirmDialog")
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="dialog.yes"),
        Binding("n,escape", "answer(False)", "No", id="dialog.no"),
    ]

    def __init__(self, title: str, message: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self._title, self._message, self._yes, self._no = title, message, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="dialog-title")
            yield Static(self._message, id="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._no, id="dialog-no")
                yield Button(self._yes, variant="error", id="dialog-yes")

    def on_mount(self) -> None:
        self.query_one("#dialog-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "dialog-yes")


class TextDialog(ModalScreen[str | None]):
    """Ask for one line of text; Enter keeps it, Escape leaves without it (None)."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="TextDialog")
    BINDINGS = [Binding("escape", "leave", "Cancel", id="dialog.cancel")]

    def __init__(
        self, title: str, label: str, value: str = "", placeholder: str = "", ok: str = "OK"
    ) -> None:
        super().__init__()
        self._title, self._label, self._value = title, label, value
        self._placeholder, self._ok = placeholder, ok

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="dialog-title")
            yield Label(self._label)
            yield Input(self._value, placeholder=self._placeholder, id="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="dialog-cancel")
                yield Button(self._ok, variant="primary", id="dialog-ok")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_leave(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.dismiss(self.query_one(Input).value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self.query_one(Input).value if event.button.id == "dialog-ok" else None)
