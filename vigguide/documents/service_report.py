"""The de-identified service report as PDF bytes (the shared templates and print styles) and as
CSV bytes: figures and the period only, never a name, reference, date of birth or free text."""

from __future__ import annotations

import csv
import io
from datetime import date

from vigguide.documents.environment import long_date, render_html
from vigguide.documents.model import ServiceInfo
from vigguide.documents.pdf import PDF_VARIANT, html_to_pdf_pages, make_fetcher
from vigguide.documents.scripts import font_faces
from vigguide.domain.service_report import (
    FEW,
    MEASURE_NAMES,
    RELIABLE_CHANGE,
    Change,
    ServiceFigures,
    figure_rows,
)
from vigguide.errors import DocumentError

CSV_HEADER = ("section", "item", "value")


def report_file_stem(figures: ServiceFigures) -> str:
    period = figures.period
    return f"service-report-{period.start.isoformat()}-to-{period.end.isoformat()}"


def _mean(value: float | None, n: int, signed: bool = False) -> str:
    if value is None:
        return "–"
    text = f"{value:+.1f}" if signed else f"{value:.1f}"
    return f"{text}*" if n < FEW else text


def _change_cells(change: Change) -> dict[str, str]:
    return {
        "n": str(change.n),
        "first": _mean(change.mean_first, change.n),
        "last": _mean(change.mean_last, change.n),
        "change": _mean(change.mean_change, change.n, signed=True),
    }


def reliable_words() -> str:
    named = [f"{MEASURE_NAMES[k]} {points} points" for k, points in RELIABLE_CHANGE.items()]
    others = [name for k, name in MEASURE_NAMES.items() if k not in RELIABLE_CHANGE]
    return (
        f"Reliable change: a fall (or rise) of at least {', '.join(named)}. No reliable change"
        f" figure is used for {' or '.join(others)}, so none is claimed."
    )


def report_context(
    figures: ServiceFigures, service: ServiceInfo, made_on: date
) -> dict[str, object]:
    q = figures.questions
    few = [q.change.n, *(m.change.n for m in figures.measures if m.change.n)]
    return {
        "f": figures,
        "period": f"{long_date(figures.period.start)} to {long_date(figures.period.end)}",
        "made_on": long_date(made_on),
        "questions": {**_change_cells(q.change), "c": q.change},
        "measures": [(m, _change_cells(m.change)) for m in figures.measures],
        "reliable_words": reliable_words(),
        "any_few": any(0 < n < FEW for n in few),
        "few": FEW,
        "service": service,
        "title": "VIG service report",
        "subject": "De-identified figures for a period of Video Interaction Guidance work",
        "footer": "De-identified figures — no names, references or dates of birth",
    }


def service_report_pdf(figures: ServiceFigures, service: ServiceInfo, made_on: date) -> bytes:
    """The report as PDF bytes (tagged PDF, the shipped fonts, the service logo if set)."""
    fetcher = make_fetcher([service.logo] if service.logo is not None else [])
    context = report_context(figures, service, made_on)
    html = render_html("service_report.html", **context, font_faces=font_faces([service.name]))
    rendered = html_to_pdf_pages(html, fetcher, variant=PDF_VARIANT)
    if rendered.boxed:
        raise DocumentError(
            "The service name has letters no font can print.",
            hint="Change the service name in settings; nothing was written.",
        )
    return rendered.pdf


def service_report_csv(figures: ServiceFigures) -> bytes:
    """One row per figure: section, item, value (numbers and the period's two dates only)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(figure_rows(figures))
    return text.getvalue().encode("utf-8")
