"""Families write in many scripts: which way each piece of text runs, and whether it can print.

The shipped fonts (templates/fonts) cover Latin (with Polish and other European letters), Arabic
and Urdu, Gurmukhi, Bengali, Simplified Chinese (GB 2312) and common emoji. Text with a character
none of them has would print as an empty box, so every piece of printed text is checked first and
any such piece is named in a plain warning.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from vigguide.documents.locations import fonts_dir

_FONT_SUFFIXES = (".ttf", ".otf")
_IGNORED_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}
"""Controls, format marks (ZWJ, direction marks), spaces and combining marks need no own glyph in
the check: combining marks come with their base letter's font, and a missing one still shows."""
_VARIATION_SELECTORS = range(0xFE00, 0xFE10)
_SKIN_TONES = range(0x1F3FB, 0x1F400)


SCRIPT_FACES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Noto Sans Arabic",
        (("400", "NotoSansArabic-Regular.ttf"), ("700", "NotoSansArabic-Bold.ttf")),
    ),
    (
        "Noto Sans Gurmukhi",
        (("400", "NotoSansGurmukhi-Regular.ttf"), ("700", "NotoSansGurmukhi-Bold.ttf")),
    ),
    (
        "Noto Sans Bengali",
        (("400", "NotoSansBengali-Regular.ttf"), ("700", "NotoSansBengali-Bold.ttf")),
    ),
    ("Noto Sans SC", (("400 700", "NotoSansSC-Regular.otf"),)),
    ("Noto Color Emoji", (("400 700", "NotoColorEmoji.ttf"),)),
)
"""The fonts for other scripts, by family, as print.css names them in its font list."""
_LATIN = "AtkinsonHyperlegible-Regular.ttf"


@functools.cache
def font_coverage(file_name: str) -> frozenset[int]:
    font = TTFont(Path(fonts_dir()) / file_name, lazy=True)
    covered = frozenset(font.getBestCmap() or {})
    font.close()
    return covered


def font_faces(texts: Iterable[str]) -> list[tuple[str, str, str]]:
    """(family, weight, file) of each script font the text needs; Latin text needs none."""
    needed = {ord(char) for text in texts for char in text} - font_coverage(_LATIN)
    if not needed:
        return []
    return [
        (family, weight, file_name)
        for family, faces in SCRIPT_FACES
        if needed & font_coverage(faces[0][1])
        for weight, file_name in faces
    ]


@functools.cache
def shipped_coverage() -> frozenset[int]:
    """Every code point some shipped font has a glyph for."""
    covered: set[int] = set()
    for path in sorted(Path(fonts_dir()).iterdir()):
        if path.suffix.lower() in _FONT_SUFFIXES:
            font = TTFont(path, lazy=True)
            covered.update(font.getBestCmap() or {})
            font.close()
    return frozenset(covered)


def missing_characters(text: str) -> list[str]:
    """The characters of `text` (each once, in order) that no shipped font can print."""
    covered = shipped_coverage()
    missing: dict[str, None] = {}
    for char in text:
        code = ord(char)
        if code in covered or code in _VARIATION_SELECTORS or code in _SKIN_TONES:
            continue
        if unicodedata.category(char) in _IGNORED_CATEGORIES:
            continue
        missing[char] = None
    return list(missing)


def glyph_warnings(texts: Iterable[tuple[str, str]], boxed: Iterable[str] = ()) -> list[str]:
    """A plain warning for each labelled piece of text with a character that printed (`boxed`,
    from the render) or may print on another computer (no shipped font has it) as an empty box.
    """
    printed_as_box = set(boxed)
    warnings = []
    for label, text in texts:
        boxes = [
            c
            for c in dict.fromkeys(text)
            if c in printed_as_box and unicodedata.category(c) not in _IGNORED_CATEGORIES
        ]
        elsewhere = [c for c in missing_characters(text) if c not in printed_as_box]
        if boxes:
            warnings.append(
                f"{label}: {_count(boxes)} printed as empty boxes ({_show(boxes)}): no font on "
                "this computer has them. Change or remove them, or tell your IT team which "
                "language they are from."
            )
        if elsewhere:
            warnings.append(
                f"{label}: {_count(elsewhere)} ({_show(elsewhere)}) printed with a font from "
                "this computer rather than one vigguide ships, and may print as empty boxes on "
                "another computer. Check the printed page."
            )
    return warnings


def _count(chars: list[str]) -> str:
    return "1 character" if len(chars) == 1 else f"{len(chars)} characters"


def _show(chars: list[str]) -> str:
    shown = chars[:8]
    return " ".join(shown) + "; " + ", ".join(f"U+{ord(c):04X}" for c in shown)


_RTL = {"R", "AL"}
_LTR = {"L"}


def direction(text: str) -> str:
    """ "rtl" when the first strongly directional letter is Arabic or Hebrew, else "ltr".

    The way `dir="auto"` decides in a browser; WeasyPrint needs it written out.
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL:
            return "rtl"
        if kind in _LTR:
            return "ltr"
    return "ltr"


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RTL for char in text)


def boxed_fields(texts: Iterable[tuple[str, str]], boxed: Iterable[str]) -> list[str]:
    """One plain line per labelled piece of text with a character that printed as an empty box."""
    printed_as_box = set(boxed)
    lines = []
    for label, text in texts:
        boxes = [
            c
            for c in dict.fromkeys(text)
            if c in printed_as_box and unicodedata.category(c) not in _IGNORED_CATEGORIES
        ]
        if boxes:
            lines.append(f"{label}: {_count(boxes)} ({_show(boxes)})")
    return lines
