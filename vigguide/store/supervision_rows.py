"""The records of packs between colleagues: packs this home sent and the feedback that came back
(beside the case), and packs held for supervision (apart from the caseload, no case, no cycle)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from vigguide.domain.supervision import is_expired
from vigguide.errors import NotFoundError, VigGuideError
from vigguide.store import rows

if TYPE_CHECKING:
    from vigguide.store.cases import CaseStore
    from vigguide.store.vault import Vault

EXPIRED_ACTION = "supervision.expired"


@dataclass(frozen=True)
class SentPack:
    id: int
    pack_id: str
    cycle: int
    recipient: str
    to_name: str
    sent_at: datetime
    destroy_by: date
    clips: int
    stills: int
    file_name: str
    feedback: str | None = None
    signed_off: bool = False
    feedback_from: str = ""
    feedback_on: date | None = None


@dataclass(frozen=True)
class HeldMedia:
    kind: str  # "clip" or "still"
    number: int
    vault_id: str
    duration_s: float | None
    caption: str


@dataclass(frozen=True)
class HeldPack:
    id: int
    pack_id: str
    sender: str
    sender_recipient: str
    content: dict[str, Any]
    destroy_by: date
    opened_at: datetime
    destroyed_at: datetime | None
    feedback: str
    signed_off: bool
    feedback_on: date | None
    media: tuple[HeldMedia, ...] = field(default_factory=tuple)

    @property
    def clips(self) -> tuple[HeldMedia, ...]:
        return tuple(m for m in self.media if m.kind == "clip")

    @property
    def stills(self) -> tuple[HeldMedia, ...]:
        return tuple(m for m in self.media if m.kind == "still")


# sent ---------------------------------------------------------------------------------------


def record_sent(store: CaseStore, ref: str, values: dict[str, Any]) -> None:
    case = store.case(ref)
    detail = {k: values[k] for k in ("pack_id", "cycle", "clips", "stills", "destroy_by")}
    with store.action("supervision.pack", ref, detail) as c:
        c.execute(
            "INSERT INTO packs_sent (pack_id, case_id, cycle_number, recipient, to_name, sent_at,"
            " destroy_by, clips, stills, file_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                values["pack_id"], case.id, values["cycle"], values["recipient"],
                values["to_name"], rows.iso(store._clock()), values["destroy_by"],
                values["clips"], values["stills"], values["file_name"],
            ),
        )  # fmt: skip


_SENT = """SELECT p.id, p.pack_id, p.cycle_number, p.recipient, p.to_name, p.sent_at, p.destroy_by,
    p.clips, p.stills, p.file_name, f.text, f.signed_off, f.supervisor, f.written_on
    FROM packs_sent p LEFT JOIN pack_feedback f ON f.pack_sent_id = p.id"""


def _sent(r: Any) -> SentPack:
    sent_at, destroy, written = rows.dt(r[5]), rows.d(r[6]), rows.d(r[13])
    assert sent_at is not None and destroy is not None
    return SentPack(
        r[0], r[1], r[2], r[3], r[4], sent_at, destroy, r[7], r[8], r[9],
        r[10], bool(r[11]), r[12] or "", written,
    )  # fmt: skip


def sent_packs(store: CaseStore, ref: str, cycle: int | None = None) -> list[SentPack]:
    case = store.case(ref)
    query = _SENT + " WHERE p.case_id = ?" + (" AND p.cycle_number = ?" if cycle else "")
    params = (case.id, cycle) if cycle else (case.id,)
    return [_sent(r) for r in store.conn.execute(query + " ORDER BY p.id", params).fetchall()]


def sent_pack(store: CaseStore, pack_id: str) -> tuple[str, SentPack] | None:
    """(case ref, the pack) for a pack this home sent, or None."""
    row = store.conn.execute(
        _SENT.replace("SELECT ", "SELECT c.ref, ", 1)
        + " JOIN cases c ON c.id = p.case_id WHERE p.pack_id = ?",
        (pack_id,),
    ).fetchone()
    return (row[0], _sent(row[1:])) if row else None


def record_feedback(store: CaseStore, ref: str, sent_id: int, values: dict[str, Any]) -> None:
    detail = {"pack_id": values["pack_id"], "signed_off": values["signed_off"]}
    with store.action("supervision.feedback.received", ref, detail) as c:
        c.execute(
            "INSERT OR REPLACE INTO pack_feedback (pack_sent_id, feedback_id, supervisor, text, signed_off,"
            " written_on, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                sent_id, values["feedback_id"], values["supervisor"], values["text"],
                int(values["signed_off"]), values["written_on"], rows.iso(store._clock()),
            ),
        )  # fmt: skip


def feedback_received(store: CaseStore, feedback_id: str) -> bool:
    found = store.conn.execute(
        "SELECT 1 FROM pack_feedback WHERE feedback_id = ?", (feedback_id,)
    ).fetchone()
    return found is not None


# held ---------------------------------------------------------------------------------------

_HELD = """SELECT id, pack_id, sender, sender_recipient, content, destroy_by, opened_at,
    destroyed_at, feedback, signed_off, feedback_on FROM held_packs"""


def _held(store: CaseStore, r: Any) -> HeldPack:
    media = store.conn.execute(
        "SELECT kind, number, vault_id, duration_s, caption FROM held_media WHERE held_id = ?"
        " ORDER BY kind, number",
        (r[0],),
    ).fetchall()
    destroy, opened = rows.d(r[5]), rows.dt(r[6])
    assert destroy is not None and opened is not None
    return HeldPack(
        r[0], r[1], r[2], r[3], json.loads(r[4] or "{}"), destroy, opened, rows.dt(r[7]),
        r[8], bool(r[9]), rows.d(r[10]), tuple(HeldMedia(*m) for m in media),
    )  # fmt: skip


def held_packs(store: CaseStore, *, include_destroyed: bool = False) -> list[HeldPack]:
    where = "" if include_destroyed else " WHERE destroyed_at IS NULL"
    with store.lock:
        found = store.conn.execute(_HELD + where + " ORDER BY id").fetchall()
        return [_held(store, r) for r in found]


def held_pack(store: CaseStore, held_id: int) -> HeldPack:
    with store.lock:
        row = store.conn.execute(
            _HELD + " WHERE id = ? AND destroyed_at IS NULL", (held_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(
                f"There is no supervision pack {held_id} held here.",
                "See vigguide supervision list for the packs you hold.",
            )
        return _held(store, row)


def opened_on(store: CaseStore, pack_id: str) -> datetime | None:
    row = store.conn.execute(
        "SELECT opened_at FROM held_packs WHERE pack_id = ?", (pack_id,)
    ).fetchone()
    return rows.dt(row[0]) if row else None


def record_held(
    store: CaseStore, values: dict[str, Any], media: list[tuple[str, int, str, float | None, str]]
) -> int:
    detail = {
        "pack_id": values["pack_id"],
        "clips": sum(1 for m in media if m[0] == "clip"),
        "stills": sum(1 for m in media if m[0] == "still"),
        "destroy_by": values["destroy_by"],
    }
    with store.action("supervision.open", detail=detail) as c:
        held_id = c.execute(
            "INSERT INTO held_packs (pack_id, sender, sender_recipient, content, destroy_by,"
            " opened_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                values["pack_id"], values["sender"], values["sender_recipient"],
                json.dumps(values["content"]), values["destroy_by"], rows.iso(store._clock()),
            ),
        ).lastrowid  # fmt: skip
        c.executemany(
            "INSERT INTO held_media (held_id, kind, number, vault_id, duration_s, caption)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(held_id, *m) for m in media],
        )
    return int(held_id)


def save_held_feedback(store: CaseStore, held_id: int, text: str, signed_off: bool) -> None:
    pack = held_pack(store, held_id)
    detail = {"pack_id": pack.pack_id, "signed_off": signed_off}
    with store.action("supervision.feedback", detail=detail) as c:
        c.execute(
            "UPDATE held_packs SET feedback = ?, signed_off = ?, feedback_on = ? WHERE id = ?",
            (text, int(signed_off), rows.iso(store._clock().date()), held_id),
        )


def forget_held(store: CaseStore, held_id: int, action: str, reason: str) -> list[str]:
    """Let go of a held pack's content and media records (one action with its audit event);
    returns the vault ids the caller then deletes. The pack id stays, so it cannot be opened
    again."""
    pack = held_pack(store, held_id)
    detail = {"pack_id": pack.pack_id, "reason": reason, "files": len(pack.media)}
    with store.action(action, detail=detail) as c:
        c.execute("DELETE FROM held_media WHERE held_id = ?", (held_id,))
        c.execute(
            "UPDATE held_packs SET content = '{}', feedback = '', destroyed_at = ? WHERE id = ?",
            (rows.iso(store._clock()), held_id),
        )
    return [m.vault_id for m in pack.media]


def destroy_held(
    store: CaseStore,
    vault: Vault,
    held_id: int,
    action: str = "supervision.destroy",
    reason: str = "destroyed by the supervisor",
) -> int:
    """Delete a held pack completely: the deletion of its files is written down first, then its
    record lets go of them (audited), then they are unlinked; a crash is finished at next start."""
    vault_ids = [m.vault_id for m in held_pack(store, held_id).media]
    vault.will_delete(*vault_ids)
    try:
        forget_held(store, held_id, action, reason)
    except BaseException:
        vault.keep(*vault_ids)
        raise
    for vault_id in vault_ids:
        vault.delete(vault_id)
    return len(vault_ids)


def expire_held(store: CaseStore, vault: Vault, today: date | None = None) -> int:
    """Delete every held pack past its destroy-by date, each deletion audited; how many went."""
    today = today or store._clock().date()
    gone = 0
    for pack in held_packs(store):
        if is_expired(pack.destroy_by, today):
            try:
                destroy_held(store, vault, pack.id, EXPIRED_ACTION, "destroy-by date passed")
            except VigGuideError:  # a file that cannot go yet: its intent retries at next start
                continue
            gone += 1
    return gone
