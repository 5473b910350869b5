"""Every printed document renders from a fixture family and reads back as the parent would see it."""

from __future__ import annotations

import stat
from dataclasses import replace

import docfixtures as fx
import pdfcheck
import pytest

from vigguide import documents
from vigguide.errors import DocumentError


def test_summary_has_her_question_rating_moments_and_words(stills, logo, export_dir):
    data = fx.summary(stills[:3], logo)
    pdf = documents.render_summary(data, export_dir / "PMH-0042-cycle2-summary.pdf")

    text = pdfcheck.text_of(pdf)
    for heading in (
        "Your question",
        "Moments from your film",
        "What you learned",
        "Doing more of this",
        "What happens next",
    ):
        assert pdfcheck.contains(text, heading)
    assert pdfcheck.contains(text, fx.QUESTION)
    assert pdfcheck.contains(text, f"“{fx.QUOTE}”")
    assert pdfcheck.contains(text, "Today you gave this 7 out of 10")
    assert pdfcheck.contains(text, "Last time you gave it 4")
    for clip in data.clips:
        assert pdfcheck.contains(text, clip.title)
    assert pdfcheck.contains(text, data.learned)
    assert pdfcheck.contains(text, "Jo Okafor")
    assert pdfcheck.contains(text, "Riverside Perinatal Mental Health Service")
    assert pdfcheck.contains(text, "Private — for Amy")
    assert pdfcheck.contains(text, "Page 1 of")


def test_summary_pages_show_every_still(stills, logo, export_dir, tmp_path):
    pdf = documents.render_summary(fx.summary(stills[:3], logo), export_dir / "s.pdf")

    pages = pdfcheck.render_pages(pdf, tmp_path / "png")
    assert len(pages) == pdfcheck.page_count(pdf) == 2
    assert pdfcheck.colours_seen(pages, list(fx.STILL_COLOURS[:3])) == {0, 1, 2}
    sizes = sorted(pdfcheck.unique_images(pdf).values())
    assert sizes.count((1600, 900)) == 3, "stills are embedded at their own size, not resampled"


def test_two_page_summary_with_six_stills_stays_small(stills, logo, export_dir, tmp_path):
    pdf = documents.render_summary(fx.summary_six_stills(stills, logo), export_dir / "s.pdf")

    assert pdfcheck.page_count(pdf) == 2
    pages = pdfcheck.render_pages(pdf, tmp_path / "png")
    assert pdfcheck.colours_seen(pages, list(fx.STILL_COLOURS)) == set(range(6))
    assert pdf.stat().st_size <= 1.5 * 1024 * 1024


def test_pdf_is_tagged_in_british_english_with_alt_text_for_every_still(stills, logo, export_dir):
    data = fx.summary_six_stills(stills, logo)
    pdf = documents.render_summary(data, export_dir / "s.pdf")

    from pypdf import PdfReader

    root = PdfReader(pdf).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    alts = pdfcheck.figure_alts(pdf)
    assert None not in alts and "" not in alts
    still_alts = [alt for alt in alts if alt.startswith("A still from the film")]
    # Each of the six stills has its own alt text, and none repeats a caption printed beside it
    # (a screen reader would read it twice).
    assert len(still_alts) == len(set(still_alts)) == 6
    assert not {clip.caption for clip in data.clips} & set(alts)
    assert f"A still from the film: {data.clips[1].title}, picture 2 of 2" in still_alts


def test_fonts_are_the_shipped_ones_and_embedded(stills, logo, export_dir):
    pdf = documents.render_summary(fx.summary(stills[:1], logo), export_dir / "s.pdf")

    fonts = pdfcheck.embedded_fonts(pdf)
    assert fonts and all(fonts.values())
    assert all("Atkinson-Hyperlegible" in name or "Plain-Zero" in name for name in fonts)


