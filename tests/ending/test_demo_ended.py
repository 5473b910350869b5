"""The demo has a family who has finished: three cycles each with a shared review, baselines, an
ending review recorded and the case closed, and `vigguide demo --no-tui` names it."""

from __future__ import annotations

from pathlib import Path

from tests.documents import pdfcheck
from vigguide.domain import CaseStatus


def test_demo_has_a_family_who_has_ended(tmp_path: Path, monkeypatch, capsys):
    from vigguide.cli import main
    from vigguide.demo import open_demo
    from vigguide.services.reports import generate

    monkeypatch.setenv("VIGGUIDE_KEY_CUSTODY", "passphrase")
    monkeypatch.delenv("VIGGUIDE_PASSPHRASE", raising=False)
    home_dir = tmp_path / "demo"
    assert main(["--home", str(home_dir), "demo", "--no-tui"]) == 0
    lines = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    assert lines["ended"] == "DEMO-004" and lines["case"] == "DEMO-001"

    home, _family = open_demo(home_dir)
    try:
        case_file = home.store.load("DEMO-004")
        assert case_file.case.status is CaseStatus.CLOSED
        assert home.store.closed_on("DEMO-004") is not None
        assert [c.number for c in case_file.cycles if c.review.held_on] == [1, 2, 3]
        assert all(c.moments[0].clip_vault_id for c in case_file.cycles)
        assert [q.baseline for q in case_file.questions] == [2, 3]
        ending = home.store.ending("DEMO-004")
        assert ending is not None and sorted(ending.ratings.values()) == [8, 9]
        (summary,) = generate(home, "DEMO-004", 3, ["ending"], tmp_path / "out")
    finally:
        home.close()
    text = pdfcheck.text_of(summary)
    assert pdfcheck.contains(text, "At the start you gave this 2 out of 10")
    assert pdfcheck.contains(text, "At the end you gave it 9 out of 10")
