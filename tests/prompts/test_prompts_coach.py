"""The phrasing coach: what it finds (and does not find) in draft helping questions."""

from __future__ import annotations

import pytest

from vigguide.prompts import coach_question, load_guidance, suggest_rewrites

# The team's own helping questions from DOMAIN.md, verbatim: only the spelling slips are findings.
SERVICE_EXAMPLES = [
    (
        "What am I already doing well to understand babies queues and enjoy him and what's the "
        "impact on baby.",
        ["spelling", "spelling"],
    ),
    ("What am I doing well to develop the bond between me and my baby.", []),
    (
        "What am I doing when baby and I are engaging in play together and what is the impact "
        "of this on our relationship",
        [],
    ),
    (
        "What am I already doing when I am happy with my parenting and what's the impact on "
        "baby in terms of how she feels and behaves",
        [],
    ),
    (
        "What am I doing well to understand babies queues and what impact does this have on "
        "the developing bond between me and my baby.",
        ["spelling", "spelling"],
    ),
    ("What am I doing to enjoy my baby?", []),
    ("What am I doing to connect with my baby?", []),
]

GOOD = [
    "What am I doing when I'm not on my phone?",
    "What am I doing when I don't rush and my baby has time to answer?",
    "What am I doing when there's no rush and we just play?",
    "What am I doing when I'm not worrying and just enjoying her?",
    "What do I do that helps my baby settle?",
    "How am I helping my baby feel safe?",
    "What am I doing when we take turns?",
    "When she cries, what am I doing that comforts her?",
    "In what ways am I already tuning in to my baby?",
    "What am I doing when my partner and I bath our baby together?",
    "What am I doing well when I feed him, and what is the impact on him?",
    "What am I doing when I sing to her and how does she respond?",
    "What am I doing when we play, and what difference does it make to her?",
    "what am i doing when my baby smiles at me",
    "What am I doing at nappy changes that makes my baby laugh?",
    "What am I doing to understand my baby's cues?",
    "What am I doing when I notice what my baby needs and what she is telling me?",
    "What am I doing when other babies play nearby and I stay close to mine?",
    "What am I doing when my mum visits and we all have fun with the baby?",
    "What am I doing when I feel calm with my baby, and what is the impact on him?",
    "What am I doing when I hold him and he stops crying?",
    "What am I doing when I don't give up and keep trying to soothe her?",
    "What have I been doing that helps us feel close?",
    "What do I do when she is tired, and what's the impact on her?",
]

WEAK = [
    # not a question
    ("I want to enjoy my baby more", ["not_question"]),
    ("I want to feel closer to my son", ["not_question"]),
    ("Helping my baby sleep better", ["not_question"]),
    ("I hope to understand what she needs", ["not_question"]),
    ("He cries all the time.", ["baby_only", "not_question"]),
    ("My partner and I want to enjoy bath time", ["not_question"]),
    # why
    ("Why does he cry?", ["baby_only", "why"]),
    ("Why can't I calm her down?", ["deficit", "why"]),
    ("Why am I so anxious with my baby?", ["why"]),
    ("Why do I feel close to her at bath time?", ["why"]),
    ("What am I doing and why does it work?", ["two_questions", "why"]),
    # deficit or negative framing
    ("What am I doing wrong when she cries?", ["deficit"]),
    ("How can I stop him crying?", ["deficit"]),
    ("What am I doing when I stop and she keeps crying?", ["deficit"]),
    ("Why does he never stop crying?", ["baby_only", "deficit", "deficit", "why"]),
    ("What am I doing when he won't settle?", ["deficit"]),
    ("What am I doing when he doesn't settle?", ["deficit"]),
    ("What should I do when she screams?", ["deficit"]),
    ("How do I cope when I feel like a bad mum?", ["deficit"]),
    ("What is the problem with our bond?", ["deficit"]),
    ("Why do I never enjoy being with my baby?", ["deficit", "why"]),
    ("I can't bond with my baby", ["deficit", "not_question"]),
    ("What am I doing when I fail to comfort her?", ["deficit"]),
    ("I don't enjoy my baby", ["deficit", "not_question"]),
    ("What am I doing when feeding is a struggle?", ["deficit"]),
    ("I want to stop feeling useless when she cries", ["deficit", "deficit", "not_question"]),
    # only about the baby
    ("What does my baby like?", ["baby_only"]),
    ("Is my baby happy?", ["baby_only"]),
    ("What helps my baby sleep?", ["baby_only"]),
    ("How does she show she is hungry?", ["baby_only"]),
    # not in the parent's own voice
    ("What is mum doing to enjoy baby?", ["not_first_person"]),
    ("What helps at bath time?", ["not_first_person"]),
    ("How does the parent respond to the baby's cues?", ["not_first_person"]),
    ("What makes bath time go well?", ["not_first_person"]),
    # about the practitioner or someone else
    ("What can you do to help me bond with my baby?", ["other_person"]),
    ("What is my partner doing to bond with our baby?", ["other_person"]),
    ("How does the health visitor see us?", ["other_person"]),
    ("What does my mum do that helps the baby settle?", ["other_person"]),
    ("My partner doesn't help with the baby", ["deficit", "not_question", "other_person"]),
    # too long, or two questions in one
    (
        "What am I already doing well when I am feeding my baby in the morning and when we are "
        "playing on the mat in the afternoon and when we are having our bath together?",
        ["too_long"],
    ),
    (
        "What am I doing well to help my little girl feel calm and safe and happy when we go to "
        "the shops together and when we visit my sister at her house on Sundays?",
        ["too_long"],
    ),
    ("What am I doing to enjoy her and how can I get her to sleep?", ["two_questions"]),
    ("What am I doing when we play? What am I doing when we feed?", ["two_questions"]),
    ("What am I doing to feel close to him, or what could I do differently?", ["two_questions"]),
    # jargon
    ("What am I doing to build attunement with my baby?", ["jargon"]),
    ("How am I receiving my baby's initiatives?", ["jargon"]),
    ("What am I doing when I use scaffolding in play?", ["jargon"]),
    ("What am I doing to support co-regulation with my daughter?", ["jargon"]),
    ("What am I doing when we are attuned?", ["jargon"]),
    # spelling slips from the field
    ("What am I doing to understand my baby's queues?", ["spelling"]),
    ("What am I doing to understand babies cues?", ["spelling"]),
    ("What am I doing to understand my babys needs?", ["spelling"]),
    ("What am I doing when I follow babies lead?", ["spelling"]),
    ("Why can't I understand my babies queues?", ["deficit", "spelling", "spelling", "why"]),
]


