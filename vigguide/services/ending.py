"""The ending review as a step of its own: when it may be held, the look back it shows (each
helping question from baseline through every review), recording it, and closing the case after.

When an ending is refused, and why:
- no shared review held at all: there is nothing to look back on together;
- the latest cycle has a film but no shared review yet: she has not seen that film's moments, so an
  ending now would leave her newest work out. Hold that review first. A cycle that was only planned
  (no film) does not block: families often end before a planned filming, and the plan stays as it
  was;
- the case is closed: reopen it (x on the overview) to change anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vigguide.domain import CaseFile, CaseStatus, Ending
from vigguide.errors import VigGuideError
from vigguide.services import retention
from vigguide.store.home import Home


@dataclass(frozen=True)
class QuestionJourney:
    """One helping question across the work: where she started, each review, and the end."""

    question_id: int
    text: str
    baseline: int | None
    reviews: tuple[tuple[int, int], ...]
    """(cycle number, rating) for each review that rated it, in order."""
    final: int | None


def ending_refusal(case_file: CaseFile) -> VigGuideError | None:
    """Why an ending review cannot be held for this case now, or None when it can."""
    ref = case_file.case.ref
    if case_file.case.status is CaseStatus.CLOSED:
        return VigGuideError(
            f"Case {ref} is closed.", "Reopen it (x on the case overview) to change its ending."
        )
    if not any(c.review.held_on for c in case_file.cycles):
        return VigGuideError(
            f"Case {ref} has no shared review yet, so there is nothing to look back on together.",
            "Hold and record a shared review first; the ending review comes after the last cycle.",
        )
    last = case_file.current_cycle
    if last is not None and last.recordings and last.review.held_on is None:
        return VigGuideError(
            f"Cycle {last.number} has a film but no shared review yet.",
            "Hold that shared review first, so the ending looks back on all her work.",
        )
    return None


def journeys(case_file: CaseFile, ending: Ending | None) -> list[QuestionJourney]:
    """Each helping question she worked on (rated, given a baseline, or still active)."""
    found = []
    for q in case_file.questions:
        if not (q.ratings or q.baseline is not None or q in case_file.active_questions):
            continue
        found.append(
            QuestionJourney(
                q.id,
                q.text,
                q.baseline,
                tuple(sorted(q.ratings.items())),
                ending.ratings.get(q.id) if ending else None,
            )
        )
    return found


def record_ending(home: Home, ref: str, ending: Ending) -> None:
    """Store the ending review, once the case is ready for one (see `ending_refusal`)."""
    refusal = ending_refusal(home.store.load(ref))
    if refusal is not None:
        raise refusal
    home.store.save_ending(ref, ending)


def require_ending(home: Home, ref: str) -> Ending:
    """The recorded ending review; a plain refusal before there is one."""
    ending = home.store.ending(ref)
    if ending is None:
        raise VigGuideError(
            f"Record the ending review first: case {ref} has none yet.",
            "Open the case and press e for the ending review; the ending summary prints from it.",
        )
    return ending


def close_case(home: Home, ref: str, today: date) -> date | None:
    """Close the case after its ending, as x on the overview does (retention counts from this
    day, the end of involvement); returns the day it closed."""
    retention.close_case(home, ref, today)
    return home.store.closed_on(ref)
