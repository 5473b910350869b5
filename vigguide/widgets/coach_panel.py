"""Widgets for co-creating a helping question: the draft box, the coach's findings, and the list
of the case's helping questions with their status.
"""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from vigguide.domain import HelpingQuestion, QuestionStatus
from vigguide.prompts import Finding
from vigguide.widgets.review_dialogs import ConfirmDialog

EMPTY_ADVICE = (
    "Type the parent's hope in her own words. The coach suggests ways to turn it into a"
    " strengths-based helping question."
)
GOOD_ADVICE = (
    "✓ This reads well: strengths-based, in the first person, about the parent and the baby"
    " together. Press ctrl+s to add it."
)


def findings_text(draft: str, findings: list[Finding]) -> Text:
    if not draft.strip():
        return Text(EMPTY_ADVICE, style="dim")
    if not findings:
        return Text(GOOD_ADVICE, style="green")
    text = Text()
    for number, finding in enumerate(findings):
        if number:
            text.append("\n")
        text.append("• ")
        if finding.text and finding.text.strip() != draft.strip():
            text.append(f'"{finding.text}": ', style="bold")
        text.append(finding.explanation)
        if finding.suggestion:
            text.append(f"\n  {finding.suggestion}", style="italic")
    return text


class DraftArea(TextArea):
    """The parent's words. Enter moves on to the suggestions instead of starting a new line."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.screen.focus_next()
            return
        await super()._on_key(event)


class CoachFindings(Static):
    """The phrasing coach's advice on the draft, updated as the practitioner types."""

    DEFAULT_CSS = "CoachFindings { height: auto; padding: 0 1; margin: 1 0; }"

    def show(self, draft: str, findings: list[Finding]) -> None:
        self.update(findings_text(draft, findings))


_STATUS_MARKS = {
    QuestionStatus.ACTIVE: ("●", "bold green", "active"),
    QuestionStatus.ACHIEVED: ("✓", "cyan", "achieved"),
    QuestionStatus.SET_ASIDE: ("–", "dim", "set aside"),
}


class QuestionList(OptionList):
    """The case's helping questions; keys here change the highlighted question's status."""

    BINDINGS = [
        Binding("e", "screen.edit_question", "Edit", id="questions.edit"),
        Binding("a", "screen.set_status('achieved')", "Achieved", id="questions.achieved"),
        Binding("x", "screen.set_status('set_aside')", "Set aside", id="questions.set_aside"),
        Binding("u", "screen.set_status('active')", "Make active", id="questions.active"),
        Binding("b", "screen.baseline", "Baseline", id="questions.baseline"),
    ]

    def show(self, questions: tuple[HelpingQuestion, ...]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        for question in questions:
            mark, style, word = _STATUS_MARKS[question.status]
            text = Text()
            text.append(f"{mark} ", style=style)
            text.append(question.text)
            details = [word]
            if question.baseline is not None:
                details.append(f"{question.baseline}/10 at the start")
            details += [f"{r}/10 in cycle {c}" for c, r in sorted(question.ratings.items())]
            text.append(f"\n  {' · '.join(details)}", style="dim")
            self.add_option(Option(text, id=str(question.id)))
        if questions:
            self.highlighted = min(highlighted or 0, len(questions) - 1)


def advice_dialog(finding: Finding) -> ConfirmDialog:
    """Asked before a question the coach has advice on is added: Enter keeps working on it."""
    try_line = f"\n\n{finding.suggestion}" if finding.suggestion else ""
    return ConfirmDialog(
        "The coach has a suggestion",
        escape(f"{finding.explanation}{try_line}"),
        yes="Add it as it is",
        no="Keep working on it",
    )
