"""Pure helpers for the filming plan: the theme a helping question is about, and the warm, plain
reminder the family receives before the filming visit.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

from vigguide.domain import FilmingPlan
from vigguide.prompts import FilmingIdea, Guidance

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


def _when_words(when: datetime) -> str:
    hour = when.strftime("%I:%M").lstrip("0").replace(":00", "")
    part = "am" if when.hour < 12 else "pm"
    return f"{when:%A} {when.day} {when:%B} at {hour}{part}"


def reminder_text(
    parent_name: str,
    plan: FilmingPlan,
    guidance: Guidance,
    practitioner_name: str = "",
    idea: FilmingIdea | None = None,
) -> str:
    """A short note for the family: when, where, what we will film, and that anything is fine."""
    lines = [f"Hello {parent_name}," if parent_name else "Hello,", ""]
    when = f" on {_when_words(plan.when)}" if plan.when else " soon"
    where = f", {plan.place.strip()}" if plan.place.strip() else ""
    lines.append(f"Just a reminder that I am coming to film with you and your baby{when}{where}.")
    if plan.activity.strip():
        activity = plan.activity.strip()
        lines.append(f"We will film {activity[0].lower() + activity[1:]}, for about ten minutes.")
    if idea is not None and idea.for_parent:
        lines.append(idea.for_parent)
    lines.append("")
    seen: set[str] = set()
    for item in guidance.checklist:
        if item.for_parent and item.for_parent not in seen:
            seen.add(item.for_parent)
            lines.append(f"- {item.for_parent}")
    lines += ["", "See you then,"]
    first_name = practitioner_name.split()[0] if practitioner_name.strip() else ""
    if first_name:
        lines.append(first_name)
    return "\n".join(lines)
