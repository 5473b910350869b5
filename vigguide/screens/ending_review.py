"""The ending review, after the last cycle: her reflections across all the cycles, each helping
question from her baseline through every review to a final rating, what changed, what she wants to
keep doing and the plan afterwards (Staying Well). Saved as typed; then the case can be closed.
"""

from __future__ import annotations

from datetime import date

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.validation import Integer
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Static, TextArea

from vigguide.domain import CaseFile, CaseStatus, Ending
from vigguide.domain.dates import parse_day_held
from vigguide.domain.wording import show_date
from vigguide.errors import VigGuideError
from vigguide.screens.base import CaseScreen
from vigguide.services.ending import (
    QuestionJourney,
    close_case,
    ending_refusal,
    journeys,
    record_ending,
)
from vigguide.services.retention import closing_schedule
from vigguide.widgets.autosave import Autosaver
from vigguide.widgets.baseline_dialog import read_rating
from vigguide.widgets.case_dialogs import ConfirmDialog
from vigguide.widgets.screen_commands import PaletteCommand, ScreenCommands
from vigguide.widgets.ticks import Tick

TEXT_FIELDS = {
    "er-reflections": ("reflections", "Her reflections, looking back across all the cycles"),
    "er-changed": ("what_changed", "What has changed, in her words"),
    "er-keep": ("keep_doing", "What she wants to keep doing"),
    "er-plan": ("plan_after", "The plan afterwards (her Staying Well plan)"),
}

SHARE_LABEL = "Show her own scores in her ending summary"
SHARE_HINT = (
    "Off unless you choose it: her measures go to the ending note for the record. On, her summary"
    " gives each questionnaire's score at the start and now, in plain words, with no bands."
)


def journey_text(journey: QuestionJourney) -> str:
    """ "At the start 3 · review 1: 5 · review 2: 7", for the practitioner beside the final box."""
    parts = [f"at the start {journey.baseline}"] if journey.baseline is not None else []
    parts += [f"review {number}: {rating}" for number, rating in journey.reviews]
    return " · ".join(parts) or "no ratings yet"


