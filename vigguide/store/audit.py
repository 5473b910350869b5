"""The audit trail: an append-only record of who did what, when, to which case, that is hard to
rewrite silently.

Each event carries a MAC (HMAC-SHA256 with a key derived from the root secret) over its fields and
the MAC of the event before it, so an edited, reordered or re-hashed event is found. The newest
event's MAC (the head) is kept twice: in the database, in the same transaction as the event, and in
`<home>/audit.head`, a small authenticated file written after each commit, so dropping the newest
events or emptying the table is found too, and a missing head is an error. `anchor()` gives a short
string a service can keep outside the laptop (every progress note prints it);
`verify(..., anchor=...)` proves the chain still holds that event.

Homes made before the trail was keyed are upgraded once at open (`upgrade`), only if their old
hash chain is intact; the upgrade is itself an event that carries the old chain's head.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vigguide.errors import VigGuideError
from vigguide.store.db import Connection, transaction
from vigguide.store.files import write_private

GENESIS = "0" * 64
HEAD_FILE = "audit.head"
KEYED = "keyed-v1"
_HEAD_MAGIC = "vigguide-audit-head/v1"
ANCHOR_HEX = 32  # 128 bits of the event's MAC: short enough to copy, impossible to guess
_ANCHOR = re.compile(r"\s*(\d+):([0-9a-fA-F]{16,64})\s*")


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


class Trail:
    """The audit key and where the head outside the database lives (None: nowhere, for tests
    of the database alone)."""

    def __init__(self, key: bytes, head_file: Path | None) -> None:
        self._key = key
        self.head_file = head_file

    def __repr__(self) -> str:  # keep the key out of tracebacks and logs
        return f"Trail(<key hidden>, {self.head_file})"

    def mac(self, fields: list[Any]) -> str:
        payload = json.dumps(fields, separators=(",", ":")).encode("utf-8")
        return hmac.new(self._key, payload, "sha256").hexdigest()

    def _head_tag(self, seq: int, mac: str) -> str:
        return self.mac([_HEAD_MAGIC, seq, mac])

    def write_head(self, seq: int, mac: str) -> None:
        if self.head_file is not None:
            line = f"{_HEAD_MAGIC} {seq} {mac} {self._head_tag(seq, mac)}\n"
            write_private(self.head_file, line.encode("ascii"))

    def read_head(self) -> tuple[int, str] | None:
        """The head kept outside the database: None when the file is missing; ValueError when it
        was altered or is not one this key wrote."""
        if self.head_file is None:
            return None
        try:
            text = self.head_file.read_text("ascii")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError("unreadable") from exc
        parts = text.split()
        if len(parts) != 4 or parts[0] != _HEAD_MAGIC or not parts[1].isdigit():
            raise ValueError("malformed")
        seq, mac = int(parts[1]), parts[2]
        if not hmac.compare_digest(self._head_tag(seq, mac), parts[3]):
            raise ValueError("not authentic")
        return seq, mac


def _legacy_digest(fields: list[Any]) -> str:
    payload = json.dumps(fields, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _meta(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def is_keyed(conn: Connection) -> bool:
    return _meta(conn, "audit_chain") == KEYED


def append(
    conn: Connection,
    trail: Trail,
    actor: str,
    action: str,
    case_ref: str = "",
    detail: Mapping[str, Any] | None = None,
    *,
    now: datetime | None = None,
) -> tuple[int, str]:
    """Add one event inside the transaction of the action it records; returns its (seq, MAC).
    The caller writes the head file (`trail.write_head`) once the transaction has committed."""
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (int(row[0]) + 1, str(row[1])) if row else (1, GENESIS)
    at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    detail_json = json.dumps(dict(detail or {}), sort_keys=True, separators=(",", ":"))
    fields = [seq, at, actor, action, case_ref, detail_json, prev]
    digest = trail.mac(fields) if is_keyed(conn) else _legacy_digest(fields)
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, case_ref, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, case_ref, detail_json, prev, digest),
    )
    _set_meta(conn, "audit_head", f"{seq}:{digest}")
    return seq, digest


def upgrade(conn: Connection, trail: Trail, actor: str = "vigguide") -> bool:
    """Key an unkeyed chain, once, if it is intact; a new home's empty chain is keyed at once.
    Returns True when it upgraded. A broken old chain is left as it is for `verify` to report,
    and so is one whose head file exists (a keyed chain turned back is tampering, not old)."""
    if is_keyed(conn) or (trail.head_file is not None and trail.head_file.exists()):
        return False
    with transaction(conn):
        report, newest = _walk(conn, trail, keyed=False)
        if not report.ok or not _db_head_matches(conn, report.events, newest):
            return False
        rows = conn.execute(
            "SELECT seq, at, actor, action, case_ref, detail, hash FROM audit ORDER BY seq"
        ).fetchall()
        prev = GENESIS
        for seq, at, who, what, ref, detail, _ in rows:
            digest = trail.mac([seq, at, who, what, ref, detail, prev])
            conn.execute(
                "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, seq)
            )
            prev = digest
        _set_meta(conn, "audit_chain", KEYED)
        head: tuple[int, str] | None = None
        if rows:
            old_head = f"{rows[-1][0]}:{rows[-1][6]}"
            _set_meta(conn, "audit_legacy_head", old_head)
            head = append(
                conn, trail, actor, "audit.keyed", detail={"events": len(rows), "old": old_head}
            )
        else:
            conn.execute("DELETE FROM meta WHERE key = 'audit_head'")
    if head is not None:
        trail.write_head(*head)
    return True


def _walk(conn: Connection, trail: Trail, *, keyed: bool) -> tuple[AuditReport, str]:
    """Follow the chain from the start; name the first event that does not fit. Also returns the
    newest event's MAC."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    rows = conn.execute(
        "SELECT seq, at, actor, action, case_ref, detail, prev_hash, hash FROM audit ORDER BY seq"
    )
    for seq, at, actor, action, ref, detail, prev_hash, digest in rows:
        if seq != expected_seq:
            return AuditReport(False, count, expected_seq, f"event {expected_seq} is missing"), prev
        if prev_hash != prev:
            problem = f"event {seq} does not follow event {seq - 1}"
            return AuditReport(False, count, seq, problem), prev
        fields = [seq, at, actor, action, ref, detail, prev_hash]
        ours = trail.mac(fields) if keyed else _legacy_digest(fields)
        if not hmac.compare_digest(ours, str(digest)):
            problem = f"event {seq} was changed after it was written"
            return AuditReport(False, count, seq, problem), prev
        prev = str(digest)
        expected_seq += 1
        count += 1
    return AuditReport(True, count), prev


