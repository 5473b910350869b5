"""Helping questions: co-creating the parent's question from her own words, with the phrasing
coach, stem suggestions and examples by theme; keeping one or two active; editing with autosave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from vigguide.domain import CaseFile, HelpingQuestion, QuestionStatus
from vigguide.prompts import Finding, Guidance, coach_question, suggest_rewrites
from vigguide.screens.base import CaseScreen
from vigguide.widgets.autosave import Autosaver
from vigguide.widgets.baseline_dialog import BaselineChoice, BaselineDialog
from vigguide.widgets.coach_panel import CoachFindings, DraftArea, QuestionList, advice_dialog
from vigguide.widgets.screen_commands import PaletteCommand, ScreenCommands

if TYPE_CHECKING:
    from textual.command import Provider

MAX_ACTIVE = 2
COACH_DELAY_S = 0.3


def draft_key(ref: str) -> str:
    """The setting a helping-question draft not yet added is kept in (encrypted, like all)."""
    return f"draft.helping_question.{ref}"


def fill_from_stem(stem: str, draft: str) -> str:
    """The draft after choosing a stem: an opening replaces the box, an ending is appended."""
    stem = stem.strip()
    if stem.startswith("…"):
        base = draft.strip().rstrip("?").strip()
        return f"{base} {stem.lstrip('… ').strip()}" if base else stem.lstrip("… ")
    return stem.rstrip("…").rstrip() + " "


class HelpingQuestionsScreen(CaseScreen):
    """Type the parent's hope; the coach and suggestions help shape it; ctrl+s adds it."""

    CSS_PATH = "helping_questions.tcss"
    COMMANDS: ClassVar[set[type[Provider]]] = {ScreenCommands}  # type: ignore[assignment]
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (100, "-wide"),
    ]
    BINDINGS = [
        Binding("escape", "back", "Back", id="questions.back"),
        Binding("ctrl+s", "add_question", "Add question", id="questions.add"),
        Binding("ctrl+g", "show_examples", "Examples", id="questions.examples"),
        Binding("ctrl+o", "show_questions", "Questions", id="questions.list"),
    ]

    class Coached(Message):
        """The coach has read the draft."""

        def __init__(self, draft: str, findings: list[Finding], rewrites: list[str]) -> None:
            super().__init__()
            self.draft, self.findings, self.rewrites = draft, findings, rewrites

    class Added(Message):
        """The draft is stored as a helping question."""

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.questions: tuple[HelpingQuestion, ...] = ()
        self._coach_timer: Timer | None = None
        self._savers: dict[int, Autosaver[str]] = {}
        self._editing: int | None = None
        self._suggestion_texts: list[tuple[str, str]] = []
        self._draft_saver: Autosaver[str] = self.saver(self._store_draft)

    @property
    def guidance(self) -> Guidance:
        return self.vig.guidance

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="hq-main"):
            with Vertical(id="hq-left"):
                yield Label("The parent's hope, in her own words", classes="hq-label")
                yield DraftArea(id="hq-draft", soft_wrap=True, show_line_numbers=False)
                yield CoachFindings(id="hq-coach")
                yield Label("Ways to phrase it: Enter puts one in the box", classes="hq-label")
                yield OptionList(id="hq-suggestions")
                yield Button("Add as helping question (ctrl+s)", id="hq-add", variant="primary")
            with TabbedContent(id="hq-right", initial="hq-tab-questions"):
                with TabPane("Questions", id="hq-tab-questions"):
                    yield QuestionList(id="hq-list")
                    yield Label("Edit the highlighted question (saved as you type)")
                    yield Input(id="hq-edit", placeholder="Choose a question, then press e")
                with TabPane("Examples", id="hq-tab-examples"):
                    yield Select[str]([], id="hq-theme", prompt="Theme")
                    yield OptionList(id="hq-examples")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Helping questions · case {self.ref}"
        self.query_one(CoachFindings).show("", [])
        self.query_one(DraftArea).focus()
        themes = self.query_one("#hq-theme", Select)
        themes.set_options([(t.label, t.id) for t in self.guidance.themes])
        if self.guidance.themes:
            themes.value = self.guidance.themes[0].id
        # a draft not yet added when vigguide last closed comes back as it was
        draft = self.vig.home.store.setting(draft_key(self.ref), "")
        if draft:
            self.query_one(DraftArea).text = draft
            self._edit_draft()
        self._coach_now()

    # loading -------------------------------------------------------------------------------

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        self.questions = case_file.questions
        self.query_one(QuestionList).show(self.questions)
        active = len(case_file.active_questions)
        tab = self.query_one(TabbedContent).get_tab("hq-tab-questions")
        tab.label = f"Questions ({active} active)"

    # the draft and the coach ---------------------------------------------------------------

    @on(DraftArea.Changed, "#hq-draft")
    def _draft_changed(self) -> None:
        self._draft_saver.changed(self.query_one(DraftArea).text)
        if self._coach_timer is not None:
            self._coach_timer.stop()
        self._coach_timer = self.set_timer(COACH_DELAY_S, self._coach_now)

    def _store_draft(self, text: str) -> None:
        self.vig.home.store.set_setting(draft_key(self.ref), text)

    def _coach_now(self) -> None:
        self._coach_timer = None
        self.coach(self.query_one(DraftArea).text, self.guidance)

    @work(thread=True, exclusive=True, exit_on_error=False, group="hq-coach")
    def coach(self, draft: str, guidance: Guidance) -> None:
        findings = coach_question(draft, guidance) if draft.strip() else []
        rewrites = suggest_rewrites(draft, guidance) if draft.strip() else []
        self.post_message(self.Coached(draft, findings, rewrites))

    @on(Coached)
    def _coached(self, event: Coached) -> None:
        draft = event.draft
        if draft != self.query_one(DraftArea).text:
            return  # the practitioner typed on; a newer run is coming
        self.query_one(CoachFindings).show(draft, event.findings)
        self._suggestion_texts = [(r, "rewrite") for r in event.rewrites]
        self._suggestion_texts += [(s.text, "stem") for s in self.guidance.stems]
        suggestions = self.query_one("#hq-suggestions", OptionList)
        suggestions.clear_options()
        for text, kind in self._suggestion_texts:
            label = text if kind == "rewrite" else f"{text}   (a way to start)"
            if kind == "stem" and text.startswith("…"):
                label = f"{text}   (a way to finish)"
            suggestions.add_option(Option(Text(label)))
        suggestions.highlighted = 0

    @on(OptionList.OptionSelected, "#hq-suggestions")
    def _suggestion_chosen(self, event: OptionList.OptionSelected) -> None:
        text, kind = self._suggestion_texts[event.option_index]
        draft = self.query_one(DraftArea)
        draft.text = text if kind == "rewrite" else fill_from_stem(text, draft.text)
        self._edit_draft()

    @on(OptionList.OptionSelected, "#hq-examples")
    def _example_chosen(self, event: OptionList.OptionSelected) -> None:
        self.query_one(DraftArea).text = str(event.option.prompt)
        self._edit_draft()

    def _edit_draft(self) -> None:
        draft = self.query_one(DraftArea)
        draft.focus()
        draft.move_cursor(draft.document.end)

    @on(Select.Changed, "#hq-theme")
    def _theme_chosen(self, event: Select.Changed) -> None:
        examples = self.query_one("#hq-examples", OptionList)
        examples.clear_options()
        if not isinstance(event.value, str):
            return
        for example in self.guidance.examples_for(event.value):
            examples.add_option(Option(Text(example.text)))
        if examples.option_count:
            examples.highlighted = 0

    # adding and status ---------------------------------------------------------------------

    def active_count(self) -> int:
        return sum(1 for q in self.questions if q.status is QuestionStatus.ACTIVE)

    @on(Button.Pressed, "#hq-add")
    def action_add_question(self) -> None:
        text = " ".join(self.query_one(DraftArea).text.split())
        if not text:
            self.notify("Type the question first.", severity="warning")
            return
        if self.active_count() >= MAX_ACTIVE:
            self.notify(
                "Two helping questions are active already. Keep one or two: mark one achieved"
                " (a) or set it aside (x) first.",
                severity="warning",
                timeout=8,
            )
            return
        advice = [f for f in coach_question(text, self.guidance) if f.kind != "spelling"]
        if not advice:
            self.add_question(text)
            return

        def answered(add_anyway: bool | None) -> None:
            if add_anyway:
                self.add_question(text)
            else:  # keep working on it: the draft and the coach's advice stay
                self.query_one(DraftArea).focus()

        self.app.push_screen(advice_dialog(advice[0]), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="hq-change")
    def add_question(self, text: str) -> None:
        store = self.vig.home.store
        store.add_question(self.ref, text, created_on=self.vig.today)
        store.set_setting(draft_key(self.ref), "")
        self.post_message(self.Added())

    @on(Added)
    def _added(self) -> None:
        self.query_one(DraftArea).text = ""
        self.notify("Helping question added.")
        self.action_show_questions()
        self.load_case()

    def highlighted_question(self) -> HelpingQuestion | None:
        index = self.query_one(QuestionList).highlighted
        if index is None or index >= len(self.questions):
            return None
        return self.questions[index]

    def action_set_status(self, status_name: str) -> None:
        question = self.highlighted_question()
        if question is None:
            return
        status = QuestionStatus(status_name)
        if status is question.status:
            return
        if status is QuestionStatus.ACTIVE and self.active_count() >= MAX_ACTIVE:
            self.notify(
                "Two helping questions are active already: keep one or two.", severity="warning"
            )
            return
        self.set_status(question.id, status)

    def set_status(self, question_id: int, status: QuestionStatus) -> None:
        store = self.vig.home.store
        words = {
            QuestionStatus.ACTIVE: "is active again",
            QuestionStatus.ACHIEVED: "is marked achieved",
            QuestionStatus.SET_ASIDE: "is set aside",
        }

        def job() -> str:
            store.update_question(self.ref, question_id, status=status)
            return f"The helping question {words[status]}."

        self.change(job)

    # baseline ------------------------------------------------------------------------------

    def action_baseline(self) -> None:
        """Ask for her 0–10 "where are you now" on the highlighted question."""
        question = self.highlighted_question()
        if question is None:
            self.notify("Add a helping question first.", severity="warning")
            return
        store = self.vig.home.store

        def chosen(choice: BaselineChoice) -> None:
            if choice is None:
                return
            rating = choice[0]

            def job() -> str:
                store.set_baseline(self.ref, question.id, rating, self.vig.today)
                if rating is None:
                    return "The baseline is cleared."
                return f"Baseline saved: {rating} out of 10."

            self.change(job)

        self.app.push_screen(BaselineDialog(question.text, question.baseline), chosen)

    # editing existing questions (autosaved) -------------------------------------------------

    @on(OptionList.OptionHighlighted, "#hq-list")
    def _question_highlighted(self) -> None:
        question = self.highlighted_question()
        if question is None or question.id == self._editing:
            return
        self.flush_saves()
        self._editing = question.id
        self.query_one("#hq-edit", Input).value = question.text

    @on(OptionList.OptionSelected, "#hq-list")
    def action_edit_question(self) -> None:
        self._question_highlighted()
        if self._editing is not None:
            self.query_one("#hq-edit", Input).focus()

    @on(Input.Changed, "#hq-edit")
    def _edit_changed(self, event: Input.Changed) -> None:
        question = next((q for q in self.questions if q.id == self._editing), None)
        if question is None or not event.value.strip() or event.value == question.text:
            return
        self._saver(question.id).changed(event.value)

    def _saver(self, question_id: int) -> Autosaver[str]:
        if question_id not in self._savers:

            def save(text: str) -> None:
                self.vig.home.store.update_question(self.ref, question_id, text=text)

            self._savers[question_id] = self.saver(save, on_saved=lambda _t: self.load_case())
        return self._savers[question_id]

    @on(Input.Blurred, "#hq-edit")
    def _flush_edits(self) -> None:
        self.flush_saves()

    # navigation ----------------------------------------------------------------------------

    def action_show_examples(self) -> None:
        self.query_one(TabbedContent).active = "hq-tab-examples"
        self.query_one("#hq-examples", OptionList).focus()

    def action_show_questions(self) -> None:
        self.query_one(TabbedContent).active = "hq-tab-questions"
        self.query_one(QuestionList).focus()

    def palette_commands(self) -> list[PaletteCommand]:
        commands: list[PaletteCommand] = [
            ("questions: Add as helping question", "Save the draft", self.action_add_question),
            ("questions: Examples by theme", "Worked examples", self.action_show_examples),
            ("questions: List", "The case's helping questions", self.action_show_questions),
        ]
        question = self.highlighted_question()
        if question is not None:
            commands.append(("questions: Baseline (0–10)", question.text, self.action_baseline))
            if question.status is not QuestionStatus.ACHIEVED:
                commands.append(
                    (
                        "questions: Mark achieved",
                        question.text,
                        lambda: self.action_set_status("achieved"),
                    )
                )
            if question.status is not QuestionStatus.SET_ASIDE:
                commands.append(
                    (
                        "questions: Set aside",
                        question.text,
                        lambda: self.action_set_status("set_aside"),
                    )
                )
            if question.status is not QuestionStatus.ACTIVE:
                commands.append(
                    (
                        "questions: Make active again",
                        question.text,
                        lambda: self.action_set_status("active"),
                    )
                )
        return commands
