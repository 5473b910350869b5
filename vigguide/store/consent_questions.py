"""Storing a case's consent (each scope given or withdrawn, with its dates) and its helping
questions with their 0–10 ratings; each change one transaction with its audit event.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any, Protocol

from vigguide.domain import Case, Consent, ConsentScope, HelpingQuestion, QuestionStatus
from vigguide.errors import VigGuideError
from vigguide.store import rows
from vigguide.store.db import Connection


class _Host(Protocol):
    conn: Connection

    def action(
        self, action: str, case_ref: str = "", detail: Mapping[str, Any] | None = None
    ) -> AbstractContextManager[Connection]: ...
    def actor(self) -> str: ...
    def case(self, ref: str) -> Case: ...
    def touch(self, conn: Connection, case_id: int) -> None: ...
    def _clock(self) -> datetime: ...


class ConsentQuestionsMixin:
    """Consent and helping questions, mixed into CaseStore."""

    # consent -------------------------------------------------------------------------------

    def set_consent(
        self: _Host, ref: str, scope: ConsentScope, given_on: date, recorded_by: str | None = None
    ) -> None:
        case = self.case(ref)
        with self.action("consent.given", ref, {"scope": scope.value}) as c:
            c.execute(
                "INSERT INTO consents (case_id, scope, given_on, recorded_by, withdrawn_on)"
                " VALUES (?, ?, ?, ?, NULL) ON CONFLICT(case_id, scope) DO UPDATE SET"
                " given_on = excluded.given_on, recorded_by = excluded.recorded_by,"
                " withdrawn_on = NULL",
                (case.id, scope.value, rows.iso(given_on), recorded_by or self.actor()),
            )
            self.touch(c, case.id)

    def withdraw_consent(self: _Host, ref: str, scope: ConsentScope, withdrawn_on: date) -> None:
        case = self.case(ref)
        with self.action("consent.withdrawn", ref, {"scope": scope.value}) as c:
            cur = c.execute(
                "UPDATE consents SET withdrawn_on = ? WHERE case_id = ? AND scope = ?",
                (rows.iso(withdrawn_on), case.id, scope.value),
            )
            if cur.rowcount == 0:
                raise VigGuideError(
                    f"Consent for {scope.label.lower()} was never recorded for {ref}.",
                    "There is nothing to withdraw.",
                )
            self.touch(c, case.id)

    def consents(self: _Host, case_id: int) -> dict[ConsentScope, Consent]:
        result = {}
        for scope, given, by, withdrawn in self.conn.execute(
            "SELECT scope, given_on, recorded_by, withdrawn_on FROM consents WHERE case_id = ?",
            (case_id,),
        ):
            s = ConsentScope(scope)
            result[s] = Consent(s, rows.d(given), by, rows.d(withdrawn))
        return result

    # helping questions ---------------------------------------------------------------------

    def add_question(self: _Host, ref: str, text: str, created_on: date | None = None) -> int:
        case = self.case(ref)
        if not text.strip():
            raise VigGuideError("The helping question is empty.", "Type the parent's words.")
        with self.action("question.add", ref) as c:
            cur = c.execute(
                "INSERT INTO helping_questions (case_id, text, created_on, status)"
                " VALUES (?, ?, ?, 'active')",
                (case.id, text.strip(), rows.iso(created_on or self._clock().date())),
            )
            self.touch(c, case.id)
            return int(cur.lastrowid)

    def update_question(
        self: _Host,
        ref: str,
        question_id: int,
        *,
        text: str | None = None,
        status: QuestionStatus | None = None,
    ) -> None:
        case = self.case(ref)
        with self.action("question.update", ref, {"question": question_id}) as c:
            if text is not None:
                c.execute(
                    "UPDATE helping_questions SET text = ? WHERE id = ? AND case_id = ?",
                    (text.strip(), question_id, case.id),
                )
            if status is not None:
                c.execute(
                    "UPDATE helping_questions SET status = ? WHERE id = ? AND case_id = ?",
                    (status.value, question_id, case.id),
                )
            self.touch(c, case.id)

    def rate(self: _Host, ref: str, question_id: int, cycle_number: int, rating: int) -> None:
        if not 0 <= rating <= 10:
            raise VigGuideError("A rating is a whole number from 0 to 10.", "")
        case = self.case(ref)
        detail = {"question": question_id, "cycle": cycle_number}
        with self.action("question.rate", ref, detail) as c:
            c.execute(
                "INSERT INTO ratings (question_id, cycle_number, rating) VALUES (?, ?, ?)"
                " ON CONFLICT(question_id, cycle_number) DO UPDATE SET rating = excluded.rating",
                (question_id, cycle_number, rating),
            )
            self.touch(c, case.id)

    def questions(self: _Host, case_id: int) -> tuple[HelpingQuestion, ...]:
        ratings: dict[int, dict[int, int]] = {}
        for qid, cycle, rating in self.conn.execute(
            "SELECT r.question_id, r.cycle_number, r.rating FROM ratings r"
            " JOIN helping_questions q ON q.id = r.question_id WHERE q.case_id = ?",
            (case_id,),
        ):
            ratings.setdefault(qid, {})[cycle] = rating
        return tuple(
            HelpingQuestion(
                qid,
                text,
                rows.d(created) or date.min,
                QuestionStatus(status),
                ratings.get(qid, {}),
                baseline,
                rows.d(baseline_on),
            )
            for qid, text, created, status, baseline, baseline_on in self.conn.execute(
                "SELECT id, text, created_on, status, baseline, baseline_on FROM helping_questions"
                " WHERE case_id = ? ORDER BY id",
                (case_id,),
            )
        )
