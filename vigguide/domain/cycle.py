"""The cycle rules: which step a cycle is at, what is missing, and what is blocked and why."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from vigguide.domain.model import CaseFile, CaseStatus, ConsentScope, Cycle


class Step(enum.IntEnum):
    """The steps of one VIG cycle, in the order they are done."""

    HELPING_QUESTIONS = 1
    FILMING_PLAN = 2
    RECORDING = 3
    MICRO_ANALYSIS = 4
    SHARED_REVIEW = 5
    OUTPUTS = 6
    DONE = 7

    @property
    def label(self) -> str:
        return _STEP_LABELS[self]


_STEP_LABELS = {
    Step.HELPING_QUESTIONS: "Helping questions",
    Step.FILMING_PLAN: "Filming plan",
    Step.RECORDING: "Recording",
    Step.MICRO_ANALYSIS: "Micro-analysis",
    Step.SHARED_REVIEW: "Shared review",
    Step.OUTPUTS: "Outputs",
    Step.DONE: "Cycle complete",
}


class Action(enum.StrEnum):
    """Things a practitioner may want to do that consent or progress can block."""

    IMPORT_RECORDING = "import_recording"
    MAKE_CLIPS = "make_clips"
    SHARED_REVIEW = "shared_review"
    SUPERVISION = "supervision"
    TRAINING = "training"
    FAMILY_VIDEO = "family_video"
    REVIEW_SUMMARY = "review_summary"
    NEW_CYCLE = "new_cycle"


@dataclass(frozen=True)
class Blocker:
    """Something that cannot be done yet, the plain reason, and the way to unblock it."""

    action: Action
    reason: str
    fix: str


@dataclass(frozen=True)
class CycleStatus:
    step: Step
    missing: tuple[str, ...]
    blocked: tuple[Blocker, ...]

    def is_blocked(self, action: Action) -> Blocker | None:
        return next((b for b in self.blocked if b.action is action), None)


_CONSENT_FOR = {
    Action.IMPORT_RECORDING: ConsentScope.FILMING,
    Action.MAKE_CLIPS: ConsentScope.FILMING,
    Action.SHARED_REVIEW: ConsentScope.SHARED_REVIEW,
    Action.SUPERVISION: ConsentScope.SUPERVISION,
    Action.TRAINING: ConsentScope.TRAINING,
    Action.FAMILY_VIDEO: ConsentScope.FAMILY_COPIES,
}

_CONSENT_MESSAGES = {
    ConsentScope.FILMING: "No consent to film yet",
    ConsentScope.SHARED_REVIEW: "No consent to use the film in the shared review",
    ConsentScope.SUPERVISION: "No consent to show clips in supervision",
    ConsentScope.TRAINING: "No consent to use clips in training",
    ConsentScope.FAMILY_COPIES: "No consent to give the family copies of clips",
    ConsentScope.FILMING_REVIEW: "No consent to film the shared review",
}


def consent_blocker(case_file: CaseFile, action: Action) -> Blocker | None:
    """The consent that `action` needs, if it is missing or withdrawn."""
    scope = _CONSENT_FOR.get(action)
    if scope is None or case_file.consent_active(scope):
        return None
    consent = case_file.consents.get(scope)
    reason = _CONSENT_MESSAGES[scope]
    if consent is not None and consent.withdrawn_on is not None:
        reason = (
            f"Consent for {scope.label.lower()} was withdrawn on {consent.withdrawn_on:%d %b %Y}"
        )
    return Blocker(action, reason, f"Record consent: {scope.label.lower()}")


def _step_of(case_file: CaseFile, cycle: Cycle) -> tuple[Step, list[str]]:
    missing: list[str] = []
    if not case_file.active_questions:
        missing.append("Agree a helping question with the parent, in her words")
        return Step.HELPING_QUESTIONS, missing
    # a film that was reviewed with her has done its work: its later deletion (retention, a
    # closing case) does not send the cycle back to planning or importing
    reviewed = cycle.review.is_complete and bool(cycle.recordings)
    if not reviewed:
        if not cycle.filming_plan.is_complete:
            missing.append("Plan the filming (a date and an everyday activity)")
            return Step.FILMING_PLAN, missing
        if not any(r.available for r in cycle.recordings) and not cycle.moments:
            missing.append("Import the film from the camera or phone")
            return Step.RECORDING, missing
        if not cycle.moments:
            missing.append("Mark the moments that answer the helping question")
            return Step.MICRO_ANALYSIS, missing
        if any(m.clip_vault_id is None for m in cycle.moments):
            missing.append("Make the clips for every moment")
            return Step.MICRO_ANALYSIS, missing
    if not cycle.review.is_complete:
        if cycle.review.held_on is None:
            missing.append("Hold the shared review with the parent")
        if not cycle.review.ratings:
            missing.append("Record her 0–10 rating for each helping question")
        return Step.SHARED_REVIEW, missing
    if not any(d.kind == "summary" for d in cycle.documents):
        missing.append("Print the review summary for the parent")
        return Step.OUTPUTS, missing
    return Step.DONE, missing


def assess(case_file: CaseFile, cycle: Cycle | None = None) -> CycleStatus:
    """Where `cycle` (default: the current one) stands, what is missing and what is blocked."""
    cycle = cycle or case_file.current_cycle
    blocked: list[Blocker] = []
    if case_file.case.status is CaseStatus.CLOSED:
        closed = "The case is closed"
        fix = "Reopen the case first"
        blocked = [Blocker(action, closed, fix) for action in Action]
        step = Step.DONE
        return CycleStatus(step, (), tuple(blocked))
    for action in _CONSENT_FOR:
        blocker = consent_blocker(case_file, action)
        if blocker:
            blocked.append(blocker)
    if cycle is None:
        return CycleStatus(Step.HELPING_QUESTIONS, ("Start the first cycle",), tuple(blocked))
    step, missing = _step_of(case_file, cycle)
    if not any(r.available for r in cycle.recordings):
        blocked.append(
            Blocker(Action.MAKE_CLIPS, "There is no film in this cycle yet", "Import the film")
        )
    if not cycle.moments or any(m.clip_vault_id is None for m in cycle.moments):
        reason = "Clips are not made yet"
        blocked.append(Blocker(Action.FAMILY_VIDEO, reason, "Mark moments and make the clips"))
    if not cycle.review.is_complete:
        blocked.append(
            Blocker(
                Action.REVIEW_SUMMARY,
                "The shared review is not recorded yet",
                "Record the shared review and the parent's ratings",
            )
        )
        blocked.append(
            Blocker(Action.NEW_CYCLE, "This cycle has no shared review yet", "Finish this cycle")
        )
    return CycleStatus(step, tuple(missing), tuple(blocked))
