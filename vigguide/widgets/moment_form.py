"""The moment form of micro-analysis: a title, the principles of attuned interaction it shows, the
helping question it answers, and notes; for a new moment or one being edited.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList
from textual.widgets.selection_list import Selection


@dataclass(frozen=True)
class MomentDraft:
    """What the practitioner wrote about a moment."""

    title: str
    principles: tuple[str, ...]
    question_ids: tuple[int, ...]
    notes: str


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
    MomentForm #moment-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    MomentForm #moment-buttons Button { margin-left: 2; }
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

    def compose(self) -> ComposeResult:
        draft = self._draft
        with VerticalScroll():
            yield Label(self._heading, classes="form-title")
            yield Label("Title (what happens, in a few words)", classes="form-label")
            yield Input(
                draft.title, placeholder="e.g. Bath time: she waits for his turn", id="moment-title"
            )
            yield Label("Principles of attuned interaction", classes="form-label")
            yield SelectionList[str](
                *(
                    Selection(label, pid, pid in draft.principles)
                    for pid, label in self._principles
                ),
                id="moment-principles",
            )
            yield Label("Helping question it answers", classes="form-label")
            yield SelectionList[int](
                *(Selection(text, qid, qid in draft.question_ids) for qid, text in self._questions),
                id="moment-questions",
            )
            yield Label("Notes (for you and supervision)", classes="form-label")
            yield Input(draft.notes, id="moment-notes")
            with Horizontal(id="moment-buttons"):
                yield Button("Cancel", id="moment-cancel")
                yield Button(self._ok, variant="primary", id="moment-ok")

    def on_mount(self) -> None:
        self.query_one("#moment-title", Input).focus()

    def draft(self) -> MomentDraft:
        return MomentDraft(
            title=self.query_one("#moment-title", Input).value.strip(),
            principles=tuple(self.query_one("#moment-principles", SelectionList).selected),
            question_ids=tuple(self.query_one("#moment-questions", SelectionList).selected),
            notes=self.query_one("#moment-notes", Input).value.strip(),
        )

    def action_keep(self) -> None:
        self.dismiss(self.draft())

    def action_leave(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_keep()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "moment-ok":
            self.action_keep()
        else:
            self.action_leave()
