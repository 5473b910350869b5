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
