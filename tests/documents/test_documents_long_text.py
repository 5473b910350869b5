"""Long text flows on to more pages: nothing is cut off, overlapped or drawn off the page."""

from __future__ import annotations

import random
from dataclasses import replace

import docfixtures as fx
import pdfcheck

from vigguide import documents

WORDS = [
    "we",
    "sang",
    "together",
    "and",
    "he",
    "looked",
    "at",
    "me",
    "the",
    "whole",
    "time",
    "then",
    "he",
    "smiled",
    "and",
    "I",
    "waited",
    "for",
    "him",
    "to",
    "answer",
    "me",
    "with",
    "a",
    "little",
    "sound",
    "and",
    "it",
    "felt",
    "lovely",
    "because",
    "I",
    "could",
    "see",
    "he",
    "was",
    "happy",
    "with",
    "me",
]


def words(count: int, seed: int) -> str:
    rng = random.Random(seed)
    text = " ".join(rng.choice(WORDS) for _ in range(count))
    # A long unbroken "word" too, the kind a pasted link makes.
    return text + " " + "https://example.invalid/" + "a" * 300 + " the end " + str(seed)


def without(text: str, beside: str) -> str:
    """The text with a caption printed beside it taken out (compared without whitespace)."""
    return pdfcheck.squash(text).replace(pdfcheck.squash(beside), "")


def test_a_500_word_quote_flows_over_pages(stills, logo, export_dir, tmp_path):
    quote = words(500, 1)
    data = fx.summary(stills[:2], logo)
    clips = [replace(data.clips[0], parent_words=quote), data.clips[1]]
    pdf = documents.render_summary(replace(data, clips=clips), export_dir / "s.pdf")

    # The still's caption sits beside the first lines, which pdftotext reads in between them.
    text = without(pdfcheck.body_text(pdf), data.clips[0].caption)
    assert pdfcheck.contains(text, quote)
    assert pdfcheck.contains(text, "the end 1")
    assert pdfcheck.page_count(pdf) >= 3
    assert pdfcheck.text_positions_outside(pdf) == []
    pages = pdfcheck.render_pages(pdf, tmp_path / "png")
    assert pdfcheck.colours_seen(pages, list(fx.STILL_COLOURS[:2])) == {0, 1}


def test_long_text_in_every_summary_section(stills, logo, export_dir):
    data = fx.summary(stills[:1], logo)
    long_clip = replace(
        data.clips[0],
        parent_noticed=words(300, 2),
        making_a_difference=words(300, 3),
        caption=words(60, 4),
    )
    data = replace(
        data,
        clips=[long_clip],
        learned=words(400, 5),
        other_places=words(400, 6),
        next_steps=words(400, 7),
    )
    pdf = documents.render_summary(data, export_dir / "s.pdf")

    assert pdfcheck.contains(pdfcheck.text_of(pdf), "the end 4")  # the caption, to its end
    text = without(pdfcheck.body_text(pdf), long_clip.caption)
    for seed in (2, 3, 5, 6, 7):
        assert pdfcheck.contains(text, f"the end {seed}"), seed
    assert pdfcheck.contains(text, data.learned)
    assert pdfcheck.text_positions_outside(pdf) == []


def test_a_2000_word_progress_note_pdf_keeps_every_word(logo, export_dir):
    reflections = words(2000, 8)
    data = replace(fx.progress_note(logo), reflections=reflections)
    pdf = documents.render_progress_note(data, export_dir / "n.pdf")

    text = pdfcheck.body_text(pdf)
    assert pdfcheck.contains(text, reflections)
    assert pdfcheck.page_count(pdf) >= 3
    assert pdfcheck.text_positions_outside(pdf) == []


def test_long_lists_on_the_insert_flow_to_a_second_page(stills, logo, export_dir):
    data = replace(
        fx.insert(stills, logo),
        when_hard=[words(40, n) for n in range(10, 22)],
        people_who_help=[f"Person {n} who helps" for n in range(30)],
    )
    pdf = documents.render_insert(data, export_dir / "i.pdf")

    text = pdfcheck.body_text(pdf)
    for n in range(10, 22):
        assert pdfcheck.contains(text, f"the end {n}")
    assert pdfcheck.contains(text, "Person 29 who helps")
    assert pdfcheck.page_count(pdf) >= 2
    assert pdfcheck.text_positions_outside(pdf) == []
