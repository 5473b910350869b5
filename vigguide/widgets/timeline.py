"""The cycle timeline: the six steps of the current cycle, what each holds, the current step
highlighted and any step that consent blocks marked with the reason.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from vigguide.domain import Step
from vigguide.domain.timeline import StepLine

STEP_SCREENS: dict[Step, str] = {
    Step.HELPING_QUESTIONS: "helping_questions",
    Step.FILMING_PLAN: "filming_plan",
    Step.RECORDING: "import",
    Step.MICRO_ANALYSIS: "micro_analysis",
    Step.SHARED_REVIEW: "shared_review",
    Step.OUTPUTS: "outputs",
}
STEP_KEYS: dict[Step, str] = {
    Step.HELPING_QUESTIONS: "h",
    Step.FILMING_PLAN: "f",
    Step.RECORDING: "i",
    Step.MICRO_ANALYSIS: "m",
    Step.SHARED_REVIEW: "s",
    Step.OUTPUTS: "o",
}
_MARKS = {"done": ("✓", "green"), "current": ("▶", "bold"), "to come": ("·", "dim")}


class CycleTimeline(OptionList):
    """One option per step; Enter (or a click) opens that step's screen."""

    DEFAULT_CSS = """
    CycleTimeline { height: auto; max-height: 100%; border: round $primary-darken-1; }
    CycleTimeline:focus { border: round $primary; }
    """

    def show(self, lines: list[StepLine]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        current = 0
        for index, line in enumerate(lines):
            mark, style = _MARKS[line.state]
            text = Text()
            text.append(f" {mark} ", style=style)
            text.append(f"[{STEP_KEYS[line.step]}] ", style="dim")
            text.append(f"{line.step.label:<19}", style=style if line.state == "current" else "")
            text.append(line.detail, style="dim" if line.state == "to come" else "")
            if line.blocked:
                text.append(f"  ⚠ {line.blocked}", style="bold yellow")
            if line.state == "current":
                current = index
            self.add_option(Option(text, id=line.step.name))
        self.highlighted = highlighted if highlighted is not None else current
