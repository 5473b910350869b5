"""The guider's own reflections on one cycle, for supervision: three notes and a self-assessment
against the principles of attuned interaction as she applied them with the parent."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from vigguide.errors import VigGuideError

RATINGS: tuple[str, ...] = ("not yet", "emerging", "secure")
"""How far the guider judges a principle is part of her practice with the parent, so far."""

GUIDER_PRINCIPLES: tuple[tuple[str, str], ...] = (
    ("attentive", "Being attentive to the parent"),
    ("encouraging_initiatives", "Encouraging her initiatives (activating her to look and name)"),
    ("receiving_initiatives", "Receiving her initiatives and discoveries"),
    ("attuned_interactions", "Developing attuned interactions with her"),
    ("guiding", "Guiding: building on what she sees"),
    ("deepening_discussion", "Deepening the discussion: a new shared understanding"),
)
"""The principles of attuned interaction in the guider–parent relationship (the same ids as the
tags on clips), in order, each a building block for the next."""
PRINCIPLE_IDS = tuple(pid for pid, _ in GUIDER_PRINCIPLES)
NOTE_FIELDS = ("went_well", "activated_her", "from_supervision")


@dataclass(frozen=True)
class SelfRating:
    """One principle: a rating from RATINGS (empty until chosen) and a note of the guider's own."""

    rating: str = ""
    note: str = ""


@dataclass(frozen=True)
class Reflections:
    """The guider's notes and self-assessment for one cycle."""

    went_well: str = ""
    activated_her: str = ""
    """What I did that activated her (the parent) to look, name and discover."""
    from_supervision: str = ""
    """What I want from supervision."""
    self_assessment: Mapping[str, SelfRating] = field(default_factory=dict)
    updated_at: datetime | None = None

    @property
    def is_empty(self) -> bool:
        notes = (self.went_well, self.activated_her, self.from_supervision)
        rated = any(r.rating or r.note for r in self.self_assessment.values())
        return not any(n.strip() for n in notes) and not rated

    def rating(self, principle: str) -> SelfRating:
        return self.self_assessment.get(principle, SelfRating())


def check_rating(principle: str, rating: str) -> SelfRating:
    """A rating as chosen; an unknown principle or rating is a plain message."""
    if principle not in PRINCIPLE_IDS:
        raise VigGuideError(
            f'"{principle}" is not a principle of attuned interaction.',
            f"Choose from {', '.join(PRINCIPLE_IDS)}.",
        )
    rating = rating.strip().lower()
    if rating and rating not in RATINGS:
        raise VigGuideError(f'"{rating}" is not a rating.', f"Choose {', '.join(RATINGS)}.")
    return SelfRating(rating)


def assessment_to_json(assessment: Mapping[str, SelfRating]) -> dict[str, Any]:
    return {
        pid: {"rating": r.rating, "note": r.note}
        for pid, r in assessment.items()
        if pid in PRINCIPLE_IDS and (r.rating or r.note)
    }


def assessment_from_json(raw: Any) -> dict[str, SelfRating]:
    """The stored self-assessment; an entry that is not valid is left out."""
    found: dict[str, SelfRating] = {}
    for pid, item in raw.items() if isinstance(raw, dict) else ():
        if pid not in PRINCIPLE_IDS or not isinstance(item, dict):
            continue
        rating = str(item.get("rating", ""))
        found[pid] = SelfRating(rating if rating in RATINGS else "", str(item.get("note", "")))
    return found
