"""What the retention rules need from the store: every film, clip, still and export still held,
the dates rules count from, holds on vault files, and the export register (where each export went
and when its deletion was confirmed). Each change is one transaction with its audit event.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from vigguide.domain.model import FilmKind
from vigguide.domain.retention import (
    CLIP,
    EXPORT,
    FAMILY_VIDEO,
    FILM,
    REVIEW_FILM,
    STILL,
    CaseDates,
    Held,
)
from vigguide.errors import NotFoundError, VigGuideError
from vigguide.store.cases import CaseStore

_DOC_WORDS = {
    "summary": "review summary",
    "insert": "Staying Well plan insert",
    "ending": "ending summary",
    "note": "progress note",
    "note-text": "progress note (text)",
    "filming-reminder": "filming reminder",
    "family-video": "family video",
}


def _day(stamp: str | None) -> date:
    return datetime.fromisoformat(stamp).date() if stamp else date.min


def _minutes(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def held_media(store: CaseStore, ref: str | None = None) -> list[Held]:
    """Every film, clip and still still in the vault (of one case, or all), with its hold."""
    where, params = ("AND c.ref = ?", (ref,)) if ref else ("", ())
    items: list[Held] = []
    with store.lock:
        films = store.conn.execute(
            "SELECT c.ref, y.number, r.id, r.imported_at, r.duration_s, f.hold, r.kind"
            " FROM recordings r JOIN cycles y ON y.id = r.cycle_id JOIN cases c ON c.id = y.case_id"
            " LEFT JOIN vault_files f ON f.vault_id = r.vault_id"
            f" WHERE r.deleted_at IS NULL {where} ORDER BY c.ref, y.number, r.id",
            params,
        ).fetchall()
        clips = store.conn.execute(
            "SELECT c.ref, y.number, m.id, coalesce(f.created_at, r.imported_at), m.title,"
            " m.end_s - m.start_s, f.hold FROM moments m JOIN cycles y ON y.id = m.cycle_id"
            " JOIN cases c ON c.id = y.case_id JOIN recordings r ON r.id = m.recording_id"
            " LEFT JOIN vault_files f ON f.vault_id = m.clip_vault_id"
            f" WHERE m.clip_vault_id IS NOT NULL {where} ORDER BY c.ref, y.number, m.id",
            params,
        ).fetchall()
        stills = store.conn.execute(
            "SELECT c.ref, y.number, s.id, coalesce(f.created_at, r.imported_at), s.at_s,"
            " f.hold FROM stills s JOIN cycles y ON y.id = s.cycle_id"
            " JOIN cases c ON c.id = y.case_id JOIN recordings r ON r.id = s.recording_id"
            " LEFT JOIN vault_files f ON f.vault_id = s.vault_id"
            f" WHERE s.vault_id IS NOT NULL {where} ORDER BY c.ref, y.number, s.id",
            params,
        ).fetchall()
    for ref_, cycle, rid, imported, seconds, hold, film_kind in films:
        review = film_kind == FilmKind.SHARED_REVIEW.value
        what = "film of the shared review" if review else "film"
        label = f"Cycle {cycle}: {what} imported {_day(imported):%d %b %Y} ({_minutes(seconds)})"
        kind = REVIEW_FILM if review else FILM
        items.append(Held(f"film-{rid}", kind, ref_, cycle, label, _day(imported), hold))
    for ref_, cycle, mid, made, title, seconds, hold in clips:
        name = f' "{title}"' if title else ""
        label = f"Cycle {cycle}: clip{name} ({_minutes(seconds)})"
        items.append(Held(f"clip-{mid}", CLIP, ref_, cycle, label, _day(made), hold))
    for ref_, cycle, sid, made, at_s, hold in stills:
        label = f"Cycle {cycle}: still at {at_s:.1f} s"
        items.append(Held(f"still-{sid}", STILL, ref_, cycle, label, _day(made), hold))
    return items


def export_register(store: CaseStore, *, confirmed: bool = False) -> list[Held]:
    """Every export written outside the vault whose deletion is not yet confirmed (or, with
    `confirmed`, every one), with where it went."""
    query = (
        "SELECT d.id, c.ref, y.number, d.kind, d.created_at, d.file_name, d.path,"
        " d.confirmed_deleted_at FROM documents d JOIN cases c ON c.id = d.case_id"
        " LEFT JOIN cycles y ON y.id = d.cycle_id"
    )
    if not confirmed:
        query += " WHERE d.confirmed_deleted_at IS NULL"
    with store.lock:
        found = store.conn.execute(query + " ORDER BY d.id").fetchall()
    items = []
    for doc_id, ref, cycle, kind, made, file_name, path, _gone in found:
        what = _DOC_WORDS.get(kind, kind)
        where = f"Cycle {cycle}: " if cycle else ""
        label = f"{where}{what}, {file_name}"
        kind_ = FAMILY_VIDEO if kind == "family-video" else EXPORT
        items.append(Held(f"export-{doc_id}", kind_, ref, cycle, label, _day(made), None, path))
    return items


def case_dates(store: CaseStore) -> dict[str, CaseDates]:
    """For each case: when it closed, when each cycle's progress note and the ending were made."""
    with store.lock:
        cases = store.conn.execute("SELECT id, ref, closed_on FROM cases").fetchall()
        notes = store.conn.execute(
            "SELECT d.case_id, y.number, min(d.created_at) FROM documents d"
            " JOIN cycles y ON y.id = d.cycle_id WHERE d.kind IN ('note', 'note-text')"
            " GROUP BY d.case_id, y.number"
        ).fetchall()
        endings = store.conn.execute(
            "SELECT case_id, min(created_at) FROM documents WHERE kind = 'ending' GROUP BY case_id"
            " UNION ALL SELECT case_id, recorded_at FROM endings"
        ).fetchall()
    summarised: dict[int, dict[int, date]] = {}
    for case_id, number, made in notes:
        summarised.setdefault(case_id, {})[number] = _day(made)
    ended: dict[int, date] = {}
    for case_id, made in endings:
        ended[case_id] = min(_day(made), ended.get(case_id, date.max))
    return {
        ref: CaseDates(
            date.fromisoformat(closed) if closed else None,
            summarised.get(case_id, {}),
            ended.get(case_id),
        )
        for case_id, ref, closed in cases
    }


