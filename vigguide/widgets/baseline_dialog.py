"""Asking for the parent's baseline: her 0–10 "where are you now" when a helping question is
agreed, before any filming. Dismisses with (rating,), (None,) to clear it, or None to leave."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

BaselineChoice = tuple[int | None] | None


def read_rating(text: str) -> int | None:
    """A typed 0–10 rating, or None when the text is not one."""
    text = text.strip()
    return int(text) if text.isdigit() and 0 <= int(text) <= 10 else None


class BaselineDialog(ModalScreen[BaselineChoice]):
    """One number, 0 to 10; Enter keeps it, an empty box clears it, Escape leaves it as it was."""

    DEFAULT_CSS = """
    BaselineDialog { align: center middle; }
    BaselineDialog > Vertical {
        width: 70; max-width: 95%; height: auto; border: round $primary; padding: 1 2;
        background: $panel;
    }
    BaselineDialog #baseline-title { text-style: bold; margin-bottom: 1; }
    BaselineDialog #baseline-question { margin-bottom: 1; }
    BaselineDialog #baseline-input { width: 12; }
    BaselineDialog #baseline-error { color: $error; height: auto; }
    BaselineDialog #baseline-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    BaselineDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "leave", "Cancel", id="baseline.cancel")]

    def __init__(self, question: str, current: int | None) -> None:
        super().__init__()
        self.question = question
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Where is she now? (her baseline, 0 to 10)", id="baseline-title")
            yield Static(self.question, id="baseline-question", markup=False)
            yield Label("Her rating before any filming. Leave empty to clear it.")
            yield Input(
                "" if self.current is None else str(self.current),
                placeholder="0–10",
                type="integer",
                max_length=2,
                id="baseline-input",
            )
            yield Static("", id="baseline-error", markup=False)
            with Horizontal(id="baseline-buttons"):
                yield Button("Cancel", id="baseline-cancel")
                yield Button("Save", id="baseline-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#baseline-save")
    def _save(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text:
            self.dismiss((None,))
            return
        rating = read_rating(text)
        if rating is None:
            self.query_one("#baseline-error", Static).update("Type a whole number from 0 to 10.")
            return
        self.dismiss((rating,))

    @on(Button.Pressed, "#baseline-cancel")
    def action_leave(self) -> None:
        self.dismiss(None)
