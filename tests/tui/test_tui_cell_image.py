"""The fast frame drawing draws exactly what textual-image's half-block and Unicode widgets draw."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual_image.widget import HalfcellImage, UnicodeImage

from vigguide.widgets.frame_view import CellImage


def _picture() -> Image.Image:
    img = Image.new("RGB", (800, 450), "#203040")
    draw = ImageDraw.Draw(img)
    for i in range(8):
        draw.rectangle((i * 100, 0, i * 100 + 60, 450), fill=(30 * i, 255 - 30 * i, 90))
    draw.ellipse((300, 100, 500, 350), fill="#f0c0a0")
    return img


class _Show(App[None]):
    CSS = ".p { width: 74; height: 21; }"

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


async def _shot(widget: Widget) -> str:
    app = _Show(widget)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return app.export_screenshot()


@pytest.mark.parametrize(
    ("kind", "reference"), [("halfcell", HalfcellImage), ("unicode", UnicodeImage)]
)
async def test_cell_image_matches_textual_image(kind: str, reference: type[Widget]):
    picture = _picture()
    theirs = await _shot(reference(picture, classes="p"))
    ours = await _shot(CellImage(kind, picture, classes="p"))
    assert ours == theirs
