"""Retention rules per kind of item, and what they make due: when each film, clip, still and
export may be deleted, and why. Pure: the store gathers the facts, the services act on them.

A rule is one or more triggers, whichever comes first: N days after the item was made (a film's
import, an export's writing), N months after the end of involvement (the day the case closed), or
once the cycle is summarised in the record (its progress note, or the ending note, exists).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from vigguide.domain.model import CaseFile
from vigguide.errors import VigGuideError

FILM, CLIP, STILL, FAMILY_VIDEO, EXPORT = "film", "clip", "still", "family_video", "export"
REVIEW_FILM = "review_film"
"""A film of the shared review (guider and parent), kept for supervision under its own rule."""
KINDS = (FILM, REVIEW_FILM, CLIP, STILL, FAMILY_VIDEO, EXPORT)
FILM_KINDS = (FILM, REVIEW_FILM)
KIND_LABELS = {
    FILM: "Raw films",
    REVIEW_FILM: "Films of the shared review",
    CLIP: "Clips",
    STILL: "Stills",
    FAMILY_VIDEO: "Family videos (exported)",
    EXPORT: "Exported documents",
}
RULE_HINT = (
    'Write e.g. "90 days after import", "2 months after the end", "once summarised",'
    ' or several joined by "or" (whichever comes first); "keep" keeps them until deleted by hand.'
)


@dataclass(frozen=True)
class RetentionRule:
    """Triggers for one kind of item; the first to arrive makes the item due. None: no trigger."""

    days_after_made: int | None = None
    months_after_end: int | None = None
    once_summarised: bool = False

    @property
    def keeps(self) -> bool:
        return (
            self.days_after_made is None
            and self.months_after_end is None
            and not (self.once_summarised)
        )

    def with_days(self, days: int) -> RetentionRule:
        """This rule with a day limit too (0 adds none); the earlier of two day limits wins."""
        if days <= 0:
            return self
        now = self.days_after_made
        return RetentionRule(min(days, now) if now else days, self.months_after_end,
                             self.once_summarised)  # fmt: skip


_PART = re.compile(r"^(\d+)\s*(day|days|week|weeks|month|months)\b(.*)$")


def parse_rule(text: str) -> RetentionRule:
    """A rule as typed; a VigGuideError says how to write one."""
    days: int | None = None
    months: int | None = None
    summarised = False
    cleaned = text.strip().lower().replace(",", " or ")
    if cleaned in ("", "keep", "0", "never"):
        return RetentionRule()
    for part in (p.strip() for p in re.split(r"\bor\b|\bwhichever.*$", cleaned)):
        if not part:
            continue
        if part.startswith(("once summ", "summar", "when summ", "once in the record")):
            summarised = True
            continue
        found = _PART.match(part)
        if found is None:
            raise VigGuideError(f'"{part}" is not a retention rule.', RULE_HINT)
        number, unit, rest = int(found[1]), found[2], found[3]
        if number == 0 or number > 3650:
            raise VigGuideError("A retention period is from 1 to 3650 days (or months).", RULE_HINT)
        to_end = any(w in rest for w in ("end", "clos", "involvement"))
        if unit.startswith("month"):
            if any(w in rest for w in ("import", "made", "export")):
                raise VigGuideError("Count months from the end of involvement.", RULE_HINT)
            months = min(months or number, number)
        else:
            if to_end:
                raise VigGuideError("Count days from import (or from export).", RULE_HINT)
            number *= 7 if unit.startswith("week") else 1
            days = min(days or number, number)
    return RetentionRule(days, months, summarised)


def rule_text(rule: RetentionRule, kind: str = FILM) -> str:
    """A rule in words, as it is stored and shown (it reads back as the same rule)."""
    if rule.keeps:
        return "keep"
    made = "after import" if kind in FILM_KINDS else "after it was made"
    parts = []
    if rule.once_summarised:
        parts.append("once summarised")
    if rule.days_after_made:
        parts.append(f"{rule.days_after_made} days {made}")
    if rule.months_after_end:
        parts.append(f"{rule.months_after_end} months after the end")
    return " or ".join(parts)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Held:
    """One item the rules apply to, with the facts its due date depends on."""

    key: str
    """How the practitioner names it: film-3, clip-12, still-7, export-5."""
    kind: str
    case_ref: str
    cycle: int | None
    label: str
    made_on: date
    hold: str | None = None
    path: str = ""
    """For an export, where it was written."""


@dataclass(frozen=True)
class CaseDates:
    """The dates the rules count from, for one case."""

    closed_on: date | None = None
    summarised: Mapping[int, date] | None = None
    """Cycle number -> the day its progress note was made."""
    ending_on: date | None = None
    """The day the ending note (or ending review) was made: it summarises every cycle."""

    def summarised_on(self, cycle: int | None) -> date | None:
        found = [d for d in ((self.summarised or {}).get(cycle or 0), self.ending_on) if d]
        return min(found) if found else None


@dataclass(frozen=True)
class Schedule:
    """When one item is due for deletion and why; `blocked` says why it must stay for now."""

    item: Held
    due_on: date | None
    why: str
    blocked: str = ""

    def due(self, today: date) -> bool:
        return self.due_on is not None and self.due_on <= today and not self.blocked


def due_date(rule: RetentionRule, item: Held, dates: CaseDates) -> tuple[date | None, str]:
    """The first day the rule allows deleting the item, and the rule that gives it."""
    made = "imported" if item.kind in FILM_KINDS else "made"
    found: list[tuple[date, str]] = []
    if rule.days_after_made:
        day = date.fromordinal(item.made_on.toordinal() + rule.days_after_made)
        found.append((day, f"{rule.days_after_made} days after it was {made}"))
    if rule.months_after_end and dates.closed_on is not None:
        day = add_months(dates.closed_on, rule.months_after_end)
        found.append((day, f"{rule.months_after_end} months after the end of involvement"))
    summarised = dates.summarised_on(item.cycle) if rule.once_summarised else None
    if summarised is not None:
        found.append((max(summarised, item.made_on), "summarised in the record"))
    if not found:
        return None, "kept until deleted by hand" if rule.keeps else "no date yet"
    return min(found)


def schedule(
    items: Iterable[Held],
    rules: Mapping[str, RetentionRule],
    dates: Mapping[str, CaseDates],
    in_use: Mapping[str, str],
) -> list[Schedule]:
    """Every item with its date and reason, soonest first (items with no date last)."""
    result = []
    for item in items:
        when, why = due_date(rules.get(item.kind, RetentionRule()), item, dates.get(item.case_ref,
                             CaseDates()))  # fmt: skip
        blocked = ""
        if item.hold is not None:
            blocked = f"on hold: {item.hold}"
        elif item.key in in_use:
            blocked = in_use[item.key]
        result.append(Schedule(item, when, why, blocked))
    return sorted(result, key=lambda s: (s.due_on or date.max, s.item.case_ref, s.item.key))


def media_in_use(case_file: CaseFile) -> dict[str, str]:
    """Media a later cycle still uses (its moments or stills come from an earlier film, or share
    an earlier clip or still), keyed like `Held.key`, with the reason in plain words."""
    used: dict[str, str] = {}
    cycles = case_file.cycles
    for earlier in cycles:
        for later in (c for c in cycles if c.number > earlier.number):
            why = f"cycle {later.number} still uses it"
            films = {m.recording_id for m in later.moments} | {s.recording_id for s in later.stills}
            clips = {m.clip_vault_id for m in later.moments if m.clip_vault_id}
            pictures = {s.vault_id for s in later.stills if s.vault_id}
            later_moments = {m.id for m in later.moments}
            for recording in earlier.recordings:
                if recording.id in films:
                    used.setdefault(f"film-{recording.id}", why)
            for moment in earlier.moments:
                if moment.clip_vault_id in clips:
                    used.setdefault(f"clip-{moment.id}", why)
            for still in earlier.stills:
                if still.vault_id in pictures or still.moment_id in later_moments:
                    used.setdefault(f"still-{still.id}", why)
    return used
