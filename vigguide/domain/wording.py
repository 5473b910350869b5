"""How times, dates and the baby's age are written everywhere a practitioner reads them: one
function each, one wording."""

from __future__ import annotations

import math
from datetime import date, datetime

from vigguide.domain.model import Moment

DAYS_PER_MONTH = 30.4375


def plural(count: int, word: str) -> str:
    """`plural(1, "week")` is "1 week", `plural(3, "week")` is "3 weeks"."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def baby_age(born_on: date | None, due_on: date | None, today: date) -> str:
    """The baby's age as a practitioner says it: "1 week", "6 weeks", "3 months", "due 10 Jan
    2027"; weeks up to eight weeks, then months."""
    if born_on is not None:
        days = (today - born_on).days
        if days < 0:
            return "not born yet"
        if days < 7 * 8:
            return plural(days // 7, "week")
        return plural(int(days / DAYS_PER_MONTH), "month")
    if due_on is not None:
        return f"due {show_date(due_on)}"
    return "age not recorded"


def clock(seconds: float) -> str:
    """A time in a film as minutes:seconds.tenths, e.g. 0:07.5."""
    minutes, secs = divmod(max(0.0, seconds), 60)
    return f"{int(minutes)}:{secs:04.1f}"


def read_clock(text: str) -> float | None:
    """A time typed by the practitioner: seconds ("95.2") or minutes:seconds ("1:35.2"), any
    number of decimals; None if it is neither."""
    parts = text.strip().split(":")
    if not parts[-1] or len(parts) > 2:
        return None
    try:
        seconds = float(parts[-1])
        minutes = int(parts[0]) if len(parts) == 2 else 0
    except ValueError:
        return None
    if (
        seconds < 0
        or minutes < 0
        or (len(parts) == 2 and seconds >= 60)
        or not math.isfinite(seconds)
    ):
        return None
    return minutes * 60 + seconds


def ordered(moments: tuple[Moment, ...]) -> tuple[Moment, ...]:
    """The moments in the order the practitioner chose to show them."""
    return tuple(sorted(moments, key=lambda m: (m.position, m.start_s)))


def show_date(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def long_date(day: date) -> str:
    """A date in a sentence, with the month in full and the year: "3 March 2027"."""
    return f"{day.day} {day:%B %Y}"


def show_when(when: datetime | None) -> str:
    return f"{when.day} {when:%b %Y %H:%M}" if when else ""
