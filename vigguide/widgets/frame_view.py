"""The picture widget for micro-analysis, review mode and the filmstrip: real pixels where the
terminal supports graphics (Sixel, Kitty), coloured half-blocks or grey shades otherwise.

textual-image asks the terminal what it supports when it is first imported, and that only works
before Textual takes over the terminal: `vigguide.app` imports this module early for that reason.

Pictures drawn with characters are turned into terminal lines once, at the widget's exact size
(`draw_cells`, safe to run in a worker thread), so showing the next frame only swaps lines: no
layout pass and no per-pixel work on the event loop.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image as PILImage
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Container
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

# Imported for its side effect too: the terminal is asked about graphics here, once.
import textual_image.renderable  # noqa: F401  # isort: skip
from textual_image._terminal import get_cell_size
from textual_image.renderable import Image as AutoRenderable
from textual_image.renderable.halfcell import Image as HalfcellRenderable
from textual_image.renderable.unicode import Image as UnicodeRenderable
from textual_image.widget import HalfcellImage, UnicodeImage
from textual_image.widget import Image as AutoImage

RENDERERS: dict[str, Callable[..., Widget]] = {
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


def cell_kind(name: str) -> str | None:
    """ "halfcell" or "unicode" when renderer `name` draws with characters; None for pixels."""
    if name == "auto":
        if AutoRenderable is HalfcellRenderable:
            return "halfcell"
        return "unicode" if AutoRenderable is UnicodeRenderable else None
    return name if name in ("halfcell", "unicode") else None


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


# -- pictures drawn with characters ---------------------------------------------------------

_SHADES = "█▓▒░ "


def _shade(value: int) -> str:
    # textual-image's thresholds, so a picture looks the same whichever draws it
    brightness = min(254, max(1, 255 - value))
    return _SHADES[min(len(_SHADES) - 1, brightness // 51)]


_SHADE_OF = [_shade(value) for value in range(256)]


@dataclass(frozen=True)
class CellPicture:
    """A picture as terminal lines: `size` is (columns, rows), drawn over `base` style."""

    size: tuple[int, int]
    base: Style
    lines: tuple[Strip, ...]


def draw_cells(
    picture: PILImage.Image, size: tuple[int, int], kind: str, base: Style
) -> CellPicture:
    """Draw `picture` in exactly `size` cells: "halfcell" (two colour pixels a cell, upper as the
    glyph, lower as the background) or "unicode" (grey shades). Pure; safe in any thread."""
    columns, rows = size
    if kind == "unicode":
        grey = picture.convert("L").resize((columns, rows)).tobytes()
        text_lines = (
            "".join(_SHADE_OF[v] for v in grey[y * columns : (y + 1) * columns])
            for y in range(rows)
        )
        return CellPicture(
            size, base, tuple(Strip([Segment(t, base)], columns) for t in text_lines)
        )
    rgb_picture = picture if picture.mode == "RGB" else picture.convert("RGB")
    data = rgb_picture.resize((columns, rows * 2)).tobytes()
    stride = columns * 3
    styles: dict[tuple[int, ...], Style] = {}
    rgb = Color.from_rgb
    lines: list[Strip] = []
    for row in range(rows):
        upper = iter(data[2 * row * stride : (2 * row + 1) * stride])
        lower = iter(data[(2 * row + 1) * stride : (2 * row + 2) * stride])
        segments: list[Segment] = []
        for key in zip(upper, upper, upper, lower, lower, lower, strict=True):
            style = styles.get(key)
            if style is None:
                cell = Style.from_color(rgb(*key[:3]), rgb(*key[3:]))
                style = styles[key] = base + cell
            segments.append(Segment("▀", style))
        lines.append(Strip(segments, columns))
    return CellPicture(size, base, tuple(lines))


class CellImage(Widget):
    """A picture drawn with characters at the widget's size; lines are kept until it changes."""

    def __init__(
        self, kind: str, picture: PILImage.Image | None = None, *, classes: str | None = None
    ) -> None:
        super().__init__(classes=classes)
        self.kind = kind
        self._picture = picture
        self._cells: CellPicture | None = None
        # the style the lines are drawn over, as last seen on screen (read by workers)
        self.base: Style | None = None

    @property
    def image(self) -> PILImage.Image | None:
        return self._picture

    def set_picture(self, picture: PILImage.Image | None, cells: CellPicture | None = None) -> None:
        """Show `picture`; `cells` is it already drawn (used only if it fits this widget now)."""
        self._picture = picture
        self._cells = cells
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        base = self.visual_style.rich_style
        self.base = base
        if self._picture is None or width <= 0 or height <= 0:
            return Strip.blank(width, base)
        cells = self._cells
        if cells is None or cells.size != (width, height) or cells.base != base:
            cells = self._cells = draw_cells(self._picture, (width, height), self.kind, base)
        return cells.lines[y] if 0 <= y < len(cells.lines) else Strip.blank(width, base)


def picture_widget(picture: PILImage.Image | None = None, *, classes: str | None = None) -> Widget:
    """The widget that draws pictures with the renderer in use."""
    name = renderer_name()
    kind = cell_kind(name)
    if kind is not None:
        return CellImage(kind, picture, classes=classes)
    return RENDERERS[name](picture, classes=classes)


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
        self._box = (0, 0)

    def compose(self) -> ComposeResult:
        self._image_widget = picture_widget(classes="frame-picture")
        self._image_widget.display = False
        yield self._image_widget
        yield Static(self._empty_text, id="frame-empty")

    @property
    def picture(self) -> PILImage.Image | None:
        return self._picture

    @property
    def draws_with_characters(self) -> bool:
        """True when pictures become half-blocks or shades (a few hundred pixels are plenty)."""
        return isinstance(self._image_widget, CellImage)

    def prepare(self, picture: PILImage.Image) -> CellPicture | None:
        """Draw `picture` for this view ahead of `show` (for worker threads: it only reads what
        the view last knew). None when the terminal shows real pixels or the size is not known."""
        widget = self._image_widget
        if not isinstance(widget, CellImage) or widget.base is None:
            return None
        size = self._fit_size(picture.size)
        if not all(size):
            return None
        return draw_cells(picture, size, widget.kind, widget.base)

    def show(
        self,
        picture: PILImage.Image | None,
        empty_text: str | None = None,
        *,
        cells: CellPicture | None = None,
    ) -> None:
        """Show `picture` (None shows the empty text instead); `cells` from `prepare` saves
        drawing it here."""
        self._picture = picture
        if empty_text is not None:
            self._empty_text = empty_text
        widget = self._image_widget
        if widget is None:
            return
        empty = self.query_one("#frame-empty", Static)
        if empty.display != (picture is None):
            empty.display = picture is None
        if picture is None or empty_text is not None:
            empty.update(self._empty_text)
        if widget.display != (picture is not None):
            widget.display = picture is not None
        if picture is None:
            return
        if isinstance(widget, CellImage):
            widget.set_picture(picture, cells)
        else:
            widget.image = picture  # type: ignore[attr-defined]
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit_size(self, image_size: tuple[int, int]) -> tuple[int, int]:
        cells = get_cell_size()
        return fit_cells(image_size, self._box, (cells.width, cells.height))

    def _fit(self) -> None:
        self._box = (self.content_size.width, self.content_size.height)
        if self._picture is None or self._image_widget is None:
            return
        columns, rows = self._fit_size(self._picture.size)
        if columns and rows:
            styles = self._image_widget.styles
            # setting a size, even the same one, costs a layout pass
            if styles.width is None or styles.width.value != columns:
                styles.width = columns
            if styles.height is None or styles.height.value != rows:
                styles.height = rows