def test_metadata_has_a_plain_title_and_no_names(stills, logo, export_dir):
    renders = [
        documents.render_summary(fx.summary(stills[:2], logo), export_dir / "a.pdf"),
        documents.render_insert(fx.insert(stills, logo), export_dir / "b.pdf"),
        documents.render_ending(fx.ending(stills, logo), export_dir / "c.pdf"),
        documents.render_filming_reminder(fx.filming_reminder(logo), export_dir / "d.pdf"),
        documents.render_progress_note(fx.progress_note(logo), export_dir / "e.pdf"),
    ]
    from pypdf import PdfReader

    assert PdfReader(renders[0]).metadata.title == "VIG review summary"
    for pdf in renders:
        outline = [item.title for item in PdfReader(pdf).outline if hasattr(item, "title")]
        meta = pdfcheck.metadata_text(pdf) + "\n".join(outline)
        for secret in (fx.PARENT, fx.BABY, "Okafor", "PMH-0042"):
            assert secret not in meta, (pdf.name, secret)


def test_files_are_private_and_no_temporary_file_is_left(stills, logo, export_dir):
    out = export_dir / documents.document_filename("PMH-0042", "summary", 2, "pdf")
    pdf = documents.render_summary(fx.summary(stills[:1], logo), out)

    assert pdf == out
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert sorted(p.name for p in export_dir.iterdir()) == ["PMH-0042-cycle2-summary.pdf"]


def test_rendering_again_replaces_the_file(stills, logo, export_dir):
    out = export_dir / "s.pdf"
    out.write_bytes(b"old")
    documents.render_summary(fx.summary(stills[:1], logo), out)
    assert out.read_bytes().startswith(b"%PDF")


def test_staying_well_insert_is_one_page_with_her_moments(stills, logo, export_dir, tmp_path):
    data = fx.insert(stills, logo)
    pdf = documents.render_insert(data, export_dir / "i.pdf")

    text = pdfcheck.text_of(pdf)
    for expected in (
        "My moments with Leo",
        "What helps us connect",
        "When things feel hard I can",
        "People who help me",
        "Where my videos are kept",
        data.videos_kept_where,
        "“My words 3”",
        "Singing on the mat",
        "My sister Jo",
    ):
        assert pdfcheck.contains(text, expected), expected
    pages = pdfcheck.render_pages(pdf, tmp_path / "png")
    assert len(pages) == 1
    assert pdfcheck.colours_seen(pages, list(fx.STILL_COLOURS[:4])) == {0, 1, 2, 3}


def test_insert_prints_at_most_four_moments(stills, logo, export_dir, tmp_path):
    extra = [fx.PlanMoment(still=s, caption=f"Moment {i}") for i, s in enumerate(stills)]
    pdf = documents.render_insert(
        replace(fx.insert(stills, logo), moments=extra), export_dir / "i.pdf"
    )
    pages = pdfcheck.render_pages(pdf, tmp_path / "png")
    assert pdfcheck.colours_seen(pages, list(fx.STILL_COLOURS)) == {0, 1, 2, 3}


def test_insert_on_a5(stills, logo, export_dir):
    from pypdf import PdfReader

    pdf = documents.render_insert(fx.insert(stills, logo), export_dir / "i.pdf", page_size="A5")
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (148, 210)
    assert pdfcheck.contains(pdfcheck.text_of(pdf), "People who help me")


def test_insert_rejects_other_page_sizes(stills, logo, export_dir):
    with pytest.raises(DocumentError):
        documents.render_insert(fx.insert(stills, logo), export_dir / "i.pdf", page_size="A3")  # type: ignore[arg-type]


