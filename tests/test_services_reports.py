"""Printed outputs from a real case in a real store: the adapter, the gates, the files, the audit."""

from __future__ import annotations

import io
import stat
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from vigguide.domain import ClipReview, ConsentScope, Ending, FilmingPlan, SharedReview
from vigguide.errors import VigGuideError
from vigguide.services.reports import TEAM_PHONE, generate
from vigguide.store.home import Home

REF = "REP-1"


def _jpeg(colour: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (1600, 900), colour).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def build_case(home: Home, *, reviewed: bool = True) -> None:
    s = home.store
    s.create_case(REF, "Amira Khan", "Noor", baby_born_on=date(2026, 7, 1))
    for scope in ConsentScope:
        s.set_consent(REF, scope, date(2026, 9, 1))
    q = s.add_question(REF, "What am I doing when Noor and I enjoy bath time?", date(2026, 9, 1))
    s.set_filming_plan(
        REF,
        FilmingPlan(
            datetime(2026, 9, 10, 10), "Home", "Bath time", "Amira and Noor", "Noor's smiles"
        ),
    )
    clip = home.vault.put_bytes(b"clip bytes")
    rec = s.add_recording(
        REF,
        vault_id=home.vault.put_bytes(b"film").id,
        sha256="0" * 64,
        size_bytes=4,
        probe={
            "duration_s": 20.0,
            "width": 640,
            "height": 360,
            "fps": 25.0,
            "video_codec": "h264",
            "audio_codec": "aac",
        },
        delete_by=None,
    )
    m1 = s.add_moment(
        REF,
        rec,
        1.0,
        5.0,
        title="Splashing together",
        principles=("attentive", "receiving_initiatives"),
    )
    m2 = s.add_moment(REF, rec, 7.0, 11.0, title="Your song", principles=("attuned_interactions",))
    for m in (m1, m2):
        s.update_moment(REF, m, clip_vault_id=clip.id)
    for m, colour, caption in (
        (m1, "#c8a2c8", "Noor splashes and you laugh."),
        (m2, "#a2c8c8", "You sing, Noor listens."),
    ):
        still = home.vault.put_bytes(_jpeg(colour))
        s.add_still(REF, rec, 3.0, caption=caption, vault_id=still.id, moment_id=m)
    if reviewed:
        s.save_review(
            REF,
            SharedReview(
                held_on=date(2026, 9, 20),
                clips={
                    m1: ClipReview(
                        "She was looking at me",
                        "I am better than I thought",
                        "Happy",
                        "Excited",
                        "Waiting for her",
                    )
                },
                learned="Noor loves it when I slow down.",
                other_places="At nappy changes.",
                next_focus="Film a feed.",
                ratings={q: 7},
            ),
        )


def test_summary_insert_note_and_reminder_from_a_case(home: Home, tmp_path: Path):
    build_case(home)
    home.store.save_ending(REF, Ending(held_on=date(2026, 9, 21)))
    out = tmp_path / "exports"
    paths = generate(
        home,
        REF,
        1,
        ["summary", "insert", "note", "filming-reminder", "ending"],
        out,
        today=date(2026, 9, 21),
    )
    names = sorted(p.name for p in paths)
    assert all("Amira" not in n and "Noor" not in n for n in names)
    assert any("summary" in n for n in names) and any("insert" in n for n in names)
    assert any(n.endswith("note.txt") for n in names)
    for p in paths:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    summary = next(p for p in paths if "summary" in p.name)
    text = " ".join(page.extract_text() for page in PdfReader(summary).pages)
    assert "I am better than I thought" in text
    assert "What am I doing when Noor and I enjoy bath time?" in text
    assert "Amira" in text and "7" in text
    meta = PdfReader(summary).metadata or {}
    assert all("Amira" not in str(v) and "Noor" not in str(v) for v in meta.values())
    note = next(p for p in paths if p.name.endswith("note.txt")).read_text()
    assert "Receiving initiatives" in note or "receiving initiatives" in note.lower()
    kinds = [
        e.detail.get("kind") for e in home.store.audit_events(REF) if e.action == "document.export"
    ]
    assert {"summary", "insert", "note", "note-text", "filming-reminder", "ending"} <= set(kinds)
    # stills were held in memory for printing: no working folder was made
    runtime_left = [p for p in Path(home.vault._work_base).glob("work-*")]
    assert runtime_left == []


