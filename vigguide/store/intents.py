"""Write-ahead intents: every vault write and delete, and every export, is written down in the
database before it touches a file, so that whatever a crash interrupts is finished or undone at
the next start.

The ledger also keeps `vault_files`: for each vault file the record it belongs to knows its kind,
the fingerprint of its age header (checked at every open) and the SHA-256 of its content.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vigguide.store.db import transaction

if TYPE_CHECKING:
    from vigguide.store.cases import CaseStore

# What a vault file's first bytes may hold before its header ends; an age header for one
# recipient is about 200 bytes.
_HEADER_LIMIT = 1 << 16

LIVE_REFERENCES = """
    SELECT vault_id, 'recording' FROM recordings WHERE deleted_at IS NULL
    UNION SELECT clip_vault_id, 'clip' FROM moments WHERE clip_vault_id IS NOT NULL
    UNION SELECT vault_id, 'still' FROM stills WHERE vault_id IS NOT NULL
    UNION SELECT thumb_vault_id, 'thumb' FROM stills WHERE thumb_vault_id IS NOT NULL
    UNION SELECT vault_id, 'held ' || kind FROM held_media
"""


# The crash test kills vigguide at named points between a file change and its record (set only by
# tests/test_crash.py): "NAME" kills at the first pass, "NAME:N" at the N-th.
CRASH_AT = "VIGGUIDE_TEST_CRASH_AT"
_passes: dict[str, int] = {}


def crash_point(name: str) -> None:
    wanted = os.environ.get(CRASH_AT)
    if not wanted or not hasattr(signal, "SIGKILL"):
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _passes[name] = _passes.get(name, 0) + 1
    if _passes[name] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)


def header_fingerprint(path: Path) -> str | None:
    """SHA-256 of an age file's header and payload nonce: random for every file, cheap to read.

    None when the file is missing or has no age header.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEADER_LIMIT)
    except FileNotFoundError:
        return None
    end = head.find(b"\n--- ")
    line_end = head.find(b"\n", end + 5) if end >= 0 else -1
    if line_end < 0 or len(head) < line_end + 17:
        return None
    return hashlib.sha256(head[: line_end + 17]).hexdigest()


