"""Pages laid out as promised with real-sized content: the one-page insert, the A5 sheet, and more."""

from __future__ import annotations

from pathlib import Path

import docfixtures as fx
import pdfcheck
import pytest
from pypdf import PdfReader

from vigguide import documents


def page_texts(pdf) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


@pytest.mark.parametrize(
    ("count", "people"), [(3, False), (4, False), (4, True)], ids=["3-stills", "4-stills", "people"]
)
def test_insert_shaped_like_the_demo_is_one_a4_page(
    stills, logo, export_dir, tmp_path, count, people
):
    data = fx.insert_like_demo(stills, logo, count, people)
    pdf = documents.render_insert(data, export_dir / "i.pdf")

    pages = pdfcheck.render_pages(pdf, tmp_path / "png")
    assert len(pages) == pdfcheck.page_count(pdf) == 1
    assert pdfcheck.colours_seen(pages, list(fx.STILL_COLOURS[:count])) == set(range(count))
    text = pdfcheck.text_of(pdf)
    for moment in data.moments:
        assert pdfcheck.contains(text, documents.first_person(moment.caption))
        assert pdfcheck.contains(text, f"“{moment.parent_words}”")
    for line in [
        *data.helps_us_connect,
        *data.when_hard,
        *data.clips_to_watch,
        *data.people_who_help,
        "Where my videos are kept:",
        data.videos_kept_where,
        data.learned,
        "People who help me",
    ]:
        assert pdfcheck.contains(text, line), line
    assert pdfcheck.text_positions_outside(pdf) == []


def test_a5_insert_is_one_sheet_moments_on_the_front_lists_on_the_back(
    stills, logo, export_dir, tmp_path
):
    data = fx.insert_like_demo(stills, logo, 4, people=True)
    pdf = documents.render_insert(data, export_dir / "i.pdf", page_size="A5")

    pages = pdfcheck.render_pages(pdf, tmp_path / "png")
    assert len(pages) == 2
    assert pdfcheck.colours_seen(pages[:1], list(fx.STILL_COLOURS[:4])) == {0, 1, 2, 3}
    front, back = page_texts(pdf)
    assert pdfcheck.contains(front, "My moments with Leo")
    assert all(pdfcheck.contains(front, f"“{m.parent_words}”") for m in data.moments)
    for line in [*data.helps_us_connect, *data.when_hard, *data.clips_to_watch, data.learned]:
        assert pdfcheck.contains(back, line), line
        assert not pdfcheck.contains(front, line), line


def test_insert_without_people_leaves_lines_to_write_them_in(stills, logo, export_dir, tmp_path):
    with_nobody = fx.insert_like_demo(stills, logo, 2)
    pdf = documents.render_insert(with_nobody, export_dir / "i.pdf")

    assert pdfcheck.contains(pdfcheck.text_of(pdf), "People who help me")
    assert pdfcheck.page_count(pdf) == 1


def test_ending_keeps_the_favourite_moment_on_the_first_page_when_it_fits(
    stills, logo, export_dir, tmp_path
):
    data = fx.ending_like_demo(stills, logo)
    pdf = documents.render_ending(data, export_dir / "e.pdf")

    first = page_texts(pdf)[0]
    assert pdfcheck.contains(first, "Favourite moments")
    assert pdfcheck.contains(first, f"“{data.favourite_moments[0].parent_words}”")
    assert pdfcheck.contains(first, "From review 1")
    pages = pdfcheck.render_pages(pdf, tmp_path / "png")
    assert pdfcheck.colours_seen(pages[:1], [fx.STILL_COLOURS[0]]) == {0}


def left_edge_of(pdf, fragment: str) -> float:
    """Where on the page (points from the left) the first text containing `fragment` starts."""
    found: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if fragment in text:
            found.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    assert found, fragment
    return found[0]


def test_moments_without_a_still_use_the_whole_width(logo, export_dir):
    from dataclasses import replace

    ending = fx.ending_like_demo([None], logo)  # type: ignore[list-item]
    summary = replace(
        fx.summary([], logo), clips=[fx.ClipForReview("Just words", parent_words="Quokka smile")]
    )
    pdfs = [
        documents.render_ending(ending, export_dir / "e.pdf"),
        documents.render_summary(summary, export_dir / "s.pdf"),
    ]
    margin = 22 / 25.4 * 72
    assert left_edge_of(pdfs[0], "happy") < margin + 20, "no empty column where a still would be"
    assert left_edge_of(pdfs[1], "Quokka") < margin + 20


def test_filming_reminder_without_why_or_contact_still_says_why_and_how_to_change(logo, export_dir):
    from dataclasses import replace

    data = replace(fx.filming_reminder(logo), why="", contact="")
    pdf = documents.render_filming_reminder(data, export_dir / "f.pdf")

    text = pdfcheck.text_of(pdf)
    assert pdfcheck.contains(text, "Why we film this")
    assert pdfcheck.contains(text, "moments when things go well between you and Leo")
    assert pdfcheck.contains(text, "If the time does not suit you")
    assert pdfcheck.page_count(pdf) == 1


def test_progress_note_like_the_demo_fits_one_page_with_labels_unbroken(logo, export_dir):
    pdf = documents.render_progress_note(fx.progress_note_like_demo(logo), export_dir / "n.pdf")

    assert pdfcheck.page_count(pdf) == 1
    lines = pdfcheck.body_text(pdf).splitlines()
    assert any(line.startswith("Shared review") for line in lines), lines[:12]
    assert any(line.endswith("cycle 1: 6") for line in lines), lines


@pytest.fixture(scope="module")
def upright_stills(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Stills from a phone held upright (portrait), in the same test colours."""
    folder = tmp_path_factory.mktemp("upright")
    return [
        fx.make_still(folder / f"upright-{i}.jpg", fx.STILL_COLOURS[i], (900, 1600))
        for i in range(4)
    ]


def test_upright_stills_keep_the_insert_to_one_page(
    stills, upright_stills, logo, export_dir, tmp_path
):
    mixed = [upright_stills[0], stills[1], stills[2], upright_stills[3]]
    pdf = documents.render_insert(fx.insert_like_demo(mixed, logo, 4, True), export_dir / "i.pdf")

    pages = pdfcheck.render_pages(pdf, tmp_path / "png")
    assert len(pages) == 1
    assert pdfcheck.colours_seen(pages, list(fx.STILL_COLOURS[:4])) == {0, 1, 2, 3}


def test_an_upright_still_does_not_push_the_favourite_moment_off_the_first_page(
    upright_stills, logo, export_dir
):
    pdf = documents.render_ending(fx.ending_like_demo(upright_stills, logo), export_dir / "e.pdf")

    assert pdfcheck.contains(page_texts(pdf)[0], "From review 1")
