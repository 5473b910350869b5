"""The picture widget for micro-analysis and review mode: real pixels where the terminal supports
graphics (Sixel, Kitty), coloured half-blocks otherwise.

textual-image asks the terminal what it supports when it is first imported, and that only works
before Textual takes over the terminal: `vigguide.app` imports this module early for that reason.
"""

from __future__ import annotations

import os

from PIL import Image as PILImage
from textual.app import ComposeResult
from textual.containers import Container
from textual.widget import Widget
from textual.widgets import Static

# Imported for its side effect too: the terminal is asked about graphics here, once.
import textual_image.renderable  # noqa: F401  # isort: skip
from textual_image._terminal import get_cell_size
from textual_image.widget import HalfcellImage, UnicodeImage
from textual_image.widget import Image as AutoImage

RENDERERS: dict[str, type[Widget]] = {
    "auto": AutoImage,
    "halfcell": HalfcellImage,
    "unicode": UnicodeImage,
}
_pinned: str | None = None


def pin_renderer(name: str | None) -> None:
    """Force one way of drawing pictures ("auto", "halfcell", "unicode"); None undoes it.

    Tests pin it so screenshots do not depend on the terminal running them.
    """
    global _pinned
    if name is not None and name not in RENDERERS:
        raise ValueError(f"unknown picture renderer {name!r}")
    _pinned = name


def renderer_name() -> str:
    """The renderer in use: pinned, else `VIGGUIDE_IMAGE_RENDERER`, else the terminal's best."""
    if _pinned is not None:
        return _pinned
    chosen = os.environ.get("VIGGUIDE_IMAGE_RENDERER", "auto").strip().lower()
    return chosen if chosen in RENDERERS else "auto"


def fit_cells(
    image_size: tuple[int, int], box: tuple[int, int], cell_px: tuple[int, int]
) -> tuple[int, int]:
    """The largest (columns, rows) inside `box` that keeps the picture's shape on this terminal."""
    width_px, height_px = image_size
    columns, rows = box
    if width_px <= 0 or height_px <= 0 or columns <= 0 or rows <= 0:
        return (0, 0)
    cell_w, cell_h = cell_px
    # picture aspect in cells: a cell is taller than it is wide
    aspect = (width_px / cell_w) / (height_px / cell_h)
    fit_w, fit_h = columns, round(columns / aspect)
    if fit_h > rows:
        fit_w, fit_h = round(rows * aspect), rows
    return (max(1, fit_w), max(1, fit_h))


class FrameView(Container):
    """Shows one picture as large as its box allows, centred, with its shape kept."""

    DEFAULT_CSS = """
    FrameView { align: center middle; background: $background; }
    FrameView > .frame-picture { width: 1; height: 1; }
    FrameView > #frame-empty { width: auto; height: auto; color: $text-muted; }
    """

    def __init__(self, empty_text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._picture: PILImage.Image | None = None
        self._empty_text = empty_text
        self._image_widget: Widget | None = None

    def compose(self) -> ComposeResult:
        image_class = RENDERERS[renderer_name()]
        self._image_widget = image_class(classes="frame-picture")
        self._image_widget.display = False
        yield self._image_widget
        yield Static(self._empty_text, id="frame-empty")

    @property
    def picture(self) -> PILImage.Image | None:
        return self._picture

    def show(self, picture: PILImage.Image | None, empty_text: str | None = None) -> None:
        """Show `picture` (None shows the empty text instead)."""
        self._picture = picture
        if empty_text is not None:
            self._empty_text = empty_text
        if self._image_widget is None:
            return
        empty = self.query_one("#frame-empty", Static)
        empty.update(self._empty_text)
        empty.display = picture is None
        self._image_widget.display = picture is not None
        if picture is not None:
            self._image_widget.image = picture  # type: ignore[attr-defined]
            self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        if self._picture is None or self._image_widget is None:
            return
        cells = get_cell_size()
        box = (self.content_size.width, self.content_size.height)
        columns, rows = fit_cells(self._picture.size, box, (cells.width, cells.height))
        if columns and rows:
            self._image_widget.styles.width = columns
            self._image_widget.styles.height = rows