@dataclass(frozen=True)
class Intent:
    id: int
    op: str  # "create", "delete" or "export"
    vault_id: str | None
    kind: str
    state: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BoundFile:
    vault_id: str
    kind: str
    fingerprint: str
    sha256: str | None
    size_bytes: int | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Ledger:
    """The intents and vault-file bindings of one open home, on the store's own connection and
    lock (so the TUI's worker threads never interleave their statements)."""

    def __init__(self, store: CaseStore) -> None:
        self.store = store

    # plumbing ------------------------------------------------------------------------------

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        with self.store.lock:
            return list(self.store.conn.execute(sql, tuple(params)).fetchall())

    def _write(self, *statements: tuple[str, Iterable[Any]]) -> int | None:
        """Run the statements as one committed transaction; the last row id inserted, if any."""
        if not statements:
            return None
        with self.store.lock, transaction(self.store.conn) as conn:
            last: int | None = None
            for sql, params in statements:
                cursor = conn.execute(sql, tuple(params))
                if sql.lstrip().upper().startswith("INSERT"):
                    last = cursor.lastrowid
            return last

    # creating vault files ------------------------------------------------------------------

    def begin_create(self, vault_id: str, kind: str) -> None:
        self._write(
            (
                "INSERT INTO vault_intents (op, vault_id, kind, created_at) VALUES"
                " ('create', ?, ?, ?)",
                (vault_id, kind, _now()),
            )
        )

    def settle(self, bound: BoundFile) -> None:
        """The record now points at the file: bind it, and the intent is done."""
        self._write(
            (
                "INSERT OR REPLACE INTO vault_files (vault_id, kind, fingerprint, sha256,"
                " size_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    bound.vault_id,
                    bound.kind,
                    bound.fingerprint,
                    bound.sha256,
                    bound.size_bytes,
                    _now(),
                ),
            ),
            ("DELETE FROM vault_intents WHERE op = 'create' AND vault_id = ?", (bound.vault_id,)),
        )

    def forget(self, vault_id: str) -> None:
        """The file is gone: drop its binding and any intent about it."""
        self._write(
            ("DELETE FROM vault_intents WHERE vault_id = ? AND op != 'export'", (vault_id,)),
            ("DELETE FROM vault_files WHERE vault_id = ?", (vault_id,)),
        )

    # deleting vault files ------------------------------------------------------------------

    def begin_delete(self, vault_ids: Iterable[str], case_ref: str = "") -> None:
        """Before the record lets go of these files: delete them even if a crash comes next."""
        self._write(
            *(
                (
                    "INSERT INTO vault_intents (op, vault_id, kind, detail, created_at)"
                    " VALUES ('delete', ?, '', ?, ?)",
                    (vault_id, json.dumps({"case_ref": case_ref}), _now()),
                )
                for vault_id in vault_ids
                if vault_id
            )
        )

    def cancel_delete(self, vault_ids: Iterable[str]) -> None:
        """The record change failed, so the files stay: drop the intents to delete them."""
        self._write(
            *(
                ("DELETE FROM vault_intents WHERE op = 'delete' AND vault_id = ?", (vault_id,))
                for vault_id in vault_ids
                if vault_id
            )
        )

    # exports -------------------------------------------------------------------------------

    def begin_export(self, staging: Path, target: Path, record: Mapping[str, Any]) -> int:
        """Before anything is written outside the home: where it will be staged and placed."""
        detail = {"staging": str(staging), "target": str(target), "record": dict(record)}
        row_id = self._write(
            (
                "INSERT INTO vault_intents (op, kind, detail, created_at) VALUES"
                " ('export', ?, ?, ?)",
                (str(record.get("kind", "")), json.dumps(detail), _now()),
            )
        )
        assert row_id is not None
        return row_id

    def begin_partial(self, partial: Path, target: Path) -> int:
        """Before a decrypted copy is written to `partial` (then renamed to `target`)."""
        detail = {"partial": str(partial), "target": str(target)}
        row_id = self._write(
            (
                "INSERT INTO vault_intents (op, kind, detail, created_at) VALUES"
                " ('export', 'copy', ?, ?)",
                (json.dumps(detail), _now()),
            )
        )
        assert row_id is not None
        return row_id

    def export_placing(self, intent_id: int) -> None:
        """The staged file is complete: from now on a finished rename counts as exported."""
        self._write(("UPDATE vault_intents SET state = 'placing' WHERE id = ?", (intent_id,)))

    def finish(self, intent_id: int) -> None:
        self._write(("DELETE FROM vault_intents WHERE id = ?", (intent_id,)))

    # reading -------------------------------------------------------------------------------

    def intents(self) -> list[Intent]:
        rows = self._rows(
            "SELECT id, op, vault_id, kind, state, detail FROM vault_intents ORDER BY id"
        )
        return [Intent(r[0], r[1], r[2], r[3], r[4], json.loads(r[5] or "{}")) for r in rows]

    def bound(self, vault_id: str) -> BoundFile | None:
        rows = self._rows(
            "SELECT vault_id, kind, fingerprint, sha256, size_bytes FROM vault_files"
            " WHERE vault_id = ?",
            (vault_id,),
        )
        return BoundFile(*rows[0]) if rows else None

    def all_bound(self) -> dict[str, BoundFile]:
        rows = self._rows("SELECT vault_id, kind, fingerprint, sha256, size_bytes FROM vault_files")
        return {r[0]: BoundFile(*r) for r in rows}

    def live_references(self) -> dict[str, str]:
        """vault id -> kind, for every file a record still points at."""
        return {r[0]: r[1] for r in self._rows(LIVE_REFERENCES)}

    def references(self) -> list[tuple[str, str, str, int]]:
        """(vault id, what, case ref, cycle number) for every file a record points at, and for
        deleted films (what = "deleted film"); a held supervision pack's files have no case ref
        and give the held pack's number in place of the cycle."""
        return [
            (r[0], r[1], r[2], r[3])
            for r in self._rows(
                """
                SELECT x.vault_id, x.what, c.ref, cy.number FROM (
                    SELECT vault_id, CASE WHEN deleted_at IS NULL THEN 'film'
                        ELSE 'deleted film' END AS what, cycle_id FROM recordings
                    UNION ALL SELECT clip_vault_id, 'clip', cycle_id FROM moments
                        WHERE clip_vault_id IS NOT NULL
                    UNION ALL SELECT vault_id, 'still', cycle_id FROM stills
                        WHERE vault_id IS NOT NULL
                    UNION ALL SELECT thumb_vault_id, 'still thumbnail', cycle_id FROM stills
                        WHERE thumb_vault_id IS NOT NULL
                ) x JOIN cycles cy ON cy.id = x.cycle_id JOIN cases c ON c.id = cy.case_id
                UNION ALL SELECT vault_id, 'supervision ' || kind, '', held_id FROM held_media
                """
            )
        ]

    def recording_hashes(self) -> dict[str, tuple[str, int]]:
        rows = self._rows(
            "SELECT vault_id, sha256, size_bytes FROM recordings WHERE deleted_at IS NULL"
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    def backfill_pending(self) -> bool:
        return bool(self._rows("SELECT 1 FROM meta WHERE key = 'vault_backfill'"))

    def backfill_done(self) -> None:
        self._write(("DELETE FROM meta WHERE key = 'vault_backfill'", ()))
