"""Which guidance theme a helping question is about (to offer filming ideas that fit it). The
reminder for the family is worded once, in documents.reminder_words.
"""

from __future__ import annotations

import re
from collections import Counter

from vigguide.prompts import Guidance

_WORD = re.compile(r"[a-z']+")


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if len(w) > 3}


def guess_theme(question: str, guidance: Guidance) -> str | None:
    """The guidance theme whose examples share the most telling words with the question."""
    vocab = {
        theme.id: _words(
            theme.label + " " + " ".join(e.text for e in guidance.examples_for(theme.id))
        )
        for theme in guidance.themes
    }
    # A word every theme uses ("doing", "baby") says nothing about which theme fits.
    spread = Counter(word for words in vocab.values() for word in words)
    asked = _words(question)
    scores = {
        theme: sum(1 / spread[w] for w in asked & words if spread[w] < len(vocab))
        for theme, words in vocab.items()
    }
    best = max(scores, key=lambda t: scores[t], default=None)
    return best if best is not None and scores[best] > 0 else None
