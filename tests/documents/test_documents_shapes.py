"""Pages that fit what a family brings: upright phone stills, many stills, none at all, long lists;
no page blank by accident, every caption under its own still, a punch margin on both sides."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docfixtures as fx
import pdfcheck
import pytest

from vigguide import documents

DPI = 30
MM = 72 / 25.4
NAMES = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot")


@pytest.fixture(scope="module")
def upright(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Stills from a phone held upright (900 x 1600), one test colour each."""
    folder = tmp_path_factory.mktemp("upright")
    return [
        fx.make_still(folder / f"upright-{i}.jpg", colour, (900, 1600))
        for i, colour in enumerate(fx.STILL_COLOURS)
    ]


def one_clip_with(stills: list[Path], data: fx.ReviewSummaryData) -> fx.ReviewSummaryData:
    """The first clip with all these stills, each with a caption naming it ("Still alpha …")."""
    captions = [f"Still {NAMES[i]} shows you both." for i in range(len(stills))]
    clip = replace(
        data.clips[0],
        still=stills[0],
        caption=captions[0],
        more_stills=stills[1:],
        more_captions=captions[1:],
    )
    return replace(data, clips=[clip])


def assert_no_page_blank_by_accident(pages, least: float = 0.33) -> None:
    fills = pdfcheck.page_fills(pages)
    assert all(fill >= least for fill in fills), fills


def assert_captions_under_their_stills(pdf: Path, pages, count: int) -> None:
    words = pdfcheck.word_boxes(pdf)
    for index in range(count):
        found = [
            (number, box)
            for number, page in enumerate(pages)
            if (box := pdfcheck.colour_box(page, fx.STILL_COLOURS[index], DPI)) is not None
        ]
        assert found, f"still {index} is not printed"
        number, (x0, _y0, x1, y1) = found[0]
        # the disc is the middle 40% of the still's width and ends 10% above its foot
        width = (x1 - x0) / 0.4
        left, right, foot = x0 - 0.3 * width, x1 + 0.3 * width, y1 + (y1 - _y0) * 0.15
        caption = [w for w in words[number] if w[0] == NAMES[index]]
        assert caption, f"caption {index} is not on the page of its still"
        _text, cx0, cy0, _cx1, _cy1 = caption[0]
        assert left - 2 <= cx0 <= right, (index, cx0, left, right)
        assert 0 <= cy0 - foot <= 12 * MM, (index, cy0, foot)


def test_one_clip_with_three_upright_stills(upright, logo, export_dir, tmp_path):
    data = one_clip_with(upright[:3], fx.summary(upright[:1], logo))
    pdf = documents.render_summary(data, export_dir / "s.pdf")

    pages = pdfcheck.render_pages(pdf, tmp_path / "png", DPI)
    assert len(pages) <= 2
    assert_no_page_blank_by_accident(pages)
    assert_captions_under_their_stills(pdf, pages, 3)
    # the clip's title is on the page of its first still, never alone at a page foot
    boxes = pdfcheck.word_boxes(pdf)
    title = next(n for n, page in enumerate(boxes) if any(w[0] == "Singing" for w in page))
    assert pdfcheck.colour_box(pages[title], fx.STILL_COLOURS[0], DPI) is not None


def test_three_clips_with_two_upright_stills_each(upright, logo, export_dir, tmp_path):
    base = fx.summary(upright[:3], logo)
    clips = [
        replace(clip, still=upright[2 * i], more_stills=[upright[2 * i + 1]])
        for i, clip in enumerate(base.clips)
    ]
    pdf = documents.render_summary(replace(base, clips=clips), export_dir / "s.pdf")

    pages = pdfcheck.render_pages(pdf, tmp_path / "png", DPI)
    assert len(pages) <= 3
    assert pdfcheck.page_fills(pages)[0] > 0.8  # the first page is not 60% blank
    assert_no_page_blank_by_accident(pages)
    assert pdfcheck.colours_seen(pages, list(fx.STILL_COLOURS)) == set(range(6))
    last = pdfcheck.body_text(pdf).split("What happens next")[-1]
    assert "With warm wishes" in last and pdfcheck.contains(last, base.next_steps)


def test_six_stills_in_one_clip_sit_in_a_grid_each_with_its_own_caption_and_alt(
    stills, upright, logo, export_dir, tmp_path
):
    mixed = [stills[0], upright[1], stills[2], upright[3], stills[4], upright[5]]
    data = one_clip_with(mixed, fx.summary(stills[:1], logo))
    pdf = documents.render_summary(data, export_dir / "s.pdf")

    pages = pdfcheck.render_pages(pdf, tmp_path / "png", DPI)
    assert len(pages) <= 2
    assert_no_page_blank_by_accident(pages)
    assert_captions_under_their_stills(pdf, pages, 6)
    alts = [a for a in pdfcheck.figure_alts(pdf) if a and a.startswith("A still")]
    assert len(alts) == len(set(alts)) == 6