def kinds(text: str) -> list[str]:
    return sorted(f.kind for f in coach_question(text))


@pytest.mark.parametrize(("question", "expected"), SERVICE_EXAMPLES)
def test_service_examples_pass_apart_from_spelling(question: str, expected: list[str]) -> None:
    assert kinds(question) == expected


@pytest.mark.parametrize("question", GOOD)
def test_good_questions_have_no_findings(question: str) -> None:
    assert coach_question(question) == []


@pytest.mark.parametrize(("question", "expected"), WEAK)
def test_weak_questions_are_found(question: str, expected: list[str]) -> None:
    assert kinds(question) == sorted(expected)


def test_there_are_at_least_sixty_phrasings() -> None:
    assert len(SERVICE_EXAMPLES) + len(GOOD) + len(WEAK) >= 60


def test_every_kind_of_weak_question_is_covered() -> None:
    covered = {kind for _, expected in WEAK for kind in expected}
    assert covered == {
        "not_question",
        "why",
        "deficit",
        "baby_only",
        "not_first_person",
        "other_person",
        "too_long",
        "two_questions",
        "jargon",
        "spelling",
    }


def test_findings_point_at_the_words() -> None:
    text = "Why can't I understand my babies queues?"
    spans = {(f.kind, f.text) for f in coach_question(text)}
    assert spans == {
        ("why", "Why"),
        ("deficit", "can't"),
        ("spelling", "babies"),
        ("spelling", "queues"),
    }
    for finding in coach_question(text):
        assert text[finding.start : finding.end] == finding.text
        assert finding.explanation and finding.suggestion


def test_spelling_suggests_the_right_word() -> None:
    suggestions = {f.text: f.suggestion for f in coach_question("What do I do for babies queues?")}
    assert "cues" in suggestions["queues"]
    assert "baby's" in suggestions["babies"]


def test_jargon_suggests_the_plain_words() -> None:
    (finding,) = coach_question("What am I doing to build attunement with my baby?")
    assert "tuning in to each other" in finding.suggestion


def test_other_person_points_at_who_is_asked_about() -> None:
    (finding,) = coach_question("What is my partner doing to bond with our baby?")
    assert finding.text == "my partner"


def test_two_questions_points_at_the_second_one() -> None:
    (finding,) = coach_question("What am I doing to enjoy her and how can I get her to sleep?")
    assert finding.text == "and how can I get her to sleep?"


def test_empty_text_is_not_yet_a_question() -> None:
    assert kinds("   ") == ["not_question"]


def test_the_parents_hope_becomes_a_strengths_question() -> None:
    hope = "I want to stop feeling useless when she cries"
    rewrites = suggest_rewrites(hope)
    assert rewrites[0] == "What am I doing when I comfort her and it helps?"
    findings = coach_question(hope)
    assert len(findings) == 3
    # The rewrite is offered once, on the first finding, not repeated under each one.
    suggestions = [f.suggestion for f in findings]
    assert suggestions[0] == f'Try: "{rewrites[0]}"'
    assert suggestions.count(f'Try: "{rewrites[0]}"') == 1
    given = [s for s in suggestions if s]
    assert len(given) == len(set(given))


def test_a_positive_hope_keeps_the_parents_own_words() -> None:
    assert suggest_rewrites("I want to enjoy my baby more")[0] == (
        "What am I already doing well to enjoy my baby more?"
    )


def test_a_why_question_about_the_baby_becomes_one_about_the_parent() -> None:
    assert suggest_rewrites("Why does he cry?")[0] == (
        "What am I doing when I comfort him and it helps?"
    )


def test_rewrites_fix_the_spelling_they_keep() -> None:
    rewrites = suggest_rewrites("I want to understand babies queues")
    assert rewrites[0] == "What am I already doing well to understand baby's cues?"


HOPES = [
    "I want to stop feeling useless when she cries",
    "I don't enjoy my baby",
    "Why won't he sleep?",
    "I want to bond with my son",
    "I worry all the time when I'm feeding her",
    "He ignores me",
    "I feel like a bad mum",
    "I want to play with my baby without feeling anxious",
    "Bath time is a nightmare",
    "What can you do to help me?",
    "I want to understand babies queues",
    "",
]


@pytest.mark.parametrize("hope", HOPES)
def test_every_rewrite_passes_the_coach(hope: str) -> None:
    rewrites = suggest_rewrites(hope)
    assert 1 <= len(rewrites) <= 3
    for rewrite in rewrites:
        assert coach_question(rewrite) == [], rewrite


def test_every_built_in_example_passes_the_coach() -> None:
    guidance = load_guidance()
    for example in guidance.examples:
        assert coach_question(example.text) == [], example.text
