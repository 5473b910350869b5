"""The plain-text progress note fits the record's limit and keeps the facts when shortened."""

from __future__ import annotations

from dataclasses import replace

import docfixtures as fx
import pytest

from vigguide import documents
from vigguide.documents.progress_note import SHORTENED
from vigguide.errors import DocumentError


def test_note_has_the_facts_ratings_and_principles(logo):
    text = documents.progress_note_text(fx.progress_note(logo))

    for expected in (
        "VIG progress note — cycle 2 shared review",
        "Case: PMH-0042",
        "Shared review: 12 March 2025",
        "Practitioner: Jo Okafor, VIG practitioner, Perinatal Mental Health Team",
        "Filmed: 5 March 2025 — Floor play",
        f"- {fx.QUESTION} — cycle 1: 4; cycle 2: 7",
        "1. Singing on the mat (Being attentive; Receiving initiatives)",
        f"Parent's words: “{fx.QUOTE}”",
        "Practitioner's reflections:\nMother more confident",
    ):
        assert expected in text
    assert SHORTENED not in text
    assert fx.PARENT not in text and fx.BABY not in text


@pytest.mark.parametrize("limit", [700, 1000, 2000, 5000])
def test_long_note_is_shortened_to_the_limit_keeping_facts_and_ratings(logo, limit):
    data = replace(
        fx.progress_note(logo),
        reflections="Reflection word " * 400,
        learned="Learning word " * 200,
        clips=[replace(fx.progress_note(logo).clips[0], parent_noticed="Noticed word " * 150)],
    )

    text = documents.progress_note_text(data, max_chars=limit)

    assert len(text) <= limit
    assert text.endswith(SHORTENED)
    assert "Case: PMH-0042" in text
    assert "cycle 1: 4; cycle 2: 7" in text
    assert "…" in text


def test_a_limit_below_the_facts_still_holds(logo):
    data = replace(fx.progress_note(logo), reflections="Reflection word " * 400)
    text = documents.progress_note_text(data, max_chars=300)
    assert len(text) <= 300
    assert text.endswith(SHORTENED)


def test_a_note_that_fits_is_not_touched(logo):
    data = fx.progress_note(logo)
    full = documents.progress_note_text(data, max_chars=100_000)
    assert documents.progress_note_text(data, max_chars=len(full)) == full


def test_a_tiny_limit_is_refused(logo):
    with pytest.raises(DocumentError):
        documents.progress_note_text(fx.progress_note(logo), max_chars=50)
