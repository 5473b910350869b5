"""Rendering each printed document from its view-model into a private PDF file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Literal

from vigguide.documents import reminder_words
from vigguide.documents.checking import DocumentData, practitioner_texts, printed_texts
from vigguide.documents.environment import render_html
from vigguide.documents.layout import (
    grid_columns,
    lifeline,
    lifeline_warnings,
    longest_text,
    orientation,
    overrun_warning,
    still_views,
)
from vigguide.documents.measures_chart import measures_html
from vigguide.documents.model import (
    EndingSummaryData,
    FilmingReminderData,
    ProgressNoteData,
    ReviewSummaryData,
    ServiceInfo,
    StayingWellData,
)
from vigguide.documents.pdf import PDF_VARIANT, html_to_pdf_pages, make_fetcher, write_private
from vigguide.documents.progress_note import note_sections
from vigguide.documents.scripts import boxed_fields, font_faces, glyph_warnings
from vigguide.documents.views import (
    keep_doing_items,
    moment_views,
    private_footer,
    question_views,
)
from vigguide.documents.voice import first_person
from vigguide.errors import DocumentError

KINDS: tuple[str, ...] = (
    "summary",
    "insert",
    "ending",
    "note",
    "filming-reminder",
    "ending-note",
)
MAX_INSERT_MOMENTS = 4
LONG_LISTS_CHARS = 1100
"""Above this much text the insert's lists run the full width rather than in two columns."""
_SAFE_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def document_filename(
    case_ref: str,
    kind: str,
    cycle: int | None,
    ext: str,
    *,
    size: str = "",
    made_on: date | None = None,
) -> str:
    """`<case_ref>[-cycle<N>]-<kind>[-<size>][-<YYYY-MM-DD>].<ext>`.

    The insert names its page size (an A5 print never replaces the A4 one) and, like the ending,
    the day it was made (a reprint never replaces the earlier one). Built from the case reference
    only, so a file name never carries a person's name.
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
    if size and size.upper() not in ("A4", "A5"):
        raise DocumentError(f"Unknown page size {size!r}.", hint="Use A4 or A5.")
    middle = f"-cycle{int(cycle)}" if cycle is not None else ""
    suffix = f"-{size.lower()}" if size else ""
    suffix += f"-{made_on.isoformat()}" if made_on is not None else ""
    return f"{case_ref}{middle}-{kind}{suffix}.{ext}"


def _images(service: ServiceInfo, stills: Iterable[Path | None]) -> list[Path]:
    paths = [service.logo, *stills]
    return [path for path in paths if path is not None]


def _render(
    template: str,
    out: Path,
    images: list[Path],
    *,
    variant: str | None = PDF_VARIANT,
    data: DocumentData,
    warnings: list[str] | None = None,
    budget: tuple[str, int] | None = None,
    context: Mapping[str, object] | None = None,
    **more: object,
) -> Path:
    """Render and write; `warnings` (when given) receives what the practitioner should know:
    text that would print as empty boxes, a missing lifeline number, a page budget overrun.
    """
    fetcher = make_fetcher(images)
    texts = printed_texts(data)
    faces = font_faces(text for _label, text in texts)
    html = render_html(template, **{**(context or {}), **more, "font_faces": faces})
    rendered = html_to_pdf_pages(html, fetcher, variant=variant)
    boxes = boxed_fields(texts, rendered.boxed)
    if boxes:  # never a silent box: nothing is written, and the field is named
        raise DocumentError(
            "Some words would print as empty boxes, because no font has their letters: "
            + "; ".join(boxes)
            + ".",
            hint="Change or remove those characters, or tell your IT team which language they "
            "are from; nothing was printed.",
        )
    found = glyph_warnings(texts, rendered.boxed)
    if budget is not None and rendered.pages > budget[1]:
        longest = longest_text(practitioner_texts(data))
        found.append(overrun_warning(budget[0], rendered.pages, budget[1], longest))
    written = write_private(out, rendered.pdf)
    if warnings is not None:
        warnings.extend(found)
    return written


def summary_context(data: ReviewSummaryData) -> dict[str, object]:
    return {
        "d": data,
        "moments": moment_views(data.clips, data.baby_name),
        "questions": question_views(data.helping_questions, data.cycle_number),
        "service": data.service,
        "lifeline": lifeline(data.service, "you"),
        "title": "VIG review summary",
        "subject": "A summary of a Video Interaction Guidance shared review",
        "footer": private_footer(data.parent_first_name),
    }


def summary_images(data: ReviewSummaryData) -> list[Path]:
    stills = [path for clip in data.clips for path in (clip.still, *clip.more_stills)]
    return _images(data.service, stills)


def render_summary(
    data: ReviewSummaryData,
    out: Path,
    *,
    variant: str | None = PDF_VARIANT,
    warnings: list[str] | None = None,
) -> Path:
    """The shared-review summary for the parent (A4, usually two pages); returns `out`.

    `variant` is WeasyPrint's PDF variant; the default, PDF/UA-1, gives a tagged PDF. `warnings`,
    when given, receives plain warnings for the practitioner (see `_render`).
    """
    if warnings is not None:
        warnings.extend(lifeline_warnings(data.service))
    return _render(
        "summary.html",
        out,
        summary_images(data),
        variant=variant,
        data=data,
        warnings=warnings,
        context=summary_context(data),
    )


def insert_context(data: StayingWellData, a5: bool) -> dict[str, object]:
    moments = [m for m in list(data.moments)[:MAX_INSERT_MOMENTS]]
    pictured = [m for m in moments if m.still is not None]
    shapes = [orientation(m.still) for m in pictured if m.still is not None]
    columns = grid_columns(shapes) if pictured else 1
    # Three wide stills: a 2 x 2 grid whose fourth cell holds what she learned, as a card.
    upright = bool(shapes) and all(shape == "portrait" for shape in shapes)
    card = bool(data.learned.strip()) and len(pictured) == 3 and not upright and not a5
    if card:
        columns = 2
    if a5:  # an A5 page is narrow: two to a row at most
        columns = min(columns, 2)
    return {
        "d": data,
        "moments": moments,
        "pictured": pictured,
        "cells": [
            (m, f"A still of me and {data.baby_name}, picture {n} of {len(pictured)}")
            for n, m in enumerate(pictured, start=1)
        ],
        "columns": columns,
        "portrait": upright,
        "learned_card": card,
        # Lists too long for a half-width column run the full width instead, so a long list that
        # carries over to another page does not leave half of every page empty.
        "one_column": sum(
            len(text)
            for text in (
                *data.helps_us_connect,
                *data.when_hard,
                *data.clips_to_watch,
                *data.people_who_help,
                data.learned,
                data.videos_kept_where,
            )
        )
        > LONG_LISTS_CHARS,
        "caption_for": first_person,
        "a5": a5,
        "service": data.service,
        "lifeline": lifeline(data.service, "I"),
        "title": "VIG Staying Well plan page",
        "subject": "Moments to keep, for a Staying Well plan",
        "footer": private_footer(data.parent_first_name),
    }


def render_insert(
    data: StayingWellData,
    out: Path,
    page_size: Literal["A4", "A5"] = "A4",
    *,
    variant: str | None = PDF_VARIANT,
    warnings: list[str] | None = None,
) -> Path:
    """The "My moments with <baby>" insert for her Staying Well plan, punched on the left.

    A4 is one page: the stills in a grid that fits their count and shape, then the lists. A5 is
    one sheet printed on both sides: the moments on the front, the lists on the back (the back's
    punch margin mirrored). Running over that budget is not silent: a warning says why.
    """
    if page_size not in ("A4", "A5"):
        raise DocumentError(f"Unknown page size {page_size!r}.", hint="Use A4 or A5.")
    a5 = page_size == "A5"
    context = insert_context(data, a5)
    if warnings is not None:
        warnings.extend(lifeline_warnings(data.service))
    return _render(
        "insert.html",
        out,
        _images(data.service, (m.still for m in list(data.moments)[:MAX_INSERT_MOMENTS])),
        variant=variant,
        data=data,
        warnings=warnings,
        budget=("A5 Staying Well sheet" if a5 else "Staying Well page", 2 if a5 else 1),
        context=context,
    )


def render_ending(
    data: EndingSummaryData,
    out: Path,
    *,
    variant: str | None = PDF_VARIANT,
    warnings: list[str] | None = None,
) -> Path:
    """The summary across all cycles, for the ending review."""
    if warnings is not None:
        warnings.extend(lifeline_warnings(data.service))
    return _render(
        "ending.html",
        out,
        _images(data.service, (moment.still for moment in data.favourite_moments)),
        variant=variant,
        data=data,
        warnings=warnings,
        context=ending_context(data),
    )


def ending_context(data: EndingSummaryData) -> dict[str, object]:
    favourites = [
        (m, still_views([m.still], [m.caption], f"a favourite moment with {data.baby_name}")[0])
        for m in data.favourite_moments
        if m.still is not None
    ]
    return {
        "d": data,
        "favourites": favourites,
        "words_only": [m for m in data.favourite_moments if m.still is None],
        "keep_doing": keep_doing_items(data.keep_doing),
        "questions": question_views(data.helping_questions, None),
        "service": data.service,
        "lifeline": lifeline(data.service, "you"),
        "title": "VIG ending summary",
        "subject": "A look back at Video Interaction Guidance",
        "footer": private_footer(data.parent_first_name),
    }


def render_filming_reminder(
    data: FilmingReminderData,
    out: Path,
    *,
    variant: str | None = PDF_VARIANT,
    warnings: list[str] | None = None,
) -> Path:
    """The one-page reminder for the family before filming."""
    if warnings is not None:
        warnings.extend(lifeline_warnings(data.service))
    return _render(
        "filming_reminder.html",
        out,
        _images(data.service, ()),
        variant=variant,
        data=data,
        warnings=warnings,
        budget=("filming reminder", 1),
        context=reminder_context(data),
    )


def reminder_context(data: FilmingReminderData) -> dict[str, object]:
    return {
        "d": data,
        "words": {
            "when": reminder_words.when_words(data.when),
            "thanks": reminder_words.thanks(data),
            "choice_lead": reminder_words.CHOICE_LEAD,
            "choice": reminder_words.CHOICE,
            "why": reminder_words.why_we_film(data.baby_name),
            "on_the_day": reminder_words.on_the_day(data.baby_name),
        },
        "change_time": reminder_words.reminder_contact(data),
        "lifeline": lifeline(data.service, "you"),
        "service": data.service,
        "title": "VIG filming reminder",
        "subject": "A reminder about filming at home",
        "footer": private_footer(data.parent_first_name),
    }


def render_progress_note(
    data: ProgressNoteData,
    out: Path,
    *,
    variant: str | None = PDF_VARIANT,
    warnings: list[str] | None = None,
) -> Path:
    """The progress note as a PDF: the full content of `progress_note_text`, never shortened."""
    return _render(
        "progress_note.html",
        out,
        _images(data.service, ()),
        variant=variant,
        data=data,
        warnings=warnings,
        d=data,
        questions=question_views(data.helping_questions, data.cycle_number),
        sections=note_sections(data),
        measures_section=measures_html(data.measures),
        service=data.service,
        title="VIG progress note",
        subject="Video Interaction Guidance progress note for the clinical record",
        footer="Confidential — clinical record",
    )
