"""Reading the dates and times practitioners type, plainly and without guessing silently."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from vigguide.domain.wording import show_date
from vigguide.errors import VigGuideError

DATE_HINT = "Type a date like 2026-08-01, 1/8/2026 (day/month/year) or 1 Aug 2026."
TIME_HINT = "Add a time like 10:30 or 2pm after the date, e.g. 1/12/2026 10:30."

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


def parse_date(text: str) -> date:
    """A date typed as 2026-08-01, 1/8/2026 (UK day first) or 1 Aug 2026."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise VigGuideError("The date is empty.", DATE_HINT)
    year = month = day = 0
    if m := _ISO.match(cleaned):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC.match(cleaned):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if year < 100:
            year += 2000
    elif (m := _WORDS.match(cleaned)) and m[2] in _MONTHS:
        day, month, year = int(m[1]), _MONTHS[m[2]], int(m[3])
    else:
        raise VigGuideError(f'"{text.strip()}" is not a date vigguide can read.', DATE_HINT)
    try:
        return date(year, month, day)
    except ValueError:
        raise VigGuideError(
            f'"{text.strip()}" is not a real date (day {day}, month {month}).', DATE_HINT
        ) from None


def parse_time(text: str) -> time:
    m = _TIME.match(text.strip().lower())
    if not m:
        raise VigGuideError(f'"{text.strip()}" is not a time vigguide can read.', TIME_HINT)
    hour, minute = int(m[1]), int(m[2] or 0)
    if m[3] == "pm" and hour < 12:
        hour += 12
    elif m[3] == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise VigGuideError(f'"{text.strip()}" is not a real time.', TIME_HINT)
    return time(hour, minute)


def parse_when(text: str) -> datetime:
    """A date with a time: "1/12/2026 10:30", "2026-12-01 14:00" or "1 Dec 2026 2pm"."""
    cleaned = re.sub(r"\s+(am|pm)$", r"\1", " ".join(text.strip().split()), flags=re.I)
    parts = cleaned.rsplit(" ", 1)
    if len(parts) == 2 and (":" in parts[1] or parts[1].lower().endswith(("am", "pm"))):
        return datetime.combine(parse_date(parts[0]), parse_time(parts[1]))
    day = parse_date(cleaned)
    raise VigGuideError(f"Add the time of the visit on {show_date(day)}.", TIME_HINT)


def parse_day_held(text: str, today: date) -> date:
    """The day something was held (a shared review, an ending review): a date not in the future."""
    day = parse_date(text)
    if day > today:
        raise VigGuideError(
            f"{show_date(day)} is in the future.", "Type the day it was held (today or earlier)."
        )
    return day
