"""Consent for one case: each scope given or withdrawn with its dates, recording consent, and
withdrawing it after seeing what it affects and doing the deletions it requires.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from vigguide.domain import CaseFile, ConsentScope
from vigguide.domain.wording import show_date
from vigguide.screens.base import CaseScreen
from vigguide.services.consent import (
    ConsentDetail,
    consent_detail_lines,
    consent_effects,
    consent_state,
    delete_media,
    record_consent,
)
from vigguide.widgets.consent_dialogs import (
    GiveConsentDialog,
    GivenConsent,
    Withdrawal,
    WithdrawConsentDialog,
)
from vigguide.widgets.screen_commands import PaletteCommand, ScreenCommands

if TYPE_CHECKING:
    from textual.command import Provider

SCOPES = tuple(ConsentScope)


class ConsentScreen(CaseScreen):
    """One row per scope; g records consent, w withdraws it."""

    CSS_PATH = "consent.tcss"
    COMMANDS: ClassVar[set[type[Provider]]] = {ScreenCommands}  # type: ignore[assignment]
    BINDINGS = [
        Binding("escape", "back", "Back", id="consent.back"),
        Binding("g", "give", "Give consent", id="consent.give"),
        Binding("w", "withdraw", "Withdraw", id="consent.withdraw"),
    ]

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
        table.add_columns(
            "Consent to", "Status", "Given", "Withdrawn", "Recorded by", "How", "Form", "Review"
        )
        table.focus()

    other_adults = ""
    """Who else may be in the films, as recorded with the case."""

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        self.other_adults = self.vig.home.store.other_adults(self.ref)
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
                consent.how if consent else "",
                consent.form_ref if consent else "",
                show_date(consent.review_on) if consent and consent.active else "",
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
        lines += consent_detail_lines(consent, self.vig.today)
        if scope is ConsentScope.FILMING and self.other_adults:
            lines.append(f"Other adults in the film: {self.other_adults}")
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

        others = self.other_adults if scope is ConsentScope.FILMING else None
        self.app.push_screen(GiveConsentDialog(scope, self.vig.today, by, others), given)

    def give(self, scope: ConsentScope, result: GivenConsent) -> None:
        home = self.vig.home
        detail = ConsentDetail(
            result.given, result.given_on, result.how, result.form_ref, result.review_on,
            result.recorded_by,
        )  # fmt: skip

        def job() -> str:
            said = record_consent(home, self.ref, scope, detail)
            if result.other_adults is not None and result.other_adults != self.other_adults:
                home.store.set_other_adults(self.ref, result.other_adults)
            return said

        self.change(job)

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

    def withdraw(self, scope: ConsentScope, result: Withdrawal) -> None:
        home = self.vig.home

        def job() -> str:
            home.store.withdraw_consent(self.ref, scope, result.withdrawn_on)
            why = f"consent withdrawn: {scope.value}"
            deleted = delete_media(home, self.ref, result.delete, why)
            message = f"Consent withdrawn: {scope.label.lower()}."
            return message + (f" {deleted} film(s) or clip(s) deleted." if deleted else "")

        self.change(job)

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
