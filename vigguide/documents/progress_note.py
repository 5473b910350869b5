"""The progress note as plain text for the electronic record, kept within a length limit."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from vigguide.documents.environment import long_date
from vigguide.documents.measures_chart import measures_text
from vigguide.documents.model import NoteClip, ProgressNoteData
from vigguide.errors import DocumentError

SHORTENED = "[Shortened to fit; the full note is in the PDF version.]"
_ELLIPSIS = "…"


def note_sections(data: ProgressNoteData) -> list[tuple[str, str]]:
    """The free-text sections after the clips, in order; empty ones are left out."""
    sections = [
        ("Parent's learning", data.learned),
        ("Other times and places", data.other_places),
        ("Next steps", data.next_steps),
        ("Practitioner's reflections", data.reflections),
    ]
    return [(heading, text.strip()) for heading, text in sections if text.strip()]


def _ratings(pairs: list[tuple[int, int]]) -> str:
    return "; ".join(f"cycle {cycle}: {rating}" for cycle, rating in pairs) or "not rated"


def _clip_lines(index: int, clip: NoteClip) -> list[str]:
    principles = f" ({'; '.join(clip.principles)})" if clip.principles else ""
    lines = [f"{index}. {clip.title}{principles}"]
    if clip.parent_noticed.strip():
        lines.append(f"   Parent noticed: {clip.parent_noticed.strip()}")
    if clip.parent_words.strip():
        lines.append(f"   Parent's words: “{clip.parent_words.strip()}”")
    if clip.making_a_difference.strip():
        lines.append(f"   Making a difference: {clip.making_a_difference.strip()}")
    return lines


def _compose(data: ProgressNoteData) -> str:
    practitioner = data.practitioner
    who = ", ".join(p for p in (practitioner.name, practitioner.role, practitioner.service) if p)
    lines = [
        f"VIG progress note — cycle {data.cycle_number} shared review",
        f"Case: {data.case_ref}",
        *([f"Audit anchor: {data.audit_anchor}"] if data.audit_anchor else []),
        f"Shared review: {long_date(data.review_date)}",
        f"Practitioner: {who}",
    ]
    if data.filmed_on or data.activity:
        filmed = " — ".join(p for p in (long_date(data.filmed_on), data.activity.strip()) if p)
        lines.append(f"Filmed: {filmed}")
    if data.consent.strip():
        lines.append(f"Consent: {data.consent.strip()}")
    if data.helping_questions:
        lines += ["", "Helping questions and ratings (0–10):"]
        for question in data.helping_questions:
            lines.append(f"- {question.text.strip()} — {_ratings(question.sorted_ratings())}")
    if data.clips:
        lines += ["", "Clips reviewed:"]
        for index, clip in enumerate(data.clips, start=1):
            lines += _clip_lines(index, clip)
    if data.measures:
        lines += ["", "Outcome measures:", *measures_text(data.measures)]
    for heading, text in note_sections(data):
        lines += ["", f"{heading}:", text]
    return "\n".join(lines)


@dataclass
class _Field:
    """A shortenable piece of free text and how to put a shorter version back."""

    clip: int | None
    name: str
    text: str


def _fields(data: ProgressNoteData) -> list[_Field]:
    fields = [
        _Field(None, name, getattr(data, name))
        for name in ("reflections", "learned", "other_places", "next_steps")
    ]
    for index, clip in enumerate(data.clips):
        for name in ("parent_noticed", "making_a_difference", "parent_words"):
            fields.append(_Field(index, name, getattr(clip, name)))
    return fields


def _apply(data: ProgressNoteData, field: _Field) -> ProgressNoteData:
    change: dict[str, Any] = {field.name: field.text}
    if field.clip is None:
        return replace(data, **change)
    clips = list(data.clips)
    clips[field.clip] = replace(clips[field.clip], **change)
    return replace(data, clips=clips)


def _cut(text: str, length: int) -> str:
    """At most `length` characters, cut at a word boundary where one is near, ending in …"""
    text = text.strip()
    if length <= len(_ELLIPSIS):
        return ""
    cut = text[: length - len(_ELLIPSIS)]
    space = cut.rfind(" ")
    if space > len(cut) * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + _ELLIPSIS


def progress_note_text(data: ProgressNoteData, max_chars: int = 2000) -> str:
    """The note for pasting into the record, at most `max_chars` characters.

    When it is too long the longest free-text parts are shortened first (the facts, questions
    and ratings are kept) and a last line says so.
    """
    if max_chars < 200:
        raise DocumentError(
            "The progress note limit is too small.", hint="Set it to 200 characters or more."
        )
    text = _compose(data)
    if len(text) <= max_chars:
        return text
    budget = max_chars - len(SHORTENED) - 2
    for _ in range(200):
        fields = [f for f in _fields(data) if f.text.strip()]
        excess = len(_compose(data)) - budget
        if excess <= 0 or not fields:
            break
        longest = max(fields, key=lambda f: len(f.text))
        longest.text = _cut(longest.text, max(0, len(longest.text.strip()) - excess))
        data = _apply(data, longest)
    text = _compose(data)
    if len(text) > budget:
        text = text[: budget - len(_ELLIPSIS)] + _ELLIPSIS
    return f"{text}\n\n{SHORTENED}"