def vault_ids_of(store: CaseStore, key: str) -> tuple[str, tuple[str, ...]]:
    """The case and the vault files of one film, clip or still named like `film-3`."""
    kind, _, number = key.partition("-")
    queries = {
        FILM: "SELECT c.ref, r.vault_id, NULL FROM recordings r JOIN cycles y ON y.id = r.cycle_id"
        " JOIN cases c ON c.id = y.case_id WHERE r.id = ? AND r.deleted_at IS NULL",
        CLIP: "SELECT c.ref, m.clip_vault_id, NULL FROM moments m JOIN cycles y ON y.id ="
        " m.cycle_id JOIN cases c ON c.id = y.case_id WHERE m.id = ? AND m.clip_vault_id"
        " IS NOT NULL",
        STILL: "SELECT c.ref, s.vault_id, s.thumb_vault_id FROM stills s JOIN cycles y ON y.id ="
        " s.cycle_id JOIN cases c ON c.id = y.case_id WHERE s.id = ? AND s.vault_id IS NOT NULL",
    }
    if kind == "export" and number.isdigit():
        raise VigGuideError(
            f"{key} is an export outside the vault: vigguide never holds or deletes it by itself.",
            "Delete the file when its time comes, then confirm it (--confirm-deleted).",
        )
    if kind not in queries or not number.isdigit():
        raise VigGuideError(
            f'"{key}" does not name an item.',
            "Use the name shown by vigguide retention, e.g. film-3, clip-12 or still-7.",
        )
    row = store.conn.execute(queries[kind], (int(number),)).fetchone()
    if row is None:
        raise NotFoundError(
            f"There is no {kind} {number} in the vault (it may already be deleted).",
            "vigguide retention lists what is held.",
        )
    return str(row[0]), tuple(v for v in row[1:] if v)


def set_hold(store: CaseStore, key: str, reason: str | None) -> str:
    """Put a hold on an item (`reason`), or release it (None); returns the case reference."""
    if reason is not None and not reason.strip():
        raise VigGuideError("A hold needs a reason.", 'Say why it must be kept, e.g. "--reason'
                            ' requested by the safeguarding lead".')  # fmt: skip
    ref, vault_ids = vault_ids_of(store, key)
    marks = ",".join("?" for _ in vault_ids)
    action = "retention.hold" if reason is not None else "retention.release"
    with store.action(action, ref, {"item": key}) as c:
        if (
            reason is None
            and not c.execute(
                f"SELECT 1 FROM vault_files WHERE hold IS NOT NULL AND vault_id IN ({marks})",
                vault_ids,
            ).fetchone()
        ):
            raise VigGuideError(f"{key} is not on hold.", "There is nothing to release.")
        cur = c.execute(
            f"UPDATE vault_files SET hold = ? WHERE vault_id IN ({marks})",
            (reason.strip() if reason else None, *vault_ids),
        )
        if cur.rowcount == 0:
            raise VigGuideError(
                f"{key} is not yet bound to the vault, so it cannot be held.",
                "Run vigguide check, then try again.",
            )
    return ref


def export_row(store: CaseStore, export_id: int) -> tuple[str, str, str | None]:
    """(case ref, path, when its deletion was confirmed) of one export."""
    row = store.conn.execute(
        "SELECT c.ref, d.path, d.confirmed_deleted_at FROM documents d"
        " JOIN cases c ON c.id = d.case_id WHERE d.id = ?",
        (export_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(
            f"There is no export {export_id} in the register.",
            "vigguide retention lists the exports to confirm.",
        )
    return str(row[0]), str(row[1]), row[2]


def confirm_export_deleted(store: CaseStore, export_id: int, *, removed_now: bool) -> str:
    """Record that an export's file is gone (by hand, or `removed_now` by vigguide)."""
    ref, _path, already = export_row(store, export_id)
    if already:
        raise VigGuideError(
            f"Export {export_id} was already confirmed deleted ({already[:10]}).", ""
        )
    detail: dict[str, Any] = {"document": export_id, "removed_by_vigguide": removed_now}
    with store.action("export.deletion_confirmed", ref, detail) as c:
        c.execute(
            "UPDATE documents SET confirmed_deleted_at = ? WHERE id = ?",
            (store._clock().isoformat(), export_id),
        )
    return ref


def closed_on(store: CaseStore, ref: str) -> date | None:
    row = store.conn.execute("SELECT closed_on FROM cases WHERE ref = ?", (ref,)).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None
