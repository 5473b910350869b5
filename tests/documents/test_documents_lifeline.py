"""Every family document carries the team's number; each speaks in one voice; names never collide."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import docfixtures as fx
import pdfcheck
import pytest

from vigguide import documents
from vigguide.documents.voice import first_person, parent_title

PHONE = "01632 960 123"
TEAM = "Perinatal Mental Health Team"


def with_phone(data, phone: str = PHONE):
    return replace(data, service=replace(data.service, team=TEAM, phone=phone))


def family_documents(stills, logo):
    return [
        ("summary", fx.summary(stills[:2], logo), documents.render_summary),
        ("insert", fx.insert_like_demo(stills, logo, 3), documents.render_insert),
        ("ending", fx.ending_like_demo(stills, logo), documents.render_ending),
        ("reminder", fx.filming_reminder(logo), documents.render_filming_reminder),
    ]


@pytest.mark.parametrize("index", range(4), ids=["summary", "insert", "ending", "reminder"])
def test_the_team_number_is_on_every_family_document(index, stills, logo, export_dir):
    _name, data, render = family_documents(stills, logo)[index]
    warnings: list[str] = []
    pdf = render(with_phone(data), export_dir / "d.pdf", warnings=warnings)

    text = pdfcheck.body_text(pdf)
    assert pdfcheck.contains(text, f"call the {TEAM} on {PHONE}.")
    assert not [w for w in warnings if "phone number" in w]


def test_the_insert_says_who_i_can_call_if_i_start_to_feel_unwell(stills, logo, export_dir):
    data = with_phone(fx.insert_like_demo(stills, logo, 4, True))
    pdf = documents.render_insert(data, export_dir / "i.pdf")

    assert pdfcheck.contains(
        pdfcheck.text_of(pdf), f"If I start to feel unwell, I can call the {TEAM} on {PHONE}."
    )
    assert pdfcheck.page_count(pdf) == 1


@pytest.mark.parametrize("index", range(4), ids=["summary", "insert", "ending", "reminder"])
def test_without_a_number_the_line_still_reads_whole_and_the_practitioner_is_told(
    index, stills, logo, export_dir
):
    name, data, render = family_documents(stills, logo)[index]
    if name == "reminder":
        data = replace(data, contact="")
    warnings: list[str] = []
    pdf = render(with_phone(data, ""), export_dir / "d.pdf", warnings=warnings)

    text = pdfcheck.body_text(pdf)
    assert "let me know" not in text
    assert pdfcheck.contains(text, "Their number is on") or pdfcheck.contains(
        text, "The number is on your care plan."
    )
    assert [w for w in warnings if "phone number is not set" in w]


def test_guider_titles_reach_the_parent_in_her_own_second_person(stills, logo, export_dir):
    assert parent_title("She names his yawn and slows down") == "You name his yawn and slow down"
    assert parent_title("Maya waits and Leo smiles", "Maya") == "You wait and Leo smiles"
    assert parent_title("Mum catches his look and then smiles back") == (
        "You catch his look and then smile back"
    )
    assert parent_title("She is gentle with her voice") == "You are gentle with your voice"
    assert parent_title("Waiting for his smile") == "Waiting for his smile"
    assert first_person("You wait, and Leo's smile arrives.") == "I wait, and Leo's smile arrives."
    assert first_person("Leo smiles at you and you answer him.") == (
        "Leo smiles at me and I answer him."
    )
    assert first_person("You are close to your baby") == "I am close to my baby"


def test_the_insert_is_written_as_her_and_the_summary_asks_her(stills, logo, export_dir):
    insert = fx.insert_like_demo(stills, logo, 3)
    insert_text = pdfcheck.text_of(documents.render_insert(insert, export_dir / "i.pdf"))
    summary_text = pdfcheck.text_of(
        documents.render_summary(fx.summary(stills[:1], logo), export_dir / "s.pdf")
    )

    assert pdfcheck.contains(insert_text, "I wait, and Leo's smile arrives.")
    assert not pdfcheck.contains(insert_text, "You wait")
    # her answers are "I"; the labels ask her, so the page reads as questions and her answers
    assert pdfcheck.contains(summary_text, "What did you notice? I saw that he looks at me")
    assert "What you noticed" not in summary_text


def test_file_names_differ_by_size_and_date_and_carry_no_name():
    a4 = documents.document_filename(
        "PMH-1", "insert", 2, "pdf", size="A4", made_on=date(2026, 5, 1)
    )
    a5 = documents.document_filename(
        "PMH-1", "insert", 2, "pdf", size="A5", made_on=date(2026, 5, 1)
    )
    later = documents.document_filename(
        "PMH-1", "insert", 2, "pdf", size="A4", made_on=date(2026, 6, 1)
    )
    ending = documents.document_filename("PMH-1", "ending", 3, "pdf", made_on=date(2026, 6, 1))
    assert len({a4, a5, later, ending}) == 4
    assert a4 == "PMH-1-cycle2-insert-a4-2026-05-01.pdf"
    assert ending == "PMH-1-cycle3-ending-2026-06-01.pdf"
    assert documents.document_filename("PMH-1", "summary", 2, "pdf") == "PMH-1-cycle2-summary.pdf"