def test_summary_before_the_shared_review_is_refused_plainly(home: Home, tmp_path: Path):
    build_case(home, reviewed=False)
    with pytest.raises(VigGuideError, match="shared review is not recorded yet"):
        generate(home, REF, 1, ["summary"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_report_cli(
    home: Home, home_dir: Path, tmp_path: Path, keyring_backend, monkeypatch, capsys
):
    import keyring

    from tests.keyrings import MemoryKeyring
    from vigguide.cli import main

    build_case(home)
    home.close()
    # the CLI finds the in-memory keyring as if it were the OS keyring
    monkeypatch.setattr("vigguide.store.custody.default_backend", lambda: keyring_backend)
    assert isinstance(keyring_backend, MemoryKeyring) and keyring
    out = tmp_path / "out"
    assert (
        main(
            [
                "--home",
                str(home_dir),
                "report",
                REF,
                "--cycle",
                "1",
                "--insert",
                "--note",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out.split()
    assert len(printed) == 4 and all(Path(p).exists() for p in printed)
    assert main(["--home", str(home_dir), "report", REF, "--cycle", "9", "-o", str(out)]) == 2
    assert "has no cycle 9" in capsys.readouterr().err


def squash(text: str) -> str:
    return "".join(text.split())


def test_lifeline_voice_and_names_from_a_real_case(home: Home, tmp_path: Path):
    build_case(home)
    home.store.save_ending(REF, Ending(held_on=date(2026, 9, 21)))
    s = home.store
    cycle = s.load(REF).cycles[0]
    first = cycle.moments[0]
    s.update_moment(REF, first.id, title="She names his splash and slows down")
    s.set_setting(TEAM_PHONE, "01632 960 777")
    out = tmp_path / "exports"

    warnings: list[str] = []
    a4 = generate(
        home,
        REF,
        1,
        ["summary", "insert", "ending"],
        out,
        today=date(2026, 9, 21),
        warnings=warnings,
    )
    a5 = generate(home, REF, 1, ["insert"], out, today=date(2026, 9, 21), insert_size="A5")
    reprint = generate(home, REF, 1, ["insert", "ending"], out, today=date(2026, 10, 2))

    names = [p.name for p in (*a4, *a5, *reprint)]
    assert len(set(names)) == len(names) == 6  # nothing replaced anything
    assert "REP-1-cycle1-insert-a4-2026-09-21.pdf" in names
    assert "REP-1-cycle1-insert-a5-2026-09-21.pdf" in names
    assert "REP-1-cycle1-ending-2026-10-02.pdf" in names
    summary = next(p for p in a4 if "summary" in p.name)
    text = " ".join(page.extract_text() for page in PdfReader(summary).pages)
    assert "You name his splash and slow down" in text and "She names" not in text
    assert "01632960777" in squash(text)
    insert = next(p for p in a4 if "insert" in p.name)
    insert_text = " ".join(page.extract_text() for page in PdfReader(insert).pages)
    assert "IfIstarttofeelunwell,Icancall" in squash(insert_text)
    assert "01632960777." in squash(insert_text)
    assert not [w for w in warnings if "phone number" in w]


def test_report_warns_when_the_team_number_is_missing(home: Home, tmp_path: Path):
    build_case(home)
    warnings: list[str] = []
    paths = generate(
        home, REF, 1, ["insert"], tmp_path / "o", today=date(2026, 9, 21), warnings=warnings
    )

    assert len(paths) == 1 and paths[0].exists()
    assert len(warnings) == 1
    assert warnings[0].startswith(paths[0].name + ": ")
    assert "team phone number" in warnings[0]


def test_the_practitioners_reflections_reach_the_record_and_never_her_papers(
    home: Home, tmp_path: Path
):
    build_case(home)
    review = home.store.load(REF).cycles[0].review
    thought = "She was quicker to name his cues today; I stayed back more."
    home.store.save_review(REF, replace(review, reflections=thought))
    assert home.store.load(REF).cycles[0].review.reflections == thought  # kept in the store
    paths = generate(home, REF, 1, ["summary", "insert", "note"], tmp_path / "out")
    note_text = next(p for p in paths if p.name.endswith("note.txt")).read_text()
    assert "Practitioner's reflections" in note_text and thought in note_text
    note_pdf = next(p for p in paths if p.name.endswith("note.pdf"))
    assert "stayed back more" in " ".join(pg.extract_text() for pg in PdfReader(note_pdf).pages)
    for parent_paper in (p for p in paths if "summary" in p.name or "insert" in p.name):
        text = " ".join(pg.extract_text() for pg in PdfReader(parent_paper).pages)
        assert "stayed back" not in text
