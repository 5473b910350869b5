"""The dialog of the accreditation screen that logs one supervision session: date, hours,
supervisor (a colleague from the address book, or a name typed), cycles discussed, group or
individual. Everything is checked as `vigguide supervision-log add` checks it; the dialog stays
open with a plain message until it is right or cancelled."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from vigguide.errors import VigGuideError
from vigguide.widgets.ticks import Tick

SessionSaver = Callable[[dict[str, str | bool]], int]
"""Logs the session as typed (raising VigGuideError with a plain message); returns its number."""


class SessionDialog(ModalScreen[int | None]):
    """Returns the number of the session logged, or None when cancelled."""

    DEFAULT_CSS = """
    SessionDialog { align: center middle; }
    SessionDialog #session-box {
        width: 76; max-width: 95%; height: auto; max-height: 95%;
        border: round $primary; padding: 1 2; background: $panel;
    }
    SessionDialog #session-title { text-style: bold; margin-bottom: 1; }
    SessionDialog #session-message { color: $error; height: auto; }
    SessionDialog #session-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    SessionDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="session.cancel")]

    def __init__(
        self, save: SessionSaver, today: date, colleagues: Sequence[tuple[str, str]], usual: str
    ) -> None:
        super().__init__()
        self.save = save
        self.today = today
        self.colleagues = list(colleagues)
        """(name, role) from the address book."""
        self.usual = usual
        """The practitioner's supervisor as in her profile, offered first."""

    def compose(self) -> ComposeResult:
        with Vertical(id="session-box"):
            yield Static("Log a supervision session", id="session-title")
            yield Label("Date (YYYY-MM-DD)")
            yield Input(self.today.isoformat(), id="session-on")
            yield Label("Hours")
            yield Input(placeholder="e.g. 1.5", id="session-hours")
            yield Label("Supervisor")
            yield Select[str](
                [(f"{name} ({role or 'colleague'})", name) for name, role in self.colleagues],
                prompt="Choose from your colleagues",
                id="session-colleague",
            )
            yield Input(self.usual, placeholder="…or type a name", id="session-supervisor")
            yield Label("Cycles discussed (CASE:NUMBER, separated by commas)")
            yield Input(placeholder="e.g. VIG-7:2, VIG-9:1", id="session-cycles")
            yield Tick("Group supervision (otherwise individual)", id="session-group")
            yield Static("", id="session-message", markup=False)
            with Horizontal(id="session-buttons"):
                yield Button("Cancel", id="session-cancel")
                yield Button("Log the session", id="session-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#session-hours", Input).focus()

    @on(Select.Changed, "#session-colleague")
    def _chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.query_one("#session-supervisor", Input).value = event.value

    @on(Input.Submitted)
    @on(Button.Pressed, "#session-ok")
    def _ok(self) -> None:
        values: dict[str, str | bool] = {
            name: self.query_one(f"#session-{name}", Input).value
            for name in ("on", "hours", "supervisor", "cycles")
        }
        values["group"] = self.query_one("#session-group", Checkbox).value
        try:
            number = self.save(values)
        except VigGuideError as exc:
            self.query_one("#session-message", Static).update(str(exc))
            return
        self.dismiss(number)

    @on(Button.Pressed, "#session-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