class EndingReviewScreen(CaseScreen):
    """One form for the ending review; ctrl+s records it and offers to close the case."""

    CSS_PATH = "ending_review.tcss"
    COMMANDS = {ScreenCommands}
    BINDINGS = [
        Binding("escape", "back", "Back", id="ending.back"),
        Binding("ctrl+s", "finish", "Record and close", id="ending.finish"),
    ]
    RELOAD_ON_RESUME = False  # the fields are the newest: coming back must not refill them

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.ending: Ending | None = None
        self.refusal: VigGuideError | None = None
        self._saver: Autosaver[Ending] = self.saver(self._store)
        self._filled = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="er-form"):
            yield Static("Loading the case…", id="er-status", markup=False)
            yield Static("", id="er-reviews", markup=False)
            yield Label("Day of the ending review", classes="er-label")
            yield Input(id="er-date", placeholder="e.g. 1/12/2026", classes="er-date")
            yield Static("", id="er-date-error", markup=False)
            fields = list(TEXT_FIELDS.items())
            field_id, (_, label) = fields[0]
            yield Label(label, classes="er-label")
            yield TextArea(id=field_id, classes="er-text")
            yield Label("Her ratings, 0 to 10: where she started, each review, and now")
            yield Vertical(id="er-ratings")
            for field_id, (_, label) in fields[1:]:
                yield Label(label, classes="er-label")
                yield TextArea(id=field_id, classes="er-text")
            yield Tick(SHARE_LABEL, id="er-share")
            yield Static(SHARE_HINT, id="er-share-hint", markup=False)
            yield Button("Record the ending and close the case (ctrl+s)", id="er-finish")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Ending review · case {self.ref}"

    def palette_commands(self) -> list[PaletteCommand]:
        return [("ending: Record and close the case", "", self.action_finish)]

    # loading -------------------------------------------------------------------------------

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        self.ending = self.vig.home.store.ending(self.ref)
        self.refusal = ending_refusal(case_file)
        closed = case_file.case.status is CaseStatus.CLOSED
        status = self.query_one("#er-status", Static)
        if self.refusal is not None and not (closed and self.ending):
            status.update(f"{self.refusal.message} {self.refusal.hint}")
        elif closed:
            status.update("This case is closed; its ending review is shown as recorded.")
        elif self.ending is not None:
            status.update(f"Ending review recorded ({show_date(self.ending.held_on)}).")
        else:
            status.update("Nothing is recorded yet: what you type is saved as you go.")
        reviewed = [c for c in case_file.cycles if c.review.held_on]
        self.query_one("#er-reviews", Static).update(
            "Shared reviews: "
            + "; ".join(f"cycle {c.number}, {show_date(c.review.held_on)}" for c in reviewed)
            if reviewed
            else ""
        )
        self._fill(case_file, locked=self.refusal is not None)

    def _fill(self, case_file: CaseFile, *, locked: bool) -> None:
        ending = self.ending
        ratings = self.query_one("#er-ratings", Vertical)
        ratings.remove_children()
        for n, journey in enumerate(journeys(case_file, ending), start=1):
            ratings.mount(
                Horizontal(
                    Input(
                        "" if journey.final is None else str(journey.final),
                        placeholder="0–10",
                        type="integer",
                        max_length=2,
                        validators=[Integer(0, 10)],
                        id=f"er-final-{journey.question_id}",
                        classes="er-final",
                        disabled=locked,
                    ),
                    Label(
                        f"{n}. {escape(journey.text)}\n   [dim]{journey_text(journey)}[/dim]",
                        classes="er-question",
                    ),
                    classes="er-rating-row",
                )
            )
        with self.prevent(TextArea.Changed, Input.Changed):
            day = ending.held_on if ending else self.vig.today
            self.query_one("#er-date", Input).value = show_date(day)
            for field_id, (attr, _) in TEXT_FIELDS.items():
                area = self.query_one(f"#{field_id}", TextArea)
                area.text = getattr(ending, attr) if ending else ""
        with self.prevent(Checkbox.Changed):
            self.query_one("#er-share", Checkbox).value = bool(ending and ending.share_scores)
        share = self.query_one("#er-share")
        for widget in (
            *self.query(".er-text").results(TextArea),
            self.query_one("#er-date"),
            share,
        ):
            widget.disabled = locked
        self.query_one("#er-finish", Button).disabled = locked
        self._filled = True

    # autosave ------------------------------------------------------------------------------

    def held_on(self) -> date | None:
        """The typed day, or None (with the reason shown) when it is not a usable date."""
        error = self.query_one("#er-date-error", Static)
        try:
            day = parse_day_held(self.query_one("#er-date", Input).value, self.vig.today)
        except VigGuideError as exc:
            error.update(str(exc))
            return None
        error.update("")
        return day

    def ending_now(self) -> Ending | None:
        """The ending as the fields show it, or None when the date cannot be read."""
        day = self.held_on()
        if day is None:
            return None
        ratings = dict(self.ending.ratings) if self.ending else {}
        for box in self.query(".er-final").results(Input):
            question_id = int(str(box.id).rsplit("-", 1)[1])
            rating = read_rating(box.value)
            if rating is None:
                ratings.pop(question_id, None)
            else:
                ratings[question_id] = rating
        texts = {
            attr: self.query_one(f"#{field_id}", TextArea).text.strip()
            for field_id, (attr, _) in TEXT_FIELDS.items()
        }
        share = self.query_one("#er-share", Checkbox).value
        return Ending(held_on=day, ratings=ratings, share_scores=share, **texts)

    def capture_edits(self) -> None:
        if self.case_file is None or self.refusal is not None or not self._filled:
            return
        ending = self.ending_now()
        if ending is None or ending == self.ending:
            return
        blank = Ending(held_on=ending.held_on)
        if self.ending is None and ending == blank:
            return  # nothing typed yet: no ending is recorded by opening the screen
        self.ending = ending
        self._saver.changed(ending)

    def _store(self, ending: Ending) -> None:
        record_ending(self.vig.home, self.ref, ending)

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _typed(self, event: TextArea.Changed | Input.Changed | Checkbox.Changed) -> None:
        if isinstance(event, Input.Changed) and event.input.id == "er-date":
            # a date half typed ("2/12/20") is another day: it counts once left (or Enter)
            self.query_one("#er-date-error", Static).update("")
            return
        self.capture_edits()

    @on(Input.Submitted, "#er-date")
    def _day_entered(self) -> None:
        self.capture_edits()

    def on_descendant_blur(self) -> None:
        self.flush_saves()

    # recording and closing -----------------------------------------------------------------

    @on(Button.Pressed, "#er-finish")
    def action_finish(self) -> None:
        if self.case_file is None:
            return
        if self.refusal is not None:
            self.notify(str(self.refusal), severity="warning", timeout=8)
            return
        ending = self.ending_now()
        if ending is None:
            self.notify("Check the day of the ending review first.", severity="warning")
            return
        self.ending = ending
        self._saver.changed(ending)
        try:
            self._saver.flush(wait=True)  # recorded before she is asked about closing
        except VigGuideError as exc:
            self.notify(str(exc), severity="warning", timeout=8)
            return

        def chosen(yes: bool | None) -> None:
            if yes:
                self.change(self._close)

        lines = closing_schedule(self.vig.home, self.ref, self.vig.today)
        self.app.push_screen(
            ConfirmDialog(
                f"Close case {self.ref}?",
                "The ending review is recorded. Closing takes the case off the open caseload"
                " (you can reopen it from the case overview, x). Nothing is deleted now; under"
                " your retention rules these deletion dates then apply:\n"
                + "\n".join(f"• {line}" for line in lines),
                "Close case",
                "Keep it open",
            ),
            chosen,
        )

    def _close(self) -> str:
        closed = close_case(self.vig.home, self.ref, self.vig.today)
        return f"Ending review recorded. Case {self.ref} closed on {show_date(closed)}."
