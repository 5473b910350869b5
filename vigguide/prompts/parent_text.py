"""The checker for parent-facing text: jargon, words to avoid, spelling and reading ease."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigguide.prompts.loader import load_guidance
from vigguide.prompts.matching import (
    Finding,
    avoid_findings,
    jargon_findings,
    spelling_findings,
)
from vigguide.prompts.model import Guidance
from vigguide.prompts.readability import (
    Sentence,
    ease_label,
    grade_level,
    reading_ease,
    split_sentences,
)

TARGET_EASE = 70.0
"""Fairly easy or easier: roughly what NHS guidance asks of text for the public."""
HARD_SENTENCE_EASE = 60.0
LONG_SENTENCE_WORDS = 25
# Below this many words one long word swings the Flesch score wildly ("Answering your baby"
# scores 35), so a short sentence is only flagged for jargon or words to avoid.
SCORED_SENTENCE_WORDS = 8


# The parent's own words are quoted verbatim and are hers to keep, whatever words she chose.
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


@dataclass(frozen=True)
class TextReport:
    """What the checker found in a piece of parent-facing text."""

    text: str
    findings: tuple[Finding, ...]
    reading_ease: float
    grade: float
    hard_sentences: tuple[Sentence, ...]

    @property
    def label(self) -> str:
        return ease_label(self.reading_ease)

    @property
    def reading_age(self) -> int:
        """A rough UK reading age: the Flesch-Kincaid school grade plus five."""
        return max(5, round(self.grade + 5))

    @property
    def easy_enough(self) -> bool:
        return self.reading_ease >= TARGET_EASE

    def summary(self) -> str:
        if not self.hard_sentences and not self.findings:
            return "Nothing to check yet." if not self.text.strip() else "Reads well."
        return (
            f"Reading ease {self.reading_ease:.0f} ({self.label}; about reading age "
            f"{self.reading_age}). Aim for {TARGET_EASE:.0f} or more."
        )


def check_parent_text(text: str, guidance: Guidance | None = None) -> TextReport:
    """Check a paragraph a parent will read; the hardest sentences come first in the report."""
    guidance = guidance or load_guidance()
    sentences = split_sentences(text)
    hard = sorted(
        (s for s in sentences if _pulls_down(s)),
        key=lambda s: s.ease,
    )
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    wording = [
        f
        for f in (
            *jargon_findings(text, guidance, for_parent=True),
            *avoid_findings(text, guidance),
        )
        if not any(start <= f.start and f.end <= end for start, end in quoted)
    ]
    findings = [
        *wording,
        *spelling_findings(text, guidance),
        *(_hard_sentence(s) for s in hard),
    ]
    return TextReport(
        text=text,
        findings=tuple(sorted(findings, key=lambda f: (f.start, f.kind))),
        reading_ease=reading_ease(text),
        grade=grade_level(text),
        hard_sentences=tuple(hard),
    )


def _pulls_down(sentence: Sentence) -> bool:
    if sentence.words > LONG_SENTENCE_WORDS:
        return True
    return sentence.words >= SCORED_SENTENCE_WORDS and sentence.ease < HARD_SENTENCE_EASE


def _hard_sentence(sentence: Sentence) -> Finding:
    reasons = []
    if sentence.words > LONG_SENTENCE_WORDS:
        reasons.append(f"it is long ({sentence.words} words)")
    long_words = list(dict.fromkeys(sentence.long_words()))
    if long_words:
        reasons.append("it has long words (" + ", ".join(long_words[:4]) + ")")
    because = " and ".join(reasons) if reasons else "it is dense"
    return Finding(
        "hard_sentence",
        sentence.start,
        sentence.end,
        sentence.text,
        f"This sentence is hard to read (score {sentence.ease:.0f}): {because}.",
        "Split it into shorter sentences and use everyday words.",
    )
