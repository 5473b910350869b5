"""The Finding type and the word-list checks shared by the coach and the parent-text checker."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TypeVar

from vigguide.prompts.model import AvoidWord, Guidance, PlainWord, Spelling

T = TypeVar("T")


@dataclass(frozen=True)
class Finding:
    """One piece of advice about a text: what kind, where (character span), why, and what to try.

    `kind` is a short stable id. Helping questions: not_question, why, deficit, baby_only,
    not_first_person, other_person, closed, control, judge, too_long, two_questions, jargon,
    spelling. Parent text and captions: jargon, avoid_word, spelling, hard_sentence, and for
    captions third_person and too_long.
    """

    kind: str
    start: int
    end: int
    text: str
    explanation: str
    suggestion: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def span_finding(kind: str, source: str, start: int, end: int, why: str, try_: str) -> Finding:
    return Finding(kind, start, end, source[start:end], why, try_)


@lru_cache(maxsize=256)
def term_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word, case-blind match of any form; hyphen, space or nothing between parts."""
    alternatives = []
    for form in sorted(set(forms), key=len, reverse=True):
        parts = re.split(r"[\s-]+", form.strip())
        escaped = [re.escape(p).replace("'", "['’]") for p in parts]
        alternatives.append(r"[\s-]?".join(escaped))
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?:s|es)?(?!\w)", re.IGNORECASE)


def _matches(text: str, forms: tuple[str, ...]) -> Iterator[re.Match[str]]:
    yield from term_pattern(forms).finditer(text)


def jargon_findings(text: str, guidance: Guidance, *, for_parent: bool) -> list[Finding]:
    found: list[tuple[re.Match[str], PlainWord]] = []
    for word in guidance.plain_words:
        found.extend((m, word) for m in _matches(text, (word.term, *word.forms)))
    who = "a parent reading this" if for_parent else "the parent, whose question it is"
    return [
        Finding(
            "jargon",
            m.start(),
            m.end(),
            m.group(0),
            f'"{m.group(0)}" is a practitioner\'s word; it may mean little to {who}.',
            f'Try "{word.plain}".',
        )
        for m, word in _without_overlaps(found)
    ]


def avoid_findings(text: str, guidance: Guidance) -> list[Finding]:
    found: list[tuple[re.Match[str], AvoidWord]] = []
    for word in guidance.avoid_words:
        found.extend((m, word) for m in _matches(text, (word.word, *word.forms)))
    return [
        Finding(
            "avoid_word",
            m.start(),
            m.end(),
            m.group(0),
            f'"{m.group(0)}" is best kept out of what a parent reads. {word.why}',
            f"Instead: {word.instead}.",
        )
        for m, word in _without_overlaps(found)
    ]


# Nouns after which "babies" almost always means "baby's" ("babies cues", "babies face").
_BABY_NOUNS = (
    "queues|queue|cues|cue|needs|feelings|face|signals|signs|sounds|body|mood|moods|feeds|"
    "feeding|reactions|reaction|response|responses|emotions|wants|interests|eyes|voice|hands|"
    "world|way|development|behaviour|attention|experience|name|tummy|nappy|routine|pace|"
    "communication|attempts|toys|wellbeing|well-being|health|movements|expressions|"
    "initiatives|lead"
)
# Words that can also be verbs ("babies cry", "babies play") are left out on purpose.
_BABIES_BEFORE_NOUN = re.compile(rf"\b(babies)\s+(?:{_BABY_NOUNS})\b", re.IGNORECASE)


def spelling_findings(text: str, guidance: Guidance) -> list[Finding]:
    found: list[tuple[int, int, str, str]] = []
    for spelling in guidance.spellings:
        for m in term_pattern((spelling.wrong,)).finditer(text):
            if m.group(0).lower() == spelling.wrong.lower():
                found.append((m.start(), m.end(), _same_case(m.group(0), spelling), spelling.note))
    for m in _BABIES_BEFORE_NOUN.finditer(text):
        right = "Baby's" if m.group(1)[0].isupper() else "baby's"
        note = 'Something that belongs to one baby is written "baby\'s".'
        found.append((m.start(1), m.end(1), right, note))
    return [
        Finding(
            "spelling",
            start,
            end,
            text[start:end],
            f"A spelling slip: {note}",
            f'Write "{right}".',
        )
        for start, end, right, note in sorted(found)
    ]


def _same_case(found: str, spelling: Spelling) -> str:
    return spelling.right.capitalize() if found[:1].isupper() else spelling.right


def _without_overlaps(found: Iterable[tuple[re.Match[str], T]]) -> list[tuple[re.Match[str], T]]:
    kept: list[tuple[re.Match[str], T]] = []
    for match, item in sorted(found, key=lambda f: (f[0].start(), -(f[0].end() - f[0].start()))):
        if kept and match.start() < kept[-1][0].end():
            continue
        kept.append((match, item))
    return kept
