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
        self: _Host,
        ref: str,
        scope: ConsentScope,
        given_on: date,
        recorded_by: str | None = None,
        *,
        how: str = "",
        form_ref: str = "",
        review_on: date | None = None,
    ) -> None:
        case = self.case(ref)
        detail = {"scope": scope.value, "how": how}
        with self.action("consent.given", ref, detail) as c:
            c.execute(
                "INSERT INTO consents (case_id, scope, given_on, recorded_by, withdrawn_on,"
                " declined_on, how, form_ref, review_on) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?)"
                " ON CONFLICT(case_id, scope) DO UPDATE SET given_on = excluded.given_on,"
                " recorded_by = excluded.recorded_by, withdrawn_on = NULL, declined_on = NULL,"
                " how = excluded.how, form_ref = excluded.form_ref, review_on = excluded.review_on",
                (
                    case.id,
                    scope.value,
                    rows.iso(given_on),
                    recorded_by or self.actor(),
                    how,
                    form_ref.strip(),
                    rows.iso(review_on),
                ),
            )
            self.touch(c, case.id)

    def decline_consent(
        self: _Host,
        ref: str,
        scope: ConsentScope,
        declined_on: date,
        recorded_by: str | None = None,
        *,
        how: str = "",
        form_ref: str = "",
    ) -> None:
        """Record that the parent said no (a consent she gave is withdrawn instead)."""
        case = self.case(ref)
        found = self.conn.execute(
            "SELECT given_on, withdrawn_on FROM consents WHERE case_id = ? AND scope = ?",
            (case.id, scope.value),
        ).fetchone()
        if found is not None and found[0] is not None and found[1] is None:
            raise VigGuideError(
                f"Consent for {scope.label.lower()} is given for {ref}.",
                "If she has changed her mind, withdraw it (w): that shows what it affects.",
            )
        with self.action("consent.declined", ref, {"scope": scope.value, "how": how}) as c:
            c.execute(
                "INSERT INTO consents (case_id, scope, given_on, recorded_by, declined_on, how,"
                " form_ref) VALUES (?, ?, NULL, ?, ?, ?, ?) ON CONFLICT(case_id, scope) DO UPDATE"
                " SET given_on = NULL, withdrawn_on = NULL, review_on = NULL,"
                " recorded_by = excluded.recorded_by, declined_on = excluded.declined_on,"
                " how = excluded.how, form_ref = excluded.form_ref",
                (
                    case.id,
                    scope.value,
                    recorded_by or self.actor(),
                    rows.iso(declined_on),
                    how,
                    form_ref.strip(),
                ),
            )
            self.touch(c, case.id)

    def set_other_adults(self: _Host, ref: str, text: str) -> None:
        """Who else may be in the films (a partner, a grandparent), and whether they agreed."""
        case = self.case(ref)
        with self.action("case.other_adults", ref) as c:
            c.execute("UPDATE cases SET other_adults = ? WHERE id = ?", (text.strip(), case.id))
            self.touch(c, case.id)

    def other_adults(self: _Host, ref: str) -> str:
        row = self.conn.execute("SELECT other_adults FROM cases WHERE ref = ?", (ref,)).fetchone()
        return str(row[0]) if row else ""

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
        for scope, given, by, withdrawn, declined, how, form, review in self.conn.execute(
            "SELECT scope, given_on, recorded_by, withdrawn_on, declined_on, how, form_ref,"
            " review_on FROM consents WHERE case_id = ?",
            (case_id,),
        ):
            s = ConsentScope(scope)
            result[s] = Consent(
                s, rows.d(given), by, rows.d(withdrawn), rows.d(declined), how, form, rows.d(review)
            )
        return result

    def consent_reviews_due(self: _Host, today: date) -> list[tuple[str, ConsentScope, date]]:
        """(case, scope, review date) of consents given in open cases whose review date has come."""
        return [
            (ref, ConsentScope(scope), date.fromisoformat(review))
            for ref, scope, review in self.conn.execute(
                "SELECT c.ref, k.scope, k.review_on FROM consents k JOIN cases c ON c.id = k.case_id"
                " WHERE c.status = 'open' AND k.given_on IS NOT NULL AND k.withdrawn_on IS NULL"
                " AND k.review_on IS NOT NULL AND k.review_on <= ? ORDER BY k.review_on, c.ref",
                (today.isoformat(),),
            )
        ]

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
