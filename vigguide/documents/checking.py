"""Running the plain-words checker over the practitioner's text in a document, before printing.

Advice, not a block: the TUI shows the findings and the practitioner decides. The parent's own
quoted words are never checked; they are printed as she said them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from vigguide.documents.model import (
    EndingSummaryData,
    FilmingReminderData,
    ProgressNoteData,
    ReviewSummaryData,
    StayingWellData,
)

DocumentData = (
    ReviewSummaryData | StayingWellData | EndingSummaryData | FilmingReminderData | ProgressNoteData
)


@dataclass(frozen=True)
class FieldFindings:
    """What the checker found in one piece of the practitioner's text."""

    field: str
    """Where the text is, in the words the practitioner sees, e.g. "Moment 2: what you noticed"."""
    text: str
    findings: tuple[Any, ...]
    """The checker's own finding objects (see `vigguide.prompts`)."""
    reading_ease: float | None


def _checker() -> Any | None:
    try:
        module = importlib.import_module("vigguide.prompts")
    except ImportError:
        return None
    return getattr(module, "check_parent_text", None)


def check_document_text(texts: Iterable[tuple[str, str]]) -> list[FieldFindings]:
    """Check (label, text) pairs; returns only the pieces with findings, in order.

    Returns an empty list when the guidance checker is not installed.
    """
    check = _checker()
    if check is None:
        return []
    results = []
    for label, text in texts:
        if not text.strip():
            continue
        report = check(text)
        findings = tuple(getattr(report, "findings", ()) or ())
        if findings:
            results.append(
                FieldFindings(label, text, findings, getattr(report, "reading_ease", None))
            )
    return results


def practitioner_texts(data: DocumentData) -> list[tuple[str, str]]:
    """The parent-facing text the practitioner wrote, labelled by where it is printed."""
    if isinstance(data, ReviewSummaryData):
        texts = []
        for number, clip in enumerate(data.clips, start=1):
            texts += [
                (f"Moment {number}: title", clip.title),
                (f"Moment {number}: caption", clip.caption),
                (f"Moment {number}: what you noticed", clip.parent_noticed),
                (f"Moment {number}: what you did that helped", clip.making_a_difference),
                (f"Moment {number}: how you felt", clip.feelings_parent),
                (f"Moment {number}: how the baby might have felt", clip.feelings_baby),
            ]
        return [
            *texts,
            ("What you learned", data.learned),
            ("Doing more of this", data.other_places),
            ("What happens next", data.next_steps),
        ]
    if isinstance(data, StayingWellData):
        return [
            *((f"Moment {n}: caption", m.caption) for n, m in enumerate(data.moments, start=1)),
            *(("What helps us connect", item) for item in data.helps_us_connect),
            *(("When things feel hard", item) for item in data.when_hard),
            *(("Clips to watch", item) for item in data.clips_to_watch),
            ("Where my videos are kept", data.videos_kept_where),
            ("What I learned", data.learned),
        ]
    if isinstance(data, EndingSummaryData):
        return [
            *((f"Review {c.number}: what you learned", c.learned) for c in data.cycles),
            *(
                (f"Favourite moment {n}: caption", m.caption)
                for n, m in enumerate(data.favourite_moments, start=1)
            ),
            ("What you want to keep doing", data.keep_doing),
            ("Closing words", data.closing_words),
        ]
    if isinstance(data, FilmingReminderData):
        return [
            ("Where", data.place),
            ("What we will film", data.activity),
            ("Why we film this", data.why),
            ("Who will be there", data.who_is_there),
            ("To change the time", data.contact),
        ]
    # The progress note is for the clinical record: practitioner language belongs there.
    return []


def document_text_findings(data: DocumentData) -> list[FieldFindings]:
    """The checker's findings on the practitioner's text in this document, for the TUI to show."""
    return check_document_text(practitioner_texts(data))


def printed_texts(data: DocumentData) -> list[tuple[str, str]]:
    """Every piece of text a document prints, labelled: what the glyph check looks at."""
    service = data.service
    texts = [
        ("Service name", service.name),
        ("Team name", service.team),
        ("Team phone number", service.phone),
    ]
    if not isinstance(data, ProgressNoteData):
        texts += [("Parent's name", data.parent_first_name), ("Baby's name", data.baby_name)]
    if hasattr(data, "practitioner"):
        person = data.practitioner
        texts += [
            ("Practitioner's name", person.name),
            ("Practitioner's role", person.role),
            ("Practitioner's service", person.service),
        ]
    for number, question in enumerate(getattr(data, "helping_questions", ()), start=1):
        texts.append((f"Helping question {number}", question.text))
    if isinstance(data, ReviewSummaryData):
        for number, clip in enumerate(data.clips, start=1):
            texts.append((f"Moment {number}: her words", clip.parent_words))
            texts += [
                (f"Moment {number}: caption {index}", caption)
                for index, caption in enumerate(clip.more_captions, start=2)
            ]
    elif isinstance(data, StayingWellData | EndingSummaryData):
        moments = data.moments if isinstance(data, StayingWellData) else data.favourite_moments
        for number, moment in enumerate(moments, start=1):
            texts.append((f"Moment {number}: her words", moment.parent_words))
        if isinstance(data, StayingWellData):
            texts += [("People who help", item) for item in data.people_who_help]
        else:
            texts += [
                ("Looking back", data.reflections),
                ("What has changed", data.what_changed),
                ("Your plan from here", data.plan_after),
            ]
    elif isinstance(data, ProgressNoteData):
        texts += [("Case reference", data.case_ref), ("Consent", data.consent)]
        texts += [("Reflections", data.reflections), ("Activity", data.activity)]
        for number, note_clip in enumerate(data.clips, start=1):
            texts += [
                (f"Clip {number}: title", note_clip.title),
                (f"Clip {number}: parent noticed", note_clip.parent_noticed),
                (f"Clip {number}: parent's words", note_clip.parent_words),
                (f"Clip {number}: making a difference", note_clip.making_a_difference),
            ]
        texts += [
            ("What was learned", data.learned),
            ("Other places", data.other_places),
            ("Next steps", data.next_steps),
        ]
    return [*texts, *practitioner_texts(data)]
