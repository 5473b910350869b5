"""Finding the shipped templates and building the one Jinja2 environment that renders them."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from pathlib import Path

import jinja2

from vigguide.documents.locations import fonts_dir, templates_dir

__all__ = ["fonts_dir", "templates_dir"]  # and the helpers below

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(value: date | datetime | None) -> str:
    """12 March 2025 — spelled out, independent of the machine's locale."""
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def day_and_date(value: date | datetime) -> str:
    """Wednesday 12 March 2025."""
    weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][
        value.weekday()
    ]
    return f"{weekday} {long_date(value)}"


def clock_time(value: datetime) -> str:
    """10am, 2:30pm — the way a reminder on a fridge says it."""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def paragraphs(text: str) -> list[str]:
    """Split free text on blank lines; the template prints each part escaped in its own <p>."""
    return [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def text_length(*texts: object) -> int:
    """How many characters of text a block holds, to let only long blocks break across pages."""
    return sum(len(text) for text in texts if isinstance(text, str))


def image_uri(path: Path) -> str:
    """The file URL the allow-list fetcher expects for one of the document's own images."""
    return Path(path).resolve().as_uri()


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


@functools.cache
def environment() -> jinja2.Environment:
    """Autoescape for every template whatever its name; a missing variable is an error."""
    from vigguide.documents.layout import orientation
    from vigguide.documents.scripts import direction

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    env.filters["day_and_date"] = day_and_date
    env.filters["clock_time"] = clock_time
    env.filters["paragraphs"] = paragraphs
    env.filters["ordinal"] = ordinal
    env.filters["image_uri"] = image_uri
    env.filters["dir"] = direction
    env.filters["orientation"] = orientation
    env.globals["text_length"] = text_length
    return env


def render_html(template_name: str, **context: object) -> str:
    """The final HTML of one document (self-contained apart from its images and fonts)."""
    return environment().get_template(template_name).render(**context)
