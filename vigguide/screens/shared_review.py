"""The shared review, live beside the parent: for each clip what she noticed, her words, feelings and
what made the difference; then what she learned, the ratings and the next filming; saved as typed.
Ctrl+R opens review mode (screens/review_mode.py): one still and one question at a time.
"""

from __future__ import annotations

from datetime import date

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.validation import Integer
from textual.widgets import Footer, Header, Input, Label, Static, TextArea

from vigguide.domain import CaseFile, ClipReview, Moment, SharedReview
from vigguide.domain.dates import parse_day_held
from vigguide.domain.wording import ordered, show_date
from vigguide.errors import VigGuideError
from vigguide.prompts import PRINCIPLE_IDS
from vigguide.screens.base import CaseScreen
from vigguide.screens.clip_player import ClipPlayer
from vigguide.screens.review_mode import ReviewModeScreen
from vigguide.widgets.autosave import Autosaver
from vigguide.widgets.moment_list import MomentList
from vigguide.widgets.screen_commands import PaletteCommand, ScreenCommands

CLIP_FIELDS = {
    "sr-noticed": ("noticed", "What she noticed"),
    "sr-words": ("parent_words", "Her exact words"),
    "sr-feel-parent": ("feelings_parent", "What she was feeling"),
    "sr-feel-baby": ("feelings_baby", "What she thinks her baby was feeling"),
    "sr-difference": ("making_a_difference", "What she was doing that made a difference"),
}
CLOSING_FIELDS = {
    "sr-learned": ("learned", "What she has learned"),
    "sr-other": ("other_places", "Other activities and places to do more of this"),
    "sr-next": ("next_focus", "Next filming focus"),
    "sr-reflect": (
        "reflections",
        "Your reflections, for the clinical record (she does not see these)",
    ),
}


