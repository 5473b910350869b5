"""The input view-model of the printed documents: exactly what each page shows, in plain types.

The domain adapter (owned by the CLI/lead) fills these from a case file. Every string is printed as
plain text (escaped), never as HTML. Paths point at files already on disk and print-sized: stills are
JPEGs with a long edge of at most 1600 px, so they are embedded as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from vigguide.domain.measures import Measure


@dataclass(frozen=True)
class ServiceInfo:
    """The service shown in every page header (from the settings)."""

    name: str
    """e.g. "Perinatal Mental Health Service"."""
    logo: Path | None = None
    """A PNG or JPEG logo, printed about 1.4 cm high; None prints the name alone."""
    team: str = ""
    """The team a family calls, e.g. "Perinatal Mental Health Team" (the practitioner's service)."""
    phone: str = ""
    """The team's phone number (setting `team_phone`); printed as the lifeline on every family
    document. Empty prints a lifeline without a number, and the render warns."""


@dataclass(frozen=True)
class PractitionerInfo:
    """Who did the work, as it is signed at the end of a document."""

    name: str
    role: str
    """As it should be printed, e.g. "VIG practitioner" or "Trainee VIG guider"."""
    service: str
    """The team, e.g. "Perinatal Mental Health Team"."""


@dataclass(frozen=True)
class HelpingQuestionResult:
    """A helping question in the parent's own words, with her 0–10 ratings so far."""

    text: str
    ratings: Sequence[tuple[int, int]] = ()
    """(cycle number, rating 0–10) pairs, in any order; cycles without a rating are left out."""
    baseline: int | None = None
    """Her rating when the question was agreed (before any filming); None if not asked."""
    final: int | None = None
    """Her rating at the ending review; None before it (or not given)."""

    def sorted_ratings(self) -> list[tuple[int, int]]:
        return sorted(self.ratings)

    def rating_for(self, cycle: int) -> int | None:
        return next((value for number, value in self.ratings if number == cycle), None)


@dataclass(frozen=True)
class ClipForReview:
    """One clip watched at the shared review and what the parent found in it."""

    title: str
    """A short plain title, e.g. "Smiling at each other on the mat"."""
    still: Path | None = None
    """A print-sized JPEG still from the clip, or None."""
    caption: str = ""
    """What the still shows, in plain words; also its alt text."""
    more_stills: Sequence[Path] = ()
    """Further stills from the same clip, printed with the first one in a grid."""
    more_captions: Sequence[str] = ()
    """The caption of each of `more_stills`, in the same order ("" or missing: no caption)."""
    parent_noticed: str = ""
    """What the parent noticed when she watched."""
    parent_words: str = ""
    """Her own words, verbatim; printed as a quotation."""
    making_a_difference: str = ""
    """What she was doing that made a difference."""
    feelings_parent: str = ""
    """What she was feeling then."""
    feelings_baby: str = ""
    """What she thinks the baby was feeling."""


@dataclass(frozen=True)
class ReviewSummaryData:
    """The shared-review summary the parent takes home after one cycle."""

    parent_first_name: str
    baby_name: str
    cycle_number: int
    review_date: date
    helping_questions: Sequence[HelpingQuestionResult]
    clips: Sequence[ClipForReview]
    learned: str
    """What she learned, ideally in her words."""
    other_places: str
    """How she can do more of it at other times, in other activities and places."""
    next_steps: str
    practitioner: PractitionerInfo
    service: ServiceInfo


@dataclass(frozen=True)
class PlanMoment:
    """A still and her words about it, for the Staying Well insert or the ending summary."""

    still: Path | None
    caption: str = ""
    """What the still shows, in plain words; also its alt text."""
    parent_words: str = ""
    """Her own words about this moment, verbatim."""
    cycle_number: int | None = None
    """Which cycle the moment comes from (shown on the ending summary only)."""


@dataclass(frozen=True)
class StayingWellData:
    """The one-page "My moments with <baby>" insert for her Staying Well plan."""

    parent_first_name: str
    baby_name: str
    made_on: date
    moments: Sequence[PlanMoment]
    """Two to four moments; only the first four are printed."""
    helps_us_connect: Sequence[str]
    """Short points: what helps her and the baby connect."""
    when_hard: Sequence[str]
    """What she can do when things feel hard, e.g. "Watch the clip of bath time"."""
    clips_to_watch: Sequence[str]
    """Titles of the clips to watch when things feel hard."""
    videos_kept_where: str
    """Where her videos are kept, e.g. "On my phone, in the album 'Leo and me'"."""
    people_who_help: Sequence[str]
    """People who help, as she would name them, e.g. "My sister Jo"."""
    learned: str = ""
    """What she learned, in her words."""
    service: ServiceInfo = ServiceInfo(name="")


@dataclass(frozen=True)
class CycleLookBack:
    """One cycle as remembered on the ending summary."""

    number: int
    review_date: date | None
    learned: str = ""


@dataclass(frozen=True)
class EndingSummaryData:
    """The summary across all cycles, given at the ending review."""

    parent_first_name: str
    baby_name: str
    ending_date: date
    helping_questions: Sequence[HelpingQuestionResult]
    """Each question with its ratings from every cycle (the journey)."""
    cycles: Sequence[CycleLookBack]
    favourite_moments: Sequence[PlanMoment]
    keep_doing: str
    """What she wants to keep doing."""
    practitioner: PractitionerInfo
    service: ServiceInfo
    closing_words: str = ""
    """An optional warm message from the practitioner."""
    reflections: str = ""
    """Her own look back across the cycles, from the ending review."""
    what_changed: str = ""
    """What changed, in her words, from the ending review."""
    plan_after: str = ""
    """The plan for afterwards (her Staying Well plan), from the ending review."""


@dataclass(frozen=True)
class FilmingReminderData:
    """The one-page reminder for the family before a filming visit (from the filming plan)."""

    parent_first_name: str
    baby_name: str
    cycle_number: int
    when: datetime | None
    """None prints "We will agree a time together"."""
    place: str
    activity: str
    """The everyday moment to film, e.g. "Playing on the mat"."""
    why: str
    """Why we film it, in plain words (what the film gives a chance to see)."""
    who_is_there: str
    practitioner: PractitionerInfo
    service: ServiceInfo
    contact: str = ""
    """How to reach the practitioner, e.g. a team phone number."""


@dataclass(frozen=True)
class NoteClip:
    """One clip as described in the clinical record, principles named."""

    title: str
    principles: Sequence[str] = ()
    """Principles of attuned interaction seen in the clip, e.g. "Receiving initiatives"."""
    parent_noticed: str = ""
    parent_words: str = ""
    making_a_difference: str = ""


@dataclass(frozen=True)
class ProgressNoteData:
    """The progress note for the clinical record (practitioner language allowed)."""

    case_ref: str
    cycle_number: int
    review_date: date
    practitioner: PractitionerInfo
    service: ServiceInfo
    helping_questions: Sequence[HelpingQuestionResult]
    clips: Sequence[NoteClip]
    learned: str = ""
    other_places: str = ""
    next_steps: str = ""
    filmed_on: date | None = None
    activity: str = ""
    consent: str = ""
    """A one-line consent statement, e.g. "Filming and shared-review consent in place"."""
    reflections: str = ""
    """The practitioner's own reflections and formulation."""
    audit_anchor: str = ""
    """The audit trail's newest event (`seq:mac`), so the record holds an anchor outside the
    laptop that `vigguide audit verify --anchor` can check later."""
    measures: Sequence[Measure] = ()
    """The case's outcome measures across the work (clinical record only, never a parent's page)."""
