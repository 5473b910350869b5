"""Rules for packs between colleagues that need no I/O: how long a supervisor may hold a pack, and
how a family's names become "Mum" and "baby" in everything a pack says."""

from __future__ import annotations

import re
from datetime import date, timedelta

DEFAULT_DESTROY_DAYS = 28
MAX_DESTROY_DAYS = 366


def destroy_by(made_on: date, days: int = DEFAULT_DESTROY_DAYS) -> date:
    """The last day the receiving home keeps the pack; it is deleted the day after."""
    return made_on + timedelta(days=days)


def is_expired(destroy_by_day: date, today: date) -> bool:
    return today > destroy_by_day


def _words(name: str) -> list[str]:
    parts = [p for p in re.split(r"[\s\-]+", name.strip()) if len(p) >= 2]
    whole = name.strip()
    return [whole, *parts] if whole and len(parts) > 1 else parts


def without_names(text: str, parent_name: str, baby_name: str) -> str:
    """`text` with the parent's names as "Mum" and the baby's as "baby" (whole words, any case).

    Whole names go first, then each part, so "Amira Khan" and a lone "Amira" both become "Mum".
    """
    swaps = [(w, "Mum") for w in _words(parent_name)] + [(w, "baby") for w in _words(baby_name)]
    swaps.sort(key=lambda pair: len(pair[0]), reverse=True)
    for word, stand_in in swaps:
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", stand_in, text, flags=re.IGNORECASE)
    return text
