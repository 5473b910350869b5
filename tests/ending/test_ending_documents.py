"""The ending summary and the ending note print from the recorded ending only, read back from
the PDFs: the baseline (never the first review's rating) as the start, each review, the final."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.documents import pdfcheck
from tests.ending.cases import REF, reviewed_case
from vigguide import documents
from vigguide.documents.ending_note import EndingNoteData, NoteQuestion, render_ending_note
from vigguide.domain import Ending
from vigguide.errors import VigGuideError
from vigguide.services.ending import record_ending
from vigguide.services.reports import generate
from vigguide.store.home import Home

ENDING_DAY = date(2026, 11, 20)


def _record(home: Home, question_id: int) -> None:
    record_ending(
        home,
        REF,
        Ending(
            held_on=ENDING_DAY,
            reflections="I was so worried at the start, and now I am not.",
            what_changed="I can read what Noor is telling me.",
            keep_doing="Singing at bath time\nWaiting for her smile",
            plan_after="Watch my clips when I feel low, and call the team.",
            ratings={question_id: 8},
        ),
    )


def _cli(home_dir: Path, keyring_backend, monkeypatch, *args: str) -> int:  # type: ignore[no-untyped-def]
    from vigguide.cli import main

    monkeypatch.setattr("vigguide.store.custody.default_backend", lambda: keyring_backend)
    return main(["--home", str(home_dir), *args])


def test_the_ending_summary_waits_for_the_ending_review_then_says_the_baseline(
    home: Home, home_dir: Path, tmp_path: Path, keyring_backend, monkeypatch, capsys
):
    question_id = reviewed_case(home, ratings=(5, 7), baseline=3)
    out = tmp_path / "out"
    with pytest.raises(VigGuideError, match="Record the ending review first"):
        generate(home, REF, 2, ["ending"], out)
    _record(home, question_id)
    home.close()

    report = ("report", REF, "--cycle", "2", "--no-summary", "--ending", "--ending-note")
    assert _cli(home_dir, keyring_backend, monkeypatch, *report, "-o", str(out)) == 0
    pdf, note = [Path(p) for p in capsys.readouterr().out.split()]
    assert "ending-note" in note.name and pdfcheck.contains(pdfcheck.text_of(note), "final 8")
    text = pdfcheck.text_of(pdf)
    assert pdfcheck.contains(text, "At the start you gave this 3 out of 10")
    assert not pdfcheck.contains(text, "At the start you gave this 5")
    assert pdfcheck.contains(text, "At the end you gave it 8 out of 10")
    assert pdfcheck.contains(text, "I can read what Noor is telling me.")
    assert pdfcheck.contains(text, "Waiting for her smile")
    assert pdfcheck.contains(text, "Watch my clips when I feel low")
    assert pdfcheck.contains(text, "20 November 2026")


def test_the_cli_refuses_the_ending_summary_before_the_ending_review(
    home: Home, home_dir: Path, tmp_path: Path, keyring_backend, monkeypatch, capsys
):
    reviewed_case(home, ratings=(5, 7))
    home.close()
    out = tmp_path / "out"
    report = ("report", REF, "--cycle", "2", "--no-summary", "--ending", "-o", str(out))
    assert _cli(home_dir, keyring_backend, monkeypatch, *report) == 2
    err = capsys.readouterr().err
    assert "Record the ending review first" in err and "Traceback" not in err
    assert not out.exists() or not list(out.iterdir())


def test_no_start_is_mentioned_without_a_baseline(home: Home, tmp_path: Path):
    question_id = reviewed_case(home, ratings=(5, 7), baseline=None)
    _record(home, question_id)
    (pdf,) = generate(home, REF, 2, ["ending"], tmp_path / "out", today=ENDING_DAY)
    text = pdfcheck.text_of(pdf)
    assert not pdfcheck.contains(text, "At the start")
    assert pdfcheck.contains(text, "At the end you gave it 8 out of 10")


def test_the_ending_note_for_the_record(home: Home, tmp_path: Path):
    question_id = reviewed_case(home, ratings=(5, 7), baseline=3)
    _record(home, question_id)
    (pdf,) = generate(home, REF, 2, ["ending-note"], tmp_path / "out", today=ENDING_DAY)
    assert pdf.name == "END-1-cycle2-ending-note-2026-11-20.pdf"
    text = pdfcheck.body_text(pdf)
    for expected in (
        "VIG ending note",
        "Case END-1",
        "20 November 2026",
        "baseline 3 → cycle 1: 5 → cycle 2: 7 → final 8",
        "What changed",
        "I can read what Noor is telling me.",
        "Plan afterwards (Staying Well)",
        "Watch my clips when I feel low, and call the team.",
    ):
        assert pdfcheck.contains(text, expected), expected
    assert "Outcome measures" not in text  # no chart given: no empty slot
    kinds = [e.detail.get("kind") for e in home.store.audit_events(REF)]
    assert "ending-note" in kinds


def test_the_measures_slot_prints_the_chart_html_as_it_is(tmp_path: Path):
    data = EndingNoteData(
        case_ref="END-1",
        held_on=ENDING_DAY,
        practitioner=documents.PractitionerInfo("Alex Morgan", "VIG practitioner", "Team"),
        service=documents.ServiceInfo("Riverside Perinatal Service"),
        questions=[NoteQuestion("What am I doing well?", 2, [(1, 4)], 7)],
        measures_html="<h2>Outcome measures</h2><table><tr><td>PHQ-9 fell from 14 to 6</td></tr></table>",
    )
    pdf = render_ending_note(data, tmp_path / "note.pdf")
    text = pdfcheck.body_text(pdf)
    assert pdfcheck.contains(text, "Outcome measures")
    assert pdfcheck.contains(text, "PHQ-9 fell from 14 to 6")
    assert "<td>" not in text  # inserted as HTML, not printed as escaped text
    assert pdfcheck.contains(text, "baseline 2 → cycle 1: 4 → final 7")
