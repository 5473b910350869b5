"""The practitioner's VIG stage over time (AVIGuk's supervised stages, then accredited guider and
supervisor): a short history of (stage, from date), so each cycle counts under the stage in force
on its date."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from vigguide.errors import VigGuideError

STAGES: tuple[str, ...] = (
    "trainee stage 1",
    "trainee stage 2",
    "trainee stage 3",
    "accredited guider",
    "supervisor",
)
NOT_RECORDED = "stage not recorded"


@dataclass(frozen=True, order=True)
class StageFrom:
    """`stage` from `since` until the next entry of the history."""

    since: date
    stage: str


def check_stage(stage: str) -> str:
    stage = stage.strip().lower()
    if stage not in STAGES:
        raise VigGuideError(f'"{stage}" is not a VIG stage.', f"Choose from {', '.join(STAGES)}.")
    return stage


def with_stage(history: Sequence[StageFrom], stage: str, since: date) -> tuple[StageFrom, ...]:
    """The history with `stage` from `since`: an entry on the same date is replaced, the rest kept
    in date order (a stage recorded late still counts from the day it began)."""
    entry = StageFrom(since, check_stage(stage))
    kept = [h for h in history if h.since != since]
    return tuple(sorted([*kept, entry]))


def stage_on(history: Sequence[StageFrom], day: date) -> str:
    """The stage in force on `day`; NOT_RECORDED before the first entry."""
    current = NOT_RECORDED
    for entry in sorted(history):
        if entry.since <= day:
            current = entry.stage
    return current


def history_to_json(history: Sequence[StageFrom]) -> str:
    return json.dumps([{"stage": h.stage, "from": h.since.isoformat()} for h in sorted(history)])


def history_from_json(text: str) -> tuple[StageFrom, ...]:
    """The stored history; entries that are not valid (a hand edit, an older version) are left
    out rather than stopping anything."""
    try:
        raw = json.loads(text or "[]")
    except ValueError:
        return ()
    found: list[StageFrom] = []
    for item in raw if isinstance(raw, list) else []:
        try:
            found.append(StageFrom(date.fromisoformat(item["from"]), check_stage(item["stage"])))
        except (KeyError, TypeError, ValueError, VigGuideError):
            continue
    return tuple(sorted(found))


def history_words(history: Sequence[StageFrom]) -> str:
    """One line for the profile: "trainee stage 1 from 2025-01-10; trainee stage 2 from …"."""
    return "; ".join(f"{h.stage} from {h.since.isoformat()}" for h in sorted(history))
