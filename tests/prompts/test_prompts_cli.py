"""`vigguide coach`: human-readable and JSON findings, always exit 0."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vigguide.cli_coach import add_commands

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _own_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The coach reads the service's words from the home; never the developer's real one."""
    monkeypatch.setenv("VIGGUIDE_HOME", str(tmp_path / "home"))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="vigguide")
    add_commands(parser.add_subparsers())
    args = parser.parse_args(argv)
    code = args.func(args)
    return code, capsys.readouterr().out


def test_json_lists_the_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["coach", "--json", "Why does he cry?"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert {row["kind"] for row in rows} == {"why", "baby_only"}
    for row in rows:
        assert set(row) == {"kind", "start", "end", "text", "explanation", "suggestion"}
    why = next(row for row in rows if row["kind"] == "why")
    assert (why["start"], why["end"], why["text"]) == (0, 3, "Why")


def test_json_for_a_good_question_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["coach", "What am I doing to enjoy my baby?", "--json"], capsys)
    assert (code, json.loads(out)) == (0, [])


def test_human_output_explains_and_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["coach", "I want to stop feeling useless when she cries"], capsys)
    assert code == 0
    assert '"stop": "stop" puts the problem at the centre' in out
    assert "You could try:" in out
    assert "What am I doing when I comfort her and it helps?" in out


def test_human_output_for_a_good_question(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["coach", "What am I doing when we laugh together?"], capsys)
    assert code == 0 and out.startswith("This reads as a good helping question")


def test_parent_text_reports_reading_ease_and_words(capsys: pytest.CaptureFixture[str]) -> None:
    text = "You showed lovely attunement. You should be proud."
    code, out = run(["coach", "--parent-text", text], capsys)
    assert code == 0
    assert out.startswith("Reading ease ")
    assert "tuning in to each other" in out and '"should"' in out


def test_parent_text_json_ends_with_the_score(capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "The reciprocal interaction demonstrated considerable developmental sensitivity, "
        "notwithstanding previously described difficulties. You smiled."
    )
    code, out = run(["coach", "--parent-text", "--json", text], capsys)
    assert code == 0
    rows = json.loads(out)
    assert rows[-1]["kind"] == "reading_ease"
    assert rows[-1]["score"] < 30
    hard = [row for row in rows if row["kind"] == "hard_sentence"]
    assert len(hard) == 1 and hard[0]["text"].startswith("The reciprocal")
    assert hard[0]["score"] < rows[-1]["score"]
    assert "jargon" in {row["kind"] for row in rows}


def test_runs_in_a_fresh_interpreter_without_textual() -> None:
    script = (
        "import argparse, sys\n"
        "from vigguide.cli_coach import add_commands\n"
        "p = argparse.ArgumentParser(prog='vigguide')\n"
        "add_commands(p.add_subparsers())\n"
        "a = p.parse_args(['coach', '--json', 'What helps at bath time?'])\n"
        "code = a.func(a)\n"
        "assert 'textual' not in sys.modules\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    assert env["VIGGUIDE_HOME"]
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert [row["kind"] for row in json.loads(done.stdout)] == ["not_first_person"]


def _service_words(home: Path) -> None:
    (home / "guidance").mkdir(parents=True)
    (home / "guidance" / "words.toml").write_text(
        '[[plain_word]]\nterm = "sensitive responding"\nplain = "answering your baby gently"\n'
        '[[spelling]]\nwrong = "cuddels"\nright = "cuddles"\nnote = "Spelt with -les."\n',
        encoding="utf-8",
    )


def test_the_services_own_words_reach_the_coach_from_the_home(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = tmp_path / "service-home"
    _service_words(home)
    question = "What am I doing at cuddels when we use sensitive responding?"
    code, out = run(["coach", "--json", question], capsys)
    assert (code, json.loads(out)) == (0, [])
    parser = argparse.ArgumentParser(prog="vigguide")
    parser.add_argument("--home", type=Path)
    add_commands(parser.add_subparsers())
    args = parser.parse_args(["--home", str(home), "coach", "--json", question])
    assert args.func(args) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["kind"], r["text"]) for r in rows} == {
        ("spelling", "cuddels"),
        ("jargon", "sensitive responding"),
    }
    args = parser.parse_args(["--home", str(home), "coach", "--caption", "Sensitive responding"])
    assert args.func(args) == 0
    assert "answering your baby gently" in capsys.readouterr().out


def test_a_broken_service_file_never_stops_the_coach(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "broken-home"
    (home / "guidance").mkdir(parents=True)
    (home / "guidance" / "words.toml").write_text("[[plain_word]\nterm = ", encoding="utf-8")
    monkeypatch.setenv("VIGGUIDE_HOME", str(home))
    code, out = run(["coach", "Am I a good mum?"], capsys)
    assert code == 0
    assert "verdict" in out


@pytest.mark.parametrize(
    "text",
    ["", "   ", "?", "🙂🙂", "Is", "How do I get", "x" * 5000, "What am I doing when\n\nwe play?"],
)
def test_the_coach_always_succeeds(capsys: pytest.CaptureFixture[str], text: str) -> None:
    for flags in ([], ["--json"], ["--caption"], ["--caption", "--json"]):
        code, _ = run(["coach", *flags, text], capsys)
        assert code == 0
