"""What the player is asked to play: a cycle's moments (or one of them) as plain values.

A plan holds what the window needs and nothing more: each clip's span in its recording, the planned
pause with its activating question, and the stills inside the span. It crosses to the player's own
process as JSON over a pipe (memory, never a file).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from vigguide.domain import CaseFile, ConsentScope, Cycle, Moment
from vigguide.errors import VigGuideError


class PlayError(VigGuideError):
    """The player cannot play what was asked (no such case, cycle or moment, no film, no consent)."""


@dataclass(frozen=True)
class StillMark:
    """A still inside a clip: the player freezes on its frame."""

    at_s: float
    caption: str = ""


@dataclass(frozen=True)
class PlayClip:
    """One moment as the player sees it. Times are seconds from the recording's start."""

    number: int
    title: str
    vault_id: str
    start_s: float
    end_s: float
    pause_at_s: float | None = None
    question: str = ""
    stills: tuple[StillMark, ...] = ()


@dataclass(frozen=True)
class PlayPlan:
    """The clips to play, in order, and whether this is the shared review with the parent."""

    case_ref: str
    cycle: int
    clips: tuple[PlayClip, ...]
    review: bool = False

    def label(self, index: int) -> str:
        """Which clip this is, in words for the screen: "Clip 2 of 3" through the plan, or the
        moment's own number when one moment is played alone ("Clip 2", never "Clip 2 of 1")."""
        if len(self.clips) == 1:
            return f"Clip {self.clips[index].number}"
        return f"Clip {index + 1} of {len(self.clips)}"

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> PlayPlan:
        data: dict[str, Any] = json.loads(text)
        clips = tuple(
            PlayClip(
                **{k: v for k, v in clip.items() if k != "stills"},
                stills=tuple(StillMark(**s) for s in clip["stills"]),
            )
            for clip in data["clips"]
        )
        return cls(data["case_ref"], int(data["cycle"]), clips, bool(data["review"]))


def review_order(moments: tuple[Moment, ...]) -> tuple[Moment, ...]:
    """The order the shared review watches them in: the planned position, then the film's time."""
    return tuple(sorted(moments, key=lambda m: (m.position, m.start_s)))


def _cycle(case_file: CaseFile, number: int | None) -> Cycle:
    ref = case_file.case.ref
    if not case_file.cycles:
        raise PlayError(f"Case {ref} has no cycles yet.", "Plan a filming first.")
    if number is None:
        cycle = case_file.current_cycle
        assert cycle is not None
        return cycle
    for cycle in case_file.cycles:
        if cycle.number == number:
            return cycle
    have = ", ".join(str(c.number) for c in case_file.cycles)
    raise PlayError(f"Case {ref} has no cycle {number}.", f"Its cycles are: {have}.")


def build_plan(
    case_file: CaseFile,
    cycle_number: int | None = None,
    moment: int | None = None,
    *,
    review: bool = False,
    default_question: str = "",
) -> PlayPlan:
    """The plan for one moment (`moment` is its number in review order, from 1) or the whole cycle.

    `review` means playing with the parent in the shared review: that needs her consent to use the
    film in the shared review. Raises PlayError with a plain message when nothing can be played.
    """
    ref = case_file.case.ref
    if review and not case_file.consent_active(ConsentScope.SHARED_REVIEW):
        raise PlayError(
            f"Case {ref} has no consent to use the film in the shared review.",
            "Record the parent's consent on the consent screen first, or play it for "
            "micro-analysis without --review.",
        )
    cycle = _cycle(case_file, cycle_number)
    moments = review_order(cycle.moments)
    if not moments:
        raise PlayError(
            f"Cycle {cycle.number} of case {ref} has no moments to play.",
            "Mark moments in micro-analysis first.",
        )
    numbered = list(enumerate(moments, start=1))
    if moment is not None:
        if not 1 <= moment <= len(moments):
            raise PlayError(
                f"Cycle {cycle.number} of case {ref} has no moment {moment}.",
                f"Choose a moment from 1 to {len(moments)}.",
            )
        numbered = [numbered[moment - 1]]
    recordings = {r.id: r for r in cycle.recordings}
    clips = []
    for number, m in numbered:
        rec = recordings.get(m.recording_id)
        if rec is None or not rec.available:
            raise PlayError(
                f"The film of moment {number} (cycle {cycle.number}) has been deleted.",
                "Its clip can no longer be played; the written record of it is kept.",
            )
        stills = sorted(
            (s for s in cycle.stills if s.recording_id == rec.id and m.start_s <= s.at_s < m.end_s),
            key=lambda s: s.at_s,
        )
        clips.append(
            PlayClip(
                number=number,
                title=m.title or "A moment together",
                vault_id=rec.vault_id,
                start_s=m.start_s,
                end_s=m.end_s,
                pause_at_s=m.pause_at_s if m.pause_at_s is not None else None,
                question=m.review_prompts[0] if m.review_prompts else default_question,
                stills=tuple(StillMark(s.at_s, s.caption) for s in stills),
            )
        )
    return PlayPlan(ref, cycle.number, tuple(clips), review)


def default_question() -> str:
    """The guidance's first activating question for a clip, for moments without a chosen one."""
    from vigguide.prompts import load_guidance

    prompts = load_guidance().prompts_for("clip")
    return prompts[0].text if prompts else "What do you see?"
