"""The practitioner profile: name, qualified or trainee, service and supervisor (autosaved), and
the VIG stage with the date it began (recorded by its button, kept as a short history)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from vigguide.domain import Practitioner, Role
from vigguide.domain.practitioner_stage import STAGES, history_words
from vigguide.errors import VigGuideError
from vigguide.screens.base import VigScreen
from vigguide.widgets.autosave import Autosaver
from vigguide.widgets.ticks import Choice


class ProfileScreen(VigScreen, ModalScreen[None]):
    """Who is doing the work: the name goes into the audit trail and onto the progress notes."""

    CSS_PATH = "profile.tcss"
    BINDINGS = [Binding("escape", "done", "Done", id="profile.done")]

    def __init__(self) -> None:
        super().__init__()
        self.saved: Practitioner | None = None
        self._loading = True
        self._saver: Autosaver[Practitioner] = self.saver(self._save)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="profile-box"):
            yield Static("Your practitioner profile", id="profile-title")
            yield Static(
                "vigguide records who does each thing with a family's video; your name also"
                " goes on the progress notes.",
                id="profile-intro",
            )
            yield Label("Your name")
            yield Input(id="profile-name")
            with RadioSet(id="profile-role"):
                yield Choice("Qualified VIG guider", value=True, id="profile-qualified")
                yield Choice("Trainee in supervision", id="profile-trainee")
            yield Label("Service or team")
            yield Input(id="profile-service", placeholder="e.g. Riverside Perinatal Team")
            yield Label("Supervisor")
            yield Input(id="profile-supervisor")
            yield Label("Your VIG stage and the date it began")
            with Horizontal(id="profile-stage-row"):
                yield Select[str](
                    [(stage.capitalize(), stage) for stage in STAGES],
                    prompt="Choose a stage",
                    id="profile-stage",
                )
                yield Input(placeholder="YYYY-MM-DD", id="profile-stage-from")
            yield Button("Record stage", id="profile-stage-record")
            yield Static("", id="profile-stages", markup=False)
            yield Static("", id="profile-message", markup=False)
            yield Button("Done", id="profile-done", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#profile-name", Input).focus()
        self.query_one("#profile-stage-from", Input).value = self.vig.today.isoformat()
        self._show(self.vig.home.store.practitioner())
        self._show_stages()

    def _show_stages(self) -> None:
        from vigguide.store.service_rows import stage_history

        words = history_words(stage_history(self.vig.home.store))
        self.query_one("#profile-stages", Static).update(words or "No stage recorded yet.")

    @on(Button.Pressed, "#profile-stage-record")
    def _record_stage(self) -> None:
        from datetime import date

        from vigguide.store.service_rows import set_stage

        message = self.query_one("#profile-message", Static)
        stage = self.query_one("#profile-stage", Select).value
        since = self.query_one("#profile-stage-from", Input).value.strip()
        if not isinstance(stage, str):
            message.update("Choose your stage first.")
            return
        try:
            set_stage(self.vig.home.store, stage, date.fromisoformat(since))
        except ValueError:
            message.update(f'"{since}" is not a date: write it as YYYY-MM-DD.')
            return
        except VigGuideError as exc:
            message.update(str(exc))
            return
        message.update("")
        self._show_stages()

    def _show(self, practitioner: Practitioner | None) -> None:
        self.saved = practitioner
        if practitioner is not None:
            self.query_one("#profile-name", Input).value = practitioner.name
            trainee = practitioner.role is Role.TRAINEE
            self.query_one("#profile-trainee", RadioButton).value = trainee
            self.query_one("#profile-qualified", RadioButton).value = not trainee
            self.query_one("#profile-service", Input).value = practitioner.service
            self.query_one("#profile-supervisor", Input).value = practitioner.supervisor
        self._loading = False

    def current(self) -> Practitioner:
        trainee = self.query_one("#profile-trainee", RadioButton).value
        return Practitioner(
            self.query_one("#profile-name", Input).value.strip(),
            Role.TRAINEE if trainee else Role.QUALIFIED,
            self.query_one("#profile-service", Input).value.strip(),
            self.query_one("#profile-supervisor", Input).value.strip(),
        )

    @on(Input.Changed)
    @on(RadioSet.Changed)
    def _changed(self) -> None:
        if self._loading:
            return
        practitioner = self.current()
        if practitioner.name and practitioner != self.saved:
            self.saved = practitioner
            self._saver.changed(practitioner)

    @on(Input.Blurred)
    @on(RadioSet.Changed)
    def _left(self) -> None:
        self._saver.flush()

    def _save(self, practitioner: Practitioner) -> None:
        self.vig.home.store.set_practitioner(practitioner)

    @on(Button.Pressed, "#profile-done")
    def action_done(self) -> None:
        if not self.current().name:
            self.query_one("#profile-message", Static).update(
                "Add your name first: vigguide records who does each thing."
            )
            self.query_one("#profile-name", Input).focus()
            return
        self._changed()
        self._saver.flush()
        self.dismiss(None)
