"""Counting towards AVIGuk accreditation, pure: supervision sessions and completed cycles, counted
per stage and per client against each stage's requirements.

After the 2-day initial course come three supervised stages, each closed by a transition (or, at
the end, accreditation) meeting: stage 1 — 6 cycles with at least 2 clients and 7 hours of
supervision; stage 2 — 9 cycles with at least 3 more clients and 8 hours; stage 3 — 12 cycles
with at least 3 more clients and 8 hours. A cycle is one film followed by one shared review.

Each cycle and each session counts under the stage in force on its date (the practitioner's stage
history, recorded on the profile; before any is recorded, stage 1). Nothing before the initial
course counts. "More clients" are families not counted in an earlier stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from vigguide.domain.practitioner_stage import NOT_RECORDED, StageFrom, stage_on


@dataclass(frozen=True)
class StageRequirement:
    stage: int
    cycles: int
    new_clients: int
    hours: float


REQUIREMENTS: tuple[StageRequirement, ...] = (
    StageRequirement(1, 6, 2, 7.0),
    StageRequirement(2, 9, 3, 8.0),
    StageRequirement(3, 12, 3, 8.0),
)
_STAGE_NUMBER = {"trainee stage 1": 1, "trainee stage 2": 2, "trainee stage 3": 3}
AFTER = 0
"""The "stage" of work after accreditation: kept in the log, not counted towards a stage."""


@dataclass(frozen=True)
class CompletedCycle:
    """A cycle with a film and a shared review held: `client` is the case's id (never shown)."""

    client: int
    number: int
    reviewed_on: date


@dataclass(frozen=True)
class Session:
    """One supervision session as logged."""

    id: int
    held_on: date
    hours: float
    supervisor: str
    group: bool = False
    cycles: tuple[tuple[int, int], ...] = ()
    """The cycles discussed, as (client, cycle number)."""


@dataclass(frozen=True)
class StageProgress:
    """One stage: what counts under it, against what it needs."""

    requirement: StageRequirement
    cycles: tuple[CompletedCycle, ...] = ()
    new_clients: tuple[int, ...] = ()
    hours: float = 0.0
    sessions: int = 0
    per_client: dict[int, int] = field(default_factory=dict)

    @property
    def stage(self) -> int:
        return self.requirement.stage

    @property
    def met(self) -> bool:
        r = self.requirement
        enough_cycles = len(self.cycles) >= r.cycles
        return enough_cycles and len(self.new_clients) >= r.new_clients and self.hours >= r.hours

    def still_needed(self) -> tuple[str, ...]:
        """What the stage still needs, in words ("2 more cycles", "1.5 more hours")."""
        r = self.requirement
        needs: list[str] = []
        if (n := r.cycles - len(self.cycles)) > 0:
            needs.append(f"{n} more cycle{'s' if n != 1 else ''}")
        if (n := r.new_clients - len(self.new_clients)) > 0:
            needs.append(f"{n} more client{'s' if n != 1 else ''}")
        if (h := r.hours - self.hours) > 1e-9:
            needs.append(f"{h:g} more hour{'s' if h != 1 else ''} of supervision")
        return tuple(needs)


@dataclass(frozen=True)
class Accreditation:
    """The whole picture: each stage's progress, the current stage, and what is not counted."""

    course_on: date | None
    stages: tuple[StageProgress, ...]
    current_stage: int
    """1–3, or AFTER once accredited."""
    before_course: int = 0
    """Cycles and sessions dated before the initial course (not counted)."""
    after_accreditation: int = 0
    total_hours: float = 0.0
    clients: tuple[int, ...] = ()
    """Every client with a counted cycle, in the order of their first counted cycle."""


def stage_number(history: Sequence[StageFrom], day: date) -> int:
    """The supervised stage (1–3) in force on `day`, AFTER once accredited; 1 before any stage
    is recorded."""
    stage = stage_on(history, day)
    if stage == NOT_RECORDED:
        return 1
    return _STAGE_NUMBER.get(stage, AFTER)


def count(
    cycles: Sequence[CompletedCycle],
    sessions: Sequence[Session],
    history: Sequence[StageFrom] = (),
    course_on: date | None = None,
    today: date | None = None,
) -> Accreditation:
    """Count cycles and sessions under each stage. Cycles are taken in the order of their shared
    reviews; a client counts as "new" in the first stage where one of her cycles counts."""
    ordered = sorted(cycles, key=lambda c: (c.reviewed_on, c.client, c.number))
    before = 0
    after = 0
    by_stage: dict[int, list[CompletedCycle]] = {r.stage: [] for r in REQUIREMENTS}
    for cycle in ordered:
        if course_on is not None and cycle.reviewed_on < course_on:
            before += 1
            continue
        number = stage_number(history, cycle.reviewed_on)
        if number == AFTER:
            after += 1
            continue
        by_stage[number].append(cycle)
    hours: dict[int, float] = {r.stage: 0.0 for r in REQUIREMENTS}
    held: dict[int, int] = {r.stage: 0 for r in REQUIREMENTS}
    total = 0.0
    for session in sessions:
        total += session.hours
        if course_on is not None and session.held_on < course_on:
            before += 1
            continue
        number = stage_number(history, session.held_on)
        if number == AFTER:
            after += 1
            continue
        hours[number] += session.hours
        held[number] += 1
    seen: list[int] = []
    stages = []
    for requirement in REQUIREMENTS:
        counted = tuple(by_stage[requirement.stage])
        new = tuple(dict.fromkeys(c.client for c in counted if c.client not in seen))
        seen += new
        per_client: dict[int, int] = {}
        for c in counted:
            per_client[c.client] = per_client.get(c.client, 0) + 1
        stages.append(
            StageProgress(
                requirement,
                counted,
                new,
                round(hours[requirement.stage], 2),
                held[requirement.stage],
                per_client,
            )
        )
    current = stage_number(history, today) if today is not None else 1
    if today is None and history:
        current = stage_number(history, max(h.since for h in history))
    return Accreditation(
        course_on, tuple(stages), current, before, after, round(total, 2), tuple(seen)
    )


def family_labels(clients: Sequence[int]) -> dict[int, str]:
    """ "Family A", "Family B", … in the order given (then "Family AA", …): the only name a
    family has in the accreditation log."""
    labels: dict[int, str] = {}
    for index, client in enumerate(dict.fromkeys(clients)):
        letters = ""
        n = index
        while True:
            letters = chr(ord("A") + n % 26) + letters
            n = n // 26 - 1
            if n < 0:
                break
        labels[client] = f"Family {letters}"
    return labels
