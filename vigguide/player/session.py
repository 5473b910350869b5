"""From an open home to something playable: the plan for a case, cycle or moment, checked against
the vault, and the opener that reads the films straight from it (decrypting, never to disk).
"""

from __future__ import annotations

from typing import BinaryIO

from vigguide.player.core import Opener
from vigguide.player.plan import PlayError, PlayPlan, build_plan, default_question
from vigguide.store.home import Home


def plan_for(
    home: Home,
    case_ref: str,
    cycle: int | None = None,
    moment: int | None = None,
    *,
    review: bool = False,
) -> PlayPlan:
    """The plan to play, or a PlayError/NotFoundError saying plainly why there is none."""
    case_file = home.store.load(case_ref)
    plan = build_plan(case_file, cycle, moment, review=review, default_question=default_question())
    for clip in plan.clips:
        if not home.vault.exists(clip.vault_id):
            raise PlayError(
                f"The film of moment {clip.number} (cycle {plan.cycle}) is missing from the vault.",
                "Restore the home from a backup (vigguide restore), then try again.",
            )
    return plan


def vault_opener(home: Home) -> Opener:
    """Each call opens a fresh random-access, decrypting reader on one vault file."""

    def opener(vault_id: str) -> BinaryIO:
        return home.vault.open(vault_id)

    return opener
