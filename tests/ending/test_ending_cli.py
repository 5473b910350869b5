"""Printing the ending from the CLI: no cycle number needed for the ending documents alone; a
case with nothing to look back on is refused with what to do first (exit 2, nothing written);
the ending summary's chart runs from her start to her end, as its words do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.documents import pdfcheck
from tests.ending.cases import REF, open_case, reviewed_case
from vigguide.domain import Ending
from vigguide.services.ending import record_ending
from vigguide.store.home import Home


def _cli(home_dir: Path, keyring_backend, monkeypatch, *args: str) -> int:  # type: ignore[no-untyped-def]
    from vigguide.cli import main

    monkeypatch.setattr("vigguide.store.custody.default_backend", lambda: keyring_backend)
    return main(["--home", str(home_dir), *args])


def test_the_ending_prints_without_a_cycle_number(
    home: Home, home_dir: Path, tmp_path: Path, keyring_backend, monkeypatch, capsys
):
    question_id = reviewed_case(home, ratings=(5, 7), baseline=3)
    record_ending(home, REF, Ending(held_on=date(2026, 11, 20), ratings={question_id: 8}))
    home.close()
    out = tmp_path / "out"
    args = ("report", REF, "--no-summary", "--ending", "-o", str(out))
    assert _cli(home_dir, keyring_backend, monkeypatch, *args) == 0
    (pdf,) = [Path(p) for p in capsys.readouterr().out.split()]
    text = pdfcheck.text_of(pdf)
    # the chart's bars, labelled, from the start through each review to the end
    assert pdfcheck.contains(text, "3 Start 5 Review 1 7 Review 2 8 End")
    assert pdfcheck.contains(text, "At the start you gave this 3 out of 10")
    assert pdfcheck.contains(text, "At the end you gave it 8 out of 10")


def test_asking_for_the_ending_alone_prints_the_ending_documents_only(
    home: Home, home_dir: Path, tmp_path: Path, keyring_backend, monkeypatch, capsys
):
    question_id = reviewed_case(home, ratings=(5, 7), baseline=3)
    record_ending(home, REF, Ending(held_on=date(2026, 11, 20), ratings={question_id: 8}))
    home.close()
    out = tmp_path / "out"
    args = ("report", REF, "--ending", "--ending-note", "-o", str(out))
    assert _cli(home_dir, keyring_backend, monkeypatch, *args) == 0
    made = sorted(Path(p).name for p in capsys.readouterr().out.split())
    assert len(made) == 2 and not any("summary" in name for name in made)
    assert all("ending" in name for name in made)


def test_a_review_document_still_needs_its_cycle(
    home: Home, home_dir: Path, tmp_path: Path, keyring_backend, monkeypatch, capsys
):
    reviewed_case(home)
    home.close()
    out = tmp_path / "out"
    assert _cli(home_dir, keyring_backend, monkeypatch, "report", REF, "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert "Which cycle?" in err and "--cycle" in err and "Traceback" not in err
    assert not out.exists()


def test_an_ending_for_a_case_with_no_review_says_what_comes_first(
    home: Home, home_dir: Path, tmp_path: Path, keyring_backend, monkeypatch, capsys
):
    open_case(home)
    home.close()
    out = tmp_path / "out"
    args = ("report", REF, "--no-summary", "--ending", "--ending-note", "-o", str(out))
    assert _cli(home_dir, keyring_backend, monkeypatch, *args) == 2
    err = capsys.readouterr().err
    assert "Record the ending review first" in err
    assert "no shared review yet" in err and "Hold and record a shared review first" in err
    assert "Traceback" not in err
    assert not out.exists() or not list(out.iterdir())
