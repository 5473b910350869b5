"""Pages laid out as promised with real-sized content: the one-page insert, the A5 sheet, and more."""

from __future__ import annotations

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
        assert pdfcheck.contains(text, moment.caption)
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
