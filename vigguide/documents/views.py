"""What each printed page shows, worked out before the template draws it: the helping questions
with their charts, the moments with their stills laid out, the footer, the "keep doing" list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vigguide.documents.chart import RatingsChart, ratings_chart
from vigguide.documents.layout import StillGrid, grid_columns, still_views
from vigguide.documents.model import ClipForReview, HelpingQuestionResult

LONG_MOMENT_CHARS = 1200
"""Above this much text a moment may break across pages rather than jump whole to the next."""


@dataclass(frozen=True)
class QuestionView:
    """A helping question ready to print: her words, the chart, today's and the last rating."""

    text: str
    chart: RatingsChart
    today: int | None
    before: int | None
    first: int | None
    baseline: int | None = None
    final: int | None = None


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
                baseline=question.baseline,
                final=question.final,
            )
        )
    return views


def private_footer(first_name: str) -> str:
    return f"Private — for {first_name.strip()}" if first_name.strip() else "Private"


@dataclass(frozen=True)
class MomentView:
    """A clip on the summary: its title and stills laid out; the words come from `clip`."""

    clip: ClipForReview
    grid: StillGrid
    long: bool


def moment_views(clips: Sequence[ClipForReview], baby: str) -> list[MomentView]:
    views = []
    for clip in clips:
        paths = [clip.still, *clip.more_stills] if clip.still else []
        captions = [clip.caption, *clip.more_captions]
        stills = still_views(paths, captions, clip.title or f"a moment with {baby}")
        words = sum(
            len(text)
            for text in (
                clip.title,
                clip.caption,
                clip.parent_noticed,
                clip.parent_words,
                clip.making_a_difference,
                clip.feelings_parent,
                clip.feelings_baby,
            )
        )
        views.append(
            MomentView(
                clip,
                StillGrid(stills, grid_columns([s.shape for s in stills])),
                long=words > LONG_MOMENT_CHARS,
            )
        )
    return views


def keep_doing_items(text: str) -> list[str]:
    """What she will keep doing, one item a line (or a paragraph): printed as a list."""
    return [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]
