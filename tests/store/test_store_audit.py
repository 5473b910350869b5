"""The audit trail: append-only, hash-chained, and `vigguide audit verify` names what broke."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from vigguide.cli import main
from vigguide.domain import ConsentScope
from vigguide.store.audit import HEAD_FILE
from vigguide.store.custody import KeyCustody
from vigguide.store.home import Home, open_home


def _fill(home: Home) -> None:
    home.store.create_case("A-1", "Amira", "Noor")
    home.store.set_consent("A-1", ConsentScope.FILMING, date(2026, 10, 1))
    home.store.add_question("A-1", "What am I doing to enjoy my baby?")
    home.store.withdraw_consent("A-1", ConsentScope.FILMING, date(2026, 10, 5))


def test_actions_are_recorded_with_who_what_and_which_case(home: Home):
    home.store.set_practitioner(
        __import__("vigguide.domain", fromlist=["Practitioner"]).Practitioner("Sam")
    )
    _fill(home)
    actions = [(e.action, e.case_ref, e.actor) for e in reversed(home.store.audit_events())]
    assert ("case.create", "A-1", "Sam") in actions
    assert ("consent.given", "A-1", "Sam") in actions
    assert ("consent.withdrawn", "A-1", "Sam") in actions
    assert home.store.audit_verify().ok


@pytest.mark.parametrize(
    ("tamper", "broken", "words"),
    [
        ("UPDATE audit SET action = 'case.delete' WHERE seq = 3", 3, "changed"),
        ("DELETE FROM audit WHERE seq = 3", 3, "missing"),
        ("UPDATE audit SET seq = seq + 100 WHERE seq = 2", 2, "missing"),
        ("DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)", None, "removed"),
    ],
)
def test_tampering_is_detected_and_named(home: Home, tamper: str, broken: int | None, words: str):
    _fill(home)
    total = home.store.audit_verify().events
    home.store.conn.execute(tamper)
    report = home.store.audit_verify()
    assert not report.ok
    assert words in report.problem
    assert report.first_broken == (broken if broken is not None else total)


def test_reordering_two_events_is_detected(home: Home):
    _fill(home)
    conn = home.store.conn
    conn.execute("UPDATE audit SET seq = -1 WHERE seq = 2")
    conn.execute("UPDATE audit SET seq = 2 WHERE seq = 3")
    conn.execute("UPDATE audit SET seq = 3 WHERE seq = -1")
    report = home.store.audit_verify()
    assert not report.ok and report.first_broken == 2


def test_cli_verify_exit_codes(tmp_path: Path, passphrase_env, capsys):
    home_dir = tmp_path / "home"
    with open_home(home_dir) as home:
        _fill(home)
    assert main(["--home", str(home_dir), "audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    with open_home(home_dir) as home:
        home.store.conn.execute(
            "UPDATE audit SET detail = ? WHERE seq = 4", ('{"scope": "training"}',)
        )
    assert main(["--home", str(home_dir), "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "first broken event: 4" in err


# a keyed trail with its head outside the database ------------------------------------------


def _rehash_unkeyed(conn) -> None:  # type: ignore[no-untyped-def]
    """What someone with the database key but not the audit key can do: rebuild the chain."""
    import hashlib
    import json

    prev = "0" * 64
    rows = conn.execute(
        "SELECT seq, at, actor, action, case_ref, detail FROM audit ORDER BY seq"
    ).fetchall()
    for seq, at, actor, action, ref, detail in rows:
        payload = json.dumps([seq, at, actor, action, ref, detail, prev], separators=(",", ":"))
        digest = hashlib.sha256(payload.encode()).hexdigest()
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, seq))
        prev = digest
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{len(rows)}:{prev}",))


def test_a_new_home_is_keyed_from_the_start_with_a_private_head_file(home: Home, home_dir: Path):
    _fill(home)
    head = home_dir / HEAD_FILE
    assert head.exists()
    if os.name == "posix":
        assert head.stat().st_mode & 0o777 == 0o600
    seq, mac = home.store.audit_anchor().split(":")
    assert int(seq) == home.store.audit_verify().events
    assert f" {seq} " in head.read_text() and len(mac) == 32
    assert home.store.conn.execute("SELECT value FROM meta WHERE key = 'audit_chain'").fetchone()


def test_editing_and_rehashing_the_chain_is_found(home: Home):
    _fill(home)
    conn = home.store.conn
    conn.execute("UPDATE audit SET detail = ? WHERE seq = 3", ('{"scope": "training"}',))
    _rehash_unkeyed(conn)
    report = home.store.audit_verify()
    assert not report.ok and report.first_broken == 1 and "changed" in report.problem


def test_dropping_the_newest_events_and_their_head_record_is_found(home: Home):
    _fill(home)
    total = home.store.audit_verify().events
    conn = home.store.conn
    conn.execute("DELETE FROM audit WHERE seq > ?", (total - 2,))
    newest = conn.execute("SELECT hash FROM audit WHERE seq = ?", (total - 2,)).fetchone()[0]
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{total - 2}:{newest}",))
    report = home.store.audit_verify()
    assert not report.ok
    assert report.problem == f"events after {total - 2} were removed"


def test_dropping_the_head_record_alone_is_found(home: Home):
    _fill(home)
    home.store.conn.execute("DELETE FROM meta WHERE key = 'audit_head'")
    report = home.store.audit_verify()
    assert not report.ok and "newest event is missing" in report.problem


def test_deleting_every_event_is_found(home: Home):
    _fill(home)
    home.store.conn.execute("DELETE FROM audit")
    home.store.conn.execute("DELETE FROM meta WHERE key = 'audit_head'")
    report = home.store.audit_verify()
    assert not report.ok and report.problem == "events after 0 were removed"


def test_a_missing_head_file_is_an_error(home: Home, home_dir: Path):
    _fill(home)
    (home_dir / HEAD_FILE).unlink()
    report = home.store.audit_verify()
    assert not report.ok and f"({HEAD_FILE}) is missing" in report.problem


def test_an_edited_head_file_is_found(home: Home, home_dir: Path):
    _fill(home)
    head = home_dir / HEAD_FILE
    parts = head.read_text().split()
    parts[1] = str(int(parts[1]) - 1)
    head.write_text(" ".join(parts) + "\n")
    report = home.store.audit_verify()
    assert not report.ok and "was altered" in report.problem


def test_turning_the_chain_back_to_unkeyed_is_found(home: Home, home_dir: Path, keyring_backend):
    _fill(home)
    conn = home.store.conn
    conn.execute("DELETE FROM meta WHERE key = 'audit_chain'")
    _rehash_unkeyed(conn)
    home.close()
    # the next open must not re-key a chain whose keyed head file is still there
    with open_home(home_dir, custody=KeyCustody(home_dir, backend=keyring_backend)) as again:
        report = again.store.audit_verify()
    assert not report.ok and "turned back" in report.problem


def test_a_head_file_that_lags_after_a_crash_still_verifies(home: Home, home_dir: Path):
    _fill(home)
    head = home_dir / HEAD_FILE
    older = head.read_bytes()
    home.store.add_question("A-1", "What helps us laugh together?")
    head.write_bytes(older)  # as if killed between the commit and the head file write
    assert home.store.audit_verify().ok


def _make_legacy(home_dir: Path, keyring_backend, *, broken: bool = False) -> None:  # type: ignore[no-untyped-def]
    """A home as vigguide wrote it before the trail was keyed (its chain broken, if asked)."""
    with open_home(home_dir, custody=KeyCustody(home_dir, backend=keyring_backend)) as home:
        _fill(home)
        home.store.conn.execute("DELETE FROM meta WHERE key = 'audit_chain'")
        _rehash_unkeyed(home.store.conn)
        if broken:
            home.store.conn.execute("UPDATE audit SET action = 'x' WHERE seq = 2")
    (home_dir / HEAD_FILE).unlink()


def test_an_older_home_is_keyed_once_at_open_if_its_chain_is_intact(
    home_dir: Path, keyring_backend
):
    _make_legacy(home_dir, keyring_backend)
    custody = KeyCustody(home_dir, backend=keyring_backend)
    with open_home(home_dir, custody=custody) as home:
        report = home.store.audit_verify()
        assert report.ok, report.problem
        newest = home.store.audit_events(limit=1)[0]
        assert newest.action == "audit.keyed" and newest.detail["events"] == report.events - 1
        assert (home_dir / HEAD_FILE).exists()
        # from now on it is keyed: the old attack no longer passes
        home.store.conn.execute("UPDATE audit SET actor = 'someone' WHERE seq = 2")
        _rehash_unkeyed(home.store.conn)
        assert not home.store.audit_verify().ok


def test_an_older_home_with_a_broken_chain_is_not_laundered_by_the_upgrade(
    home_dir: Path, keyring_backend
):
    _make_legacy(home_dir, keyring_backend, broken=True)
    custody = KeyCustody(home_dir, backend=keyring_backend)
    with open_home(home_dir, custody=custody) as home:
        report = home.store.audit_verify()
        assert not report.ok and report.first_broken == 2
        assert not (home_dir / HEAD_FILE).exists()


def test_cli_head_and_verify_anchor(tmp_path: Path, passphrase_env, capsys):
    home_dir = tmp_path / "home"
    with open_home(home_dir) as home:
        _fill(home)
    assert main(["--home", str(home_dir), "audit", "head"]) == 0
    anchor = capsys.readouterr().out.strip()
    seq = int(anchor.split(":")[0])
    assert main(["--home", str(home_dir), "audit", "verify", "--anchor", anchor]) == 0
    assert f"still holds the anchored event {anchor}" in capsys.readouterr().out
    with open_home(home_dir) as home:  # later work keeps the anchor valid
        home.store.add_question("A-1", "When do we both smile?")
    assert main(["--home", str(home_dir), "audit", "verify", "--anchor", anchor]) == 0
    capsys.readouterr()
    # an anchor the trail never held: a plain message and exit 1
    forged = f"{seq}:{'0' * 32}"
    assert main(["--home", str(home_dir), "audit", "verify", "--anchor", forged]) == 1
    assert f"event {seq} does not match the anchor" in capsys.readouterr().err
    assert main(["--home", str(home_dir), "audit", "verify", "--anchor", f"999:{'a' * 32}"]) == 1
    assert "event 999 is no longer in the trail" in capsys.readouterr().err
    # not an anchor at all: bad input, exit 2
    assert main(["--home", str(home_dir), "audit", "verify", "--anchor", "hello"]) == 2
    assert "is not an audit anchor" in capsys.readouterr().err
