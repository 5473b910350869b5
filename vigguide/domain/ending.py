"""The ending review: the look back across every cycle at the end of the work, in the parent's
words, with her final 0–10 rating on each helping question and the plan for afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Ending:
    """One case's ending review (at most one per case)."""

    held_on: date
    reflections: str = ""
    """Her reflections across all the cycles, in her words."""
    what_changed: str = ""
    keep_doing: str = ""
    """What she wants to keep doing."""
    plan_after: str = ""
    """The plan for afterwards (her Staying Well plan)."""
    ratings: dict[int, int] = field(default_factory=dict)
    """Her final 0–10 rating, keyed by helping question id."""
