"""Deciding a page's shape from what there is: still grids by count and orientation, the
lifeline's words, and what to tell the practitioner when a document outgrows its pages.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from vigguide.documents.images import image_bytes
from vigguide.documents.model import ServiceInfo


@functools.cache
def orientation(path: Path) -> str:
    """ "portrait" (a phone held upright), "landscape" or "square" (within 10%)."""
    try:
        with Image.open(io.BytesIO(image_bytes(path))) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError):
        return "landscape"
    if height > width * 1.1:
        return "portrait"
    if width > height * 1.1:
        return "landscape"
    return "square"


@dataclass(frozen=True)
class StillView:
    """One still as printed: its file, its own caption and its own alt text."""

    path: Path
    caption: str
    alt: str
    shape: str


@dataclass(frozen=True)
class StillGrid:
    """Stills in rows of `columns`, so each caption sits under its own still."""

    stills: tuple[StillView, ...]
    columns: int

    @property
    def rows(self) -> list[tuple[StillView, ...]]:
        step = max(1, self.columns)
        return [self.stills[i : i + step] for i in range(0, len(self.stills), step)]

    @property
    def portrait(self) -> bool:
        return bool(self.stills) and all(s.shape == "portrait" for s in self.stills)


def grid_columns(shapes: Sequence[str], most: int = 4) -> int:
    """How many stills side by side: upright ones four (or three) to a row, wide ones two or
    three, chosen so the last row is never a lone still beside an empty cell when it can be helped.
    """
    count = len(shapes)
    if count <= 1:
        return 1
    upright = all(shape == "portrait" for shape in shapes)
    if upright:
        if count <= most:
            return count
        return 3 if count in (5, 6, 9) else most
    if count in (2, 4):
        return 2
    return 3


def still_views(paths: Sequence[Path], captions: Sequence[str], what: str) -> tuple[StillView, ...]:
    """Stills with their own captions; each alt text is distinct and does not repeat a caption."""
    views = []
    total = len(paths)
    for index, path in enumerate(paths):
        caption = captions[index] if index < len(captions) else ""
        number = f", picture {index + 1} of {total}" if total > 1 else ""
        views.append(
            StillView(path, caption, f"A still from the film: {what}{number}", orientation(path))
        )
    return tuple(views)


def lifeline(service: ServiceInfo, voice: str) -> str:
    """The team's contact as one complete sentence, in the document's voice ("you" or "I").

    Without a number it still reads as a whole sentence and points to where the number is.
    """
    team = service.team.strip() or service.name.strip() or "the team"
    team = team if team.lower().startswith("the ") else f"the {team}"
    phone = _unbroken(service.phone)
    if voice == "I":
        if phone:
            return f"If I start to feel unwell, I can call {team} on {phone}."
        return f"If I start to feel unwell, I can call {team}. Their number is on my care plan."
    if phone:
        return f"If you need us, or start to feel unwell, call {team} on {phone}."
    return (
        f"If you need us, or start to feel unwell, call {team}. "
        "Their number is on your care plan and on our letters to you."
    )


def _unbroken(phone: str) -> str:
    """A phone number never split across two lines (its spaces made non-breaking)."""
    return " ".join(phone.split()).replace(" ", "\u00a0")


def lifeline_warnings(service: ServiceInfo) -> list[str]:
    if service.phone.strip():
        return []
    return [
        "The team's phone number is not set, so the line that tells the family who to call "
        '("If I start to feel unwell, I can call …" on the Staying Well page) prints without '
        "a number. Add it in Settings (team phone number) and print again."
    ]


LONG_PART_CHARS = 300
"""A piece of text this long is worth naming as the reason a page ran over."""


def overrun_warning(name: str, pages: int, budget: int, longest: tuple[str, int] | None) -> str:
    """Why a document with a page budget ran over, in words the practitioner can act on."""
    why = " The stills and the lists together are more than the page holds."
    if longest is not None and longest[1] >= LONG_PART_CHARS:
        why = f" The longest part is “{longest[0]}” ({longest[1]} characters)."
    return (
        f"The {name} runs to {pages} pages instead of {budget}: there is more text than fits."
        f"{why} Shorten the longest parts or choose fewer stills, then print again."
    )


def longest_text(texts: Sequence[tuple[str, str]]) -> tuple[str, int] | None:
    """The label with the most text (a list's items counted together) and its length."""
    totals: dict[str, int] = {}
    for label, text in texts:
        if text.strip():
            totals[label] = totals.get(label, 0) + len(text)
    return max(totals.items(), key=lambda pair: pair[1]) if totals else None
