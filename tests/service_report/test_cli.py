"""`vigguide service-report`: the demo home's report holds none of its families' details; bad
input is a plain message, exit 2, and nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.service_report.searching import date_forms, traces
from vigguide.cli import main
from vigguide.store.home import open_home
from vigguide.store.intents import CRASH_AT

REPO = Path(__file__).resolve().parents[2]
DEMO_PASSPHRASE = "demo family, not a real one"


def run(args: list[str], env: dict[str, str], **more: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vigguide", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=300,
        **more,  # type: ignore[call-overload]
    )


def _demo_secrets(home: Path) -> list[str]:
    """Every name, reference and date of birth (or due date) in the demo home, read from it."""
    with open_home(home) as opened:
        conn = opened.store.conn
        cases = conn.execute(
            "SELECT ref, parent_name, baby_name, baby_born_on, baby_due_on FROM cases"
        ).fetchall()
        people = conn.execute("SELECT name, supervisor FROM practitioner").fetchall()
    secrets: list[str] = [name for row in people for name in row if name]
    for ref, parent, baby, born, due in cases:
        secrets += [ref, parent, baby]
        secrets += [f for day in (born, due) if day for f in date_forms(date.fromisoformat(day))]
    return secrets


def test_the_demo_homes_report_names_no_family(tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "demo"
    env = {**os.environ, "VIGGUIDE_HOME": str(home), "VIGGUIDE_KEY_CUSTODY": "passphrase"}
    env.pop("VIGGUIDE_PASSPHRASE", None)
    assert run(["demo", "--no-tui"], env).returncode == 0
    env["VIGGUIDE_PASSPHRASE"] = DEMO_PASSPHRASE
    out = tmp_path / "out"
    start, end = date.today() - timedelta(days=400), date.today()
    done = run(["service-report", "--from", str(start), "--to", str(end), "-o", str(out)], env)
    assert done.returncode == 0, done.stderr
    paths = [Path(line) for line in done.stdout.splitlines()]
    assert [p.suffix for p in paths] == [".pdf", ".csv"] and all(p.is_file() for p in paths)
    monkeypatch.setenv("VIGGUIDE_PASSPHRASE", DEMO_PASSPHRASE)  # to read the names back
    secrets = _demo_secrets(home)
    assert {"DEMO-001", "Maya", "Leo", "Priya", "Ava"} <= set(secrets)
    assert traces(paths, secrets) == []
    # DEMO-001's first cycle and the three of DEMO-004, the family who has finished
    assert "shared reviews held,4" in paths[1].read_text()
    assert "ending reviews recorded,1" in paths[1].read_text()
    assert {"DEMO-004", "Jess", "Rosie"} <= set(secrets)


@pytest.fixture
def cli_home(tmp_path: Path, passphrase_env: dict[str, str]) -> Path:
    home_dir = tmp_path / "home"
    with open_home(home_dir) as home:
        home.store.create_case("BAD-1", "Nora Example", "Ola")
    return home_dir


def _exports(home_dir: Path) -> int:
    with open_home(home_dir) as home:
        return sum(1 for e in home.store.audit_events() if e.action == "document.export")


@pytest.mark.parametrize(
    ("period", "words"),
    [
        (["--from", "2026-06-30", "--to", "2026-04-01"], "starts (2026-06-30) after it ends"),
        (["--from", "2026-13-01", "--to", "2026-12-31"], '--from "2026-13-01" is not a date'),
        (["--from", "2026-01-01", "--to", "last week"], '--to "last week" is not a date'),
    ],
)
def test_a_bad_period_is_refused_plainly(cli_home: Path, tmp_path: Path, capsys, period, words):
    out = tmp_path / "out"
    assert main(["--home", str(cli_home), "service-report", *period, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert err.startswith("vigguide: ")
    assert not out.exists()
    assert _exports(cli_home) == 0


def test_a_file_as_the_folder_or_a_report_already_there_is_refused(
    cli_home: Path, tmp_path: Path, capsys
):
    period = ["--from", "2026-01-01", "--to", "2026-03-31"]
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    assert main(["--home", str(cli_home), "service-report", *period, "-o", str(a_file)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert a_file.read_text() == "mine"

    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "service-report-2026-01-01-to-2026-03-31.csv"
    earlier.write_text("an earlier report")
    assert main(["--home", str(cli_home), "service-report", *period, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "nothing was written" in err
    assert [p.name for p in out.iterdir()] == [earlier.name]
    assert earlier.read_text() == "an earlier report"
    assert _exports(cli_home) == 0

    assert main(["--home", str(cli_home), "service-report", *period, "-o", str(out / "q1")]) == 0
    assert len(list((out / "q1").iterdir())) == 2  # a missing folder is made
    assert _exports(cli_home) == 2


def _obey_permissions() -> None:
    from tests.media.restricted import _obey_permissions as drop

    drop()


def test_a_read_only_folder_is_refused_plainly(cli_home: Path, tmp_path: Path, passphrase_env):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        args = ["--home", str(cli_home), "service-report", "--from", "2026-01-01"]
        args += ["--to", "2026-03-31", "-o", str(locked)]
        preexec = _obey_permissions if os.geteuid() == 0 else None
        try:
            done = run(args, passphrase_env, preexec_fn=preexec)
        except subprocess.SubprocessError as exc:
            pytest.skip(f"cannot take away root's permission override here: {exc}")
        assert done.returncode == 2, done.stderr
        assert "not allowed to write in" in done.stderr and "Traceback" not in done.stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)
    assert _exports(cli_home) == 0


@pytest.mark.parametrize(("point", "kept"), [("export-staged", False), ("export-placed", True)])
def test_a_kill_while_writing_leaves_both_files_audited_or_neither(
    cli_home: Path, tmp_path: Path, passphrase_env, point: str, kept: bool
):
    out = tmp_path / "out"
    args = ["--home", str(cli_home), "service-report", "--from", "2026-01-01", "--to"]
    done = run([*args, "2026-03-31", "-o", str(out)], {**passphrase_env, CRASH_AT: point})
    assert done.returncode == -9, done.stderr  # killed at that point
    with open_home(cli_home) as home:  # the next start finishes or undoes it
        events = [e for e in home.store.audit_events() if e.action == "document.export"]
    files = sorted(p.name for p in out.iterdir())  # no hidden staging folder either
    stem = "service-report-2026-01-01-to-2026-03-31"
    assert files == ([f"{stem}.csv", f"{stem}.pdf"] if kept else [])
    assert sorted(e.detail["file"] for e in events) == files
