"""The moment form of micro-analysis: its in- and out-points (to the frame), a title, the
principles of attuned interaction it shows, the helping question it answers, and notes; for a new
moment or one being edited.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from vigguide.errors import VigGuideError
from vigguide.services.analysis import moment_span
from vigguide.widgets.tick_list import TickList


@dataclass(frozen=True)
class MomentDraft:
    """What the practitioner wrote about a moment."""

    title: str
    principles: tuple[str, ...]
    question_ids: tuple[int, ...]
    notes: str
    span: tuple[float, float] | None = None
    """The new (start, end) if the in- or out-point was changed in the form, else None."""


@dataclass(frozen=True)
class MomentTimes:
    """The in- and out-points the form starts with (the out-point is the last frame shown)."""

    in_s: float
    out_s: float
    duration_s: float
    fps: float
    has_clip: bool = False


SHORT_ROWS = 36
"""Below this many rows the form drops its field borders and gaps (it is 37 rows with them)."""


class MomentForm(ModalScreen[MomentDraft | None]):
    """Enter in the title or notes (or ctrl+s) keeps the moment; Escape leaves it unsaved."""

    DEFAULT_CSS = """
    MomentForm { align: center middle; background: $background 60%; }
    MomentForm > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; padding: 0 1; background: $surface;
    }
    MomentForm .form-title { text-style: bold; }
    MomentForm .form-label { color: $text-muted; margin-top: 1; }
    MomentForm SelectionList { height: auto; max-height: 8; }
    MomentForm #moment-times { height: auto; }
    MomentForm #moment-times Input { width: 1fr; }
    MomentForm #moment-times Label { padding: 1 1 0 0; }
    MomentForm #moment-recut { color: $text-warning; }
    MomentForm #moment-error { color: $text-error; display: none; }
    MomentForm #moment-title-coach { color: $text-warning; }
    MomentForm #moment-error.-shown { display: block; }
    MomentForm #moment-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    MomentForm #moment-buttons Button { margin-left: 2; }
    /* a short terminal (80×24): one row per field, so Add is in sight without scrolling */
    MomentForm.-short .form-label { margin-top: 0; }
    MomentForm.-short Input { border: none; height: 1; padding: 0 1; background: $boost; }
    MomentForm.-short Input:focus { background: $primary 30%; }
    MomentForm.-short SelectionList { border: none; }
    MomentForm.-short #moment-times Label { padding: 0 1 0 0; }
    MomentForm.-short #moment-buttons { margin-top: 0; }
    MomentForm.-short Button { border: none; height: 1; min-width: 12; width: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "leave", "Cancel", id="moment.cancel"),
        Binding("ctrl+s", "keep", "Keep moment", id="moment.keep"),
    ]

    def __init__(
        self,
        heading: str,
        principles: list[tuple[str, str]],
        questions: list[tuple[int, str]],
        draft: MomentDraft | None = None,
        ok: str = "Add moment",
        times: MomentTimes | None = None,
    ) -> None:
        super().__init__()
        self._heading = heading
        self._principles = principles
        self._questions = questions
        if draft is None:
            only = tuple(q for q, _ in questions[:1]) if len(questions) == 1 else ()
            draft = MomentDraft("", (), only, "")
        self._draft = draft
        self._ok = ok
        self._times = times
        self._typed = (f"{times.in_s:.3f}", f"{times.out_s:.3f}") if times else ("", "")

    def compose(self) -> ComposeResult:
        draft = self._draft
        with VerticalScroll():
            yield Label(self._heading, classes="form-title")
            if self._times is not None:
                yield Label(
                    "In and out: first and last frame (seconds, 95.2, or minutes, 1:35.2)",
                    classes="form-label",
                )
                with Horizontal(id="moment-times"):
                    yield Label("In")
                    yield Input(self._typed[0], id="moment-in")
                    yield Label(" Out")
                    yield Input(self._typed[1], id="moment-out")
                yield Static(
                    "Changing in or out cuts the clip again: the old clip is removed, and "
                    "Clips (c) makes the new one."
                    if self._times.has_clip
                    else "The clip will be cut from these times (Clips, c).",
                    id="moment-recut",
                )
                yield Static("", id="moment-error")
            yield Label(
                "Title, said to her (she reads it in the review and on her video)",
                classes="form-label",
            )
            yield Input(
                draft.title, placeholder="e.g. You wait, and he takes his turn", id="moment-title"
            )
            yield Static("", id="moment-title-coach", markup=False)
            yield Label("Principles of attuned interaction", classes="form-label")
            yield TickList[str](
                *(
                    Selection(label, pid, pid in draft.principles)
                    for pid, label in self._principles
                ),
                id="moment-principles",
            )
            yield Label("Helping question it answers", classes="form-label")
            yield TickList[int](
                *(Selection(text, qid, qid in draft.question_ids) for qid, text in self._questions),
                id="moment-questions",
            )
            yield Label("Notes (for you and supervision)", classes="form-label")
            yield Input(draft.notes, id="moment-notes")
            with Horizontal(id="moment-buttons"):
                yield Button("Cancel", id="moment-cancel")
                yield Button(self._ok, variant="primary", id="moment-ok")

    def on_mount(self) -> None:
        self._fit(self.app.size.height)
        self.query_one("#moment-title", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.height)

    def _fit(self, rows: int) -> None:
        self.set_class(rows < SHORT_ROWS, "-short")

    def draft(self) -> MomentDraft:
        """What the form says now; raises VigGuideError if the in- or out-point is wrong."""
        return MomentDraft(
            title=self.query_one("#moment-title", Input).value.strip(),
            principles=tuple(self.query_one("#moment-principles", SelectionList).selected),
            question_ids=tuple(self.query_one("#moment-questions", SelectionList).selected),
            notes=self.query_one("#moment-notes", Input).value.strip(),
            span=self._span(),
        )

    def _span(self) -> tuple[float, float] | None:
        times = self._times
        if times is None:
            return None
        typed = (
            self.query_one("#moment-in", Input).value,
            self.query_one("#moment-out", Input).value,
        )
        if tuple(t.strip() for t in typed) == self._typed:
            return None
        return moment_span(*typed, duration_s=times.duration_s, fps=times.fps)

    def action_keep(self) -> None:
        try:
            draft = self.draft()
        except VigGuideError as exc:
            error = self.query_one("#moment-error", Static)
            error.update(str(exc))
            error.add_class("-shown")
            self.query_one("#moment-in", Input).focus()
            return
        self.dismiss(draft)

    def action_leave(self) -> None:
        self.dismiss(None)

    @on(Input.Changed, "#moment-title")
    def _coach_title(self, event: Input.Changed) -> None:
        """The caption coach on the title as it is typed: plain words, said to her."""
        from vigguide.prompts import coach_parent_caption

        findings = coach_parent_caption(event.value, getattr(self.app, "guidance", None))
        advice = ""
        if event.value.strip() and findings:
            first = findings[0]
            advice = first.explanation + (f" Try: {first.suggestion}" if first.suggestion else "")
        self.query_one("#moment-title-coach", Static).update(advice)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_keep()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "moment-ok":
            self.action_keep()
        else:
            self.action_leave()
