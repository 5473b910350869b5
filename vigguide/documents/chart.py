"""The geometry of the small 0–10 ratings chart; the template draws it as escaped inline SVG."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BAR_WIDTH = 34
GAP = 24
LEFT = 30
TOP = 18
PLOT_HEIGHT = 70
LABEL_SPACE = 24


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    latest: bool


@dataclass(frozen=True)
class RatingsChart:
    """Bars for each cycle's rating, the latest one darker; sizes in SVG user units."""

    bars: tuple[Bar, ...]
    width: float
    height: float
    baseline: float
    top: float
    description: str
    """Says the same in words (the SVG's title, for screen readers)."""


def ratings_chart(
    ratings: Sequence[tuple[int, int]], *, start: int | None = None, end: int | None = None
) -> RatingsChart:
    """Lay out one bar per (cycle, rating) pair, oldest first; ratings are clamped to 0–10. The
    ending summary adds her rating at the start (`start`, first) and at the end (`end`, last)."""
    labelled = [(f"Review {cycle}", rating) for cycle, rating in sorted(ratings)]
    words_of = [(f"review {cycle}", rating) for cycle, rating in sorted(ratings)]
    if start is not None:
        labelled.insert(0, ("Start", start))
        words_of.insert(0, ("at the start", start))
    if end is not None:
        labelled.append(("End", end))
        words_of.append(("at the end", end))
    baseline = TOP + PLOT_HEIGHT
    bars = []
    for index, (label, rating) in enumerate(labelled):
        value = max(0, min(10, int(rating)))
        height = PLOT_HEIGHT * value / 10
        bars.append(
            Bar(
                x=LEFT + index * (BAR_WIDTH + GAP),
                y=baseline - height,
                width=BAR_WIDTH,
                height=height,
                value=value,
                label=label,
                latest=index == len(labelled) - 1,
            )
        )
    words = ", ".join(f"{when}: {max(0, min(10, v))} out of 10" for when, v in words_of)
    return RatingsChart(
        bars=tuple(bars),
        width=LEFT + max(1, len(bars)) * (BAR_WIDTH + GAP),
        height=baseline + LABEL_SPACE,
        baseline=baseline,
        top=TOP,
        description=f"Your ratings out of 10 — {words}." if words else "No ratings yet.",
    )
