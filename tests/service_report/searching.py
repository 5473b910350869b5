"""Reading a written report back and finding any trace of a family in it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from vigguide.documents.environment import long_date


def date_forms(day: date) -> list[str]:
    """The ways a date might be printed: ISO, spelled out, day/month/year."""
    return [
        day.isoformat(),
        long_date(day),
        f"{day:%d/%m/%Y}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day:%d %b %Y}",
    ]


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return " ".join(page.extract_text() for page in reader.pages) + " " + meta


def traces(paths: Iterable[Path], secrets: Iterable[str]) -> list[str]:
    """Each secret found as a whole word in a report: in the CSV, in the PDF's text and metadata,
    and (six letters or more, where a chance match in compressed bytes is out of the question)
    anywhere in the PDF's bytes, its tags and bookmarks included."""
    texts, raw = [], []
    for path in paths:
        if path.suffix == ".pdf":
            texts.append(pdf_text(path))
            raw.append(path.read_bytes().decode("latin-1"))
        else:
            texts.append(path.read_text("utf-8"))
    found = []
    for secret in secrets:
        pattern = re.compile(rf"(?<!\w){re.escape(secret)}(?!\w)")
        where = texts + (raw if len(secret) >= 6 else [])
        if any(pattern.search(text) for text in where):
            found.append(secret)
    return found
