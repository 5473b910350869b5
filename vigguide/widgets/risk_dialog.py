"""The risk dialog: shown at once when a measure has a risk answer, with the service's own risk
procedure. Nothing with a risk answer is stored until the practitioner acknowledges it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

ACKNOWLEDGE = "I have read this and will act on it today"


class RiskDialog(ModalScreen[bool]):
    """Returns True only when the practitioner acknowledges the risk procedure; Esc goes back to
    the answers (nothing stored) so a mistaken answer can be changed."""

    DEFAULT_CSS = """
    RiskDialog { align: center middle; background: $background 60%; }
    RiskDialog #risk-box {
        width: 78; max-width: 95%; height: auto; max-height: 90%;
        border: heavy $error; padding: 1 2; background: $panel;
    }
    RiskDialog #risk-title {
        text-style: bold; color: $text; background: $error; padding: 0 1; margin-bottom: 1;
    }
    RiskDialog #risk-answer { text-style: bold; margin-bottom: 1; height: auto; }
    RiskDialog #risk-procedure { height: auto; margin-bottom: 1; }
    RiskDialog #risk-buttons { height: auto; align-horizontal: right; }
    RiskDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "back", "Change the answer", id="risk.back")]

    def __init__(self, answer: str, procedure: str) -> None:
        super().__init__()
        self.answer = answer
        self.procedure = procedure

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="risk-box"):
            yield Static("⚠ RISK ANSWER — act on it today", id="risk-title")
            yield Static(self.answer, id="risk-answer", markup=False)
            yield Static(self.procedure, id="risk-procedure", markup=False)
            with Horizontal(id="risk-buttons"):
                yield Button("Change the answer", id="risk-back")
                yield Button(ACKNOWLEDGE, id="risk-ack", variant="error")

    def on_mount(self) -> None:
        self.query_one("#risk-ack", Button).focus()

    @on(Button.Pressed, "#risk-ack")
    def acknowledge(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#risk-back")
    def action_back(self) -> None:
        self.dismiss(False)
