"""The figures of the de-identified service report, from plain rows: pure counting, no I/O.

Nothing here carries a name, a case reference, a date of birth, free text or a date of a case:
the rows hold row ids and dates only so the figures can be counted, and the figures hold counts,
means and the period itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from vigguide.domain.practitioner_stage import NOT_RECORDED, STAGES, StageFrom, stage_on
from vigguide.errors import VigGuideError

MEASURE_NAMES: dict[str, str] = {
    "phq9": "PHQ-9",
    "gad7": "GAD-7",
    "core10": "CORE-10",
    "pbq": "PBQ",
    "epds": "EPDS",
}
RELIABLE_CHANGE: dict[str, int] = {"phq9": 6, "gad7": 5, "core10": 6}
"""Points of change that count as reliable (the service's agreed figures). EPDS and PBQ have
none here, so no reliable change is claimed for them."""
FEW = 5
"""Below this many, a mean describes very few families: the report says so beside it."""


# rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRow:
    case_id: int
    opened_on: date
    closed_on: date | None


@dataclass(frozen=True)
class CycleRow:
    case_id: int
    number: int
    filmed_on: date | None
    reviewed_on: date | None


@dataclass(frozen=True)
class QuestionRow:
    question_id: int
    case_id: int
    baseline: int | None


@dataclass(frozen=True)
class RatingRow:
    """A rating at a shared review (dated by the review) or at the ending (dated by it)."""

    question_id: int
    on: date
    rating: int
    at_ending: bool = False


@dataclass(frozen=True)
class EndingRow:
    case_id: int
    held_on: date


@dataclass(frozen=True)
class MeasureRow:
    case_id: int
    kind: str
    taken_on: date
    total: int


@dataclass(frozen=True)
class ServiceRows:
    cases: Sequence[CaseRow] = ()
    cycles: Sequence[CycleRow] = ()
    questions: Sequence[QuestionRow] = ()
    ratings: Sequence[RatingRow] = ()
    endings: Sequence[EndingRow] = ()
    measures: Sequence[MeasureRow] = ()
    stages: Sequence[StageFrom] = ()


# figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise VigGuideError(
                f"The period starts ({self.start.isoformat()}) after it ends"
                f" ({self.end.isoformat()}).",
                "Give --from a date on or before --to.",
            )

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class Activity:
    cases_open: int
    cases_started: int
    cases_closed: int
    cycles: int
    reviews_held: int
    endings: int


@dataclass(frozen=True)
class Change:
    """Change from a first to a last score, over `n` (questions or cases)."""

    n: int
    mean_first: float | None
    mean_last: float | None
    mean_change: float | None
    higher: int
    same: int
    lower: int


@dataclass(frozen=True)
class QuestionFigures:
    rated: int
    """Helping questions whose latest rating (to the end of the period) falls in the period."""
    change: Change
    """Baseline to latest rating, for those of them with a baseline."""

    @property
    def without_baseline(self) -> int:
        return self.rated - self.change.n


@dataclass(frozen=True)
class MeasureFigures:
    kind: str
    change: Change
    """First to last score per case (higher scores mean more difficulty: lower is better)."""
    once_only: int
    """Cases scored in the period with no earlier score to compare with."""
    reliable: int | None
    reliably_better: int | None = None
    reliably_worse: int | None = None

    @property
    def name(self) -> str:
        return MEASURE_NAMES.get(self.kind, self.kind)


@dataclass(frozen=True)
class StageFigures:
    stage: str
    cycles: int
    reviews_held: int


@dataclass(frozen=True)
class ServiceFigures:
    period: Period
    activity: Activity
    questions: QuestionFigures
    measures: tuple[MeasureFigures, ...]
    stages: tuple[StageFigures, ...] = field(default=())


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def change_of(pairs: Iterable[tuple[int, int]]) -> Change:
    pairs = list(pairs)
    deltas = [last - first for first, last in pairs]
    return Change(
        n=len(pairs),
        mean_first=_mean([first for first, _ in pairs]),
        mean_last=_mean([last for _, last in pairs]),
        mean_change=_mean(deltas),
        higher=sum(1 for x in deltas if x > 0),
        same=sum(1 for x in deltas if x == 0),
        lower=sum(1 for x in deltas if x < 0),
    )


def activity(rows: ServiceRows, period: Period) -> Activity:
    def open_in(case: CaseRow) -> bool:
        return case.opened_on <= period.end and (
            case.closed_on is None or case.closed_on >= period.start
        )

    return Activity(
        cases_open=sum(1 for c in rows.cases if open_in(c)),
        cases_started=sum(1 for c in rows.cases if period.holds(c.opened_on)),
        cases_closed=sum(1 for c in rows.cases if period.holds(c.closed_on)),
        cycles=len(cycles_in(rows.cycles, period)),
        reviews_held=sum(1 for c in rows.cycles if period.holds(c.reviewed_on)),
        endings=sum(1 for e in rows.endings if period.holds(e.held_on)),
    )


def cycles_in(cycles: Iterable[CycleRow], period: Period) -> list[tuple[CycleRow, date]]:
    """Each cycle with a film made or a shared review held in the period, with the date it counts
    on: its review when that is in the period, else its film."""
    found = []
    for cycle in cycles:
        if period.holds(cycle.reviewed_on):
            assert cycle.reviewed_on is not None
            found.append((cycle, cycle.reviewed_on))
        elif period.holds(cycle.filmed_on):
            assert cycle.filmed_on is not None
            found.append((cycle, cycle.filmed_on))
    return found


def question_figures(rows: ServiceRows, period: Period) -> QuestionFigures:
    latest: dict[int, RatingRow] = {}
    for rating in sorted(rows.ratings, key=lambda r: (r.on, r.at_ending)):
        if rating.on <= period.end:
            latest[rating.question_id] = rating  # the ending's rating wins a tie with a review
    baselines = {q.question_id: q.baseline for q in rows.questions}
    rated = {qid: r for qid, r in latest.items() if period.holds(r.on) and qid in baselines}
    pairs = [(base, rated[qid].rating) for qid in rated if (base := baselines[qid]) is not None]
    return QuestionFigures(rated=len(rated), change=change_of(pairs))


def measure_figures(rows: ServiceRows, period: Period) -> tuple[MeasureFigures, ...]:
    by_case: dict[tuple[str, int], list[MeasureRow]] = {}
    for measure in sorted(rows.measures, key=lambda m: m.taken_on):
        if measure.taken_on <= period.end:
            by_case.setdefault((measure.kind, measure.case_id), []).append(measure)
    figures = []
    for kind in (*MEASURE_NAMES, *sorted({m.kind for m in rows.measures} - set(MEASURE_NAMES))):
        series = [s for (k, _), s in by_case.items() if k == kind and period.holds(s[-1].taken_on)]
        pairs = [(s[0].total, s[-1].total) for s in series if len(s) >= 2]
        reliable = RELIABLE_CHANGE.get(kind)
        deltas = [last - first for first, last in pairs]
        figures.append(
            MeasureFigures(
                kind=kind,
                change=change_of(pairs),
                once_only=sum(1 for s in series if len(s) == 1),
                reliable=reliable,
                reliably_better=None if reliable is None else sum(x <= -reliable for x in deltas),
                reliably_worse=None if reliable is None else sum(x >= reliable for x in deltas),
            )
        )
    return tuple(figures)


def stage_figures(rows: ServiceRows, period: Period) -> tuple[StageFigures, ...]:
    counts: dict[str, list[int]] = {stage: [0, 0] for stage in (*STAGES, NOT_RECORDED)}
    for cycle, day in cycles_in(rows.cycles, period):
        count = counts[stage_on(rows.stages, day)]
        count[0] += 1
        count[1] += int(period.holds(cycle.reviewed_on))
    return tuple(
        StageFigures(stage, cycles, reviews)
        for stage, (cycles, reviews) in counts.items()
        if cycles or stage in {s.stage for s in rows.stages}
    )


def service_figures(rows: ServiceRows, period: Period) -> ServiceFigures:
    return ServiceFigures(
        period=period,
        activity=activity(rows, period),
        questions=question_figures(rows, period),
        measures=measure_figures(rows, period),
        stages=stage_figures(rows, period),
    )


def figure_rows(figures: ServiceFigures) -> list[tuple[str, str, str]]:
    """(section, item, value) for every figure: the CSV, and the one list the PDF shows."""
    a, q = figures.activity, figures.questions
    out: list[tuple[str, str, str]] = [
        ("period", "from", figures.period.start.isoformat()),
        ("period", "to", figures.period.end.isoformat()),
        ("activity", "cases open in the period", str(a.cases_open)),
        ("activity", "cases started", str(a.cases_started)),
        ("activity", "cases closed", str(a.cases_closed)),
        ("activity", "cycles (film made or shared review held)", str(a.cycles)),
        ("activity", "shared reviews held", str(a.reviews_held)),
        ("activity", "ending reviews recorded", str(a.endings)),
        ("helping questions", "rated in the period", str(q.rated)),
        ("helping questions", "without a starting rating", str(q.without_baseline)),
        *_change_rows("helping questions", q.change),
    ]
    for m in figures.measures:
        section = f"outcome measure {m.name}"
        out += _change_rows(section, m.change)
        out.append((section, "scored once only", str(m.once_only)))
        if m.reliable is not None:
            out += [
                (section, "reliable change (points)", str(m.reliable)),
                (section, "reliably improved", str(m.reliably_better)),
                (section, "reliably worse", str(m.reliably_worse)),
            ]
    for s in figures.stages:
        out += [
            ("cycles by practitioner stage", f"{s.stage}: cycles", str(s.cycles)),
            ("cycles by practitioner stage", f"{s.stage}: shared reviews", str(s.reviews_held)),
        ]
    return out


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _change_rows(section: str, change: Change) -> list[tuple[str, str, str]]:
    return [
        (section, "n (first and last score)", str(change.n)),
        (section, "mean first", _number(change.mean_first)),
        (section, "mean last", _number(change.mean_last)),
        (section, "mean change", _number(change.mean_change)),
        (section, "higher", str(change.higher)),
        (section, "same", str(change.same)),
        (section, "lower", str(change.lower)),
    ]
