"""Every progress note carries the audit anchor, and the anchor it carries later proves the trail
still holds that moment."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from tests.test_services_reports import REF, build_case
from vigguide.services.reports import generate
from vigguide.store.home import Home


def test_the_progress_note_prints_the_anchor_and_it_verifies_later(home: Home, tmp_path: Path):
    build_case(home)
    anchor_before = home.store.audit_anchor()
    paths = generate(home, REF, 1, ["note"], tmp_path / "out", today=date(2026, 9, 21))
    text_note = next(p for p in paths if p.suffix == ".txt").read_text()
    found = re.search(r"^Audit anchor: (\d+:[0-9a-f]{32})$", text_note, re.MULTILINE)
    assert found is not None
    anchor = found.group(1)
    assert anchor == anchor_before  # the newest event when the note was made
    pdf = next(p for p in paths if p.suffix == ".pdf")
    pdf_text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Audit anchor" in pdf_text and anchor in pdf_text.replace("\n", "")
    # later work keeps it provable; a rewritten event under it does not
    home.store.add_question(REF, "When do we both smile?")
    assert home.store.audit_verify(anchor).ok
    seq = int(anchor.split(":")[0])
    home.store.conn.execute("UPDATE audit SET hash = ? WHERE seq = ?", ("f" * 64, seq))
    report = home.store.audit_verify(anchor)
    assert not report.ok


def test_the_anchor_survives_shortening_of_the_text_note(home: Home, tmp_path: Path):
    build_case(home)
    paths = generate(
        home, REF, 1, ["note"], tmp_path / "out", today=date(2026, 9, 21), note_chars=300
    )
    text_note = next(p for p in paths if p.suffix == ".txt").read_text()
    assert len(text_note) <= 300
    assert re.search(r"^Audit anchor: \d+:[0-9a-f]{32}$", text_note, re.MULTILINE)
    assert "[Shortened to fit" in text_note
