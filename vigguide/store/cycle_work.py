"""Storing the work inside a cycle: recordings, moments, stills and the shared review."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any, Protocol, TypedDict, Unpack

from vigguide.domain import Case, SharedReview
from vigguide.errors import NotFoundError, VigGuideError
from vigguide.store import rows
from vigguide.store.db import Connection

_MOMENT_FIELDS = {
    "start_s",
    "end_s",
    "title",
    "principles",
    "question_ids",
    "notes",
    "position",
    "pause_at_s",
    "review_prompts",
    "highlight",
    "clip_vault_id",
}
_JSON_FIELDS = {"principles", "question_ids", "review_prompts"}


class MomentFields(TypedDict, total=False):
    """What `update_moment` may change; each is optional, and only those given change."""

    start_s: float
    end_s: float
    title: str
    principles: Sequence[str]
    question_ids: Sequence[int]
    notes: str
    position: int
    pause_at_s: float | None
    review_prompts: Sequence[str]
    highlight: str
    clip_vault_id: str | None


class _Host(Protocol):
    conn: Connection

    def action(
        self, action: str, case_ref: str = "", detail: Mapping[str, Any] | None = None
    ) -> AbstractContextManager[Connection]: ...
    def case(self, ref: str) -> Case: ...
    def cycle_id(self, ref: str, number: int | None = None) -> int: ...
    def touch(self, conn: Connection, case_id: int) -> None: ...
    def _clock(self) -> datetime: ...


def _holder(c: Connection, cycle_id: int, recording_id: int, at_s: float) -> Any:
    """(id, principles) of the first moment, in review order, whose span holds `at_s`."""
    return c.execute(
        "SELECT id, principles FROM moments WHERE cycle_id = ? AND recording_id = ?"
        " AND start_s <= ? AND ? < end_s ORDER BY position, id LIMIT 1",
        (cycle_id, recording_id, at_s, at_s),
    ).fetchone()


def link_stills(c: Connection, cycle_id: int, moved: int | None = None) -> None:
    """Link the cycle's loose stills to the moment whose span holds them: those linked to no
    moment (or to one deleted), and those of the moment `moved` that its new span no longer
    holds; those go to another moment holding them, or to none. A still without principles of
    its own takes those of the moment it joins. Other links, even made by hand, stay."""
    stills = c.execute(
        "SELECT s.id, s.recording_id, s.at_s, s.principles, s.moment_id, m.id,"
        " m.recording_id = s.recording_id AND m.start_s <= s.at_s AND s.at_s < m.end_s"
        " FROM stills s LEFT JOIN moments m ON m.id = s.moment_id WHERE s.cycle_id = ?",
        (cycle_id,),
    ).fetchall()
    for still_id, recording_id, at_s, principles, linked, exists, holds in stills:
        if exists is not None and (holds or linked != moved):
            continue
        found = _holder(c, cycle_id, recording_id, at_s)
        moment_id = found[0] if found else None
        if moment_id == linked:
            continue
        mine = json.loads(principles or "[]")
        c.execute(
            "UPDATE stills SET moment_id = ?, principles = ? WHERE id = ?",
            (moment_id, principles if mine or not found else found[1], still_id),
        )


class CycleWorkMixin:
    """Methods of CaseStore for the film and what is made from it."""

    def add_recording(
        self: _Host,
        ref: str,
        *,
        vault_id: str,
        sha256: str,
        size_bytes: int,
        probe: Mapping[str, Any],
        delete_by: date | None,
        cycle: int | None = None,
        filmed_on: date | None = None,
        kind: str = "interaction",
    ) -> int:
        cycle_id = self.cycle_id(ref, cycle)
        case = self.case(ref)
        detail = {"cycle_id": cycle_id, "sha256": sha256}
        if kind != "interaction":
            detail["kind"] = kind
        with self.action("recording.import", ref, detail) as c:
            cur = c.execute(
                "INSERT INTO recordings (cycle_id, vault_id, sha256, size_bytes, duration_s,"
                " width, height, fps, video_codec, audio_codec, probe, imported_at, delete_by,"
                " filmed_on, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    cycle_id,
                    vault_id,
                    sha256,
                    size_bytes,
                    float(probe["duration_s"]),
                    int(probe["width"]),
                    int(probe["height"]),
                    float(probe["fps"]),
                    str(probe["video_codec"]),
                    probe.get("audio_codec"),
                    json.dumps(dict(probe)),
                    rows.iso(self._clock()),
                    rows.iso(delete_by),
                    rows.iso(filmed_on or self._clock().date()),
                    kind,
                ),
            )
            self.touch(c, case.id)
            return int(cur.lastrowid)

    def recording_vault_id(self: _Host, recording_id: int) -> str:
        row = self.conn.execute(
            "SELECT vault_id, deleted_at FROM recordings WHERE id = ?", (recording_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError("That recording does not exist.", "")
        if row[1] is not None:
            raise VigGuideError(
                "The film was deleted under the retention policy.",
                "Clips and stills already made are kept; the film itself cannot be opened.",
            )
        return str(row[0])

    def mark_recording_deleted(self: _Host, ref: str, recording_id: int, reason: str) -> None:
        case = self.case(ref)
        detail = {"recording": recording_id, "reason": reason}
        with self.action("recording.delete", ref, detail) as c:
            c.execute(
                "UPDATE recordings SET deleted_at = ? WHERE id = ?",
                (rows.iso(self._clock()), recording_id),
            )
            self.touch(c, case.id)

    def recordings_due_for_deletion(self: _Host, today: date) -> list[tuple[str, int, str]]:
        """(case ref, recording id, vault id) of films past their delete-by date and not on hold
        (the whole set of rules is in services.retention)."""
        return [
            (r[0], r[1], r[2])
            for r in self.conn.execute(
                "SELECT c.ref, r.id, r.vault_id FROM recordings r"
                " JOIN cycles y ON y.id = r.cycle_id JOIN cases c ON c.id = y.case_id"
                " LEFT JOIN vault_files f ON f.vault_id = r.vault_id"
                " WHERE r.deleted_at IS NULL AND r.delete_by IS NOT NULL AND r.delete_by <= ?"
                " AND f.hold IS NULL",
                (today.isoformat(),),
            )
        ]

    # moments -------------------------------------------------------------------------------

    def add_moment(
        self: _Host,
        ref: str,
        recording_id: int,
        start_s: float,
        end_s: float,
        *,
        title: str = "",
        principles: tuple[str, ...] = (),
        question_ids: tuple[int, ...] = (),
        notes: str = "",
        cycle: int | None = None,
    ) -> int:
        if end_s <= start_s:
            raise VigGuideError(
                "A moment must end after it starts.", "Mark the in-point, then the out-point."
            )
        cycle_id = self.cycle_id(ref, cycle)
        case = self.case(ref)
        with self.action("moment.add", ref, {"cycle_id": cycle_id}) as c:
            position = c.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM moments WHERE cycle_id = ?",
                (cycle_id,),
            ).fetchone()[0]
            cur = c.execute(
                "INSERT INTO moments (cycle_id, recording_id, start_s, end_s, title, principles,"
                " question_ids, notes, position) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    cycle_id,
                    recording_id,
                    start_s,
                    end_s,
                    title,
                    json.dumps(list(principles)),
                    json.dumps(list(question_ids)),
                    notes,
                    position,
                ),
            )
            link_stills(c, cycle_id)  # stills already taken inside its span join it
            self.touch(c, case.id)
            return int(cur.lastrowid)

    def update_moment(
        self: _Host, ref: str, moment_id: int, **fields: Unpack[MomentFields]
    ) -> None:
        unknown = set(fields) - _MOMENT_FIELDS
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        given: dict[str, Any] = dict(fields)
        values = {k: json.dumps(list(v)) if k in _JSON_FIELDS else v for k, v in given.items()}
        sets = ", ".join(f"{k} = ?" for k in values)
        case = self.case(ref)
        with self.action(
            "moment.update", ref, {"moment": moment_id, "fields": sorted(values)}
        ) as c:
            c.execute(
                f"UPDATE moments SET {sets} WHERE id = ?",
                (*values.values(), moment_id),
            )
            if {"start_s", "end_s"} & set(values):
                row = c.execute("SELECT cycle_id FROM moments WHERE id = ?", (moment_id,))
                found = row.fetchone()
                if found is not None:
                    link_stills(c, found[0], moved=moment_id)
            self.touch(c, case.id)

    def delete_moment(self: _Host, ref: str, moment_id: int) -> str | None:
        """Remove a moment; returns the clip's vault id for the caller to delete."""
        case = self.case(ref)
        row = self.conn.execute(
            "SELECT clip_vault_id, cycle_id FROM moments WHERE id = ?", (moment_id,)
        ).fetchone()
        with self.action("moment.delete", ref, {"moment": moment_id}) as c:
            c.execute("DELETE FROM moments WHERE id = ?", (moment_id,))
            if row is not None:
                link_stills(c, row[1])  # its stills go to another moment holding them, if any
            self.touch(c, case.id)
        return row[0] if row else None

    def clear_clip(self: _Host, ref: str, moment_id: int, reason: str) -> str | None:
        """Forget a moment's clip (the moment stays); returns the vault id for the caller to delete."""
        case = self.case(ref)
        row = self.conn.execute(
            "SELECT clip_vault_id FROM moments WHERE id = ?", (moment_id,)
        ).fetchone()
        with self.action("clip.delete", ref, {"moment": moment_id, "reason": reason}) as c:
            c.execute("UPDATE moments SET clip_vault_id = NULL WHERE id = ?", (moment_id,))
            self.touch(c, case.id)
        return row[0] if row else None

    # stills --------------------------------------------------------------------------------

    def add_still(
        self: _Host,
        ref: str,
        recording_id: int,
        at_s: float,
        *,
        caption: str = "",
        vault_id: str | None = None,
        thumb_vault_id: str | None = None,
        moment_id: int | None = None,
        principles: tuple[str, ...] = (),
        cycle: int | None = None,
    ) -> int:
        cycle_id = self.cycle_id(ref, cycle)
        case = self.case(ref)
        with self.action("still.add", ref, {"cycle_id": cycle_id}) as c:
            if moment_id is None:  # the moment whose span holds it, if one does
                found = _holder(c, cycle_id, recording_id, at_s)
                if found is not None:
                    moment_id = found[0]
                    principles = principles or tuple(json.loads(found[1] or "[]"))
            cur = c.execute(
                "INSERT INTO stills (cycle_id, recording_id, at_s, caption, principles,"
                " moment_id, vault_id, thumb_vault_id) VALUES (?,?,?,?,?,?,?,?)",
                (
                    cycle_id,
                    recording_id,
                    at_s,
                    caption,
                    json.dumps(list(principles)),
                    moment_id,
                    vault_id,
                    thumb_vault_id,
                ),
            )
            self.touch(c, case.id)
            return int(cur.lastrowid)

    def update_still(self: _Host, ref: str, still_id: int, *, caption: str) -> None:
        case = self.case(ref)
        with self.action("still.update", ref, {"still": still_id}) as c:
            c.execute("UPDATE stills SET caption = ? WHERE id = ?", (caption, still_id))
            self.touch(c, case.id)

    def delete_still(self: _Host, ref: str, still_id: int, reason: str) -> tuple[str, ...]:
        """Remove a still; returns its vault ids (picture and thumbnail) for the caller to delete."""
        case = self.case(ref)
        row = self.conn.execute(
            "SELECT vault_id, thumb_vault_id FROM stills WHERE id = ?", (still_id,)
        ).fetchone()
        with self.action("still.delete", ref, {"still": still_id, "reason": reason}) as c:
            c.execute("DELETE FROM stills WHERE id = ?", (still_id,))
            self.touch(c, case.id)
        return tuple(v for v in (row or ()) if v)

    # shared review -------------------------------------------------------------------------

    def save_review(self: _Host, ref: str, review: SharedReview, cycle: int | None = None) -> None:
        """Store the review record and the parent's ratings for this cycle, together."""
        cycle_id = self.cycle_id(ref, cycle)
        case = self.case(ref)
        number = self.conn.execute(
            "SELECT number FROM cycles WHERE id = ?", (cycle_id,)
        ).fetchone()[0]
        if any(not 0 <= r <= 10 for r in review.ratings.values()):
            raise VigGuideError("A rating is a whole number from 0 to 10.", "")
        with self.action("review.update", ref, {"cycle": number}) as c:
            c.execute(
                "UPDATE cycles SET review = ? WHERE id = ?",
                (rows.review_to_json(review), cycle_id),
            )
            # Ratings cleared in the review are removed, not left at their old value.
            keep = list(review.ratings)
            marks = ",".join("?" * len(keep))
            c.execute(
                "DELETE FROM ratings WHERE cycle_number = ? AND question_id IN"
                " (SELECT id FROM helping_questions WHERE case_id = ?)"
                + (f" AND question_id NOT IN ({marks})" if keep else ""),
                (number, case.id, *keep),
            )
            for question_id, rating in review.ratings.items():
                c.execute(
                    "INSERT INTO ratings (question_id, cycle_number, rating) VALUES (?, ?, ?)"
                    " ON CONFLICT(question_id, cycle_number) DO UPDATE SET rating = excluded.rating",
                    (question_id, number, rating),
                )
            self.touch(c, case.id)
