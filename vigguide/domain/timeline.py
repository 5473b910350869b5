"""What the cycle timeline says about each step of a cycle: done, current or to come, what the
step holds so far, and the consent that blocks it. Plain text; the TUI draws it."""

from __future__ import annotations

from dataclasses import dataclass

from vigguide.domain.cycle import Action, CycleStatus, Step, consent_blocker
from vigguide.domain.model import CaseFile, Cycle
from vigguide.domain.wording import plural, show_date

STEPS = tuple(step for step in Step if step is not Step.DONE)
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


def step_details(case_file: CaseFile, cycle: Cycle) -> dict[Step, str]:
    active = case_file.active_questions
    plan = cycle.filming_plan
    films = [r for r in cycle.recordings if r.available]
    clips = sum(1 for m in cycle.moments if m.clip_vault_id)
    review = cycle.review
    details = {
        Step.HELPING_QUESTIONS: (
            f"{plural(len(active), 'active question')}: {active[0].text}"
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
            f"{plural(len(films), 'film')}, {_length(sum(r.duration_s for r in films))}"
            if films
            else (
                "film deleted under the retention policy"
                if cycle.recordings
                else "no film imported yet"
            )
        ),
        Step.MICRO_ANALYSIS: (
            f"{plural(len(cycle.moments), 'moment')}, {plural(len(cycle.stills), 'still')},"
            f" clips made {clips}/{len(cycle.moments)}"
            if cycle.moments or cycle.stills
            else "no moments marked yet"
        ),
        Step.SHARED_REVIEW: (
            "held "
            + (show_date(review.held_on) if review.held_on else "(no date)")
            + (
                ", ratings " + ", ".join(f"{r}/10" for r in review.ratings.values())
                if review.ratings
                else ", no ratings yet"
            )
            if review.held_on or review.ratings
            else "not held yet (r: prepare it)"
        ),
        Step.OUTPUTS: (
            ", ".join(sorted({document_words(d.kind) for d in cycle.documents}))
            if cycle.documents
            else "nothing made yet"
        ),
    }
    return details


_DOCUMENT_WORDS = {
    "summary": "review summary",
    "insert": "Staying Well insert",
    "ending": "ending summary",
    "note": "progress note",
    "note-text": "progress note (text)",
    "filming-reminder": "filming reminder",
    "family-video": "family video",
}


def document_words(kind: str) -> str:
    """A made document's kind as a practitioner says it ("family-video" is "family video")."""
    return _DOCUMENT_WORDS.get(kind, kind.replace("_", " ").replace("-", " "))


def step_lines(case_file: CaseFile, cycle: Cycle, status: CycleStatus) -> list[StepLine]:
    details = step_details(case_file, cycle)
    lines = []
    for step in STEPS:
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


def _length(seconds: float) -> str:
    """How long the films run: "40 s" under a minute, else whole minutes ("12 min")."""
    if seconds < 59.5:
        return f"{max(1, round(seconds))} s"
    return f"{round(seconds / 60)} min"