def _db_head_matches(conn: Connection, count: int, newest: str) -> bool:
    head = _meta(conn, "audit_head")
    return head is None if count == 0 else head == f"{count}:{newest}"


def _mac_at(conn: Connection, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
    return None if row is None else str(row[0])


def verify(conn: Connection, trail: Trail, anchor: str | None = None) -> AuditReport:
    """Check every event, both heads and, when given, that the chain still holds `anchor`."""
    with conn.lock:
        keyed = is_keyed(conn)
        walked, newest = _walk(conn, trail, keyed=keyed)
        if not walked.ok:
            return walked
        count = walked.events
        db_head = _meta(conn, "audit_head")
        if count and db_head is None:
            return AuditReport(False, count, count, "the record of the newest event is missing")
        if db_head is not None and db_head != f"{count}:{newest}":
            head_seq = int(db_head.split(":", 1)[0]) if db_head.split(":", 1)[0].isdigit() else 0
            if head_seq > count:
                return AuditReport(False, count, count + 1, f"events after {count} were removed")
            return AuditReport(False, count, head_seq, "the newest event does not match the record")
        outside = _check_head_file(conn, trail, keyed, count)
        if outside is not None:
            return outside
        if anchor is not None:
            held = _check_anchor(conn, anchor, count)
            if held is not None:
                return held
        return AuditReport(True, count)


def _check_head_file(conn: Connection, trail: Trail, keyed: bool, count: int) -> AuditReport | None:
    if trail.head_file is None:
        return None
    name = trail.head_file.name
    try:
        head = trail.read_head()
    except ValueError:
        return AuditReport(False, count, None, f"the head kept in {name} was altered")
    if not keyed:
        if head is not None:
            return AuditReport(False, count, None, "the trail was turned back to an unkeyed one")
        return None
    if head is None:
        return AuditReport(
            False, count, None, f"the head kept outside the database ({name}) is missing"
        )
    seq, mac = head
    if seq > count:
        return AuditReport(False, count, count + 1, f"events after {count} were removed")
    if _mac_at(conn, seq) != mac:
        return AuditReport(False, count, seq, f"event {seq} was rewritten")
    return None


def parse_anchor(anchor: str) -> tuple[int, str]:
    match = _ANCHOR.fullmatch(anchor)
    if match is None:
        raise VigGuideError(
            f"{anchor.strip()[:80]!r} is not an audit anchor.",
            "An anchor looks like 42:0f3a…, as printed by vigguide audit head and on progress notes.",
        )
    return int(match.group(1)), match.group(2).lower()


def _check_anchor(conn: Connection, anchor: str, count: int) -> AuditReport | None:
    seq, prefix = parse_anchor(anchor)
    mac = _mac_at(conn, seq)
    if mac is None:
        return AuditReport(False, count, seq, f"the anchored event {seq} is no longer in the trail")
    if not mac.startswith(prefix):
        problem = (
            f"event {seq} does not match the anchor; if the anchor was copied exactly, "
            "the event was rewritten"
        )
        return AuditReport(False, count, seq, problem)
    return None


def anchor(conn: Connection) -> str:
    """A short string naming the newest event and its MAC, to keep outside the laptop."""
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    if row is None:
        return "0:" + GENESIS[:ANCHOR_HEX]
    return f"{row[0]}:{str(row[1])[:ANCHOR_HEX]}"


def events(conn: Connection, case_ref: str | None = None, limit: int = 200) -> list[AuditEvent]:
    query = "SELECT seq, at, actor, action, case_ref, detail FROM audit"
    params: tuple[Any, ...] = ()
    if case_ref is not None:
        query += " WHERE case_ref = ?"
        params = (case_ref,)
    query += " ORDER BY seq DESC LIMIT ?"
    rows = conn.execute(query, (*params, limit)).fetchall()
    return [AuditEvent(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]
