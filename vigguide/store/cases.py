"""The case store: reading and changing cases, consent, helping questions and cycles, each change
one transaction with its audit event.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from typing import Any, Unpack

from vigguide.domain import (
    Case,
    CaseFile,
    CaseStatus,
    Cycle,
    FilmingPlan,
    GeneratedDocument,
    Practitioner,
    Role,
)
from vigguide.errors import NotFoundError, VigGuideError
from vigguide.store import audit, rows
from vigguide.store.caseload import CaseloadMixin
from vigguide.store.consent_questions import ConsentQuestionsMixin
from vigguide.store.cycle_work import CycleWorkMixin
from vigguide.store.db import Connection, transaction
from vigguide.store.endings import EndingsMixin
from vigguide.store.film_kinds import split_films

# The same rule as the documents' file names: a reference is safe to use in a file name.
SAFE_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class CaseStore(CaseloadMixin, CycleWorkMixin, ConsentQuestionsMixin, EndingsMixin):
    """All reading and writing of case data for one unlocked home."""

    def __init__(
        self, conn: Connection, trail: audit.Trail, clock: Callable[[], datetime] = now_utc
    ) -> None:
        self.conn = conn
        self.trail = trail
        self._clock = clock
        # One connection is shared by the TUI's worker threads: every statement, read or write,
        # runs under the connection's lock, and a transaction or a read of several statements
        # holds it throughout, so nothing interleaves with another thread's statements.
        self.lock = conn.lock

    # transactions and audit ----------------------------------------------------------------

    @contextmanager
    def action(
        self, action: str, case_ref: str = "", detail: Mapping[str, Any] | None = None
    ) -> Iterator[Connection]:
        """One user action: its changes and its audit event commit together or not at all; then
        the audit head outside the database moves on (still under the lock, so it never goes
        back). If that write fails the head only lags, which `verify` allows."""
        with self.lock:
            with transaction(self.conn) as conn:
                yield conn
                head = audit.append(
                    conn, self.trail, self.actor(), action, case_ref, detail, now=self._clock()
                )
            with suppress(VigGuideError):
                self.trail.write_head(*head)

    def actor(self) -> str:
        row = self.conn.execute("SELECT name FROM practitioner WHERE id = 1").fetchone()
        return row[0] if row else "setup"

    def audit_verify(self, anchor: str | None = None) -> audit.AuditReport:
        """Check the whole trail; with `anchor`, also that it still holds that event."""
        return audit.verify(self.conn, self.trail, anchor)

    def audit_anchor(self) -> str:
        """The newest event as a short string to keep outside the laptop (`seq:mac`)."""
        return audit.anchor(self.conn)

    # practitioner and settings -------------------------------------------------------------

    def practitioner(self) -> Practitioner | None:
        row = self.conn.execute(
            "SELECT name, role, service, supervisor FROM practitioner WHERE id = 1"
        ).fetchone()
        return Practitioner(row[0], Role(row[1]), row[2], row[3]) if row else None

    def set_practitioner(self, p: Practitioner) -> None:
        with self.action("profile.update") as c:
            c.execute(
                "INSERT INTO practitioner (id, name, role, service, supervisor)"
                " VALUES (1, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
                " role = excluded.role, service = excluded.service,"
                " supervisor = excluded.supervisor",
                (p.name, p.role.value, p.service, p.supervisor),
            )

    def setting(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.action("settings.update", detail={"key": key}) as c:
            c.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # cases ---------------------------------------------------------------------------------

    def create_case(
        self,
        ref: str,
        parent_name: str,
        baby_name: str,
        *,
        baby_born_on: date | None = None,
        baby_due_on: date | None = None,
    ) -> Case:
        ref = ref.strip()
        if not ref or not parent_name.strip():
            raise VigGuideError(
                "A case needs a reference and the parent's preferred name.", "Fill both in."
            )
        if not SAFE_REF.fullmatch(ref) or ".." in ref:
            raise VigGuideError(
                "A case reference uses letters, digits, '-', '_' or '.' (up to 64), no spaces.",
                "It names the exported files, so it must never hold a person's name.",
            )
        if self.conn.execute("SELECT 1 FROM cases WHERE ref = ?", (ref,)).fetchone():
            raise VigGuideError(
                f"There is already a case {ref}.", "Use another reference or open that case."
            )
        stamp = rows.iso(self._clock())
        with self.action("case.create", ref) as c:
            cur = c.execute(
                "INSERT INTO cases (ref, parent_name, baby_name, baby_born_on, baby_due_on,"
                " practitioner, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    ref,
                    parent_name.strip(),
                    baby_name.strip(),
                    rows.iso(baby_born_on),
                    rows.iso(baby_due_on),
                    self.actor(),
                    CaseStatus.OPEN.value,
                    stamp,
                    stamp,
                ),
            )
            case_id = cur.lastrowid
            c.execute("INSERT INTO cycles (case_id, number) VALUES (?, 1)", (case_id,))
        return self.case(ref)

    def update_case(self, ref: str, **fields: Unpack[rows.CaseFields]) -> Case:
        allowed = {"parent_name", "baby_name", "baby_born_on", "baby_due_on", "status", "closed_on"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        case = self.case(ref)
        values: dict[str, Any] = {
            k: (v.value if isinstance(v, CaseStatus) else v) for k, v in fields.items()
        }
        values = {k: (rows.iso(v) if isinstance(v, date) else v) for k, v in values.items()}
        sets = ", ".join(f"{k} = ?" for k in values)
        with self.action("case.update", ref, {"fields": sorted(values)}) as c:
            c.execute(
                f"UPDATE cases SET {sets}, updated_at = ? WHERE id = ?",
                (*values.values(), rows.iso(self._clock()), case.id),
            )
        return self.case(ref)

    def touch(self, conn: Connection, case_id: int) -> None:
        conn.execute(
            "UPDATE cases SET updated_at = ? WHERE id = ?", (rows.iso(self._clock()), case_id)
        )

    def case(self, ref: str) -> Case:
        row = self.conn.execute(
            f"SELECT {rows.CASE_COLUMNS} FROM cases WHERE ref = ?",
            (ref,),
        ).fetchone()
        if row is None:
            raise NotFoundError(
                f"There is no case {ref}.", "Check the reference on the caseload (vigguide)."
            )
        return rows.case_from_row(row)

    # cycles --------------------------------------------------------------------------------

    def cycle_id(self, ref: str, number: int | None = None) -> int:
        case = self.case(ref)
        query = "SELECT id FROM cycles WHERE case_id = ?"
        params: tuple[Any, ...] = (case.id,)
        if number is not None:
            query += " AND number = ?"
            params = (case.id, number)
        row = self.conn.execute(query + " ORDER BY number DESC LIMIT 1", params).fetchone()
        if row is None:
            raise NotFoundError(f"Case {ref} has no cycle {number}.", "Check the cycle number.")
        return int(row[0])

    def start_cycle(self, ref: str) -> int:
        case = self.case(ref)
        with self.action("cycle.start", ref) as c:
            number = c.execute(
                "SELECT coalesce(max(number), 0) + 1 FROM cycles WHERE case_id = ?", (case.id,)
            ).fetchone()[0]
            c.execute("INSERT INTO cycles (case_id, number) VALUES (?, ?)", (case.id, number))
            self.touch(c, case.id)
        return int(number)

    def set_filming_plan(self, ref: str, plan: FilmingPlan, cycle: int | None = None) -> None:
        cycle_id = self.cycle_id(ref, cycle)
        with self.action("plan.update", ref, {"cycle_id": cycle_id}) as c:
            c.execute(
                "UPDATE cycles SET filming_plan = ? WHERE id = ?",
                (rows.plan_to_json(plan), cycle_id),
            )
            self.touch(c, self.case(ref).id)

    def load(self, ref: str) -> CaseFile:
        """The whole case with every cycle, for the overview and the cycle rules."""
        with self.lock:
            return self._load(ref)

    def _load(self, ref: str) -> CaseFile:
        case = self.case(ref)
        questions = self.questions(case.id)
        cycles = []
        for cycle_id, number, plan, review in self.conn.execute(
            "SELECT id, number, filming_plan, review FROM cycles WHERE case_id = ? ORDER BY number",
            (case.id,),
        ).fetchall():
            cycle_ratings = {q.id: q.ratings[number] for q in questions if number in q.ratings}
            films = split_films(
                self._all(rows.RECORDING_COLUMNS, "recordings", cycle_id, rows.recording_from_row),
                self._all(
                    rows.MOMENT_COLUMNS,
                    "moments",
                    cycle_id,
                    rows.moment_from_row,
                    "position, start_s",
                ),
                self._all(rows.STILL_COLUMNS, "stills", cycle_id, rows.still_from_row, "at_s"),
            )
            cycles.append(
                Cycle(
                    id=cycle_id,
                    number=number,
                    filming_plan=rows.plan_from_json(plan),
                    **films,
                    review=rows.review_from_json(review, cycle_ratings),
                    documents=tuple(
                        GeneratedDocument(i, k, rows.dt(at) or datetime.min, name)
                        for i, k, at, name in self.conn.execute(
                            "SELECT id, kind, created_at, file_name FROM documents"
                            " WHERE cycle_id = ? ORDER BY id",
                            (cycle_id,),
                        )
                    ),
                )
            )
        return CaseFile(case, self.consents(case.id), questions, tuple(cycles))

    def _all(
        self, columns: str, table: str, cycle_id: int, make: Callable[[Any], Any], order: str = "id"
    ) -> tuple[Any, ...]:
        query = f"SELECT {columns} FROM {table} WHERE cycle_id = ? ORDER BY {order}"
        return tuple(make(r) for r in self.conn.execute(query, (cycle_id,)))

    def record_document(
        self, ref: str, kind: str, file_name: str, cycle: int | None, path: str = ""
    ) -> None:
        """Record an export in the register, with where it was written (`path`)."""
        case = self.case(ref)
        cycle_id = self.cycle_id(ref, cycle) if cycle is not None else None
        detail = {"kind": kind, "cycle": cycle}
        with self.action("document.export", ref, detail) as c:
            c.execute(
                "INSERT INTO documents (cycle_id, case_id, kind, created_at, file_name, path)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (cycle_id, case.id, kind, rows.iso(self._clock()), file_name, path),
            )

    def audit_events(self, case_ref: str | None = None, limit: int = 200) -> list[audit.AuditEvent]:
        return audit.events(self.conn, case_ref, limit)

    @staticmethod
    def dumps(value: Any) -> str:
        return json.dumps(value)
