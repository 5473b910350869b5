"""The consent dialogs: recording consent in detail (given or declined, the date, how, the form,
the review date, other adults in the film), and withdrawing it after seeing what the withdrawal
affects and choosing the deletions it requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from vigguide.domain import ConsentScope
from vigguide.domain.dates import parse_date
from vigguide.domain.wording import show_date
from vigguide.errors import VigGuideError
from vigguide.services.consent import ConsentEffects, MediaItem
from vigguide.widgets.tick_list import TickList

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
    given: bool = True
    """False: the parent declined."""
    how: str = ""
    form_ref: str = ""
    review_on: date | None = None
    other_adults: str | None = None
    """Who else may be in the films (asked with consent to film only)."""


ANSWERS = [("Given", "given"), ("Declined", "declined")]
HOWS = [("In writing (a signed form)", "written"), ("Verbally", "verbal"), ("Not noted", "")]


class GiveConsentDialog(ModalScreen[GivenConsent | None]):
    """Her answer (given unless changed), the date (today unless changed), how she gave it, the
    form, when to review it, who recorded it, and for filming who else may be in the film."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="GiveConsentDialog")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="consent_dialog.cancel")]

    def __init__(
        self,
        scope: ConsentScope,
        today: date,
        recorded_by: str,
        other_adults: str | None = None,
    ) -> None:
        super().__init__()
        self.scope = scope
        self.today = today
        self.recorded_by = recorded_by
        self.other_adults = other_adults

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog-box"):
            yield Static(f"Record consent: {self.scope.label}", classes="dialog-title")
            yield Label("Date the parent gave (or declined) consent")
            yield Input(show_date(self.today), id="give-date")
            yield Label("Her answer")
            yield Select(ANSWERS, value="given", allow_blank=False, id="give-answer")
            yield Label("How")
            yield Select(HOWS, value="written", allow_blank=False, id="give-how")
            yield Label("Consent form reference (if there is one)")
            yield Input("", id="give-form")
            yield Label("Review it with her on (optional)")
            yield Input("", id="give-review", placeholder="e.g. 1/3/2027")
            if self.other_adults is not None:
                yield Label("Other adults who may be in the film, and whether they agreed")
                yield Input(self.other_adults, id="give-others")
            yield Label("Recorded by")
            yield Input(self.recorded_by, id="give-by")
            yield Static("", id="give-message", classes="dialog-message")
            with Horizontal(id="dialog-buttons"):
                yield Button("Cancel", id="give-cancel")
                yield Button("Record consent", id="give-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#give-date", Input).focus()

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    @on(Input.Submitted)
    @on(Button.Pressed, "#give-ok")
    def _ok(self) -> None:
        try:
            day = _check_day(self._value("#give-date"), self.today)
            review_text = self._value("#give-review")
            review = parse_date(review_text) if review_text else None
        except VigGuideError as exc:
            self.query_one("#give-message", Static).update(str(exc))
            return
        given = self.query_one("#give-answer", Select).value == "given"
        if review is not None and (not given or review <= day):
            why = "A declined consent has no review date." if not given else (
                "The review date must be after the day consent was given."
            )  # fmt: skip
            self.query_one("#give-message", Static).update(why)
            return
        how = self.query_one("#give-how", Select).value
        others = self._value("#give-others") if self.other_adults is not None else None
        by = self._value("#give-by") or self.recorded_by
        self.dismiss(
            GivenConsent(day, by, given, str(how), self._value("#give-form"), review, others)
        )

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
                yield TickList[int](
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
