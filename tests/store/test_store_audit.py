"""The audit trail: append-only, hash-chained, and `vigguide audit verify` names what broke."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from vigguide.cli import main
from vigguide.domain import ConsentScope
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