@pytest.mark.parametrize("count", [3, 4])
def test_upright_stills_on_the_insert_stay_a_good_size(upright, logo, export_dir, tmp_path, count):
    warnings: list[str] = []
    data = fx.insert_like_demo(upright, logo, count, True)
    pdf = documents.render_insert(data, export_dir / "i.pdf", warnings=warnings)

    pages = pdfcheck.render_pages(pdf, tmp_path / "png", 60)
    assert len(pages) == 1
    assert not [w for w in warnings if "runs to" in w]
    for colour in fx.STILL_COLOURS[:count]:
        x0, _y0, x1, _y1 = pdfcheck.colour_box(pages[0], colour, 60)
        assert (x1 - x0) / 0.4 >= 30 * MM  # each upright still at least 3 cm wide (was 23 mm)


def test_three_wide_stills_leave_no_empty_cell(stills, logo, export_dir, tmp_path):
    data = fx.insert_like_demo(stills, logo, 3)
    pdf = documents.render_insert(data, export_dir / "i.pdf")

    pages = pdfcheck.render_pages(pdf, tmp_path / "png", DPI)
    words = pdfcheck.word_boxes(pdf)[0]
    learned = next(w for w in words if w[0] == "learned")  # "What I learned", as a card
    third = pdfcheck.colour_box(pages[0], fx.STILL_COLOURS[2], DPI)
    helps = next(w for w in words if w[0] == "connect")  # "What helps us connect", below
    assert third[1] - 10 * MM < learned[2] < helps[2]  # the card is in the grid's fourth cell
    assert learned[1] > third[2]  # beside the third still, not under it


@pytest.mark.parametrize("size", ["A4", "A5"])
def test_an_insert_without_stills_still_looks_designed(logo, export_dir, tmp_path, size):
    data = replace(
        fx.insert_like_demo([], logo, 0),
        moments=[fx.PlanMoment(None, caption, words) for caption, words in fx.DEMO_MOMENTS[:2]],
    )
    pdf = documents.render_insert(data, export_dir / "i.pdf", size)

    pages = pdfcheck.render_pages(pdf, tmp_path / "png", DPI)
    assert len(pages) <= 2
    assert_no_page_blank_by_accident(pages, 0.5)
    text = pdfcheck.text_of(pdf)
    assert pdfcheck.contains(text, f"“{fx.DEMO_MOMENTS[0][1]}”")
    assert pdfcheck.contains(text, data.learned)


def test_the_a5_back_has_its_punch_margin_on_the_right(stills, logo, export_dir):
    pdf = documents.render_insert(
        fx.insert_like_demo(stills, logo, 4, True), export_dir / "i.pdf", "A5"
    )

    front, back = pdfcheck.word_boxes(pdf)
    width = 148 * MM
    front_left = min(w[1] for w in front)
    back_right = max(w[3] for w in back)
    back_left = min(w[1] for w in back)
    assert front_left >= 21 * MM  # the holes are on the left of the front
    assert back_right <= width - 21 * MM  # and on the right of the back
    assert back_left < 15 * MM


def test_long_lists_on_the_insert_run_full_width_and_warn(stills, logo, export_dir):
    long = [f"Something that helps me, number {n}, said in a long sentence." for n in range(30)]
    data = replace(fx.insert_like_demo(stills, logo, 4, True), helps_us_connect=long)
    warnings: list[str] = []
    pdf = documents.render_insert(data, export_dir / "i.pdf", warnings=warnings)

    assert pdfcheck.page_count(pdf) == 2
    overrun = [w for w in warnings if "runs to 2 pages instead of 1" in w]
    assert len(overrun) == 1 and "What helps us connect" in overrun[0]
    second = pdfcheck.word_boxes(pdf)[1]
    right_half = [w for w in second if w[1] > 105 * MM]
    assert right_half  # the second page is used across its width, not in a narrow column


def test_the_demo_ending_is_one_page_with_what_she_keeps_doing_as_a_list(
    stills, logo, export_dir, tmp_path
):
    data = fx.ending_like_demo(stills, logo)
    pdf = documents.render_ending(data, export_dir / "e.pdf")

    pages = pdfcheck.render_pages(pdf, tmp_path / "png", DPI)
    assert len(pages) == 1
    lines = pdfcheck.body_text(pdf).splitlines()
    for item in data.keep_doing.splitlines():
        assert f"• {item}" in lines or any(line.endswith(item) for line in lines), item


@pytest.mark.parametrize("which", ["summary-6-stills", "insert-a4", "insert-a5", "ending"])
def test_the_usual_documents_keep_their_page_budget_with_no_page_left_near_empty(
    stills, logo, export_dir, tmp_path, which
):
    if which == "summary-6-stills":
        pdf = documents.render_summary(fx.summary_six_stills(stills, logo), export_dir / "d.pdf")
        budget = 2
    elif which == "ending":
        pdf = documents.render_ending(fx.ending(stills, logo), export_dir / "d.pdf")
        budget = 2
    else:
        size = "A5" if which == "insert-a5" else "A4"
        data = fx.insert_like_demo(stills, logo, 3)
        pdf = documents.render_insert(data, export_dir / "d.pdf", size)
        budget = 2 if size == "A5" else 1

    pages = pdfcheck.render_pages(pdf, tmp_path / "png", DPI)
    assert len(pages) <= budget
    assert_no_page_blank_by_accident(pages, 0.25)
