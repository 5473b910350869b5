"""Rendering each printed document from its view-model into a private PDF file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from vigguide.documents.chart import RatingsChart, ratings_chart
from vigguide.documents.environment import render_html
from vigguide.documents.model import (
    EndingSummaryData,
    FilmingReminderData,
    HelpingQuestionResult,
    ProgressNoteData,
    ReviewSummaryData,
    ServiceInfo,
    StayingWellData,
)
from vigguide.documents.pdf import PDF_VARIANT, html_to_pdf, make_fetcher, write_private
from vigguide.documents.progress_note import note_sections
from vigguide.errors import DocumentError

DocumentKind = Literal["summary", "insert", "ending", "note", "filming-reminder"]
KINDS: tuple[str, ...] = ("summary", "insert", "ending", "note", "filming-reminder")
MAX_INSERT_MOMENTS = 4
LONG_MOMENT_CHARS = 1200
"""Above this much text a moment may break across pages rather than jump whole to the next."""
_SAFE_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def document_filename(case_ref: str, kind: str, cycle: int | None, ext: str) -> str:
    """`<case_ref>-cycle<N>-<kind>.<ext>`, or `<case_ref>-<kind>.<ext>` without a cycle.

    Built from the case reference only, so a file name never carries a person's name.
    """
    if kind not in (*KINDS, "family-video"):
        raise DocumentError(f"Unknown document kind {kind!r}.", hint=f"Use one of {KINDS}.")
    if not _SAFE_REF.fullmatch(case_ref) or ".." in case_ref:
        raise DocumentError(
            "This case reference cannot be used in a file name.",
            hint="Use letters, digits, '-', '_' or '.' in case references.",
        )
    if ext not in ("pdf", "txt", "mp4"):
        raise DocumentError(f"Unknown file type {ext!r}.", hint="Use 'pdf', 'txt' or 'mp4'.")
    middle = f"-cycle{int(cycle)}" if cycle is not None else ""
    return f"{case_ref}{middle}-{kind}.{ext}"


@dataclass(frozen=True)
class QuestionView:
    """A helping question ready to print: her words, the chart, today's and the last rating."""

    text: str
    chart: RatingsChart
    today: int | None
    before: int | None
    first: int | None


def question_views(
    questions: Sequence[HelpingQuestionResult], cycle: int | None
) -> list[QuestionView]:
    """`cycle` is today's cycle; None means the latest rating is today's (the ending summary)."""
    views = []
    for question in questions:
        ordered = question.sorted_ratings()
        now = cycle if cycle is not None else (ordered[-1][0] if ordered else None)
        shown = [pair for pair in ordered if now is None or pair[0] <= now]
        earlier = [value for number, value in shown if number != now]
        views.append(
            QuestionView(
                text=question.text,
                chart=ratings_chart(shown),
                today=question.rating_for(now) if now is not None else None,
                before=earlier[-1] if earlier else None,
                first=shown[0][1] if shown else None,
            )
        )
    return views


def _images(service: ServiceInfo, stills: Iterable[Path | None]) -> list[Path]:
    paths = [service.logo, *stills]
    return [path for path in paths if path is not None]


def _render(
    template: str,
    out: Path,
    images: list[Path],
    *,
    variant: str | None = PDF_VARIANT,
    **context: object,
) -> Path:
    fetcher = make_fetcher(images)
    html = render_html(template, **context)
    return write_private(out, html_to_pdf(html, fetcher, variant=variant))


def private_footer(first_name: str) -> str:
    return f"Private — for {first_name.strip()}" if first_name.strip() else "Private"


def summary_context(data: ReviewSummaryData) -> dict[str, object]:
    return {
        "d": data,
        "long_moment": LONG_MOMENT_CHARS,
        "questions": question_views(data.helping_questions, data.cycle_number),
        "service": data.service,
        "title": "VIG review summary",
        "subject": "A summary of a Video Interaction Guidance shared review",
        "footer": private_footer(data.parent_first_name),
    }


def summary_images(data: ReviewSummaryData) -> list[Path]:
    stills = [path for clip in data.clips for path in (clip.still, *clip.more_stills)]
    return _images(data.service, stills)


def render_summary(
    data: ReviewSummaryData, out: Path, *, variant: str | None = PDF_VARIANT
) -> Path:
    """The shared-review summary for the parent (A4, usually two pages); returns `out`.

    `variant` is WeasyPrint's PDF variant; the default, PDF/UA-1, gives a tagged PDF.
    """
    return _render(
        "summary.html", out, summary_images(data), variant=variant, **summary_context(data)
    )


def render_insert(
    data: StayingWellData,
    out: Path,
    page_size: Literal["A4", "A5"] = "A4",
    *,
    variant: str | None = PDF_VARIANT,
) -> Path:
    """The "My moments with <baby>" insert for her Staying Well plan, punched on the left.

    A4 is one page: up to four stills in a 2 x 2 grid, then the lists. A5 is one sheet printed on
    both sides: the moments on the front, the lists on the back.
    """
    if page_size not in ("A4", "A5"):
        raise DocumentError(f"Unknown page size {page_size!r}.", hint="Use A4 or A5.")
    moments = list(data.moments)[:MAX_INSERT_MOMENTS]
    return _render(
        "insert.html",
        out,
        _images(data.service, (moment.still for moment in moments)),
        variant=variant,
        d=data,
        moments=moments,
        a5=page_size == "A5",
        service=data.service,
        title="VIG Staying Well plan page",
        subject="Moments to keep, for a Staying Well plan",
        footer=private_footer(data.parent_first_name),
    )


def render_ending(data: EndingSummaryData, out: Path, *, variant: str | None = PDF_VARIANT) -> Path:
    """The summary across all cycles, for the ending review."""
    return _render(
        "ending.html",
        out,
        _images(data.service, (moment.still for moment in data.favourite_moments)),
        variant=variant,
        d=data,
        questions=question_views(data.helping_questions, None),
        service=data.service,
        title="VIG ending summary",
        subject="A look back at Video Interaction Guidance",
        footer=private_footer(data.parent_first_name),
    )


def render_filming_reminder(
    data: FilmingReminderData, out: Path, *, variant: str | None = PDF_VARIANT
) -> Path:
    """The one-page reminder for the family before filming."""
    return _render(
        "filming_reminder.html",
        out,
        _images(data.service, ()),
        variant=variant,
        d=data,
        service=data.service,
        title="VIG filming reminder",
        subject="A reminder about filming at home",
        footer=private_footer(data.parent_first_name),
    )


def render_progress_note(
    data: ProgressNoteData, out: Path, *, variant: str | None = PDF_VARIANT
) -> Path:
    """The progress note as a PDF: the full content of `progress_note_text`, never shortened."""
    return _render(
        "progress_note.html",
        out,
        _images(data.service, ()),
        variant=variant,
        d=data,
        questions=question_views(data.helping_questions, data.cycle_number),
        sections=note_sections(data),
        service=data.service,
        title="VIG progress note",
        subject="Video Interaction Guidance progress note for the clinical record",
        footer="Confidential — clinical record",
    )
