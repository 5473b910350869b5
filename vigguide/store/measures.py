"""Storing a case's outcome measures (the `measures` table): recorded, listed and deleted, each
change one transaction with its audit event. A risk answer is stored only once the risk procedure
has been shown.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any, Protocol

from vigguide.domain import Case
from vigguide.domain.measures import Measure, Scored, risk_item_text
from vigguide.errors import NotFoundError, VigGuideError
from vigguide.store import rows
from vigguide.store.db import Connection


class RiskNotShownError(VigGuideError):
    """A risk answer was about to be stored without the risk procedure shown first."""


class _Host(Protocol):
    conn: Connection

    def action(
        self, action: str, case_ref: str = "", detail: Mapping[str, Any] | None = None
    ) -> AbstractContextManager[Connection]: ...
    def case(self, ref: str) -> Case: ...
    def touch(self, conn: Connection, case_id: int) -> None: ...
    def _clock(self) -> datetime: ...


def _answers_json(scored: Scored) -> str:
    if scored.item10 is not None:
        return json.dumps({"item10": scored.item10})
    return json.dumps(list(scored.answers))


def _measure(row: Any) -> Measure:
    data = json.loads(row[3] or "[]")
    answers: tuple[int, ...] = tuple(data) if isinstance(data, list) else ()
    item10 = data.get("item10") if isinstance(data, dict) else None
    return Measure(
        id=row[0],
        kind=row[1],
        taken_on=rows.d(row[2]) or date.min,
        answers=answers,
        total=row[4],
        risk=bool(row[5]),
        recorded_at=rows.dt(row[6]),
        item10=item10,
    )


def record_measure(
    store: _Host, ref: str, scored: Scored, taken_on: date, *, risk_shown: bool = False
) -> Measure:
    """Store one scored measure for the case on `taken_on`.

    A risk answer needs `risk_shown=True`: the screen or the command showed the service's risk
    procedure first. The same measure twice on one day is refused; nothing is changed.
    """
    if scored.risk and not risk_shown:
        raise RiskNotShownError(
            f"This {scored.instrument.name} has a risk answer ({risk_item_text(scored.kind)}).",
            "Follow your service's risk procedure first; it is shown before a risk answer is "
            "stored (on the command line: --risk-shown once you have read it).",
        )
    case = store.case(ref)
    if taken_on > store._clock().astimezone().date():  # the practitioner's own day, not UTC's
        raise VigGuideError(
            f"{taken_on.isoformat()} is in the future.", "Give the day the measure was taken."
        )
    detail = {"kind": scored.kind, "taken_on": taken_on.isoformat(), "risk": scored.risk}
    with store.action("measure.record", ref, detail) as c:
        # checked inside the transaction, so two windows entering it at once cannot both store it
        if c.execute(
            "SELECT 1 FROM measures WHERE case_id = ? AND kind = ? AND taken_on = ?",
            (case.id, scored.kind, taken_on.isoformat()),
        ).fetchone():
            raise VigGuideError(
                f"Case {ref} already has a {scored.instrument.name} on {taken_on.isoformat()}.",
                "Delete that one first if it was entered wrongly; nothing was changed.",
            )
        cur = c.execute(
            "INSERT INTO measures (case_id, kind, taken_on, answers, total, risk, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                case.id,
                scored.kind,
                taken_on.isoformat(),
                _answers_json(scored),
                scored.total,
                int(scored.risk),
                rows.iso(store._clock()),
            ),
        )
        store.touch(c, case.id)
        measure_id = cur.lastrowid
    return Measure(
        id=int(measure_id or 0),
        kind=scored.kind,
        taken_on=taken_on,
        answers=scored.answers,
        total=scored.total,
        risk=scored.risk,
        recorded_at=store._clock(),
        item10=scored.item10,
    )


def list_measures(store: _Host, ref: str, kind: str | None = None) -> list[Measure]:
    """The case's measures, oldest first (by the day taken, then as entered)."""
    case = store.case(ref)
    query = (
        "SELECT id, kind, taken_on, answers, total, risk, recorded_at FROM measures"
        " WHERE case_id = ?"
    )
    params: tuple[Any, ...] = (case.id,)
    if kind is not None:
        query += " AND kind = ?"
        params = (case.id, kind)
    found = store.conn.execute(query + " ORDER BY taken_on, id", params).fetchall()
    return [_measure(row) for row in found]


def delete_measure(store: _Host, ref: str, measure_id: int) -> None:
    """Delete one measure entered wrongly (audited)."""
    case = store.case(ref)
    row = store.conn.execute(
        "SELECT kind, taken_on FROM measures WHERE id = ? AND case_id = ?", (measure_id, case.id)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"Case {ref} has no measure {measure_id}.", "List them to check.")
    with store.action("measure.delete", ref, {"kind": row[0], "taken_on": row[1]}) as c:
        c.execute("DELETE FROM measures WHERE id = ?", (measure_id,))
        store.touch(c, case.id)
