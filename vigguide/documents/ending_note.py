"""The ending note for the clinical record: each helping question from baseline through every
review to the final rating, what changed, the plan afterwards, and a slot for the outcome-measures
chart (`measures_html`, built by the measures code and printed as it is).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from vigguide.documents.environment import render_html
from vigguide.documents.model import PractitionerInfo, ServiceInfo
from vigguide.documents.pdf import PDF_VARIANT, html_to_pdf_pages, make_fetcher, write_private
from vigguide.documents.scripts import boxed_fields, font_faces, glyph_warnings
from vigguide.errors import DocumentError


@dataclass(frozen=True)
class NoteQuestion:
    """One helping question across the work, as the record shows it."""

    text: str
    baseline: int | None
    reviews: Sequence[tuple[int, int]]
    """(cycle number, rating 0–10) at each shared review that rated it."""
    final: int | None


@dataclass(frozen=True)
class EndingNoteData:
    """The ending note for the clinical record (practitioner language allowed)."""

    case_ref: str
    held_on: date
    practitioner: PractitionerInfo
    service: ServiceInfo
    questions: Sequence[NoteQuestion]
    reviews: Sequence[tuple[int, date]] = ()
    """(cycle number, date) of each shared review held."""
    reflections: str = ""
    what_changed: str = ""
    keep_doing: str = ""
    plan_after: str = ""
    audit_anchor: str = ""
    measures_html: str = ""
    """The outcome-measures chart as HTML made by vigguide's own code (never user text): printed
    as it is, not escaped; nothing is printed when it is empty."""


def journey_line(question: NoteQuestion) -> str:
    """ "baseline 3 → cycle 1: 5 → cycle 2: 7 → final 8", leaving out what was not given."""
    parts = [f"baseline {question.baseline}"] if question.baseline is not None else []
    parts += [f"cycle {number}: {rating}" for number, rating in sorted(question.reviews)]
    parts += [f"final {question.final}"] if question.final is not None else []
    return " → ".join(parts) or "not rated"


def sections(data: EndingNoteData) -> list[tuple[str, str]]:
    """The free-text sections, in order; empty ones are left out."""
    found = [
        ("Parent's reflections across the work", data.reflections),
        ("What changed", data.what_changed),
        ("What she wants to keep doing", data.keep_doing),
        ("Plan afterwards (Staying Well)", data.plan_after),
    ]
    return [(heading, text.strip()) for heading, text in found if text.strip()]


def _texts(data: EndingNoteData) -> list[tuple[str, str]]:
    person = data.practitioner
    return [
        ("Service name", data.service.name),
        ("Case reference", data.case_ref),
        ("Practitioner's name", person.name),
        ("Practitioner's role", person.role),
        ("Practitioner's service", person.service),
        *((f"Helping question {n}", q.text) for n, q in enumerate(data.questions, start=1)),
        *sections(data),
    ]


def render_ending_note(
    data: EndingNoteData,
    out: Path,
    *,
    variant: str | None = PDF_VARIANT,
    warnings: list[str] | None = None,
) -> Path:
    """The ending note as a private PDF."""
    texts = _texts(data)
    images = [data.service.logo] if data.service.logo else []
    html = render_html(
        "ending_note.html",
        d=data,
        questions=[(q.text, journey_line(q)) for q in data.questions],
        sections=sections(data),
        measures=Markup(data.measures_html) if data.measures_html.strip() else "",  # noqa: S704
        service=data.service,
        title="VIG ending note",
        subject="Video Interaction Guidance ending note for the clinical record",
        footer="Confidential — clinical record",
        font_faces=font_faces(text for _label, text in texts),
    )
    rendered = html_to_pdf_pages(html, make_fetcher(images), variant=variant)
    boxes = boxed_fields(texts, rendered.boxed)
    if boxes:  # never a silent box: nothing is written, and the field is named
        raise DocumentError(
            "Some words would print as empty boxes, because no font has their letters: "
            + "; ".join(boxes)
            + ".",
            hint="Change or remove those characters; nothing was printed.",
        )
    written = write_private(out, rendered.pdf)
    if warnings is not None:
        warnings.extend(glyph_warnings(texts, rendered.boxed))
    return written
