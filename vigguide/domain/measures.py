"""Outcome measures for a case: scoring the answers entered, the risk signal, and a measure's
course across the work as a terminal sparkline. Pure values, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from vigguide.domain.instruments import INSTRUMENTS, KINDS, Instrument
from vigguide.errors import VigGuideError


@dataclass(frozen=True)
class Scored:
    """What is stored for one measure: the answers as entered, the total and the risk signal."""

    kind: str
    answers: tuple[int, ...]
    """Each item's answer (0 = the first option), as entered; empty for a total-only measure."""
    total: int
    risk: bool
    item10: int | None = None
    """The EPDS item 10 score, entered on its own (its items are not reproduced)."""

    @property
    def instrument(self) -> Instrument:
        return INSTRUMENTS[self.kind]

    @property
    def band(self) -> str:
        return self.instrument.band(self.total)


@dataclass(frozen=True)
class Measure:
    """One measure as recorded for a case on one day."""

    id: int
    kind: str
    taken_on: date
    answers: tuple[int, ...]
    total: int
    risk: bool
    recorded_at: datetime | None = None
    item10: int | None = None

    @property
    def instrument(self) -> Instrument:
        return INSTRUMENTS[self.kind]

    @property
    def name(self) -> str:
        return self.instrument.name

    @property
    def band(self) -> str:
        return self.instrument.band(self.total)


def instrument(kind: str) -> Instrument:
    """The instrument called `kind`, or a plain message naming the ones there are."""
    found = INSTRUMENTS.get(kind.strip().lower())
    if found is None:
        raise VigGuideError(
            f"There is no measure called {kind!r}.", f"Choose one of {', '.join(KINDS)}."
        )
    return found


def score(
    kind: str,
    answers: Sequence[int] | None = None,
    *,
    total: int | None = None,
    item10: int | None = None,
) -> Scored:
    """Score one measure as entered: every answer for PHQ-9, GAD-7 and CORE-10; the total for the
    PBQ; the total and item 10's own score for the EPDS. Anything out of range is a plain message.
    """
    inst = instrument(kind)
    if inst.itemised:
        return _score_items(inst, answers, total)
    if answers:
        raise VigGuideError(
            f"The {inst.name} is recorded as a total score, not item by item.",
            "Enter its total instead.",
        )
    if total is None:
        raise VigGuideError(f"The {inst.name} needs its total score.", "Enter the total.")
    _in_range(total, 0, inst.max_total, f"The {inst.name} total")
    if inst.risk_item is None:
        if item10 is not None:
            raise VigGuideError(f"The {inst.name} has no separate item score to enter.")
        return Scored(inst.kind, (), total, False)
    if item10 is None:
        raise VigGuideError(
            f"The {inst.name} needs item {inst.risk_item}'s own score too (0 to "
            f"{inst.risk_item_max}).",
            "Enter it as it was answered: it is the question about harming oneself.",
        )
    _in_range(item10, 0, inst.risk_item_max, f"{inst.name} item {inst.risk_item}")
    if item10 > total:
        raise VigGuideError(
            f"The {inst.name} item {inst.risk_item} score ({item10}) is more than the total "
            f"({total}).",
            "Check both against the form.",
        )
    return Scored(inst.kind, (), total, item10 > 0, item10)


def _score_items(inst: Instrument, answers: Sequence[int] | None, total: int | None) -> Scored:
    if total is not None:
        raise VigGuideError(
            f"The {inst.name} is entered answer by answer; its total is worked out for you.",
            "Leave the total out.",
        )
    given = tuple(answers or ())
    if len(given) != len(inst.items):
        raise VigGuideError(
            f"The {inst.name} has {len(inst.items)} answers; {len(given)} were given.",
            f"Give one answer for each item, 0 to {inst.item_max}.",
        )
    for number, answer in enumerate(given, start=1):
        _in_range(answer, 0, inst.item_max, f"{inst.name} answer {number}")
    scores = [
        inst.item_max - answer if number in inst.reversed_items else answer
        for number, answer in enumerate(given, start=1)
    ]
    risk = inst.risk_item is not None and given[inst.risk_item - 1] > 0
    return Scored(inst.kind, given, sum(scores), risk)


def _in_range(value: int, low: int, high: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise VigGuideError(f"{what} must be a whole number from {low} to {high}.")


def risk_item_text(kind: str) -> str:
    """Which answer flagged the risk, in the practice's words."""
    inst = instrument(kind)
    if inst.risk_item is None:
        return ""
    if inst.items:
        return f"{inst.name} item {inst.risk_item}: “{inst.items[inst.risk_item - 1]}”"
    return f"{inst.name} item {inst.risk_item} (thoughts of harming oneself)"


_BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(totals: Sequence[int], max_total: int) -> str:
    """One block per total, its height the share of the measure's range (full scale, so two
    measures' lines compare by eye)."""
    if max_total <= 0:
        return ""
    steps = len(_BLOCKS) - 1
    return "".join(_BLOCKS[round(max(0, min(max_total, t)) / max_total * steps)] for t in totals)


def by_kind(measures: Sequence[Measure]) -> dict[str, list[Measure]]:
    """The measures of each kind, oldest first, in the order instruments are listed."""
    grouped: dict[str, list[Measure]] = {}
    for kind in KINDS:
        found = sorted((m for m in measures if m.kind == kind), key=lambda m: m.taken_on)
        if found:
            grouped[kind] = found
    return grouped
