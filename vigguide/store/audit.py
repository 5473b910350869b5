"""The audit trail: an append-only, hash-chained record of who did what, when, to which case."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from vigguide.store.db import Connection

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    at: str
    actor: str
    action: str
    case_ref: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    events: int
    first_broken: int | None = None
    problem: str = ""


def _digest(seq: int, at: str, actor: str, action: str, ref: str, detail: str, prev: str) -> str:
    payload = json.dumps([seq, at, actor, action, ref, detail, prev], separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(
    conn: Connection,
    actor: str,
    action: str,
    case_ref: str = "",
    detail: Mapping[str, Any] | None = None,
    *,
    now: datetime | None = None,
) -> int:
    """Add one event; call inside the transaction of the action it records."""
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
    at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    detail_json = json.dumps(dict(detail or {}), sort_keys=True, separators=(",", ":"))
    digest = _digest(seq, at, actor, action, case_ref, detail_json, prev)
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, case_ref, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, case_ref, detail_json, prev, digest),
    )
    # The head is kept apart from the chain so that removing the newest events is noticed too.
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('audit_head', ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (f"{seq}:{digest}",),
    )
    return int(seq)


def verify(conn: Connection) -> AuditReport:
    """Walk the chain from the start; name the first event that does not fit."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    rows = conn.execute(
        "SELECT seq, at, actor, action, case_ref, detail, prev_hash, hash FROM audit ORDER BY seq"
    )
    for seq, at, actor, action, ref, detail, prev_hash, digest in rows:
        if seq != expected_seq:
            return AuditReport(False, count, expected_seq, f"event {expected_seq} is missing")
        if prev_hash != prev:
            return AuditReport(False, count, seq, f"event {seq} does not follow event {seq - 1}")
        if _digest(seq, at, actor, action, ref, detail, prev_hash) != digest:
            return AuditReport(False, count, seq, f"event {seq} was changed after it was written")
        prev = digest
        expected_seq += 1
        count += 1
    head = conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    if head is not None and head[0] != f"{count}:{prev}":
        head_seq = int(head[0].split(":", 1)[0])
        if head_seq > count:
            return AuditReport(False, count, count + 1, f"events after {count} were removed")
        return AuditReport(False, count, head_seq, "the newest event does not match the record")
    return AuditReport(True, count)


def events(conn: Connection, case_ref: str | None = None, limit: int = 200) -> list[AuditEvent]:
    query = "SELECT seq, at, actor, action, case_ref, detail FROM audit"
    params: tuple[Any, ...] = ()
    if case_ref is not None:
        query += " WHERE case_ref = ?"
        params = (case_ref,)
    query += " ORDER BY seq DESC LIMIT ?"
    rows = conn.execute(query, (*params, limit)).fetchall()
    return [AuditEvent(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]
