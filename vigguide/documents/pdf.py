"""Turning a document's final HTML into a private PDF file, through the allow-list fetcher only."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import weasyprint  # type: ignore[import-untyped]

from vigguide.documents.environment import fonts_dir, templates_dir
from vigguide.documents.fetcher import AllowListFetcher
from vigguide.documents.images import available
from vigguide.errors import DiskFullError, DocumentError

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF with the document language and alt text; WeasyPrint's accessible variant."""

_FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


def font_files() -> list[Path]:
    return sorted(p for p in fonts_dir().iterdir() if p.suffix.lower() in _FONT_SUFFIXES)


def base_url() -> str:
    """Relative URLs in the templates (the fonts) resolve against the templates folder."""
    return templates_dir().as_uri() + "/"


def make_fetcher(images: Iterable[Path]) -> AllowListFetcher:
    """A fetcher for this document: the shipped fonts plus exactly these image files."""
    images = list(images)
    missing = [path for path in images if not available(path)]
    if missing:
        raise DocumentError(
            f"{len(missing)} picture(s) for this document cannot be found.",
            hint="Check the stills and the service logo in settings, then try again.",
        )
    return AllowListFetcher([*font_files(), *images])


@contextlib.contextmanager
def _quiet_weasyprint() -> Iterator[None]:
    """WeasyPrint logs each refused URL as a warning; the fetcher keeps its own record instead."""
    logger = logging.getLogger("weasyprint")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)


def html_to_pdf(
    html: str, fetcher: AllowListFetcher, *, variant: str | None = PDF_VARIANT
) -> bytes:
    """Render the HTML with WeasyPrint; images are embedded as they are (no resampling options)."""
    return html_to_pdf_pages(html, fetcher, variant=variant).pdf


@dataclass(frozen=True)
class RenderedPDF:
    pdf: bytes
    pages: int
    boxed: frozenset[str]
    """Characters no font had a glyph for: they print as empty boxes (WeasyPrint's own record)."""


def html_to_pdf_pages(
    html: str, fetcher: AllowListFetcher, *, variant: str | None = PDF_VARIANT
) -> RenderedPDF:
    """The PDF, its number of pages and any character drawn as an empty box (laid out once)."""
    document = weasyprint.HTML(string=html, base_url=base_url(), url_fetcher=fetcher)
    options: dict[str, object] = {"pdf_variant": variant} if variant else {}
    try:
        with _quiet_weasyprint():
            rendered = document.render(**options)
            pdf: bytes = rendered.write_pdf(**options)
    except (ValueError, KeyError) as error:
        raise DocumentError(
            "The document could not be rendered.", hint="Report this to your IT team."
        ) from error
    boxed = {chr(code) for font in rendered.fonts.values() for code in (font.missing or {})}
    return RenderedPDF(pdf, len(rendered.pages), frozenset(boxed))


def write_private(out: Path, content: bytes) -> Path:
    """Write to a temporary name beside `out`, then rename: readers never see half a file.

    The file is created with mode 0600 and keeps it after the rename.
    """
    out = Path(out)
    folder = out.parent
    if not folder.is_dir():
        raise DocumentError(
            f"The export folder {folder} does not exist.", hint="Create it or choose another."
        )
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".vigguide-", suffix=".part")
    except OSError as error:
        raise _write_error(error, folder) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, out)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise _write_error(error, folder) from error
    return out


def _write_error(error: OSError, folder: Path) -> DocumentError | DiskFullError:
    if error.errno == errno.ENOSPC:
        return DiskFullError(
            "There is not enough free space to save the document.",
            hint="Free some space or choose another export folder.",
        )
    return DocumentError(
        f"The document could not be saved in {folder}.",
        hint="Check that the export folder exists and that you can write to it.",
    )
