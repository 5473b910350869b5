"""Write-ahead intents: what a crash interrupted is finished or undone at the next start, with an
audit event, and a home from before the upgrade gets its files bound and its leftovers removed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.keyrings import MemoryKeyring
from vigguide.errors import VaultError
from vigguide.services.recordings import delete_recording
from vigguide.store.custody import KeyCustody
from vigguide.store.home import Home, open_home

PROBE = {
    "duration_s": 20.0,
    "width": 640,
    "height": 360,
    "fps": 25.0,
    "video_codec": "h264",
    "audio_codec": "aac",
}


@pytest.fixture
def reopen(home_dir: Path, keyring_backend: MemoryKeyring) -> Callable[[], Home]:
    return lambda: open_home(home_dir, custody=KeyCustody(home_dir, backend=keyring_backend))


def _film(home: Home, data: bytes = b"film bytes") -> tuple[int, str]:
    home.store.create_case("F-1", "Amira", "Noor")
    entry = home.vault.put_bytes(data, kind="recording")
    rec = home.store.add_recording(
        "F-1",
        vault_id=entry.id,
        sha256=entry.sha256,
        size_bytes=entry.size_bytes,
        probe=PROBE,
        delete_by=None,
    )
    home.vault.settle(entry)
    return rec, entry.id


def _intents(home: Home) -> list[tuple[str, str]]:
    assert home.vault.ledger is not None
    return [(i.op, i.state) for i in home.vault.ledger.intents()]


def test_a_file_written_but_never_recorded_is_removed_at_the_next_start(home: Home, reopen):
    entry = home.vault.put_bytes(b"a clip nobody recorded", kind="clip")  # then: killed
    path = home.vault.path_of(entry.id)
    assert path.exists() and _intents(home) == [("create", "open")]
    home.close()
    with reopen() as again:
        assert not path.exists()
        assert again.vault.recovered == {"writes_undone": 1}
        event = again.store.audit_events(limit=1)[0]
        assert (event.action, event.detail) == ("vault.recover", {"writes_undone": 1})
        assert _intents(again) == []


def test_a_file_recorded_but_not_yet_bound_is_kept_and_bound(home: Home, reopen):
    home.store.create_case("F-1", "Amira", "Noor")
    entry = home.vault.put_bytes(b"film bytes", kind="recording")
    home.store.add_recording(
        "F-1", vault_id=entry.id, sha256=entry.sha256, size_bytes=10, probe=PROBE, delete_by=None
    )  # then: killed before settle
    home.close()
    with reopen() as again:
        assert again.vault.read_bytes(entry.id) == b"film bytes"
        assert again.vault.recovered == {"writes_kept": 1}
        assert again.vault.ledger is not None
        bound = again.vault.ledger.bound(entry.id)
        assert bound is not None and bound.sha256 == entry.sha256


def test_a_deletion_that_never_reached_the_record_leaves_the_film(home: Home, reopen):
    _, vault_id = _film(home)
    home.vault.will_delete(vault_id, case_ref="F-1")  # then: killed before the commit
    home.close()
    with reopen() as again:
        assert again.vault.read_bytes(vault_id) == b"film bytes"
        assert again.store.load("F-1").cycles[0].recordings[0].available
        assert again.vault.recovered == {"deletes_undone": 1}


def test_a_failed_unlink_is_reported_and_retried_at_the_next_start(home: Home, reopen):
    rec, vault_id = _film(home)
    path = home.vault.path_of(vault_id)
    path.unlink()
    path.mkdir()  # something the unlink cannot remove
    (path / "x").write_bytes(b"")
    with pytest.raises(VaultError, match="could not be removed yet") as caught:
        delete_recording(home, "F-1", rec, "retention policy")
    assert "tries again each time it starts" in caught.value.hint
    assert not home.store.load("F-1").cycles[0].recordings[0].available  # the record is done
    assert _intents(home) == [("delete", "open")]
    home.close()
    with reopen() as again:  # still failing: kept, and said
        assert again.vault.recovered == {"deletes_failed": 1}
    (path / "x").unlink()
    path.rmdir()
    path.write_bytes(b"the file back")
    with reopen() as again:
        assert not path.exists()
        assert again.vault.recovered == {"deletes_finished": 1}
        assert _intents(again) == []


def test_a_clip_unreferenced_after_a_crash_in_a_screen_is_removed(home: Home, reopen):
    rec, _ = _film(home)
    moment = home.store.add_moment("F-1", rec, 1.0, 2.0)
    clip = home.vault.put_bytes(b"clip", kind="clip")
    home.store.update_moment("F-1", moment, clip_vault_id=clip.id)
    home.vault.settle(clip)
    home.store.delete_moment("F-1", moment)  # then: killed before the screen's vault.delete
    home.close()
    with reopen() as again:
        assert not again.vault.path_of(clip.id).exists()
        assert again.vault.recovered == {"deletes_finished": 1}


def test_exports_are_audited_if_placed_and_removed_if_not(home: Home, reopen, tmp_path: Path):
    home.store.create_case("F-1", "Amira", "Noor")
    ledger = home.vault.ledger
    assert ledger is not None
    out = tmp_path / "exports"
    out.mkdir()
    half = out / ".vigguide-export-aaaa"
    half.mkdir(mode=0o700)
    (half / "F-1-summary.pdf").write_bytes(b"%PDF half")
    ledger.begin_export(
        half, out / "F-1-summary.pdf", {"ref": "F-1", "kind": "summary", "cycle": 1}
    )
    placed = out / ".vigguide-export-bbbb"
    placed.mkdir(mode=0o700)
    (out / "F-1-insert.pdf").write_bytes(b"%PDF whole")  # renamed into place, then: killed
    done = ledger.begin_export(
        placed, out / "F-1-insert.pdf", {"ref": "F-1", "kind": "insert", "cycle": 1}
    )
    ledger.export_placing(done)
    not_ours = out / ".vigguide-export-cccc"
    not_ours.mkdir()
    home.close()
    with reopen() as again:
        assert sorted(p.name for p in out.iterdir()) == [".vigguide-export-cccc", "F-1-insert.pdf"]
        assert again.vault.recovered == {"exports_removed": 1, "exports_audited": 1}
        docs = [d.kind for d in again.store.load("F-1").cycles[0].documents]
        assert docs == ["insert"]


# What version 5 added (packs between colleagues), taken away again.
_UNDO_V6 = (
    *(
        f"DROP TABLE {table}"
        for table in ("supervision_cycles", "supervision_sessions", "reflections")
    ),
    "ALTER TABLE recordings DROP COLUMN kind",
)

_UNDO_V5 = tuple(
    f"DROP TABLE {table}"
    for table in ("pack_feedback", "packs_sent", "colleagues", "held_media", "held_packs")
)

# What version 4 added, taken away again (a test home made as the older vigguide left it).
_UNDO_V4 = (
    "DROP TABLE endings",
    "DROP TABLE measures",
    *(
        f"ALTER TABLE {table} DROP COLUMN {column}"
        for table, column in (
            ("helping_questions", "baseline"),
            ("helping_questions", "baseline_on"),
            ("cases", "closed_on"),
            ("cases", "other_adults"),
            ("consents", "declined_on"),
            ("consents", "how"),
            ("consents", "form_ref"),
            ("consents", "review_on"),
            ("recordings", "filmed_on"),
            ("documents", "path"),
            ("documents", "confirmed_deleted_at"),
        )
    ),
)


def test_a_home_from_before_the_upgrade_gets_its_files_bound_and_leftovers_removed(
    home: Home, reopen
):
    _, film = _film(home)
    leftover = home.vault.put_bytes(b"left by an old crash")
    not_vault = home.vault.root_dir / "README.txt"
    not_vault.write_text("kept")
    with home.store.lock:  # make it a version 2 home, as the older vigguide left it
        for statement in (
            "DROP TABLE vault_files",
            "DROP TABLE vault_intents",
            "DELETE FROM meta WHERE key = 'vault_backfill'",
            *_UNDO_V6,
            *_UNDO_V5,
            *_UNDO_V4,
            "PRAGMA user_version = 2",
        ):
            home.store.conn.execute(statement)
    home.close()
    with reopen() as again:
        assert not again.vault.path_of(leftover.id).exists()
        assert not_vault.read_text() == "kept"
        assert again.vault.recovered == {"strays_removed": 1, "files_bound": 1}
        assert again.vault.ledger is not None
        assert again.vault.ledger.bound(film) is not None
        event = again.store.audit_events(limit=1)[0]
        assert event.action == "vault.recover"
        assert json.dumps(event.detail) == '{"files_bound": 1, "strays_removed": 1}'


def test_a_decrypted_copy_cut_short_leaves_no_partial(home: Home, reopen, tmp_path: Path):
    clip = home.vault.put_bytes(b"clip", kind="clip")
    home.vault.settle(clip)
    out = tmp_path / "exports"
    out.mkdir()
    done = home.vault.export(clip.id, out / "clip.mp4")
    assert done.read_bytes() == b"clip" and _intents(home) == []
    ledger = home.vault.ledger
    assert ledger is not None
    partial = out / ".clip2.mp4.1234abcd.part"  # as a kill mid-copy leaves it
    ledger.begin_partial(partial, out / "clip2.mp4")
    partial.write_bytes(b"cl")
    home.close()
    with reopen() as again:
        assert sorted(p.name for p in out.iterdir()) == ["clip.mp4"]
        # (the clip itself goes too: no record points at it in this test)
        assert again.vault.recovered == {"exports_removed": 1, "deletes_finished": 1}
