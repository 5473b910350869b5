"""The print style keeps its promises: readable sizes, AA contrast, a shipped open font."""

from __future__ import annotations

import re

from vigguide.documents.environment import templates_dir

CSS = (templates_dir() / "print.css").read_text()
MACROS = (templates_dir() / "_macros.html").read_text()
WHITE = "#ffffff"
PANEL = re.search(r"\.panel \{[^}]*background: (#[0-9a-f]{6})", CSS).group(1)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_text_colour_passes_wcag_aa_on_white_and_on_panels():
    text_colours = set(re.findall(r"(?<![-\w])color: (#[0-9a-f]{6})", CSS))
    text_colours |= set(re.findall(r'<text[^>]*fill="(#[0-9a-f]{6})"', MACROS, flags=re.S))
    assert len(text_colours) >= 4
    for colour in text_colours:
        for background in (WHITE, PANEL):
            assert contrast(colour, background) >= 4.5, (colour, background)


def test_no_text_is_set_below_11pt():
    sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)pt", CSS)]
    assert sizes and min(sizes) >= 11
    # The chart draws in SVG units scaled by 0.3 mm; its smallest text must still be 11 pt.
    svg_sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', MACROS)]
    scale_mm = float(re.search(r"chart\.width \* ([\d.]+) \}\}mm", MACROS).group(1))
    assert min(svg_sizes) * scale_mm / 25.4 * 72 >= 11


def test_the_font_is_shipped_with_its_licence():
    fonts = templates_dir() / "fonts"
    assert {p.name for p in fonts.glob("*.ttf")} >= {
        "AtkinsonHyperlegible-Regular.ttf",
        "AtkinsonHyperlegible-Bold.ttf",
        "AtkinsonHyperlegible-Italic.ttf",
        "AtkinsonHyperlegible-BoldItalic.ttf",
    }
    assert "SIL Open Font License" in (fonts / "OFL.txt").read_text()
