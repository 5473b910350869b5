"""Storing the guider's reflections and self-assessment, one row per cycle, each save one
transaction with its audit event (which records the cycle, never the words)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

from vigguide.domain.reflections import (
    Reflections,
    assessment_from_json,
    assessment_to_json,
)
from vigguide.store import rows

if TYPE_CHECKING:
    from vigguide.store.cases import CaseStore


def load_reflections(store: CaseStore, ref: str, cycle: int) -> Reflections:
    """The reflections on cycle `cycle` of case `ref` (empty when none are written yet)."""
    cycle_id = store.cycle_id(ref, cycle)
    row = store.conn.execute(
        "SELECT notes, self_assessment, updated_at FROM reflections WHERE cycle_id = ?",
        (cycle_id,),
    ).fetchone()
    if row is None:
        return Reflections()
    try:
        notes = json.loads(row[0] or "{}")
        assessment = json.loads(row[1] or "{}")
    except ValueError:
        return Reflections()
    notes = notes if isinstance(notes, dict) else {}
    return Reflections(
        went_well=str(notes.get("went_well", "")),
        activated_her=str(notes.get("activated_her", "")),
        from_supervision=str(notes.get("from_supervision", "")),
        self_assessment=assessment_from_json(assessment),
        updated_at=rows.dt(row[2]),
    )


def save_reflections(
    store: CaseStore, ref: str, cycle: int, reflections: Reflections
) -> Reflections:
    """Store the reflections on one cycle as given (the whole record, replacing the last)."""
    cycle_id = store.cycle_id(ref, cycle)
    now = store._clock()
    notes = {
        "went_well": reflections.went_well,
        "activated_her": reflections.activated_her,
        "from_supervision": reflections.from_supervision,
    }
    assessment = assessment_to_json(reflections.self_assessment)
    with store.action("reflections.update", ref, {"cycle": cycle}) as c:
        c.execute(
            "INSERT INTO reflections (cycle_id, notes, self_assessment, updated_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT(cycle_id) DO UPDATE SET notes = excluded.notes,"
            " self_assessment = excluded.self_assessment, updated_at = excluded.updated_at",
            (cycle_id, json.dumps(notes), json.dumps(assessment), rows.iso(now)),
        )
    return replace(reflections, updated_at=now)
