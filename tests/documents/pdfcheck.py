"""Reading rendered PDFs back the way a person would meet them: text, pages, pictures, metadata."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def body_text(pdf: Path) -> str:
    """The text in reading order without the running header and footer, so a paragraph that
    carries on overleaf reads as one (poppler's pdftotext orders text by position on the page).
    The ratings chart's labels are left out too.
    """
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    )
    pages = [
        page.splitlines() for page in result.stdout.decode("utf-8").split("\f") if page.strip()
    ]
    common = set.intersection(*(set(lines) for lines in pages)) if len(pages) > 1 else set()
    running = re.compile(r".*Page \d+ of \d+$|\d+$|Review \d+( Review \d+)*$")
    return "\n".join(
        line for lines in pages for line in lines if line not in common and not running.match(line)
    )


def squash(text: str) -> str:
    """Without any whitespace, so words wrapped or broken across lines still compare equal."""
    return re.sub(r"\s+", "", text)


def contains(pdf_text: str, expected: str) -> bool:
    return squash(expected) in squash(pdf_text)


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def render_pages(pdf: Path, folder: Path, dpi: int = 20) -> list[Image.Image]:
    """The pages as pictures, through poppler's pdftoppm (a second, independent PDF reader)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "page")],
        check=True,
        capture_output=True,
    )
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob("page-*.png"))]


def colours_seen(pages: list[Image.Image], colours: list[tuple[int, int, int]]) -> set[int]:
    """Indexes of the colours that appear (within a small tolerance) somewhere on the pages."""
    found: set[int] = set()
    for page in pages:
        for _count, pixel in page.getcolors(maxcolors=1 << 20) or []:
            for index, colour in enumerate(colours):
                if sum((a - b) ** 2 for a, b in zip(pixel, colour, strict=True)) < 40**2:
                    found.add(index)
    return found


def unique_images(pdf: Path) -> dict[str, tuple[int, int]]:
    """Every distinct embedded picture, by its name in the PDF, with its pixel size."""
    images: dict[str, tuple[int, int]] = {}
    for page in PdfReader(pdf).pages:
        for image in page.images:
            images[image.name] = image.image.size if image.image else (0, 0)
    return images


def figure_alts(pdf: Path) -> list[str | None]:
    """The /Alt of every /Figure in the structure tree, in document order."""
    root = PdfReader(pdf).trailer["/Root"]
    alts: list[str | None] = []
    seen: set[int] = set()

    def walk(node: object) -> None:
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                return
            seen.add(node.idnum)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            if node.get("/S") == "/Figure":
                alt = node.get("/Alt")
                alts.append(str(alt) if alt is not None else None)
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, ArrayObject):
            for child in node:
                walk(child)

    walk(root["/StructTreeRoot"])
    return alts


def metadata_text(pdf: Path) -> str:
    """The info dictionary and the XMP packet, as one string to search."""
    reader = PdfReader(pdf)
    parts = [f"{key}={value}" for key, value in (reader.metadata or {}).items()]
    root = reader.trailer["/Root"]
    if "/Metadata" in root:
        parts.append(root["/Metadata"].get_object().get_data().decode("utf-8", "replace"))
    return "\n".join(parts)


def embedded_fonts(pdf: Path) -> dict[str, bool]:
    """Font name → whether the font program is embedded in the file."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            holder = descendants[0].get_object() if descendants else font
            descriptor = holder.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            fonts[str(font.get("/BaseFont"))] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return fonts


def has_attachments(pdf: Path) -> bool:
    reader = PdfReader(pdf)
    if reader.attachments:
        return True
    names = reader.trailer["/Root"].get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        return True
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                return True
    return False


def text_positions_outside(pdf: Path) -> list[str]:
    """Text drawn outside its page (what clipped or overflowing text would be)."""
    outside: list[str] = []
    for page in PdfReader(pdf).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and not (0 <= x <= width and 0 <= y <= height):
                outside.append(text)

        page.extract_text(visitor_text=visit)
    return outside


def page_fills(pages: list[Image.Image], top_mm: float = 20, bottom_mm: float = 20) -> list[float]:
    """How far down each page its content reaches, as a fraction of the area between the running
    header and footer (0 = nothing below the header, 1 = down to the footer).

    Counts any clearly non-white pixel (text, stills, rules, panels) between `top_mm` and
    `bottom_mm` from the page edges, so a still counts as much as text does.
    """
    fills = []
    for page in pages:
        grey = page.convert("L")
        width, height = grey.size
        per_mm = height / (297 if height > width * 1.3 else 210)
        top, bottom = round(top_mm * per_mm), height - round(bottom_mm * per_mm)
        ink = grey.point(lambda v: 255 if v < 200 else 0).crop((0, top, width, bottom)).getbbox()
        fills.append(ink[3] / (bottom - top) if ink else 0.0)
    return fills


def word_boxes(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Each page's words with their boxes (xMin, yMin, xMax, yMax in points, y down)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    )
    pages: list[list[tuple[str, float, float, float, float]]] = []
    for chunk in result.stdout.decode("utf-8").split("<page ")[1:]:
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            chunk,
        )
        pages.append([(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in words])
    return pages


def colour_box(
    page: Image.Image, colour: tuple[int, int, int], dpi: int
) -> tuple[float, float, float, float] | None:
    """Where a still's test colour is on a rendered page, in points (x0, y0, x1, y1), or None."""
    width, height = page.size
    found = [
        (x, y)
        for y in range(0, height, 2)
        for x in range(0, width, 2)
        if sum((a - b) ** 2 for a, b in zip(page.getpixel((x, y)), colour, strict=True)) < 40**2
    ]
    if not found:
        return None
    xs, ys = [x for x, _ in found], [y for _, y in found]
    scale = 72 / dpi
    return (min(xs) * scale, min(ys) * scale, max(xs) * scale, max(ys) * scale)
