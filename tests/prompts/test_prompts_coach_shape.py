"""The shape of a helping question: closed, controlling the baby, judging herself, asking for a
verdict; and the natural ways of asking a good question that must not be flagged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigguide.prompts import coach_parent_caption, coach_question, suggest_rewrites


def kinds(text: str) -> list[str]:
    return sorted(f.kind for f in coach_question(text))


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Am I reading her signals?", "Am"),
        ("Does my singing help him?", "Does"),
        ("Will I feel close to the twins one day?", "Will"),
        ("Is it my cuddles that settle her?", "Is"),
        ("Can I make teatime fun for Zoe?", "Can"),
        ("Should I talk to her more in the bath?", "Should"),
        ("After her feed, do I give her enough time to look at me?", "do"),
        ("So, are we getting closer?", "are"),
    ],
)
def test_a_question_that_starts_with_an_auxiliary_is_closed(question: str, word: str) -> None:
    findings = coach_question(question)
    assert [f.kind for f in findings] in (["closed"], ["judge"], ["deficit"])
    closed = [f for f in findings if f.kind == "closed"]
    if closed:
        assert closed[0].text == word
        assert "yes or no" in closed[0].explanation


def test_a_closed_question_about_herself_keeps_her_words_in_the_rewrite() -> None:
    (finding,) = coach_question("Am I reading her signals?")
    assert finding.suggestion == 'Try: "What am I doing when I\'m reading her signals?"'
    assert suggest_rewrites("Can I make teatime fun for Zoe?")[0] == (
        "What am I doing when I make teatime fun for Zoe?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "How do I get Bella to nap in the afternoon?",
        "How can I make him finish his bottle?",
        "What's the best way for me to keep her quiet at the doctor's?",
        "How do we train the twins to settle in their own room?",
        "What can I do so he sleeps through the night?",
        "How can I put her down without her waking?",
    ],
)
def test_controlling_the_baby_or_a_routine_is_found(question: str) -> None:
    assert "control" in kinds(question)


def test_control_names_the_words_and_the_rewrite_keeps_the_babys_name() -> None:
    (finding,) = coach_question("How do I get Bella to nap in the afternoon?")
    assert finding.text == "get Bella to nap"
    assert finding.suggestion == 'Try: "What am I doing when I help Bella settle?"'


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("How can I feel less on edge with my son?", "feel less"),
        ("How do I worry less when she's in the bath?", "less"),
        ("How can I not be so snappy at teatime?", "so snappy"),
        ("How can I deal with my low mood around the baby?", "deal with"),
    ],
)
def test_measuring_herself_against_a_better_self_is_a_deficit(question: str, word: str) -> None:
    findings = coach_question(question)
    assert [f.kind for f in findings] == ["deficit"]
    assert findings[0].text == word
    problem = word in {"deal with"}
    assert ("a problem at the centre" if problem else "better you") in findings[0].explanation


@pytest.mark.parametrize(
    "question",
    [
        "Am I good enough for her?",
        "Is it normal to feel like this at feeds?",
        "How do I know whether I'm getting it right?",
        "How is my parenting compared with my sister's?",
        "What sort of dad am I?",
        "Am I doing it properly?",
    ],
)
def test_asking_for_a_verdict_is_found(question: str) -> None:
    assert kinds(question) == ["judge"]
    (finding,) = coach_question(question)
    assert "verdict" in finding.explanation


def test_what_i_do_making_the_baby_unhappy_looks_for_blame() -> None:
    (finding,) = coach_question("What am I doing that makes him so clingy?")
    assert (finding.kind, finding.text) == ("deficit", "makes him so clingy")
    assert "blame" in finding.explanation
    assert coach_question("What am I doing that makes him feel safe?") == []


@pytest.mark.parametrize(
    "question",
    [
        # A baby's reply is the other half of the moment, not a second question.
        "What am I doing when I sing to her and how does she answer me?",
        "What do I do when he babbles, and how does Leo reply?",
        "What am I doing when we play, and what does it give her?",
        # The same words describing a moment that already goes well.
        "What am I doing when I get him to laugh at bath time?",
        "What am I doing that helps her sleep through the night?",
        "What am I doing when I feel less anxious and enjoy her?",
        "What am I doing when I'm doing ok and we are both calm?",
        # Hopes in the parent's own voice.
        "How can I enjoy the twins more?",
        "How can I feel more confident with my baby?",
        "How do I show Ted I'm listening to him?",
        "When do I feel closest to my baby?",
        "wat am i doing when me and lily play",
        "What am I doing right when she giggles?",
        "What am I doing when I keep her close during the feed?",
    ],
)
def test_natural_strong_questions_are_left_alone(question: str) -> None:
    assert coach_question(question) == []


def test_a_second_question_about_what_i_could_do_is_still_two_questions() -> None:
    assert kinds("What am I doing when we play, and how could I get her to eat?") == [
        "two_questions"
    ]


def test_the_baby_asked_about_with_the_parent_only_as_object_is_baby_only() -> None:
    assert kinds("How does my baby feel about me?") == ["baby_only"]
    assert kinds("What do the twins need from me?") == ["baby_only"]
    assert kinds("What does Poppy want when she grizzles?") == ["baby_only"]


def test_how_come_asks_for_a_cause_like_why() -> None:
    findings = coach_question("How come I only enjoy her in the bath?")
    assert [(f.kind, f.text) for f in findings] == [("why", "How come")]


def test_one_reason_at_a_time_for_the_shape() -> None:
    # "stop" is the problem already named: the control behind it is not piled on top.
    assert kinds("How can I stop him crying?") == ["deficit"]
    # "a better dad" is one piece of advice, not a deficit and a verdict.
    assert kinds("How can I be a better dad?") == ["judge"]


def test_each_suggestion_is_given_once() -> None:
    findings = coach_question("Why won't he stop crying when I can't settle him?")
    given = [f.suggestion for f in findings if f.suggestion]
    assert len(findings) >= 3
    assert len(given) == len(set(given))
    assert sum(s.startswith("Try:") for s in given) == 1


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Am",
                "I",
                "what",
                "how",
                "get",
                "him",
                "to",
                "sleep",
                "Mum",
                "less",
                "so",
                "anxious",
                "normal",
                "and",
                "does",
                "she",
                "?",
                ",",
                "Ava",
                "twins",
                "not",
                "why",
                "come",
                "",
                "’s",
                "—",
                "🙂",
                "a",
            ]
        ),
        max_size=25,
    ).map(" ".join)
    | st.text(max_size=200)
)
def test_any_text_gets_findings_that_point_into_it(text: str) -> None:
    for finding in [*coach_question(text), *coach_parent_caption(text)]:
        assert text[finding.start : finding.end] == finding.text
        assert finding.explanation
