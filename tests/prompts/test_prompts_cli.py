"""`vigguide coach`: human-readable and JSON findings, always exit 0."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vigguide.prompts.commands import add_commands

ROOT = Path(__file__).resolve().parents[2]


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
        "from vigguide.prompts.commands import add_commands\n"
        "p = argparse.ArgumentParser(prog='vigguide')\n"
        "add_commands(p.add_subparsers())\n"
        "a = p.parse_args(['coach', '--json', 'What helps at bath time?'])\n"
        "code = a.func(a)\n"
        "assert 'textual' not in sys.modules\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert [row["kind"] for row in json.loads(done.stdout)] == ["not_first_person"]
