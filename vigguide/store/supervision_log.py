"""The supervision log and the rows accreditation counts: sessions (each with the cycles it
discussed) added and deleted, one transaction with its audit event each; the initial course date;
and the completed cycles (a film and a shared review held), read as ids, numbers and dates only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from vigguide.domain.accreditation import CompletedCycle, Session
from vigguide.errors import NotFoundError
from vigguide.store import rows

if TYPE_CHECKING:
    from vigguide.store.cases import CaseStore

COURSE_KEY = "initial_course_on"
"""The settings key holding the date of the practitioner's 2-day initial course (YYYY-MM-DD)."""


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def course_date(store: CaseStore) -> date | None:
    return _day(store.setting(COURSE_KEY, ""))


def set_course_date(store: CaseStore, day: date) -> None:
    store.set_setting(COURSE_KEY, day.isoformat())


def cycle_ids(store: CaseStore, wanted: Sequence[tuple[str, int]]) -> list[int]:
    """The ids of the cycles named (case reference, cycle number); an unknown case or cycle is a
    NotFoundError naming it."""
    found: list[int] = []
    with store.lock:
        for ref, number in wanted:
            row = store.conn.execute(
                "SELECT cy.id FROM cycles cy JOIN cases c ON c.id = cy.case_id"
                " WHERE c.ref = ? AND cy.number = ?",
                (ref, number),
            ).fetchone()
            if row is None:
                store.case(ref)  # an unknown case says so in its own words
                raise NotFoundError(f"Case {ref} has no cycle {number}.", "Check --cycles.")
            found.append(int(row[0]))
    return found


def add_session(
    store: CaseStore,
    held_on: date,
    hours: float,
    supervisor: str,
    *,
    group: bool,
    cycles: Sequence[int],
) -> int:
    """Log one session with the cycles (ids) it discussed; returns its id."""
    kind = "group" if group else "individual"
    detail = {"on": held_on.isoformat(), "hours": hours, "kind": kind, "cycles": len(cycles)}
    with store.action("supervision.log", "", detail) as c:
        cur = c.execute(
            "INSERT INTO supervision_sessions (held_on, hours, supervisor, kind, recorded_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (held_on.isoformat(), hours, supervisor, kind, rows.iso(store._clock())),
        )
        session_id = int(cur.lastrowid)
        c.executemany(
            "INSERT OR IGNORE INTO supervision_cycles (session_id, cycle_id) VALUES (?, ?)",
            [(session_id, cycle_id) for cycle_id in cycles],
        )
    return session_id


def delete_session(store: CaseStore, session_id: int) -> None:
    with store.lock:
        row = store.conn.execute(
            "SELECT held_on, hours FROM supervision_sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(
                f"There is no supervision session {session_id}.",
                "vigguide supervision-log list shows each session's number.",
            )
        detail = {"id": session_id, "on": str(row[0]), "hours": float(row[1])}
        with store.action("supervision.delete", "", detail) as c:
            c.execute("DELETE FROM supervision_sessions WHERE id = ?", (session_id,))


def sessions(store: CaseStore) -> list[Session]:
    """Every logged session, oldest first, with the cycles it discussed as (case id, number)."""
    with store.lock:
        found = store.conn.execute(
            "SELECT id, held_on, hours, supervisor, kind FROM supervision_sessions"
            " ORDER BY held_on, id"
        ).fetchall()
        discussed = store.conn.execute(
            "SELECT sc.session_id, cy.case_id, cy.number FROM supervision_cycles sc"
            " JOIN cycles cy ON cy.id = sc.cycle_id ORDER BY cy.case_id, cy.number"
        ).fetchall()
    by_session: dict[int, list[tuple[int, int]]] = {}
    for session_id, case_id, number in discussed:
        by_session.setdefault(int(session_id), []).append((int(case_id), int(number)))
    result = []
    for session_id, held, hours, supervisor, kind in found:
        held_on = _day(held)
        if held_on is None:
            continue
        cycles = tuple(by_session.get(int(session_id), ()))
        result.append(
            Session(
                int(session_id), held_on, float(hours), str(supervisor), kind == "group", cycles
            )
        )
    return result


def completed_cycles(store: CaseStore) -> list[CompletedCycle]:
    """Every cycle with an interaction film and a shared review held, dated by the review."""
    with store.lock:
        found = store.conn.execute(
            "SELECT cy.case_id, cy.number, cy.review FROM cycles cy WHERE EXISTS"
            " (SELECT 1 FROM recordings r WHERE r.cycle_id = cy.id AND r.kind = 'interaction')"
        ).fetchall()
    result = []
    for case_id, number, review in found:
        try:
            data = json.loads(review or "{}")
        except ValueError:
            continue
        held_on = _day(data.get("held_on")) if isinstance(data, dict) else None
        if held_on is not None:
            result.append(CompletedCycle(int(case_id), int(number), held_on))
    return result


def client_refs(store: CaseStore, ids: Sequence[int]) -> dict[int, str]:
    """Case references by id, for the practitioner's own screen and terminal (never the PDF)."""
    if not ids:
        return {}
    with store.lock:
        marks = ",".join("?" for _ in ids)
        found = store.conn.execute(
            f"SELECT id, ref FROM cases WHERE id IN ({marks})", tuple(ids)
        ).fetchall()
    return {int(i): str(r) for i, r in found}
