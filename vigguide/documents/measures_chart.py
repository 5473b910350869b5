"""The outcome measures section of the clinical documents: one small line chart per measure across
the work, its cut-off bands shaded behind, drawn by `_measures.html` as escaped inline SVG.

Measures belong to the clinical record (the progress note, the ending note); they are never put in
a parent's document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from vigguide.documents.environment import environment
from vigguide.domain.measures import Measure, by_kind

LEFT = 34
TOP = 12
PLOT_HEIGHT = 96
STEP = 82
PAD = 30
LABELS = 190
"""Room on the right for the band names."""
DATE_SPACE = 22
# Quiet tints from "well" to "severe", spread over however many bands a measure has.
TINTS = ("#e8f2ec", "#eef3e2", "#f7f1dc", "#f8e8d8", "#f5ddd5", "#f0d2cf")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class BandBox:
    y: float
    height: float
    label: str
    fill: str
    label_y: float


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    total: int
    day: str
    band: str
    risk: bool


@dataclass(frozen=True)
class MeasureChart:
    """One measure across the work; sizes in SVG user units."""

    name: str
    max_total: int
    width: float
    height: float
    plot_right: float
    top: float
    baseline: float
    bands: tuple[BandBox, ...]
    points: tuple[Point, ...]
    line: str
    """The polyline's points attribute."""
    cutoff: int | None
    cutoff_y: float | None
    description: str
    source: str
    """Attribution printed under the chart (CORE-10's is required)."""


def short_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _y(value: float, max_total: int) -> float:
    return TOP + PLOT_HEIGHT * (1 - max(0.0, min(float(max_total), value)) / max_total)


def measure_chart(measures: Sequence[Measure]) -> MeasureChart:
    """The chart of one kind of measure, oldest first."""
    ordered = sorted(measures, key=lambda m: (m.taken_on, m.id))
    inst = ordered[0].instrument
    top_total = inst.max_total
    plot_right = LEFT + 2 * PAD + max(2, len(ordered) - 1) * STEP  # never a cramped chart
    bands = []
    count = len(inst.bands)
    for index, band in enumerate(inst.bands):
        # a band covers its whole-number range: from low - 0.5 to high + 0.5, within the scale
        y_top = _y(min(top_total, band.high + 0.5), top_total)
        y_bottom = _y(max(0, band.low - 0.5), top_total)
        tint = TINTS[round(index * (len(TINTS) - 1) / max(1, count - 1))]
        bands.append(
            BandBox(
                y_top,
                y_bottom - y_top,
                f"{band.label} ({band.low}–{band.high})",
                tint,
                (y_top + y_bottom) / 2 + 3.5,
            )
        )
    points = tuple(
        Point(
            LEFT + PAD + index * STEP,
            _y(m.total, top_total),
            m.total,
            short_date(m.taken_on),
            m.band,
            m.risk,
        )
        for index, m in enumerate(ordered)
    )
    words = "; ".join(f"{p.day}: {p.total}" + (f" ({p.band})" if p.band else "") for p in points)
    cutoff_y = _y(inst.cutoff - 0.5, top_total) if inst.cutoff is not None else None
    return MeasureChart(
        name=inst.name,
        max_total=top_total,
        width=plot_right + (LABELS if bands else 10),
        height=TOP + PLOT_HEIGHT + DATE_SPACE,
        plot_right=plot_right,
        top=TOP,
        baseline=TOP + PLOT_HEIGHT,
        bands=tuple(bands),
        points=points,
        line=" ".join(f"{p.x:g},{p.y:.1f}" for p in points),
        cutoff=inst.cutoff,
        cutoff_y=cutoff_y,
        description=f"{inst.name} scores (0 to {top_total}) — {words}.",
        source=inst.source if inst.kind == "core10" else "",
    )


def measure_charts(measures: Sequence[Measure]) -> list[MeasureChart]:
    """One chart per kind of measure the case has, in the instruments' order."""
    return [measure_chart(found) for found in by_kind(measures).values()]


def measures_html(measures: Sequence[Measure], heading: str = "Outcome measures") -> Markup:
    """The "Outcome measures" section (heading, charts, a table of every score) as HTML for a
    clinical document's template; empty when there are none. Rendered from an autoescaped
    template, so it is safe to print as it is."""
    if not measures:
        return Markup("")
    template = environment().get_template("_measures.html")
    html = template.render(charts=measure_charts(measures), heading=heading)
    return Markup(html)  # noqa: S704 — the template autoescapes; no text is marked safe in it


def measures_text(measures: Sequence[Measure]) -> list[str]:
    """The same section as lines of plain text, for the note pasted into the record."""
    lines: list[str] = []
    for found in by_kind(measures).values():
        inst = found[0].instrument
        scores = "; ".join(
            f"{short_date(m.taken_on)}: {m.total}"
            + (f" ({m.band})" if m.band else "")
            + (" — risk answer" if m.risk else "")
            for m in found
        )
        lines.append(f"- {inst.name} (0–{inst.max_total}): {scores}")
    return lines
