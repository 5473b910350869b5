"""Accreditation: the counts checked against a hand count (see trainee_history.py), the log as a
private PDF that names no family, and bad input refused with a plain message."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from tests.service_report.searching import date_forms, pdf_text, traces
from tests.superlog import trainee_history as history
from vigguide.cli import main
from vigguide.errors import VigGuideError
from vigguide.services import accreditation as service
from vigguide.store.home import Home, open_home

TODAY = history.TODAY


def test_counts_match_the_hand_count(home: Home):
    history.build(home)
    found = service.progress(home, TODAY)
    a = found.accreditation
    assert a.course_on == date(2025, 1, 10) and a.current_stage == 2
    one, two, three = a.stages
    refs = found.refs
    assert [(refs[c.client], c.number) for c in one.cycles] == [
        ("ACC-1", 2), ("ACC-1", 3), ("ACC-1", 4), ("ACC-2", 1), ("ACC-2", 2)
    ]  # fmt: skip
    assert [refs[c] for c in one.new_clients] == ["ACC-1", "ACC-2"]
    assert {refs[c]: n for c, n in one.per_client.items()} == {"ACC-1": 3, "ACC-2": 2}
    assert (one.hours, one.sessions, one.met) == (5.0, 3, False)
    assert one.still_needed() == ("1 more cycle", "2 more hours of supervision")
    assert [(refs[c.client], c.number) for c in two.cycles] == [
        ("ACC-2", 4), ("ACC-3", 1), ("ACC-3", 2), ("ACC-4", 1)
    ]  # fmt: skip
    assert [refs[c] for c in two.new_clients] == ["ACC-3", "ACC-4"]
    assert (two.hours, two.sessions) == (2.0, 1)
    assert two.still_needed() == ("5 more cycles", "1 more client", "6 more hours of supervision")
    assert (len(three.cycles), three.hours) == (0, 0.0)
    assert a.before_course == 2 and a.total_hours == 8.0


def test_the_log_pdf_is_private_audited_and_names_no_family(home: Home, tmp_path: Path):
    history.build(home)
    target = tmp_path / "for the panel" / "log.pdf"
    written = service.write_log_pdf(home, target, today=TODAY)
    assert written == target and stat.S_IMODE(target.stat().st_mode) == 0o600
    text = pdf_text(target)
    assert "VIG supervision and accreditation log" in text
    assert "Sam Guider" in text and "Jo Patel" in text  # the practitioner's own log
    assert "Family A" in text and "Family D" in text and "Family E" not in text
    assert "5 of 6" in text and "Still needs 1 more cycle" in text
    secrets: list[str] = []
    for ref, (parent, baby, born) in history.FAMILIES.items():
        secrets += [ref, parent, *parent.split(), baby, *date_forms(born)]
    assert traces([target], secrets) == []
    event = home.store.audit_events()[0]
    assert event.action == "document.export" and event.case_ref == ""
    assert event.detail["kind"] == "accreditation-log" and event.detail["file"] == "log.pdf"
    with pytest.raises(VigGuideError, match="already exists"):
        service.write_log_pdf(home, target, today=TODAY)  # never replaced


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours": "0"}, '"0" is not a length of session.'),
        ({"hours": "-1"}, '"-1" is not a length of session.'),
        ({"hours": "40"}, '"40" is not a length of session.'),
        ({"hours": "nan"}, '"nan" is not a length of session.'),
        ({"on": "2026-02-01"}, "The session date 2026-02-01 is in the future."),
        ({"on": "last tuesday"}, 'The session date "last tuesday" is not a date.'),
        ({"supervisor": "  "}, "Name the supervisor"),
        ({"cycles": "ACC-1"}, '"ACC-1" is not a cycle.'),
        ({"cycles": "NOPE-1:1"}, "There is no case NOPE-1."),
        ({"cycles": "ACC-1:9"}, "Case ACC-1 has no cycle 9."),
    ],
)
def test_bad_sessions_are_refused_and_nothing_is_logged(home: Home, changes, message):
    home.store.create_case("ACC-1", "Bethany Quill", "Orla")
    given = {"on": "2025-03-01", "hours": "1.5", "supervisor": "Jo Patel", "cycles": "ACC-1:1"}
    with pytest.raises(VigGuideError) as caught:
        service.add_session(home, **(given | changes), today=TODAY)
    assert message in str(caught.value)
    assert service.progress(home, TODAY).sessions == []


def test_cli_add_list_delete_and_accreditation(tmp_path: Path, passphrase_env, capsys):
    home_dir = tmp_path / "home"
    with open_home(home_dir) as home:
        home.store.create_case("ACC-1", "Bethany Quill", "Orla")
    base = ["--home", str(home_dir)]
    add = [*base, "supervision-log", "add", "--on", "2025-03-01", "--hours", "1.5"]
    assert main([*add, "--supervisor", "Jo Patel", "--cycles", "ACC-1:1", "--group"]) == 0
    assert "Supervision session 1 logged." in capsys.readouterr().out
    assert main([*base, "supervision-log", "list"]) == 0
    out = capsys.readouterr().out
    assert "2025-03-01" in out and "1.5 h" in out and "group" in out and "ACC-1:1" in out
    assert main([*base, "accreditation", "--initial-course", "2025-01-10"]) == 0
    out = capsys.readouterr().out
    assert "Initial course: 2025-01-10" in out
    assert "Stage 1: 0 of 6 cycles, 0 of 2 new clients, 1.5 of 7 hours" in out
    pdf = tmp_path / "log.pdf"
    assert main([*base, "accreditation", "-o", str(pdf)]) == 0
    assert pdf.is_file() and "Bethany" not in pdf_text(pdf)
    assert main([*base, "supervision-log", "delete", "1"]) == 0
    assert main([*base, "supervision-log", "delete", "1"]) == 2
    assert "There is no supervision session 1." in capsys.readouterr().err


def test_cli_bad_input_exits_2_with_a_plain_message(tmp_path: Path, passphrase_env, capsys):
    home_dir = tmp_path / "home"
    with open_home(home_dir) as home:
        home.store.create_case("ACC-1", "Bethany Quill", "Orla")
    base = ["--home", str(home_dir), "supervision-log", "add", "--supervisor", "Jo Patel"]
    assert main([*base, "--on", "2025-03-01", "--hours", "0"]) == 2
    assert '"0" is not a length of session.' in capsys.readouterr().err
    assert main([*base, "--on", "2999-01-01", "--hours", "1"]) == 2
    assert "is in the future" in capsys.readouterr().err
    assert main([*base, "--on", "2025-03-01", "--hours", "1", "--cycles", "GONE-2:1"]) == 2
    err = capsys.readouterr().err
    assert "There is no case GONE-2." in err and "Traceback" not in err
    pdf = tmp_path / "log.txt"
    assert main(["--home", str(home_dir), "accreditation", "-o", str(pdf)]) == 2
    assert "does not end in .pdf" in capsys.readouterr().err
    with open_home(home_dir) as home:
        assert service.progress(home).sessions == []
