"""The case model in the practice's own words: families, consent, helping questions and cycles.

Pure values, no I/O. The store turns rows into these and back; the cycle rules read them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class Role(enum.StrEnum):
    """A practitioner is a qualified VIG guider or a trainee in supervision."""

    QUALIFIED = "qualified"
    TRAINEE = "trainee"


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ConsentScope(enum.StrEnum):
    """What a parent can agree to, each separately and each withdrawable."""

    FILMING = "filming"
    SHARED_REVIEW = "shared_review"
    SUPERVISION = "supervision"
    TRAINING = "training"
    FAMILY_COPIES = "family_copies"
    FILMING_REVIEW = "filming_review"

    @property
    def label(self) -> str:
        return _SCOPE_LABELS[self]


_SCOPE_LABELS = {
    ConsentScope.FILMING: "Filming at home",
    ConsentScope.SHARED_REVIEW: "Using the film in the shared review",
    ConsentScope.SUPERVISION: "Showing clips in supervision",
    ConsentScope.TRAINING: "Using clips in training",
    ConsentScope.FAMILY_COPIES: "Copies of clips for the family",
    ConsentScope.FILMING_REVIEW: "Filming the shared review",
}


class FilmKind(enum.StrEnum):
    """The two films of a cycle: the parent with her baby, and the guider with the parent at the
    shared review (the trainee's own practice, taken to supervision)."""

    INTERACTION = "interaction"
    SHARED_REVIEW = "shared-review"


class QuestionStatus(enum.StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    SET_ASIDE = "set_aside"


@dataclass(frozen=True)
class Practitioner:
    """The practitioner profile kept with the home: who is doing the work, under whose supervision."""

    name: str
    role: Role = Role.QUALIFIED
    service: str = ""
    supervisor: str = ""


@dataclass(frozen=True)
class Consent:
    """One consent scope: when it was given, who recorded it, and when (if ever) it was withdrawn."""

    scope: ConsentScope
    given_on: date | None = None
    recorded_by: str = ""
    withdrawn_on: date | None = None
    declined_on: date | None = None
    """The day the parent said no (consent is then not given)."""
    how: str = ""
    """How she gave or declined it: "written" or "verbal"."""
    form_ref: str = ""
    """The reference of the signed consent form, where there is one."""
    review_on: date | None = None
    """When to go over it with her again."""

    @property
    def active(self) -> bool:
        return self.given_on is not None and self.withdrawn_on is None

    def review_due(self, today: date) -> bool:
        return self.active and self.review_on is not None and self.review_on <= today


@dataclass(frozen=True)
class HelpingQuestion:
    """The parent's own hope, in her words, phrased as a question about what she already does."""

    id: int
    text: str
    created_on: date
    status: QuestionStatus = QuestionStatus.ACTIVE
    ratings: dict[int, int] = field(default_factory=dict)
    """0–10 rating of progress given by the parent at the shared review, keyed by cycle number."""
    baseline: int | None = None
    """Her 0–10 "where are you now" when the question was agreed; None if not asked."""
    baseline_on: date | None = None


@dataclass(frozen=True)
class FilmingPlan:
    """When, where and what will be filmed, who is there, and what the film gives a chance to see."""

    when: datetime | None = None
    place: str = ""
    activity: str = ""
    present: str = ""
    look_for: str = ""
    checklist_done: tuple[str, ...] = ()

    @property
    def is_complete(self) -> bool:
        return self.when is not None and bool(self.activity.strip())


@dataclass(frozen=True)
class Recording:
    """An imported film, kept encrypted in the vault; the original is never modified."""

    id: int
    vault_id: str
    sha256: str
    size_bytes: int
    duration_s: float
    width: int
    height: int
    fps: float
    video_codec: str
    audio_codec: str | None
    imported_at: datetime
    delete_by: date | None = None
    deleted_at: datetime | None = None
    filmed_on: date | None = None
    """The day the film was made (its creation time tag), else the day it was imported."""
    kind: FilmKind = FilmKind.INTERACTION

    @property
    def available(self) -> bool:
        return self.deleted_at is None


@dataclass(frozen=True)
class Moment:
    """A clip marked in micro-analysis: a few seconds that answer the helping question."""

    id: int
    recording_id: int
    start_s: float
    end_s: float
    title: str = ""
    principles: tuple[str, ...] = ()
    question_ids: tuple[int, ...] = ()
    notes: str = ""
    position: int = 0
    pause_at_s: float | None = None
    review_prompts: tuple[str, ...] = ()
    highlight: str = ""
    clip_vault_id: str | None = None

    @property
    def duration_s(self) -> float:
        return max(0.0, self.end_s - self.start_s)


@dataclass(frozen=True)
class Still:
    """A single frame to pause on and to print, with a caption in plain words."""

    id: int
    recording_id: int
    at_s: float
    caption: str = ""
    principles: tuple[str, ...] = ()
    moment_id: int | None = None
    vault_id: str | None = None
    thumb_vault_id: str | None = None


@dataclass(frozen=True)
class ClipReview:
    """What the parent said about one clip during the shared review."""

    noticed: str = ""
    parent_words: str = ""
    feelings_parent: str = ""
    feelings_baby: str = ""
    making_a_difference: str = ""


@dataclass(frozen=True)
class SharedReview:
    """The record of the shared review: the parent's discoveries, in her words, and her ratings."""

    held_on: date | None = None
    clips: dict[int, ClipReview] = field(default_factory=dict)
    learned: str = ""
    other_places: str = ""
    next_focus: str = ""
    ratings: dict[int, int] = field(default_factory=dict)
    """0–10 rating per helping question id."""
    reflections: str = ""
    """The practitioner's own reflections, for the clinical record only (never printed for her)."""

    @property
    def is_complete(self) -> bool:
        return self.held_on is not None and bool(self.ratings)


@dataclass(frozen=True)
class GeneratedDocument:
    """An export the practitioner asked for, as recorded (never the file itself)."""

    id: int
    kind: str
    created_at: datetime
    file_name: str


@dataclass(frozen=True)
class Cycle:
    """One turn of the VIG cycle, from filming plan to outputs."""

    id: int
    number: int
    filming_plan: FilmingPlan = field(default_factory=FilmingPlan)
    recordings: tuple[Recording, ...] = ()
    moments: tuple[Moment, ...] = ()
    stills: tuple[Still, ...] = ()
    review: SharedReview = field(default_factory=SharedReview)
    documents: tuple[GeneratedDocument, ...] = ()
    review_films: tuple[Recording, ...] = ()
    """Films of the shared review itself (guider and parent), kept apart from the interaction
    film: their moments and stills are never shown to the family or printed for her."""
    review_moments: tuple[Moment, ...] = ()
    review_stills: tuple[Still, ...] = ()


@dataclass(frozen=True)
class Case:
    """One family: the parent, the baby, and the work done together."""

    id: int
    ref: str
    parent_name: str
    baby_name: str
    baby_born_on: date | None = None
    baby_due_on: date | None = None
    practitioner: str = ""
    status: CaseStatus = CaseStatus.OPEN
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def baby_age_months(self, today: date) -> float | None:
        """Age in months (negative before birth), from the birth date or else the due date."""
        anchor = self.baby_born_on or self.baby_due_on
        if anchor is None:
            return None
        return (today - anchor).days / 30.4375


@dataclass(frozen=True)
class CaseFile:
    """Everything about one case that the cycle rules need, loaded together."""

    case: Case
    consents: dict[ConsentScope, Consent]
    questions: tuple[HelpingQuestion, ...]
    cycles: tuple[Cycle, ...]

    @property
    def current_cycle(self) -> Cycle | None:
        return self.cycles[-1] if self.cycles else None

    @property
    def active_questions(self) -> tuple[HelpingQuestion, ...]:
        return tuple(q for q in self.questions if q.status is QuestionStatus.ACTIVE)

    def consent_active(self, scope: ConsentScope) -> bool:
        consent = self.consents.get(scope)
        return consent is not None and consent.active
