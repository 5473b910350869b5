"""Storing the course of work as a whole: the parent's baseline rating on each helping question,
the ending review (one per case), and the day a case closed; each change one transaction with its
audit event.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any, Protocol

from vigguide.domain import Case, Ending
from vigguide.errors import VigGuideError
from vigguide.store import rows
from vigguide.store.db import Connection


class _Host(Protocol):
    conn: Connection

    def action(
        self, action: str, case_ref: str = "", detail: Mapping[str, Any] | None = None
    ) -> AbstractContextManager[Connection]: ...
    def case(self, ref: str) -> Case: ...
    def touch(self, conn: Connection, case_id: int) -> None: ...
    def _clock(self) -> datetime: ...


def _check_rating(value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise VigGuideError("A rating is a whole number from 0 to 10.", "Type a number 0 to 10.")


def _question_ids(host: _Host, case_id: int) -> set[int]:
    found = host.conn.execute("SELECT id FROM helping_questions WHERE case_id = ?", (case_id,))
    return {int(row[0]) for row in found}


class EndingsMixin:
    """Baselines, the ending review and the closing day, mixed into CaseStore."""

    # baseline ------------------------------------------------------------------------------

    def set_baseline(
        self: _Host, ref: str, question_id: int, rating: int | None, on: date | None = None
    ) -> None:
        """Her 0–10 "where are you now" for a question when it was agreed (None clears it)."""
        case = self.case(ref)
        if rating is not None:
            _check_rating(rating)
        if question_id not in _question_ids(self, case.id):
            raise VigGuideError(
                f"Case {ref} has no such helping question.", "Choose one of its questions."
            )
        day = (on or self._clock().date()) if rating is not None else None
        with self.action("question.baseline", ref, {"question": question_id}) as c:
            c.execute(
                "UPDATE helping_questions SET baseline = ?, baseline_on = ? WHERE id = ?",
                (rating, rows.iso(day), question_id),
            )
            self.touch(c, case.id)

    # the ending review ---------------------------------------------------------------------

    def save_ending(self: _Host, ref: str, ending: Ending) -> None:
        """Store (or update) the case's ending review and her final ratings, together."""
        case = self.case(ref)
        for value in ending.ratings.values():
            _check_rating(value)
        unknown = set(ending.ratings) - _question_ids(self, case.id)
        if unknown:
            raise VigGuideError(
                f"Case {ref} has no such helping question.", "Rate only the case's questions."
            )
        if ending.held_on > self._clock().date():
            raise VigGuideError(
                "The ending review cannot be dated in the future.", "Use today or an earlier day."
            )
        ratings = json.dumps({str(k): v for k, v in sorted(ending.ratings.items())})
        with self.action("ending.update", ref) as c:
            c.execute(
                "INSERT INTO endings (case_id, held_on, reflections, what_changed, keep_doing,"
                " plan_after, ratings, recorded_at) VALUES (?,?,?,?,?,?,?,?)"
                " ON CONFLICT(case_id) DO UPDATE SET held_on = excluded.held_on,"
                " reflections = excluded.reflections, what_changed = excluded.what_changed,"
                " keep_doing = excluded.keep_doing, plan_after = excluded.plan_after,"
                " ratings = excluded.ratings, recorded_at = excluded.recorded_at",
                (
                    case.id,
                    rows.iso(ending.held_on),
                    ending.reflections,
                    ending.what_changed,
                    ending.keep_doing,
                    ending.plan_after,
                    ratings,
                    rows.iso(self._clock()),
                ),
            )
            self.touch(c, case.id)

    def ending(self: _Host, ref: str) -> Ending | None:
        """The case's ending review as recorded, or None before it is."""
        case = self.case(ref)
        row = self.conn.execute(
            "SELECT held_on, reflections, what_changed, keep_doing, plan_after, ratings"
            " FROM endings WHERE case_id = ?",
            (case.id,),
        ).fetchone()
        if row is None:
            return None
        return Ending(
            held_on=rows.d(row[0]) or date.min,
            reflections=row[1],
            what_changed=row[2],
            keep_doing=row[3],
            plan_after=row[4],
            ratings={int(k): int(v) for k, v in json.loads(row[5] or "{}").items()},
        )

    def closed_on(self: _Host, ref: str) -> date | None:
        """The day the case was closed (the end of involvement), or None while it is open."""
        case = self.case(ref)
        row = self.conn.execute("SELECT closed_on FROM cases WHERE id = ?", (case.id,)).fetchone()
        return rows.d(row[0]) if row else None
