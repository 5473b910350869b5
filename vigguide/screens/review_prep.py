"""Preparing the shared review: the clips in the order to show them, where to pause, one or two
activating questions each, what to highlight, the helping question each answers, and the plan.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from vigguide.domain import CaseFile, Cycle, Moment
from vigguide.domain.wording import clock, ordered
from vigguide.prompts import PRINCIPLE_IDS
from vigguide.screens.base import CaseScreen
from vigguide.services.review_plan import review_plan
from vigguide.widgets.autosave import Autosaver
from vigguide.widgets.moment_list import MomentList
from vigguide.widgets.tick_list import TickList

MAX_PROMPTS = 2


class PlanView(ModalScreen[None]):
    """The review plan as a page to read, with a key to copy it."""

    DEFAULT_CSS = """
    PlanView { align: center middle; background: $background 60%; }
    PlanView > Vertical { width: 90; max-width: 100%; height: 100%; border: round $primary;
        background: $surface; }
    PlanView TextArea { height: 1fr; border: none; }
    PlanView #plan-keys { height: 1; color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="plan.close"),
        Binding("y", "copy", "Copy", id="plan.copy"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="plan-text")
            yield Static("y copies the plan to the clipboard · Escape closes", id="plan-keys")

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify("The review plan is on the clipboard.")

    def action_close(self) -> None:
        self.dismiss(None)


class PrepCommands(Provider):
    async def search(self, query: str) -> Hits:
        screen: Any = self.screen
        if not isinstance(screen, ReviewPrepScreen):
            return
        matcher = self.matcher(query)
        for title, action in (
            ("review: View the review plan", screen.action_view_plan),
            ("review: Copy the review plan", screen.action_copy_plan),
            ("review: Move clip earlier", lambda: screen.action_move(-1)),
            ("review: Move clip later", lambda: screen.action_move(1)),
            ("review: Start the shared review", screen.action_shared_review),
        ):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), action)


