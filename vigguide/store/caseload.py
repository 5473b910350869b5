"""Reading the caseload a page at a time: the rows the caseload screen shows, searched and counted
in the database so thousands of cases stay quick.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from vigguide.domain import CaseStatus
from vigguide.store import rows
from vigguide.store.db import Connection


@dataclass(frozen=True)
class CaseloadRow:
    """One line of the caseload: enough to show, nothing loaded that is not shown."""

    id: int
    ref: str
    parent_name: str
    baby_name: str
    baby_born_on: date | None
    baby_due_on: date | None
    status: CaseStatus
    cycle_number: int
    updated_at: datetime | None


class CaseloadMixin:
    """Methods of CaseStore for the caseload."""

    conn: Connection
    lock: threading.RLock

    def count_cases(self, status: CaseStatus | None = CaseStatus.OPEN, search: str = "") -> int:
        where, params = self._case_filter(status, search)
        row = self.conn.execute(f"SELECT count(*) FROM cases {where}", params).fetchone()
        return int(row[0])

    def caseload(
        self,
        status: CaseStatus | None = CaseStatus.OPEN,
        search: str = "",
        limit: int = 200,
        offset: int = 0,
    ) -> list[CaseloadRow]:
        """One page of the caseload, most recently touched first."""
        where, params = self._case_filter(status, search)
        query = (
            "SELECT c.id, c.ref, c.parent_name, c.baby_name, c.baby_born_on, c.baby_due_on,"
            " c.status, (SELECT max(number) FROM cycles WHERE case_id = c.id), c.updated_at"
            f" FROM cases c {where} ORDER BY c.updated_at DESC, c.id DESC LIMIT ? OFFSET ?"
        )
        with self.lock:
            fetched = self.conn.execute(query, (*params, limit, offset)).fetchall()
        result = []
        for r in fetched:
            result.append(
                CaseloadRow(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    rows.d(r[4]),
                    rows.d(r[5]),
                    CaseStatus(r[6]),
                    r[7] or 0,
                    rows.dt(r[8]),
                )
            )
        return result

    @staticmethod
    def _case_filter(status: CaseStatus | None, search: str) -> tuple[str, tuple[Any, ...]]:
        clauses: list[str] = []
        params: list[Any] = []
        if status is not None:
            clauses.append("status = ?")
            params.append(status.value)
        if search.strip():
            like = f"%{search.strip()}%"
            clauses.append("(ref LIKE ? OR parent_name LIKE ? OR baby_name LIKE ?)")
            params += [like, like, like]
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)
