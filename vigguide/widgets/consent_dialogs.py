"""The consent dialogs: recording consent with its date, and withdrawing it after seeing what
the withdrawal affects and choosing the deletions it requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static

from vigguide.domain import ConsentScope
from vigguide.domain.dates import parse_date
from vigguide.domain.wording import show_date
from vigguide.errors import VigGuideError
from vigguide.services.consent import ConsentEffects, MediaItem

_DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} #dialog-box {{
    width: 76; max-width: 96%; height: auto; max-height: 92%;
    border: round $primary; padding: 0 2; background: $panel;
}}
{name} .dialog-title {{ text-style: bold; margin: 1 0; }}
{name} .dialog-message {{ color: $error; height: auto; }}
{name} .dialog-section {{ margin-top: 1; height: auto; }}
{name} Input {{ margin-bottom: 0; }}
{name} SelectionList {{ height: auto; max-height: 8; }}
{name} #dialog-buttons {{ height: auto; align-horizontal: right; margin: 1 0; }}
{name} Button {{ margin-left: 2; }}
"""


def _check_day(text: str, today: date) -> date:
    day = parse_date(text)
    if day > today:
        raise VigGuideError(f"{show_date(day)} is in the future.", "Use today's date or earlier.")
    return day


@dataclass(frozen=True)
class GivenConsent:
    given_on: date
    recorded_by: str


class GiveConsentDialog(ModalScreen[GivenConsent | None]):
    """The date consent was given (today unless changed) and who recorded it."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="GiveConsentDialog")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="consent_dialog.cancel")]

    def __init__(self, scope: ConsentScope, today: date, recorded_by: str) -> None:
        super().__init__()
        self.scope = scope
        self.today = today
        self.recorded_by = recorded_by

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog-box"):
            yield Static(f"Record consent: {self.scope.label}", classes="dialog-title")
            yield Label("Date the parent gave consent")
            yield Input(show_date(self.today), id="give-date")
            yield Label("Recorded by")
            yield Input(self.recorded_by, id="give-by")
            yield Static("", id="give-message", classes="dialog-message")
            with Horizontal(id="dialog-buttons"):
                yield Button("Cancel", id="give-cancel")
                yield Button("Record consent", id="give-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#give-date", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#give-ok")
    def _ok(self) -> None:
        try:
            day = _check_day(self.query_one("#give-date", Input).value, self.today)
        except VigGuideError as exc:
            self.query_one("#give-message", Static).update(str(exc))
            return
        by = self.query_one("#give-by", Input).value.strip() or self.recorded_by
        self.dismiss(GivenConsent(day, by))

    @on(Button.Pressed, "#give-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class Withdrawal:
    withdrawn_on: date
    delete: tuple[MediaItem, ...]


class WithdrawConsentDialog(ModalScreen[Withdrawal | None]):
    """Shows what withdrawing affects and offers the deletions it requires, all ticked."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="WithdrawConsentDialog")
    BINDINGS = [Binding("escape", "cancel", "Keep consent", id="consent_dialog.keep")]

    def __init__(self, effects: ConsentEffects, today: date) -> None:
        super().__init__()
        self.effects = effects
        self.today = today

    def compose(self) -> ComposeResult:
        effects = self.effects
        with VerticalScroll(id="dialog-box"):
            yield Static(
                f"Withdraw consent: {effects.scope.label}?", classes="dialog-title", id="wd-title"
            )
            yield Static(
                "What this affects:\n" + "\n".join(f"• {b}" for b in effects.blocks),
                id="wd-blocks",
                markup=False,
            )
            if effects.deletions:
                yield Static(
                    "Withdrawing this requires deleting these from the vault"
                    " (untick any you will delete later):",
                    classes="dialog-section",
                )
                yield SelectionList[int](
                    *[(item.label, i, True) for i, item in enumerate(effects.deletions)],
                    id="wd-deletions",
                )
            if effects.keep_in_mind:
                yield Static(
                    "\n".join(f"• {n}" for n in effects.keep_in_mind),
                    classes="dialog-section",
                    id="wd-notes",
                    markup=False,
                )
            yield Label("Date the parent withdrew consent", classes="dialog-section")
            yield Input(show_date(self.today), id="wd-date")
            yield Static("", id="wd-message", classes="dialog-message")
            with Horizontal(id="dialog-buttons"):
                yield Button("Keep consent", id="wd-cancel")
                yield Button("Withdraw consent", id="wd-ok", variant="error")

    def on_mount(self) -> None:
        self.query_one("#wd-cancel", Button).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#wd-ok")
    def _ok(self) -> None:
        try:
            day = _check_day(self.query_one("#wd-date", Input).value, self.today)
        except VigGuideError as exc:
            self.query_one("#wd-message", Static).update(str(exc))
            return
        chosen: tuple[MediaItem, ...] = ()
        if self.effects.deletions:
            picked = self.query_one("#wd-deletions", SelectionList).selected
            chosen = tuple(self.effects.deletions[i] for i in sorted(picked))
        self.dismiss(Withdrawal(day, chosen))

    @on(Button.Pressed, "#wd-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
