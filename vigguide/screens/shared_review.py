"""The shared review, live beside the parent: for each clip what she noticed, her words, feelings and
what made the difference; then what she learned, the ratings and the next filming; saved as typed.
A calm review mode shows one still and one activating question at a time.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, cast

from PIL import Image as PILImage
from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.validation import Integer
from textual.widgets import Footer, Header, Input, Label, Static, TextArea

from vigguide.domain import CaseFile, ClipReview, Moment, SharedReview
from vigguide.prompts import PRINCIPLE_IDS, load_guidance
from vigguide.screens.playback import PlaybackFolder, find_player, no_player, play
from vigguide.screens.review_plan import clock, ordered
from vigguide.widgets.autosave import Autosaver
from vigguide.widgets.moment_list import MomentList
from vigguide.widgets.review_mode import ReviewModePane
from vigguide.widgets.screen_commands import PaletteCommand, ScreenCommands
from vigguide.widgets.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from vigguide.app import VigGuideApp

SAVE_AFTER_S = 0.8
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
}


class SharedReviewScreen(ReportsWorkerErrors, Screen[None]):
    """The clips on the left; the parent's discoveries for the chosen clip and the closing on the
    right. Ctrl+R switches to the calm review mode."""

    CSS_PATH = "shared_review.tcss"
    COMMANDS = {ScreenCommands}
    BINDINGS = [
        Binding("escape", "back", "Back", show=False, id="review.back"),
        Binding("ctrl+r", "review_mode", "Review mode", id="review.mode"),
        Binding("ctrl+n", "clip(1)", "Next clip", id="review.next_clip"),
        Binding("ctrl+b", "clip(-1)", "Previous clip", id="review.previous_clip"),
        Binding("ctrl+g", "rate", "Ratings", id="review.rate"),
        Binding("ctrl+o", "play", "Play clip", id="review.play"),
        Binding("space,right", "calm_step(1)", "Next", id="review.calm_next"),
        Binding("backspace,left", "calm_step(-1)", "Back", id="review.calm_back"),
        Binding("p", "play", "Play", id="review.calm_play"),
    ]

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref
        self.case_file: CaseFile | None = None
        self.cycle_number = 1
        self.moments: tuple[Moment, ...] = ()
        self.current: Moment | None = None
        self.review = SharedReview()
        self.calm = False
        self.calm_steps: list[tuple[Moment, str]] = []
        self.calm_index = 0
        self._stills: dict[str, PILImage.Image] = {}
        self._save_timer: Timer | None = None
        self._saver: Autosaver[SharedReview] = Autosaver(self, self._store_review)
        self._playback: PlaybackFolder | None = None
        guidance = load_guidance()
        self.default_prompts = [p.text for p in guidance.prompts_for("clip")][:2]
        self.labels = {pid: guidance.principle(pid).label for pid in PRINCIPLE_IDS}

    def palette_commands(self) -> list[PaletteCommand]:
        """The palette entries that apply now (shown by the shared ScreenCommands provider)."""
        entries = [
            ("review: Review mode (one still, one question)", self.action_review_mode, True),
            ("review: Next clip", lambda: self.action_clip(1), not self.calm),
            ("review: Previous clip", lambda: self.action_clip(-1), not self.calm),
            ("review: Rate helping question", self.action_rate, not self.calm),
            ("review: Play the clip", self.action_play, True),
        ]
        return [(title, "", action) for title, action, applies in entries if applies]

    @property
    def vig(self) -> VigGuideApp:
        return cast("VigGuideApp", self.app)

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
                for field_id, (_, label) in list(CLOSING_FIELDS.items())[:2]:
                    yield Label(label, classes="sr-label")
                    yield TextArea(id=field_id, classes="sr-text")
                yield Label("Her rating, 0 to 10, for each helping question", classes="sr-label")
                yield Vertical(id="sr-ratings")
                field_id, (_, label) = list(CLOSING_FIELDS.items())[2]
                yield Label(label, classes="sr-label")
                yield TextArea(id=field_id, classes="sr-text")
        yield ReviewModePane(id="sr-calm")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = f"Shared review · {self.ref}"
        self.query_one("#sr-calm").display = False
        self.query_one(MomentList).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="review-load")
    def load(self) -> None:
        case_file = self.vig.home.store.load(self.ref)
        self.app.call_from_thread(self._loaded, case_file)

    def _loaded(self, case_file: CaseFile) -> None:
        self.case_file = case_file
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
        with self.prevent(TextArea.Changed):
            for field_id, (attr, _) in CLOSING_FIELDS.items():
                self.query_one(f"#{field_id}", TextArea).text = getattr(self.review, attr)
        self.query_one(MomentList).show(self.moments, self.labels)
        self._show_clip(self.query_one(MomentList).selected)

    # one clip at a time ----------------------------------------------------------------------

    def prompts_for(self, moment: Moment) -> list[str]:
        return list(moment.review_prompts) or self.default_prompts

    def _show_clip(self, moment: Moment | None) -> None:
        self.current = moment
        title = self.query_one("#sr-clip-title", Static)
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
            self._flush()
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
        held_on = self.review.held_on or (self.vig.today if anything else None)
        return SharedReview(held_on=held_on, clips=clips, ratings=ratings, **closing)

    def _save_soon(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER_S, self._flush)

    def _flush(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.case_file is None:
            return
        review = self.review_now()
        if review == self.review:
            return
        self.review = review
        # The shared saver runs the write as an app worker (leaving the screen never drops it)
        # and never lets an older review land after a newer one.
        self._saver.changed(review)
        self._saver.flush()

    def _store_review(self, review: SharedReview) -> None:
        self.vig.home.store.save_review(self.ref, review, cycle=self.cycle_number)

    @on(TextArea.Changed)
    @on(Input.Changed)
    def _typed(self) -> None:
        self._save_soon()

    def on_descendant_blur(self) -> None:
        """Leaving a field saves it."""
        self._flush()

    def on_screen_suspend(self) -> None:
        self._flush()

    def action_back(self) -> None:
        if self.calm:
            self.action_review_mode()
            return
        self._flush()
        self.app.pop_screen()

    def on_unmount(self) -> None:
        if self._playback is not None:
            self._playback.close()

    # review mode ---------------------------------------------------------------------------

    def action_review_mode(self) -> None:
        self._flush()
        self.calm = not self.calm
        self.query_one("#sr-body").display = not self.calm
        self.query_one("#sr-calm").display = self.calm
        if self.calm:
            self.calm_steps = [(m, q) for m in self.moments for q in self.prompts_for(m)]
            current = self.current
            self.calm_index = next(
                (i for i, (m, _) in enumerate(self.calm_steps) if current and m.id == current.id),
                0,
            )
            self.query_one("#sr-calm").can_focus = True
            self.query_one("#sr-calm").focus()
            self._show_calm()
        else:
            self.query_one(MomentList).focus()
        self.refresh_bindings()

    def action_calm_step(self, step: int) -> None:
        if not self.calm or not self.calm_steps:
            return
        self.calm_index = max(0, min(len(self.calm_steps) - 1, self.calm_index + step))
        self._show_calm()

    def _show_calm(self) -> None:
        pane = self.query_one(ReviewModePane)
        if not self.calm_steps:
            pane.show("", "There are no clips to watch yet.", None, "")
            return
        moment, question = self.calm_steps[self.calm_index]
        number = self.moments.index(moment) + 1
        heading = f"{number} of {len(self.moments)} · {moment.title or 'A moment together'}"
        still_id = self._still_vault_id(moment)
        picture = self._stills.get(still_id) if still_id else None
        pane.show(heading, question, picture, "" if still_id else "(no still for this clip)")
        if still_id and picture is None:
            self.load_still(still_id)
        # keep the working view on the clip being watched
        clips = self.query_one(MomentList)
        if clips.selected is None or clips.selected.id != moment.id:
            clips.index = number - 1

    def _still_vault_id(self, moment: Moment) -> str | None:
        cycle = self.case_file.current_cycle if self.case_file else None
        stills = [s for s in (cycle.stills if cycle else ()) if s.moment_id == moment.id]
        stills = [s for s in stills if s.vault_id]
        if not stills:
            return None
        target = moment.pause_at_s if moment.pause_at_s is not None else stills[0].at_s
        return min(stills, key=lambda s: abs(s.at_s - target)).vault_id

    @work(thread=True, exclusive=True, exit_on_error=False, group="review-still")
    def load_still(self, vault_id: str) -> None:
        data = self.vig.home.vault.read_bytes(vault_id)
        picture = PILImage.open(io.BytesIO(data))
        picture.load()
        self.app.call_from_thread(self._still_loaded, vault_id, picture)

    def _still_loaded(self, vault_id: str, picture: PILImage.Image) -> None:
        self._stills[vault_id] = picture
        if self.calm:
            self._show_calm()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "calm_step":
            return self.calm
        if action in {"clip", "rate"}:
            return not self.calm
        return True

    # playing -------------------------------------------------------------------------------

    def action_play(self) -> None:
        moment = self.calm_steps[self.calm_index][0] if self.calm and self.calm_steps else None
        moment = moment or self.current
        if moment is None:
            return
        if not moment.clip_vault_id:
            self.notify("This clip is not made yet: make clips in micro-analysis.")
            return
        command = find_player(self.vig.home.store.setting("player", ""))
        if command is None:
            self.vig.report_error(no_player())
            return
        self.notify(f"Opening the clip ({clock(moment.duration_s)}) in your video player…")
        self.export_and_play(command, moment.clip_vault_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="review-play")
    def export_and_play(self, command: list[str], clip_vault_id: str) -> None:
        if self._playback is None:
            self._playback = PlaybackFolder(self.vig.home)
        out = self._playback.new_file("clip")
        self.vig.home.vault.export(clip_vault_id, out)
        play(command, out)
