"""Outcome measures in the clinical record: the progress note (PDF and text) has the section with
its numbers, the chart has its cut-off bands; the parent's documents never show a measure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from tests.test_services_reports import REF, build_case
from vigguide.documents.measures_chart import measure_chart, measures_html
from vigguide.domain.measures import Measure, score
from vigguide.services.reports import generate
from vigguide.store.home import Home
from vigguide.store.measures import list_measures, record_measure


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def test_the_progress_note_has_the_measures_and_the_parents_papers_do_not(
    home: Home, tmp_path: Path
) -> None:
    build_case(home)
    s = home.store
    record_measure(
        s, REF, score("phq9", [2, 2, 2, 2, 1, 2, 1, 1, 1]), date(2026, 9, 1), risk_shown=True
    )
    record_measure(s, REF, score("phq9", [1, 1, 1, 0, 1, 0, 0, 0, 0]), date(2026, 9, 20))
    record_measure(s, REF, score("epds", total=16, item10=0), date(2026, 9, 1))
    record_measure(s, REF, score("core10", [2, 3, 1, 1, 0, 0, 3, 2, 3, 1]), date(2026, 9, 1))
    # taken after this cycle's review (20 September): not in this review's note
    record_measure(s, REF, score("gad7", [0, 0, 0, 0, 0, 0, 1]), date(2026, 10, 15))
    paths = generate(home, REF, 1, ["note", "summary", "insert"], tmp_path, today=date(2026, 9, 21))
    note_pdf = next(p for p in paths if p.name.endswith("note.pdf"))
    text = " ".join(_text(note_pdf).split())
    assert "Outcome measures" in text
    assert "PHQ-9 (0–27), clinical cut-off 10" in text
    assert "1 Sep 2026: 14 (moderate) — risk answer" in text
    assert "20 Sep 2026: 4 (minimal)" in text
    assert "1 Sep 2026: 16 (probable depression)" in text
    assert "CORE-10 (0–40), clinical cut-off 11" in text and "16 (moderate)" in text
    assert "GAD-7" not in text and "15 Oct 2026" not in text
    assert "CORE System Trust" in text  # its attribution travels with it
    assert "moderately severe (15–19)" in text  # the bands are named beside the chart
    note_txt = next(p for p in paths if p.name.endswith("note.txt")).read_text()
    assert "Outcome measures:" in note_txt
    assert "- PHQ-9 (0–27): 1 Sep 2026: 14 (moderate) — risk answer; 20 Sep 2026: 4 (minimal)" in (
        note_txt
    )
    for paper in (p for p in paths if "summary" in p.name or "insert" in p.name):
        words = _text(paper)
        assert "PHQ" not in words and "EPDS" not in words and "Outcome measures" not in words


def test_without_measures_the_note_has_no_section(home: Home, tmp_path: Path) -> None:
    build_case(home)
    paths = generate(home, REF, 1, ["note"], tmp_path, today=date(2026, 9, 21))
    assert all(
        "Outcome measures" not in (_text(p) if p.suffix == ".pdf" else p.read_text()) for p in paths
    )
    assert measures_html([]) == ""


def test_the_chart_shades_each_band_and_marks_the_cut_off(home: Home) -> None:
    home.store.create_case("CH-1", "Ann", "Bo")
    for day, answers in (
        (date(2026, 1, 5), [3, 3, 2, 2, 2, 2, 2, 2, 0]),
        (date(2026, 3, 5), [1, 1, 1, 1, 1, 0, 0, 0, 0]),
    ):
        record_measure(home.store, "CH-1", score("phq9", answers), day)
    measures: list[Measure] = list_measures(home.store, "CH-1")
    chart = measure_chart(measures)
    assert [b.label for b in chart.bands] == [
        "minimal (0–4)",
        "mild (5–9)",
        "moderate (10–14)",
        "moderately severe (15–19)",
        "severe (20–27)",
    ]
    # higher scores are drawn higher up; the cut-off line sits between 9 and 10
    first, last = chart.points
    assert (first.total, last.total) == (18, 5) and first.y < last.y
    assert chart.cutoff_y is not None
    assert chart.bands[2].y + chart.bands[2].height == chart.cutoff_y
    html = str(measures_html(measures))
    assert html.count("<rect") == 5 and "stroke-dasharray" in html and "<polyline" in html