def test_ending_summary_tells_the_journey(stills, logo, export_dir, tmp_path):
    pdf = documents.render_ending(fx.ending(stills, logo), export_dir / "e.pdf")

    text = pdfcheck.text_of(pdf)
    for expected in (
        "Your journey with Leo",
        "At the start you gave this 3 out of 10",
        "At the end you gave it 8 out of 10",
        "Each time we met",
        "Review 2",
        "I am better at this than I thought.",
        "Favourite moments",
        "“I can do this”",
        "What you want to keep doing",
        "It has been a joy",
    ):
        assert pdfcheck.contains(text, expected), expected
    pages = pdfcheck.render_pages(pdf, tmp_path / "png")
    assert pdfcheck.colours_seen(pages, list(fx.STILL_COLOURS[:2])) == {0, 1}


def test_filming_reminder_is_one_page_and_says_they_can_say_no(logo, export_dir, tmp_path):
    pdf = documents.render_filming_reminder(fx.filming_reminder(logo), export_dir / "f.pdf")

    text = pdfcheck.text_of(pdf)
    for expected in (
        "Filming with Leo",
        "Wednesday 5 March 2025 at 10:30am",
        "in the front room",
        "Playing on the mat",
        "say no at any time",
        "01632 960 123",
    ):
        assert pdfcheck.contains(text, expected), expected
    assert len(pdfcheck.render_pages(pdf, tmp_path / "png")) == 1


def test_filming_reminder_without_a_time_yet(logo, export_dir):
    data = replace(fx.filming_reminder(logo), when=None)
    pdf = documents.render_filming_reminder(data, export_dir / "f.pdf")
    assert pdfcheck.contains(pdfcheck.text_of(pdf), "We will agree a time together")


def test_progress_note_pdf_names_the_principles(logo, export_dir):
    pdf = documents.render_progress_note(fx.progress_note(logo), export_dir / "n.pdf")

    text = pdfcheck.text_of(pdf)
    for expected in (
        "PMH-0042",
        "Receiving initiatives",
        "cycle 1: 4; cycle 2: 7",
        "Practitioner's reflections",
        "Confidential — clinical record",
    ):
        assert pdfcheck.contains(text, expected), expected
    assert fx.PARENT not in text


def test_a_missing_still_is_a_plain_error_not_a_blank_space(stills, logo, export_dir, tmp_path):
    data = fx.summary([tmp_path / "gone.jpg"], logo)
    with pytest.raises(DocumentError) as caught:
        documents.render_summary(data, export_dir / "s.pdf")
    assert "gone" not in str(caught.value)
    assert list(export_dir.iterdir()) == []


def test_missing_export_folder_is_a_plain_error(stills, logo, tmp_path):
    with pytest.raises(DocumentError):
        documents.render_summary(fx.summary(stills[:1], logo), tmp_path / "nope" / "s.pdf")


def test_document_without_logo_or_stills(export_dir):
    data = replace(
        fx.summary([], None), clips=[fx.ClipForReview(title="Just words", parent_words="Hi")]
    )
    pdf = documents.render_summary(data, export_dir / "s.pdf")
    assert pdfcheck.unique_images(pdf) == {}
    assert pdfcheck.contains(pdfcheck.text_of(pdf), "Just words")


@pytest.mark.parametrize(
    ("kind", "cycle", "ext", "expected"),
    [
        ("summary", 1, "pdf", "PMH-0042-cycle1-summary.pdf"),
        ("insert", 2, "pdf", "PMH-0042-cycle2-insert.pdf"),
        ("ending", None, "pdf", "PMH-0042-ending.pdf"),
        ("note", 3, "txt", "PMH-0042-cycle3-note.txt"),
        ("filming-reminder", 1, "pdf", "PMH-0042-cycle1-filming-reminder.pdf"),
    ],
)
def test_file_names_say_what_the_file_is(kind, cycle, ext, expected):
    assert documents.document_filename("PMH-0042", kind, cycle, ext) == expected


@pytest.mark.parametrize("ref", ["../etc", "a/b", "", "-rf", "x" * 80])
def test_file_names_refuse_unsafe_case_refs(ref):
    with pytest.raises(DocumentError):
        documents.document_filename(ref, "summary", 1, "pdf")