class ReviewPrepScreen(CaseScreen):
    """The clips on the left in the order to show them; what to do with the chosen one on the right."""

    CSS_PATH = "review_prep.tcss"
    COMMANDS = {PrepCommands}
    BINDINGS = [
        Binding("escape", "back", "Back", show=False, id="prep.back"),
        Binding("shift+up,ctrl+up", "move(-1)", "Earlier", id="prep.move_up"),
        Binding("shift+down,ctrl+down", "move(1)", "Later", id="prep.move_down"),
        Binding("ctrl+v", "view_plan", "Review plan", id="prep.view_plan"),
        Binding("ctrl+y", "copy_plan", "Copy plan", id="prep.copy_plan"),
        Binding("ctrl+r", "shared_review", "Shared review", id="prep.shared_review"),
    ]

    RELOAD_ON_RESUME = False  # the fields are the newest: coming back must not refill them

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.moments: tuple[Moment, ...] = ()
        self.current: Moment | None = None
        self._savers: dict[int, Autosaver[dict[str, Any]]] = {}

    @property
    def clip_prompts(self) -> list[str]:
        return [p.text for p in self.vig.guidance.prompts_for("clip")]

    @property
    def labels(self) -> dict[str, str]:
        return {pid: self.vig.guidance.principle(pid).label for pid in PRINCIPLE_IDS}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="prep-body"):
            with Vertical(id="prep-side"):
                yield Static("Clips, in the order to show them", id="prep-order-title")
                yield MomentList(id="prep-clips")
            with VerticalScroll(id="prep-detail"):
                yield Static("", id="prep-clip-title")
                yield Label("Pause at (seconds into the clip)", classes="prep-label")
                yield Input(id="prep-pause", placeholder="e.g. 2.5", type="number")
                yield Static("", id="prep-stills")
                yield Label(
                    "Activating questions (pick one or two; space ticks)", classes="prep-label"
                )
                yield TickList[str](
                    *(Selection(text, text) for text in self.clip_prompts), id="prep-prompts"
                )
                yield Label("Or your own question", classes="prep-label")
                yield Input(id="prep-own", placeholder="e.g. What is your baby telling you here?")
                yield Label("What to highlight", classes="prep-label")
                yield Input(id="prep-highlight", placeholder="e.g. She waits for his turn")
                yield Label("Helping question this clip answers", classes="prep-label")
                yield TickList[int](id="prep-questions")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = f"Preparing the shared review · {self.ref}"
        self.query_one(MomentList).focus()

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        cycle = case_file.current_cycle
        self.moments = ordered(cycle.moments) if cycle else ()
        questions = self.query_one("#prep-questions", SelectionList)
        with self.prevent(SelectionList.SelectedChanged):
            questions.clear_options()
            questions.add_options([Selection(q.text, q.id) for q in case_file.active_questions])
            if questions.option_count:
                questions.highlighted = 0
        baby = case_file.case.baby_name or "your baby"
        self.query_one("#prep-own", Input).placeholder = f"e.g. What is {baby} telling you here?"
        self._show_list(select_id)

    def _show_list(self, select_id: int | None = None) -> None:
        clips = self.query_one(MomentList)
        clips.show(self.moments, self.labels, select_id)
        self._show_clip(clips.selected)

    @on(MomentList.Highlighted)
    def _highlighted(self) -> None:
        chosen = self.query_one(MomentList).selected
        if chosen is not None and (self.current is None or chosen.id != self.current.id):
            self.flush_saves()
            self._show_clip(chosen)

    def _show_clip(self, moment: Moment | None) -> None:
        self.current = moment
        detail = self.query_one("#prep-detail")
        detail.display = moment is not None
        if moment is None:
            return
        number = self.moments.index(moment) + 1
        self.query_one("#prep-clip-title", Static).update(
            f"[b]Clip {number}: {escape(moment.title or 'Untitled moment')}[/b]  "
            f"{clock(moment.start_s)}–{clock(moment.end_s)} ({moment.duration_s:.1f} s)"
        )
        cycle = self._cycle()
        stills = [s for s in (cycle.stills if cycle else ()) if s.moment_id == moment.id]
        self.query_one("#prep-stills", Static).update(
            "Stills in this clip: "
            + "; ".join(f"{s.at_s - moment.start_s:.1f} s {escape(s.caption)}" for s in stills)
            if stills
            else ""
        )
        own = [p for p in moment.review_prompts if p not in self.clip_prompts]
        with self.prevent(Input.Changed, SelectionList.SelectedChanged):
            pause = moment.pause_at_s
            self.query_one("#prep-pause", Input).value = (
                f"{pause - moment.start_s:.1f}" if pause is not None else ""
            )
            prompts = self.query_one("#prep-prompts", SelectionList)
            prompts.deselect_all()
            for text in moment.review_prompts:
                if text in self.clip_prompts:
                    prompts.select(text)
            self.query_one("#prep-own", Input).value = own[0] if own else ""
            self.query_one("#prep-highlight", Input).value = moment.highlight
            questions = self.query_one("#prep-questions", SelectionList)
            questions.deselect_all()
            active = {q.id for q in self.case_file.active_questions} if self.case_file else set()
            for qid in moment.question_ids:
                if qid in active:
                    questions.select(qid)

    def _cycle(self) -> Cycle | None:
        return self.case_file.current_cycle if self.case_file else None

    # autosave ------------------------------------------------------------------------------

    def _fields_now(self, moment: Moment) -> dict[str, Any]:
        pause_text = self.query_one("#prep-pause", Input).value.strip()
        pause: float | None = None
        if pause_text:
            try:
                into = float(pause_text)
            except ValueError:
                into = -1.0
            if 0 <= into <= moment.duration_s:
                pause = round(moment.start_s + into, 3)
            else:
                pause = moment.pause_at_s
        chosen = list(self.query_one("#prep-prompts", SelectionList).selected)
        own = self.query_one("#prep-own", Input).value.strip()
        prompts = tuple([*chosen, own] if own else chosen)[:MAX_PROMPTS]
        return {
            "pause_at_s": pause,
            "review_prompts": prompts,
            "highlight": self.query_one("#prep-highlight", Input).value.strip(),
            "question_ids": tuple(self.query_one("#prep-questions", SelectionList).selected),
        }

    def capture_edits(self) -> None:
        """Hand what changed on the clip shown now to its saver (a no-op when nothing did)."""
        moment = self.current
        if moment is None:
            return
        fields = self._fields_now(moment)
        changed = {k: v for k, v in fields.items() if getattr(moment, k) != v}
        if not changed:
            return
        updated = dataclasses.replace(moment, **changed)
        self.moments = tuple(updated if m.id == moment.id else m for m in self.moments)
        self.query_one(MomentList).moments = self.moments
        self.current = updated
        # All of the clip's fields, not only what changed: the saver keeps the newest whole
        # value, so an older save can never land after a newer one.
        self._saver(moment.id).changed(fields)

    def _saver(self, moment_id: int) -> Autosaver[dict[str, Any]]:
        if moment_id not in self._savers:
            store, ref = self.vig.home.store, self.ref
            self._savers[moment_id] = self.saver(
                lambda fields: store.update_moment(ref, moment_id, **fields)
            )
        return self._savers[moment_id]

    @on(Input.Changed)
    def _typed(self) -> None:
        self.capture_edits()

    @on(Input.Blurred)
    def _left_field(self) -> None:
        self.flush_saves()

    @on(SelectionList.SelectedChanged, "#prep-prompts")
    def _prompts_changed(self) -> None:
        prompts = self.query_one("#prep-prompts", SelectionList)
        own = bool(self.query_one("#prep-own", Input).value.strip())
        if len(prompts.selected) + own > MAX_PROMPTS:
            self.notify("One or two questions per clip is plenty: untick one first.")
            highlighted = prompts.highlighted
            if highlighted is not None:
                with self.prevent(SelectionList.SelectedChanged):
                    prompts.deselect(prompts.get_option_at_index(highlighted).value)
            return
        self.flush_saves()

    @on(SelectionList.SelectedChanged, "#prep-questions")
    def _questions_changed(self) -> None:
        self.flush_saves()

    # order ---------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        moment = self.current
        if moment is None:
            return
        self.flush_saves()
        order = list(self.moments)
        index = order.index(self.current) if self.current in order else -1
        target = index + step
        if index < 0 or not 0 <= target < len(order):
            return
        order[index], order[target] = order[target], order[index]
        self.moments = tuple(dataclasses.replace(m, position=n) for n, m in enumerate(order, 1))
        self.save_order([(m.id, m.position) for m in self.moments])
        self._show_list(moment.id)

    def save_order(self, positions: list[tuple[int, int]]) -> None:
        store = self.vig.home.store

        def store_order() -> None:
            with store.lock:
                for moment_id, position in positions:
                    store.update_moment(self.ref, moment_id, position=position)

        self.app.run_worker(store_order, thread=True, exit_on_error=False, group="prep-save")

    # the plan ------------------------------------------------------------------------------

    def plan_text(self) -> str:
        self.flush_saves()
        cycle = self._cycle()
        if self.case_file is None or cycle is None:
            return ""
        cycle = dataclasses.replace(cycle, moments=self.moments)
        return review_plan(self.case_file, cycle, self.vig.guidance)

    def action_view_plan(self) -> None:
        self.app.push_screen(PlanView(self.plan_text()))

    def action_copy_plan(self) -> None:
        self.app.copy_to_clipboard(self.plan_text())
        self.notify("The review plan is on the clipboard.")

    def action_shared_review(self) -> None:
        self.flush_saves()
        self.vig.open_screen("shared_review", self.ref)
