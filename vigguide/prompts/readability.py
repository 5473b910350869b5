"""Reading ease of English text: words, sentences, syllables and the Flesch formulas."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*(?:-[A-Za-z0-9]+(?:['’][A-Za-z]+)*)*")

# Words the rules below get wrong that turn up in this kind of writing.
_EXCEPTIONS: dict[str, int] = {
    "idea": 3,
    "ideas": 3,
    "create": 2,
    "created": 3,
    "video": 3,
    "videos": 3,
    "quiet": 2,
    "quietly": 3,
    "people": 2,
    "area": 3,
    "areas": 3,
    "really": 2,
    "every": 2,
    "everything": 3,
    "different": 3,
    "interest": 3,
    "interested": 4,
    "interesting": 4,
    "family": 3,
    "families": 3,
    "evening": 2,
    "business": 2,
    "science": 2,
    "client": 2,
    "clients": 2,
    "lion": 2,
    "poem": 2,
    "poet": 2,
    "real": 1,
    "naive": 2,
    "cooperate": 4,
    "reunion": 3,
    "being": 2,
    "towards": 2,
    "toward": 2,
    "someone": 2,
    "sometimes": 2,
    "somewhere": 2,
    "anyone": 3,
    "everyone": 3,
    "wonderful": 3,
    "the": 1,
}
_SPLIT_PAIRS = re.compile(r"(?<![ctsxg])(?:ia|io|eo|ua|uo|iu)")
_SUFFIXES = ("ment", "ness", "ful", "less")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|Dr|Mr|Mrs|Ms|approx|vs)\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n\s*\n|\n\s*(?=[-*•]\s)")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text, with where it is and how easy it is to read on its own."""

    start: int
    end: int
    text: str
    words: int
    syllables: int

    @property
    def ease(self) -> float:
        return flesch(self.words, 1, self.syllables)

    def long_words(self) -> list[str]:
        return [w for w in words(self.text) if syllables(w) >= 3]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def syllables(word: str) -> int:
    """An estimate of the syllables in one English word (at least one)."""
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    w = re.sub(r"['’]s$", "", word.lower())
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return 1  # a number: counted as one short word
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return syllables(w[: -len(suffix)]) + 1
    if w.endswith("fully") and len(w) > 7:
        return syllables(w[:-5]) + 2
    if w.endswith("ly") and len(w) > 4 and not w.endswith("lly"):
        return syllables(w[:-2]) + 1
    if len(w) <= 3:
        return 1
    return max(1, _vowel_groups(w) - _silent_endings(w) + _split_vowels(w))


def _vowel_groups(w: str) -> int:
    # "y" is a consonant before a vowel ("you", "playing") and a vowel elsewhere ("baby").
    letters = [
        "v" if c in "aeiou" or (c == "y" and (i + 1 == len(w) or w[i + 1] not in "aeiou")) else "c"
        for i, c in enumerate(w)
    ]
    if w[0] == "y":
        letters[0] = "c"
    return len(re.findall(r"v+", "".join(letters)))


def _silent_endings(w: str) -> int:
    if w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye", "oe")):
        return 1
    if w.endswith("le") and len(w) > 2 and w[-3] in "aeiouy":
        return 1  # "smile", "whole"
    if w.endswith("ed") and not w.endswith(("ted", "ded")) and w[-3] not in "aeiou":
        if w.endswith("led") and w[-4] not in "aeiouy":
            return 0  # "settled", "cuddled"
        return 1  # "played", "smiled"; "wanted" keeps its syllable
    if w.endswith("es") and not re.search(r"(?:[sxzc]|ch|sh|g)es$", w) and w[-3] not in "aeiouy":
        return 1  # "likes"; "kisses", "changes" keep theirs
    return 0


def _split_vowels(w: str) -> int:
    extra = len(_SPLIT_PAIRS.findall(w))
    if re.search(r"[aeiou]ing$", w):
        extra += 1  # "doing", "seeing"
    return extra


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` with their positions; blank lines and bullets also end one."""
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\x00"), text)
    sentences: list[Sentence] = []
    start = 0
    for boundary in [*_SENTENCE_END.finditer(protected), None]:
        end = boundary.start() if boundary else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped and words(stripped):
            offset = start + chunk.index(stripped)
            found = words(stripped)
            sentences.append(
                Sentence(
                    start=offset,
                    end=offset + len(stripped),
                    text=stripped,
                    words=len(found),
                    syllables=sum(syllables(w) for w in found),
                )
            )
        if boundary:
            start = boundary.end()
    return sentences


def flesch(word_count: int, sentence_count: int, syllable_count: int) -> float:
    """Flesch reading ease: higher is easier; 60-70 is plain English, 80+ is easy."""
    if word_count == 0 or sentence_count == 0:
        return 0.0
    return 206.835 - 1.015 * (word_count / sentence_count) - 84.6 * (syllable_count / word_count)


def reading_ease(text: str) -> float:
    """Flesch reading ease of the whole text (0.0 for text with no words)."""
    sentences = split_sentences(text)
    return flesch(
        sum(s.words for s in sentences), len(sentences), sum(s.syllables for s in sentences)
    )


def grade_level(text: str) -> float:
    """Flesch-Kincaid grade (US school years); a UK reading age is roughly this plus five."""
    sentences = split_sentences(text)
    word_count = sum(s.words for s in sentences)
    if not word_count:
        return 0.0
    syllable_count = sum(s.syllables for s in sentences)
    return 0.39 * word_count / len(sentences) + 11.8 * syllable_count / word_count - 15.59


def ease_label(score: float) -> str:
    """A plain name for a Flesch score."""
    for floor, label in (
        (90, "very easy"),
        (80, "easy"),
        (70, "fairly easy"),
        (60, "plain English"),
        (50, "fairly hard"),
        (30, "hard"),
    ):
        if score >= floor:
            return label
    return "very hard"