class SharedReviewScreen(CaseScreen):
    """The clips on the left; the parent's discoveries for the chosen clip and the closing on the
    right. Ctrl+R opens review mode."""

    CSS_PATH = "shared_review.tcss"
    COMMANDS = {ScreenCommands}
    BINDINGS = [
        Binding("escape", "back", "Back", show=False, id="review.back"),
        Binding("ctrl+r", "review_mode", "Review mode", id="review.mode"),
        Binding("ctrl+n", "clip(1)", "Next clip", id="review.next_clip"),
        Binding("ctrl+b", "clip(-1)", "Previous clip", id="review.previous_clip"),
        Binding("ctrl+g", "rate", "Ratings", id="review.rate"),
        Binding("ctrl+o", "play", "Play clip", id="review.play"),
    ]
    RELOAD_ON_RESUME = False  # the fields are the newest: coming back must not refill them

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.cycle_number = 1
        self.moments: tuple[Moment, ...] = ()
        self.current: Moment | None = None
        self.review = SharedReview()
        self._saver: Autosaver[SharedReview] = self.saver(self._store_review)
        self._player = ClipPlayer(self)

    def palette_commands(self) -> list[PaletteCommand]:
        """The palette entries that apply now (shown by the shared ScreenCommands provider)."""
        return [
            ("review: Review mode (one still, one question)", "", self.action_review_mode),
            ("review: Next clip", "", lambda: self.action_clip(1)),
            ("review: Previous clip", "", lambda: self.action_clip(-1)),
            ("review: Rate helping question", "", self.action_rate),
            ("review: Play the clip", "", self.action_play),
        ]

    @property
    def default_prompts(self) -> list[str]:
        return [p.text for p in self.vig.guidance.prompts_for("clip")][:2]

    @property
    def labels(self) -> dict[str, str]:
        return {pid: self.vig.guidance.principle(pid).label for pid in PRINCIPLE_IDS}

    # layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="sr-body"):
            with Vertical(id="sr-side"):
                yield Static("Clips", id="sr-clips-title")
                yield MomentList(id="sr-clips")
            with VerticalScroll(id="sr-form"):
                yield Static("", id="sr-clip-title")
                yield Static("", id="sr-prompts")
                for field_id, (_, label) in CLIP_FIELDS.items():
                    yield Label(label, classes="sr-label")
                    yield TextArea(id=field_id, classes="sr-text")
                yield Static("After the clips", id="sr-closing-title")
                yield Label("Day of the shared review", classes="sr-label")
                yield Input(id="sr-date", placeholder="e.g. 1/12/2026", classes="sr-date")
                yield Static("", id="sr-date-error", markup=False)
                for field_id, (_, label) in list(CLOSING_FIELDS.items())[:2]:
                    yield Label(label, classes="sr-label")
                    yield TextArea(id=field_id, classes="sr-text")
                yield Label("Her rating, 0 to 10, for each helping question", classes="sr-label")
                yield Vertical(id="sr-ratings")
                for field_id, (_, label) in list(CLOSING_FIELDS.items())[2:]:
                    yield Label(label, classes="sr-label")
                    yield TextArea(id=field_id, classes="sr-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = f"Shared review · {self.ref}"
        self.query_one(MomentList).focus()
        self._player.prepare()  # the player window opens quicker when she is here

    def on_unmount(self) -> None:
        self._player.close()

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        cycle = case_file.current_cycle
        if cycle is None:
            return
        self.cycle_number = cycle.number
        self.review = cycle.review
        self.moments = ordered(cycle.moments)
        ratings = self.query_one("#sr-ratings", Vertical)
        ratings.remove_children()
        for n, question in enumerate(case_file.active_questions, start=1):
            value = self.review.ratings.get(question.id)
            ratings.mount(
                Horizontal(
                    Input(
                        "" if value is None else str(value),
                        placeholder="0–10",
                        type="integer",
                        max_length=2,
                        validators=[Integer(0, 10)],
                        id=f"sr-rating-{question.id}",
                        classes="sr-rating",
                    ),
                    Label(f"{n}. {escape(question.text)}", classes="sr-question"),
                    classes="sr-rating-row",
                )
            )
        with self.prevent(TextArea.Changed, Input.Changed):
            for field_id, (attr, _) in CLOSING_FIELDS.items():
                self.query_one(f"#{field_id}", TextArea).text = getattr(self.review, attr)
            self.query_one("#sr-date", Input).value = show_date(self.review.held_on)
        self.query_one(MomentList).show(self.moments, self.labels)
        self._show_clip(self.query_one(MomentList).selected)

    # one clip at a time ----------------------------------------------------------------------

    def prompts_for(self, moment: Moment) -> list[str]:
        return list(moment.review_prompts) or self.default_prompts

    def _show_clip(self, moment: Moment | None) -> None:
        self.current = moment
        title = self.query_one("#sr-clip-title", Static)
        for field_id in CLIP_FIELDS:  # words about no clip would have nowhere to be kept
            self.query_one(f"#{field_id}", TextArea).disabled = moment is None
        if moment is None:
            title.update("No clips yet: mark moments and make clips in micro-analysis.")
            self.query_one("#sr-prompts", Static).update("")
            return
        number = self.moments.index(moment) + 1
        title.update(
            f"[b]Clip {number} of {len(self.moments)}: "
            f"{escape(moment.title or 'A moment together')}[/b]  "
            f"({moment.duration_s:.1f} s)"
        )
        pause = (
            f"\n[dim]Pause at {moment.pause_at_s - moment.start_s:.1f} s.[/dim]"
            if moment.pause_at_s is not None
            else ""
        )
        highlight = (
            f"\n[dim]Highlight: {escape(moment.highlight)}[/dim]" if moment.highlight else ""
        )
        asks = "\n".join(f"  • {escape(p)}" for p in self.prompts_for(moment))
        self.query_one("#sr-prompts", Static).update(f"Ask:\n{asks}{pause}{highlight}")
        said = self.review.clips.get(moment.id, ClipReview())
        with self.prevent(TextArea.Changed):
            for field_id, (attr, _) in CLIP_FIELDS.items():
                self.query_one(f"#{field_id}", TextArea).text = getattr(said, attr)

    @on(MomentList.Highlighted)
    def _highlighted(self) -> None:
        chosen = self.query_one(MomentList).selected
        if chosen is not None and (self.current is None or chosen.id != self.current.id):
            self.flush_saves()
            self._show_clip(chosen)

    def action_clip(self, step: int) -> None:
        clips = self.query_one(MomentList)
        if not self.moments or clips.index is None:
            return
        clips.index = max(0, min(len(self.moments) - 1, clips.index + step))
        self.query_one("#sr-noticed", TextArea).focus()

    def action_rate(self) -> None:
        first = self.query(".sr-rating")
        if first:
            first.first(Input).focus()
            self.query_one("#sr-form", VerticalScroll).scroll_to_widget(first.first())

    # autosave ------------------------------------------------------------------------------

    def review_now(self) -> SharedReview:
        """The review as the fields show it now."""
        clips = dict(self.review.clips)
        if self.current is not None:
            said = ClipReview(
                **{
                    attr: self.query_one(f"#{field_id}", TextArea).text.strip()
                    for field_id, (attr, _) in CLIP_FIELDS.items()
                }
            )
            if said == ClipReview():
                clips.pop(self.current.id, None)
            else:
                clips[self.current.id] = said
        closing = {
            attr: self.query_one(f"#{field_id}", TextArea).text.strip()
            for field_id, (attr, _) in CLOSING_FIELDS.items()
        }
        ratings = dict(self.review.ratings)
        for box in self.query(".sr-rating").results(Input):
            question_id = int(str(box.id).rsplit("-", 1)[1])
            text = box.value.strip()
            if text.isdigit() and 0 <= int(text) <= 10:
                ratings[question_id] = int(text)
            else:  # empty or not a rating: what the box shows is not kept
                ratings.pop(question_id, None)
        anything = bool(clips or ratings or any(closing.values()))
        held_on = self.typed_day() or self.review.held_on or (self.vig.today if anything else None)
        return SharedReview(held_on=held_on, clips=clips, ratings=ratings, **closing)

    def typed_day(self) -> date | None:
        """The day typed for the review (not in the future); None, with the reason shown under
        the box, when it cannot be used (the day already stored then stays)."""
        typed = self.query_one("#sr-date", Input).value
        error = self.query_one("#sr-date-error", Static)
        error.update("")
        if not typed.strip():
            return None
        try:
            return parse_day_held(typed, self.vig.today)
        except VigGuideError as exc:
            error.update(str(exc))
            return None

    def capture_edits(self) -> None:
        """Hand the review as the fields show it to the saver (every keystroke does too)."""
        if self.case_file is None:
            return
        review = self.review_now()
        if review != self.review:
            self.review = review
            # the saver runs the write as an app worker (leaving the screen never drops it)
            # and never lets an older review land after a newer one
            self._saver.changed(review)

    def _store_review(self, review: SharedReview) -> None:
        self.vig.home.store.save_review(self.ref, review, cycle=self.cycle_number)

    @on(TextArea.Changed)
    @on(Input.Changed)
    def _typed(self, event: TextArea.Changed | Input.Changed) -> None:
        if isinstance(event, Input.Changed) and event.input.id == "sr-date":
            # a date half typed ("2/12/20") is another day: it counts once left (or Enter)
            self.query_one("#sr-date-error", Static).update("")
            return
        self.capture_edits()

    @on(Input.Submitted, "#sr-date")
    def _day_entered(self) -> None:
        self.capture_edits()

    def on_descendant_blur(self) -> None:
        """Leaving a field saves it."""
        self.flush_saves()

    # review mode ---------------------------------------------------------------------------

    def action_review_mode(self) -> None:
        self.flush_saves()
        steps = [(m, q) for m in self.moments for q in self.prompts_for(m)]
        current = self.current
        index = next(
            (i for i, (m, _) in enumerate(steps) if current and m.id == current.id),
            0,
        )
        still_ids = {m.id: self._still_vault_id(m) for m in self.moments}
        cycle = self.case_file.current_cycle if self.case_file else None

        def left(moment_id: int | None) -> None:
            # the working view carries on at the clip that was being watched
            clips = self.query_one(MomentList)
            number = next((n for n, m in enumerate(self.moments) if m.id == moment_id), None)
            if number is not None:
                clips.index = number
            clips.focus()

        self.app.push_screen(
            ReviewModeScreen(
                self.title or "",
                self.moments,
                steps,
                index,
                still_ids,
                parent_name=self.case_file.case.parent_name if self.case_file else "",
                ref=self.ref,
                cycle=cycle.number if cycle else None,
            ),
            left,
        )

    def _still_vault_id(self, moment: Moment) -> str | None:
        cycle = self.case_file.current_cycle if self.case_file else None
        stills = [s for s in (cycle.stills if cycle else ()) if s.moment_id == moment.id]
        stills = [s for s in stills if s.vault_id]
        if not stills:
            return None
        target = moment.pause_at_s if moment.pause_at_s is not None else stills[0].at_s
        return min(stills, key=lambda s: abs(s.at_s - target)).vault_id

    # playing -------------------------------------------------------------------------------

    def action_play(self) -> None:
        moment = self.current
        if moment is None:
            return
        clip = moment.clip_vault_id
        if not clip:
            self.notify("This clip is not made yet: make clips in micro-analysis.")
            return
        vault = self.vig.home.vault
        cycle = self.case_file.current_cycle if self.case_file else None
        self._player.play_moment(
            moment,
            self.moments,
            cycle=cycle.number if cycle else None,
            review=True,  # with her: the planned pause and its question
            write=lambda out: vault.export(clip, out),
        )
