"""A held supervision pack as lines of text, for `vigguide supervision show` and the screen."""

from __future__ import annotations

from typing import Any

from vigguide.domain.wording import show_date
from vigguide.store.supervision_rows import HeldPack, SentPack

_REVIEW = (
    ("learned", "What she learned"),
    ("other_places", "Where else she might use it"),
    ("next_focus", "Next focus"),
    ("guider_reflections", "The guider's reflections"),
)


def _add(lines: list[str], label: str, text: Any) -> None:
    if text:
        lines.append(f"{label}: {text}")


def pack_lines(pack: HeldPack) -> list[str]:
    c = pack.content
    lines = [
        f"Held pack {pack.id} from {pack.sender or 'a colleague'} — cycle {c.get('cycle', '?')}",
        f"{len(pack.clips)} clip(s), {len(pack.stills)} still(s); opened "
        f"{pack.opened_at:%d %b %Y}; destroy by {pack.destroy_by:%d %b %Y}",
        "",
    ]
    _add(lines, "Questions for supervision", c.get("questions_for_supervision"))
    for question in c.get("helping_questions", []):
        lines.append(f"Helping question: {question}")
    for moment in c.get("moments", []):
        lines.append("")
        film = " (film of the shared review)" if moment.get("film") == "shared review" else ""
        lines.append(f"Clip {moment.get('number')}{film}: {moment.get('title', '')}")
        _add(lines, "  Principles", ", ".join(moment.get("principles", [])))
        _add(lines, "  Notes", moment.get("notes"))
        _add(lines, "  She noticed", moment.get("parent_noticed"))
        _add(lines, "  In her words", moment.get("parent_words"))
    for still in c.get("stills", []):
        film = " (film of the shared review)" if still.get("film") == "shared review" else ""
        caption = still.get("caption") or "(no caption)"
        _add(lines, f"Still {still.get('number')}{film}", caption)
    review = c.get("review", {})
    if any(review.get(k) for k, _ in _REVIEW):
        lines.append("")
        lines.append(f"Shared review {review.get('held_on', '')}".rstrip())
        for key, label in _REVIEW:
            _add(lines, f"  {label}", review.get(key))
    for title, text in c.get("reflections", {}).items():
        _add(lines, title, text)
    if pack.feedback:
        lines.append("")
        lines.append("Your feedback" + (" (signed off)" if pack.signed_off else "") + ":")
        lines.append(pack.feedback)
    return lines


def feedback_notes(sent: list[SentPack], ref: str) -> list[str]:
    """For the case overview: a line per cycle whose supervision feedback came back, and where
    to read it (the latest feedback for each cycle)."""
    latest = {p.cycle: p for p in sent if p.feedback is not None}
    lines = []
    for cycle, p in sorted(latest.items()):
        when = f" {show_date(p.feedback_on)}" if p.feedback_on else ""
        signed = ", signed off" if p.signed_off else ""
        who = f" from {p.feedback_from}" if p.feedback_from else ""
        lines.append(f"Cycle {cycle}: supervision feedback{who} received{when}{signed}.")
    if lines:
        lines.append(f"Read it on the supervision screen (p), or: vigguide supervision sent {ref}")
    return lines
