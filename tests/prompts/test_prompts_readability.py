"""Reading ease figures on known texts, and the checker for text a parent will read."""

from __future__ import annotations

import pytest

from vigguide.prompts import check_parent_text, reading_ease
from vigguide.prompts.readability import grade_level, split_sentences, syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("the", 1),
        ("cat", 1),
        ("baby", 2),
        ("baby's", 2),
        ("smiled", 1),
        ("played", 1),
        ("wanted", 2),
        ("settled", 2),
        ("little", 2),
        ("cuddle", 2),
        ("smile", 1),
        ("people", 2),
        ("likes", 1),
        ("changes", 2),
        ("kisses", 2),
        ("cues", 1),
        ("queues", 1),
        ("feeling", 2),
        ("playing", 2),
        ("doing", 2),
        ("being", 2),
        ("quiet", 2),
        ("video", 3),
        ("idea", 3),
        ("everyone", 3),
        ("together", 3),
        ("beautiful", 3),
        ("carefully", 3),
        ("attunement", 3),
        ("interaction", 4),
        ("relationship", 4),
        ("comfortable", 4),
        ("face-to-face", 3),
        ("10", 1),
    ],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_flesch_by_hand_for_one_sentence() -> None:
    # 6 words, 6 syllables, 1 sentence: 206.835 - 1.015 * 6 - 84.6 * 1
    assert reading_ease("The cat sat on the mat.") == pytest.approx(116.145)
    # Flesch-Kincaid: 0.39 * 6 + 11.8 * 1 - 15.59
    assert grade_level("The cat sat on the mat.") == pytest.approx(-1.45)


def test_flesch_by_hand_for_two_sentences() -> None:
    # "My baby smiled at me." 5 words, 6 syllables; "I smiled back." 3 words, 3 syllables.
    expected = 206.835 - 1.015 * (8 / 2) - 84.6 * (9 / 8)
    assert reading_ease("My baby smiled at me. I smiled back.") == pytest.approx(expected)


def test_a_childrens_story_reads_as_very_easy() -> None:
    story = (
        "Sam has a red ball. He rolls it to his mum. She rolls it back. "
        "The ball goes under the bed. Sam looks and looks. There it is!"
    )
    assert reading_ease(story) > 95


def test_an_academic_paragraph_reads_as_very_hard() -> None:
    paragraph = (
        "Contemporary developmental psychopathology conceptualises parental reflective "
        "functioning as a multidimensional capacity, operationalised through standardised "
        "observational methodologies, which demonstrates considerable predictive validity "
        "regarding subsequent infant socioemotional organisation and intergenerational "
        "transmission of attachment security."
    )
    assert reading_ease(paragraph) < 0
    assert grade_level(paragraph) > 20


def test_easier_text_scores_higher() -> None:
    plain = "You looked at your baby and waited. She smiled at you."
    dense = (
        "Your attentiveness facilitated reciprocal communication, evidenced by your daughter's "
        "spontaneous positive affect."
    )
    assert reading_ease(plain) > 80 > 20 > reading_ease(dense)


def test_no_words_scores_zero() -> None:
    assert reading_ease("") == 0.0
    assert reading_ease("  ... ") == 0.0


def test_sentences_split_on_stops_blank_lines_and_bullets() -> None:
    text = (
        "We met on Monday, e.g. after lunch. Was it fun? Yes!\n\nNext time\n- bath time\n- a book"
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "We met on Monday, e.g. after lunch.",
        "Was it fun?",
        "Yes!",
        "Next time",
        "- bath time",
        "- a book",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


SUMMARY_WITH_TROUBLE = (
    "Today we watched three short moments together. "
    "In the micro-analysis we saw lovely attunement between you. "
    "The reciprocal interaction demonstrated considerable developmental sensitivity, "
    "notwithstanding the difficulties you described previously regarding establishing "
    "consistent routines. "
    "You should keep singing to her, because you did not fail her."
)


def test_parent_text_finds_jargon_with_plain_alternatives() -> None:
    report = check_parent_text(SUMMARY_WITH_TROUBLE)
    jargon = {f.text: f.suggestion for f in report.findings if f.kind == "jargon"}
    assert jargon == {
        "micro-analysis": 'Try "looking closely at the film".',
        "attunement": 'Try "tuning in to each other".',
        "reciprocal": 'Try "taking turns".',
    }


def test_parent_text_finds_words_to_avoid() -> None:
    report = check_parent_text(SUMMARY_WITH_TROUBLE)
    assert sorted(f.text for f in report.findings if f.kind == "avoid_word") == ["fail", "should"]


def test_parent_text_names_the_sentence_that_pulls_the_score_down() -> None:
    report = check_parent_text(SUMMARY_WITH_TROUBLE)
    hardest = report.hard_sentences[0]
    assert hardest.text.startswith("The reciprocal interaction")
    assert hardest.ease < report.reading_ease
    assert "Today we watched" not in " ".join(s.text for s in report.hard_sentences)
    hard_findings = [f for f in report.findings if f.kind == "hard_sentence"]
    assert any("considerable" in f.explanation for f in hard_findings)
    assert not report.easy_enough


def test_a_warm_plain_summary_has_no_findings() -> None:
    summary = (
        "Today we watched three short moments from your film. "
        "In the first one, your baby looked up at you and you smiled back. "
        "You waited, and she made a little sound. You said it back to her. "
        'You told me: "Look how happy she is." '
        "You want to sing to her more at bath time."
    )
    report = check_parent_text(summary)
    assert report.findings == ()
    assert report.easy_enough
    assert report.reading_age <= 9
    assert report.summary() == "Reads well."


def test_empty_parent_text() -> None:
    report = check_parent_text("")
    assert report.findings == () and report.summary() == "Nothing to check yet."


def test_the_parents_own_quoted_words_are_left_alone() -> None:
    text = 'You told me: "I thought I was a bad mum." Then you said “I should trust myself.”'
    assert check_parent_text(text).findings == ()
    report = check_parent_text("I thought you were a bad mum.")
    assert [f.kind for f in report.findings] == ["avoid_word"]
