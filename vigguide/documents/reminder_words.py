"""The filming reminder's words, in one place. The printed reminder (`filming_reminder.html`) and
the short message a practitioner copies from the filming plan both say exactly these sentences, so
a change of wording reaches the family the same way however it is sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from vigguide.documents.environment import clock_time, day_and_date
from vigguide.documents.model import FilmingReminderData

NO_TIME_YET = "We will agree a time together"
CHOICE_LEAD = "It is your choice."
CHOICE = (
    "You can stop the filming or say no at any time, even on the day. Just tell me. It will not "
    "change the help you get from us."
)


def when_words(when: datetime | None) -> str:
    """Tuesday 1 December 2026 at 10:30am — or that a time will be agreed."""
    return f"{day_and_date(when)} at {clock_time(when)}" if when else NO_TIME_YET


def thanks(d: FilmingReminderData) -> str:
    return f"thank you for letting me film you and {d.baby_name}. Here is what we agreed."


def why_we_film(baby_name: str) -> str:
    return (
        f"A short film lets us see the moments when things go well between you and {baby_name}. "
        "They are easy to miss in a busy day."
    )


def on_the_day(baby_name: str) -> tuple[str, ...]:
    return (
        f"I will bring a small camera and film for about ten minutes while you and {baby_name} do "
        "something you often do together.",
        "Please leave your home just as it is. There is nothing special to get ready. Whatever you "
        f"and {baby_name} do together is just right for the film.",
        "Afterwards I will look for the moments that are going well. Next time we meet, we will "
        "watch them together.",
    )


def reminder_contact(data: FilmingReminderData) -> str:
    """The reminder's last line: always a way to change the time, never "just let me know"."""
    phone = " ".join(data.service.phone.split()).replace(" ", "\u00a0")
    if data.contact.strip():
        return ""
    team = data.service.team.strip() or "the team"
    team = team if team.lower().startswith("the ") else f"the {team}"
    if phone:
        return f"If the time does not suit you, call {team} on {phone}. We will find another time."
    return (
        f"If the time does not suit you, call {team} to change it. The number is on your care plan."
    )


def reminder_message(d: FilmingReminderData, ideas: Sequence[str] = ()) -> str:
    """The reminder as a short message (text or email) in the printed reminder's own words;
    `ideas` are the service's words for the parent about this filming (its idea and checklist)."""
    hello = f"Hello {d.parent_first_name}," if d.parent_first_name else "Hello,"
    lines = [hello, "", thanks(d)[0].upper() + thanks(d)[1:], ""]
    lines.append(f"When: {when_words(d.when)}")
    if d.place.strip():
        lines.append(f"Where: {d.place.strip()}")
    if d.activity.strip():
        lines.append(f"What we will film: {d.activity.strip()}")
    if d.who_is_there.strip():
        lines.append(f"Who will be there: {d.who_is_there.strip()}")
    lines += ["", f"{CHOICE_LEAD} {CHOICE}", "", *on_the_day(d.baby_name)]
    extras = list(dict.fromkeys(idea.strip() for idea in ideas if idea.strip()))
    if extras:
        lines += ["", *(f"- {idea}" for idea in extras)]
    closing = d.contact.strip() or reminder_contact(d)
    if closing:
        lines += ["", closing]
    lines += ["", "See you soon,"]
    if d.practitioner.name.strip():
        lines.append(d.practitioner.name.split()[0])
    return "\n".join(lines)
