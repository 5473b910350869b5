"""The coach judged as a guider would, on helping questions and captions it was not written from.

`coach_eval/*_heldout.txt` were written before the rules were tuned and never tuned on; the
training files are what the rules were checked against while they were written. A question counts
as judged right when the coach finds something other than a spelling slip exactly when a guider
would call it weak (spelling slips are gentle corrections, not a weaker question).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from vigguide.prompts import coach_parent_caption, coach_question, load_guidance

HERE = Path(__file__).parent / "coach_eval"
GUIDANCE = load_guidance()
TARGET = 0.95


@dataclass(frozen=True)
class Case:
    text: str
    weak: bool
    kinds: frozenset[str]


def load(name: str) -> list[Case]:
    cases = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = (part.strip() for part in line.split("|", 1))
        weak = label.startswith("weak")
        kinds = frozenset(label.split(":", 1)[1].strip().split("/")) if weak else frozenset()
        cases.append(Case(text, weak, kinds))
    return cases


def question_kinds(text: str) -> set[str]:
    return {f.kind for f in coach_question(text, GUIDANCE) if f.kind != "spelling"}


def caption_kinds(text: str) -> set[str]:
    return {f.kind for f in coach_parent_caption(text, GUIDANCE) if f.kind != "spelling"}


def score(cases: list[Case], judge: object) -> tuple[float, float, list[str]]:
    """Share judged right (weak or strong), share of weak ones whose kind was named, and misses."""
    assert callable(judge)
    right = named = 0
    misses = []
    for case in cases:
        found = judge(case.text)
        if bool(found) == case.weak:
            right += 1
        else:
            misses.append(f"{'weak' if case.weak else 'strong'}: {case.text} -> {sorted(found)}")
        if case.weak and found & case.kinds:
            named += 1
    weak_count = sum(c.weak for c in cases) or 1
    return right / len(cases), named / weak_count, misses


HELD_OUT = load("questions_heldout.txt")
# Written later, in new words, and committed before the coach was first run on it.
HELD_OUT_2 = load("questions_heldout2.txt")
TRAINING = load("questions_training.txt")
CAPTIONS_HELD_OUT = load("captions_heldout.txt")
CAPTIONS_TRAINING = load("captions_training.txt")


def test_the_sets_are_big_varied_and_separate() -> None:
    assert len(HELD_OUT) >= 100 and len(HELD_OUT) + len(TRAINING) >= 200
    assert len(CAPTIONS_HELD_OUT) + len(CAPTIONS_TRAINING) >= 60
    texts = [c.text.lower() for c in HELD_OUT + HELD_OUT_2 + TRAINING]
    assert len(set(texts)) == len(texts)
    for cases in (HELD_OUT, HELD_OUT_2, TRAINING, CAPTIONS_HELD_OUT, CAPTIONS_TRAINING):
        weak = sum(c.weak for c in cases)
        assert 0.35 <= weak / len(cases) <= 0.65


@pytest.mark.parametrize(
    ("name", "cases"),
    [("held-out", HELD_OUT), ("held-out 2", HELD_OUT_2), ("training", TRAINING)],
    ids=["held-out", "held-out-2", "training"],
)
def test_questions_are_judged_as_a_guider_would(name: str, cases: list[Case]) -> None:
    accuracy, named, misses = score(cases, question_kinds)
    print(f"\nquestions {name}: {accuracy:.1%} right, kind named for {named:.1%} of weak ones")
    assert accuracy >= TARGET, "\n".join(misses)
    # Most weak questions get the advice a guider would give, not just any advice.
    assert named >= 0.8, "\n".join(misses)


@pytest.mark.parametrize(
    ("name", "cases"),
    [("held-out", CAPTIONS_HELD_OUT), ("training", CAPTIONS_TRAINING)],
    ids=["held-out", "training"],
)
def test_captions_are_judged_as_a_guider_would(name: str, cases: list[Case]) -> None:
    accuracy, named, misses = score(cases, caption_kinds)
    print(f"\ncaptions {name}: {accuracy:.1%} right, kind named for {named:.1%} of weak ones")
    assert accuracy >= TARGET, "\n".join(misses)
    assert named >= 0.8, "\n".join(misses)
