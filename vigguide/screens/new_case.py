"""A new case: the reference, the parent's preferred name, the baby's name and birth or due date."""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from vigguide.domain.dates import parse_date
from vigguide.errors import VigGuideError
from vigguide.screens.base import VigScreen
from vigguide.widgets.ticks import Choice


class NewCaseScreen(VigScreen, ModalScreen[str | None]):
    """Returns the new case's reference (and opens its overview), or None when cancelled."""

    CSS_PATH = "new_case.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new_case.cancel")]

    class Created(Message):
        """The case is stored (`ref`), or `problem` says why not."""

        def __init__(self, ref: str, problem: str) -> None:
            super().__init__()
            self.ref, self.problem = ref, problem

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="new-case-box"):
            yield Static("New case", id="new-case-title")
            yield Label("Case reference (your service's own, e.g. PMH-0423)")
            yield Input(id="new-ref")
            yield Label("Parent's preferred name")
            yield Input(id="new-parent")
            yield Label("Baby's name (or leave blank before birth)")
            yield Input(id="new-baby")
            with RadioSet(id="new-date-kind"):
                yield Choice("Born on", value=True, id="new-born")
                yield Choice("Due on", id="new-due")
            yield Input(id="new-date", placeholder="e.g. 1/8/2026 or 2026-08-01 (may be blank)")
            yield Static("", id="new-message", markup=False)
            with Horizontal(id="new-buttons"):
                yield Button("Cancel", id="new-cancel")
                yield Button("Create case", id="new-create", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#new-ref", Input).focus()

    def _say(self, message: str) -> None:
        self.query_one("#new-message", Static).update(message)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "new-date":
            self._create()
        else:
            self.focus_next()

    @on(Button.Pressed, "#new-create")
    def _create(self) -> None:
        ref = self.query_one("#new-ref", Input).value.strip()
        parent = self.query_one("#new-parent", Input).value.strip()
        baby = self.query_one("#new-baby", Input).value.strip()
        typed = self.query_one("#new-date", Input).value
        if not ref:
            self._say("Type the case reference.")
            self.query_one("#new-ref", Input).focus()
            return
        if not parent:
            self._say("Type the parent's preferred name.")
            self.query_one("#new-parent", Input).focus()
            return
        born_on: date | None = None
        due_on: date | None = None
        if typed.strip():
            try:
                day = parse_date(typed)
            except VigGuideError as exc:
                self._say(str(exc))
                self.query_one("#new-date", Input).focus()
                return
            if self.query_one("#new-born", RadioButton).value:
                if day > self.vig.today:
                    self._say("A birth date cannot be in the future: choose Due on instead.")
                    return
                born_on = day
            else:
                due_on = day
        self._say("")
        self.create(ref, parent, baby, born_on, due_on)

    @work(thread=True, exclusive=True, exit_on_error=False, group="new-case")
    def create(
        self, ref: str, parent: str, baby: str, born_on: date | None, due_on: date | None
    ) -> None:
        try:
            case = self.vig.home.store.create_case(
                ref, parent, baby, baby_born_on=born_on, baby_due_on=due_on
            )
        except VigGuideError as exc:
            self.post_message(self.Created("", str(exc)))
            return
        self.post_message(self.Created(case.ref, ""))

    @on(Created)
    def _created(self, event: Created) -> None:
        if event.problem:
            self._say(event.problem)
            return
        self.dismiss(event.ref)
        self.vig.open_screen("overview", event.ref)

    @on(Button.Pressed, "#new-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
