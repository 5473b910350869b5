"""Consent for one case: each scope given or withdrawn with its dates, recording consent, and
withdrawing it after seeing what it affects and doing the deletions it requires.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from vigguide.domain import CaseFile, Consent, ConsentScope
from vigguide.services.consent import consent_effects, delete_media
from vigguide.widgets.case_dates import show_date
from vigguide.widgets.consent_dialogs import (
    GiveConsentDialog,
    GivenConsent,
    Withdrawal,
    WithdrawConsentDialog,
)
from vigguide.widgets.screen_commands import PaletteCommand, ScreenCommands
from vigguide.widgets.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from textual.command import Provider

    from vigguide.app import VigGuideApp

SCOPES = tuple(ConsentScope)


def consent_state(consent: Consent | None) -> str:
    if consent is None or consent.given_on is None:
        return "Not recorded"
    if consent.withdrawn_on is not None:
        return "Withdrawn"
    return "Given"


class ConsentScreen(ReportsWorkerErrors, Screen[None]):
    """One row per scope; g records consent, w withdraws it."""

    CSS_PATH = "consent.tcss"
    COMMANDS: ClassVar[set[type[Provider]]] = {ScreenCommands}  # type: ignore[assignment]
    BINDINGS = [
        Binding("escape", "back", "Back", id="consent.back"),
        Binding("g", "give", "Give consent", id="consent.give"),
        Binding("w", "withdraw", "Withdraw", id="consent.withdraw"),
    ]

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref
        self.case_file: CaseFile | None = None

    @property
    def vig(self) -> VigGuideApp:
        return cast("VigGuideApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Each kind of consent is separate, and the parent can withdraw any of them at any"
            " time.",
            id="consent-intro",
        )
        table: DataTable[str] = DataTable(id="consent-table", cursor_type="row")
        yield table
        yield Static("", id="consent-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Consent · case {self.ref}"
        table = self.query_one(DataTable)
        table.add_columns("Consent to", "Status", "Given", "Withdrawn", "Recorded by")
        table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="consent")
    def load(self) -> None:
        case_file = self.vig.home.store.load(self.ref)
        self.app.call_from_thread(self._show, case_file)

    def _show(self, case_file: CaseFile) -> None:
        self.case_file = case_file
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for scope in SCOPES:
            consent = case_file.consents.get(scope)
            table.add_row(
                scope.label,
                consent_state(consent),
                show_date(consent.given_on) if consent else "",
                show_date(consent.withdrawn_on) if consent else "",
                consent.recorded_by if consent else "",
                key=scope.value,
            )
        table.move_cursor(row=min(row, len(SCOPES) - 1))
        self._describe()

    def selected_scope(self) -> ConsentScope:
        return SCOPES[max(0, self.query_one(DataTable).cursor_row)]

    @on(DataTable.RowHighlighted)
    def _describe(self) -> None:
        if self.case_file is None:
            return
        scope = self.selected_scope()
        consent = self.case_file.consents.get(scope)
        effects = consent_effects(self.case_file, scope)
        lines = [f"{scope.label}: {consent_state(consent).lower()}."]
        if consent is not None and consent.active:
            lines.append("If the parent withdraws it:")
            lines += [f"  • {b}" for b in effects.blocks]
            if effects.deletions:
                lines.append(f"  • {len(effects.deletions)} film(s) or clip(s) would be deleted.")
            lines.append("Press w to withdraw.")
        else:
            lines.append("Without it: " + " ".join(effects.blocks))
            lines.append("Press g to record consent.")
        self.query_one("#consent-detail", Static).update("\n".join(lines))

    # giving and withdrawing ----------------------------------------------------------------

    def action_give(self) -> None:
        scope = self.selected_scope()
        practitioner = self.vig.home.store.practitioner()
        by = practitioner.name if practitioner else ""

        def given(result: GivenConsent | None) -> None:
            if result is not None:
                self.give(scope, result)

        self.app.push_screen(GiveConsentDialog(scope, self.vig.today, by), given)

    @work(thread=True, exclusive=True, exit_on_error=False, group="consent-change")
    def give(self, scope: ConsentScope, result: GivenConsent) -> None:
        self.vig.home.store.set_consent(self.ref, scope, result.given_on, result.recorded_by)
        self.app.call_from_thread(self.notify, f"Consent recorded: {scope.label.lower()}.")
        self.app.call_from_thread(self.load)

    def action_withdraw(self) -> None:
        if self.case_file is None:
            return
        scope = self.selected_scope()
        if not self.case_file.consent_active(scope):
            self.notify(
                f"There is no consent to withdraw for {scope.label.lower()}.", severity="warning"
            )
            return
        effects = consent_effects(self.case_file, scope)

        def chosen(result: Withdrawal | None) -> None:
            if result is not None:
                self.withdraw(scope, result)

        self.app.push_screen(WithdrawConsentDialog(effects, self.vig.today), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="consent-change")
    def withdraw(self, scope: ConsentScope, result: Withdrawal) -> None:
        home = self.vig.home
        home.store.withdraw_consent(self.ref, scope, result.withdrawn_on)
        deleted = delete_media(home, self.ref, result.delete, f"consent withdrawn: {scope.value}")
        message = f"Consent withdrawn: {scope.label.lower()}."
        if deleted:
            message += f" {deleted} film(s) or clip(s) deleted."
        self.app.call_from_thread(self.notify, message)
        self.app.call_from_thread(self.load)

    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> list[PaletteCommand]:
        scope = self.selected_scope()
        commands: list[PaletteCommand] = [
            (
                f"consent: Record {scope.label.lower()}",
                "Record that the parent agreed",
                self.action_give,
            )
        ]
        if self.case_file is not None and self.case_file.consent_active(scope):
            commands.append(
                (
                    f"consent: Withdraw {scope.label.lower()}",
                    "Record a withdrawal and see what it affects",
                    self.action_withdraw,
                )
            )
        return commands
