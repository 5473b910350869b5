"""The rows the service report counts, read straight from the schema (raw SQL, version 4), and
the audit event of a service report export (it belongs to no case).

Only ids, dates and numbers are read: never a name, a reference, a date of birth or free text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from vigguide.domain.practitioner_stage import (
    StageFrom,
    history_from_json,
    history_to_json,
    with_stage,
)
from vigguide.domain.service_report import (
    CaseRow,
    CycleRow,
    EndingRow,
    MeasureRow,
    QuestionRow,
    RatingRow,
    ServiceRows,
)

if TYPE_CHECKING:
    from vigguide.store.cases import CaseStore

STAGES_KEY = "practitioner_stages"
"""The settings key holding the practitioner's stage history (JSON: [{stage, from}, …])."""
EXPORT_KINDS = ("service-report", "service-report-csv", "accreditation-log")


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _held_on(review_json: str) -> date | None:
    try:
        review = json.loads(review_json or "{}")
    except ValueError:
        return None
    return _day(review.get("held_on")) if isinstance(review, dict) else None


def _ending_ratings(text: str) -> dict[int, int]:
    try:
        raw = json.loads(text or "{}")
    except ValueError:
        return {}
    found: dict[int, int] = {}
    for key, value in raw.items() if isinstance(raw, dict) else ():
        try:
            rating = int(value)
            if 0 <= rating <= 10:
                found[int(key)] = rating
        except (TypeError, ValueError):
            continue
    return found


def stage_history(store: CaseStore) -> tuple[StageFrom, ...]:
    return history_from_json(store.setting(STAGES_KEY, "[]"))


def set_stage(store: CaseStore, stage: str, since: date) -> tuple[StageFrom, ...]:
    """Record `stage` from `since` in the practitioner's history (audited as a settings change)."""
    history = with_stage(stage_history(store), stage, since)
    store.set_setting(STAGES_KEY, history_to_json(history))
    return history


def service_rows(store: CaseStore) -> ServiceRows:
    """Every row the report counts, read under the store's lock in one go."""
    with store.lock:
        c = store.conn
        cases = c.execute(
            "SELECT id, created_at, COALESCE(closed_on, CASE WHEN status = 'closed'"
            " THEN updated_at END) FROM cases"
        ).fetchall()
        cycles = c.execute(
            "SELECT cy.case_id, cy.number, cy.review, (SELECT MIN(COALESCE(r.filmed_on,"
            " substr(r.imported_at, 1, 10))) FROM recordings r WHERE r.cycle_id = cy.id"
            " AND r.kind = 'interaction')"
            " FROM cycles cy"
        ).fetchall()
        questions = c.execute("SELECT id, case_id, baseline FROM helping_questions").fetchall()
        ratings = c.execute(
            "SELECT ra.question_id, q.case_id, ra.cycle_number, ra.rating FROM ratings ra"
            " JOIN helping_questions q ON q.id = ra.question_id"
        ).fetchall()
        endings = c.execute("SELECT case_id, held_on, ratings FROM endings").fetchall()
        measures = c.execute("SELECT case_id, kind, taken_on, total FROM measures").fetchall()
    case_rows = [CaseRow(r[0], d, _day(r[2])) for r in cases if (d := _day(r[1])) is not None]
    cycle_rows = [CycleRow(r[0], r[1], _day(r[3]), _held_on(r[2])) for r in cycles]
    reviewed = {(cy.case_id, cy.number): cy.reviewed_on for cy in cycle_rows}
    rating_rows = [
        RatingRow(r[0], on, int(r[3]))
        for r in ratings
        if (on := reviewed.get((r[1], r[2]))) is not None
    ]
    case_of = {r[0]: r[1] for r in questions}
    ending_rows = []
    for case_id, held, marks in endings:
        held_on = _day(held)
        if held_on is None:
            continue
        ending_rows.append(EndingRow(case_id, held_on))
        rating_rows += [
            RatingRow(qid, held_on, rating, at_ending=True)
            for qid, rating in _ending_ratings(marks).items()
            if case_of.get(qid) == case_id
        ]
    return ServiceRows(
        cases=case_rows,
        cycles=cycle_rows,
        questions=[QuestionRow(r[0], r[1], r[2]) for r in questions],
        ratings=rating_rows,
        endings=ending_rows,
        measures=[
            MeasureRow(r[0], str(r[1]), on, int(r[3]))
            for r in measures
            if (on := _day(r[2])) is not None
        ],
        stages=stage_history(store),
    )


def record_service_export(store: CaseStore, record: Mapping[str, Any], file_name: str) -> None:
    """The audit event of a service report file put in place (no case: the case ref is empty)."""
    detail = {
        "kind": str(record.get("kind", "")),
        "from": str(record.get("from", "")),
        "to": str(record.get("to", "")),
        "file": file_name,
    }
    with store.action("document.export", "", detail):
        pass
