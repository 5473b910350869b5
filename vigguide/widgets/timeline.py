"""The cycle timeline: the six steps of the current cycle, what each holds, the current step
highlighted and any step that consent blocks marked with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from vigguide.domain import Action, Case, CaseFile, Cycle, CycleStatus, Step, consent_blocker

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
_STEP_CONSENT = {
    Step.RECORDING: Action.IMPORT_RECORDING,
    Step.MICRO_ANALYSIS: Action.MAKE_CLIPS,
    Step.SHARED_REVIEW: Action.SHARED_REVIEW,
    Step.OUTPUTS: Action.FAMILY_VIDEO,
}


@dataclass(frozen=True)
class StepLine:
    step: Step
    state: str
    """"done", "current" or "to come"."""
    detail: str
    blocked: str
    """The consent reason this step is blocked, or ""."""


def baby_age(case: Case, today: date) -> str:
    """The baby's age as a practitioner says it: "6 weeks", "3 months", "due 10 Jan"."""
    if case.baby_born_on:
        days = (today - case.baby_born_on).days
        if days < 0:
            return "not born yet"
        if days < 7 * 8:
            weeks = days // 7
            return f"{weeks} week{'s' if weeks != 1 else ''}"
        months = int(days / 30.4375)
        return f"{months} month{'s' if months != 1 else ''}"
    if case.baby_due_on:
        return f"due {case.baby_due_on.day} {case.baby_due_on:%b %Y}"
    return "age not recorded"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def step_details(case_file: CaseFile, cycle: Cycle) -> dict[Step, str]:
    active = case_file.active_questions
    plan = cycle.filming_plan
    films = [r for r in cycle.recordings if r.available]
    clips = sum(1 for m in cycle.moments if m.clip_vault_id)
    review = cycle.review
    details = {
        Step.HELPING_QUESTIONS: (
            f"{_plural(len(active), 'active question')}: {active[0].text}"
            if active
            else "none active yet"
        ),
        Step.FILMING_PLAN: (
            " · ".join(
                part
                for part in (
                    f"{plan.when.day} {plan.when:%b %H:%M}" if plan.when else "no date yet",
                    plan.activity or "no activity yet",
                    plan.place,
                )
                if part
            )
            if plan.when or plan.activity or plan.place
            else "not planned yet"
        ),
        Step.RECORDING: (
            f"{_plural(len(films), 'film')}, {sum(r.duration_s for r in films) / 60:.0f} min"
            if films
            else (
                "film deleted under the retention policy"
                if cycle.recordings
                else "no film imported yet"
            )
        ),
        Step.MICRO_ANALYSIS: (
            f"{_plural(len(cycle.moments), 'moment')}, {_plural(len(cycle.stills), 'still')},"
            f" clips made {clips}/{len(cycle.moments)}"
            if cycle.moments or cycle.stills
            else "no moments marked yet"
        ),
        Step.SHARED_REVIEW: (
            "held "
            + (f"{review.held_on.day} {review.held_on:%b %Y}" if review.held_on else "(no date)")
            + (
                ", ratings " + ", ".join(f"{r}/10" for r in review.ratings.values())
                if review.ratings
                else ", no ratings yet"
            )
            if review.held_on or review.ratings
            else "not held yet (r: prepare it)"
        ),
        Step.OUTPUTS: (
            ", ".join(sorted({d.kind.replace("_", " ") for d in cycle.documents}))
            if cycle.documents
            else "nothing made yet"
        ),
    }
    return details


def step_lines(case_file: CaseFile, cycle: Cycle, status: CycleStatus) -> list[StepLine]:
    details = step_details(case_file, cycle)
    lines = []
    for step in STEP_SCREENS:
        if step < status.step:
            state = "done"
        elif step == status.step:
            state = "current"
        else:
            state = "to come"
        action = _STEP_CONSENT.get(step)
        blocker = consent_blocker(case_file, action) if action else None
        lines.append(StepLine(step, state, details[step], blocker.reason if blocker else ""))
    return lines


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
