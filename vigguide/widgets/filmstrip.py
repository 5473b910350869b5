"""The filmstrip under the frame: small pictures across the whole film; click one (or use , and .)
to jump there. The thumbnail nearest the frame shown is highlighted.
"""

from __future__ import annotations

import io

from PIL import Image as PILImage
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalScroll, Vertical
from textual.message import Message
from textual.widgets import Label

from vigguide.domain.wording import clock
from vigguide.widgets.frame_view import picture_widget


class Thumb(Vertical):
    """One thumbnail and its time."""

    DEFAULT_CSS = """
    Thumb { width: 14; height: 5; padding: 0 1; }
    Thumb.-here { background: $accent 40%; }
    Thumb > .thumb-picture { width: 12; height: 4; }
    Thumb > Label { width: 12; height: 1; content-align: center middle; color: $text-muted; }
    """

    def __init__(self, time_s: float, picture: PILImage.Image) -> None:
        super().__init__()
        self.time_s = time_s
        self._picture = picture

    def compose(self) -> ComposeResult:
        yield picture_widget(self._picture, classes="thumb-picture")
        yield Label(clock(self.time_s))

    def on_click(self, event: events.Click) -> None:
        self.post_message(Filmstrip.Jump(self.time_s))


class Filmstrip(HorizontalScroll):
    """A row of keyframe thumbnails; posts `Filmstrip.Jump` when one is chosen."""

    DEFAULT_CSS = """
    Filmstrip { height: 6; scrollbar-size-horizontal: 1; }
    Filmstrip > #filmstrip-empty { width: auto; padding: 1 2; color: $text-muted; }
    """

    class Jump(Message):
        """The practitioner chose a place in the film."""

        def __init__(self, time_s: float) -> None:
            super().__init__()
            self.time_s = time_s

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.times: list[float] = []
        self._marked: int | None = None

    def compose(self) -> ComposeResult:
        yield Label("Filmstrip loading…", id="filmstrip-empty")

    def fill(self, strip: list[tuple[float, bytes]]) -> None:
        """Show (time, JPEG bytes) thumbnails, replacing what was there."""
        self.remove_children()
        self.times = [t for t, _ in strip]
        self._marked = None
        self.mount_all(Thumb(t, PILImage.open(io.BytesIO(data))) for t, data in strip)

    def nearest(self, time_s: float) -> int | None:
        """Index of the last thumbnail at or before `time_s`."""
        if not self.times:
            return None
        index = 0
        for i, t in enumerate(self.times):
            if t <= time_s + 1e-6:
                index = i
        return index

    def mark(self, time_s: float) -> None:
        """Highlight the thumbnail for the frame shown and keep it in view."""
        index = self.nearest(time_s)
        if index is not None and index == self._marked:
            return
        self._marked = None
        for i, thumb in enumerate(self.query(Thumb)):
            here = i == index
            thumb.set_class(here, "-here")
            if here:
                # remembered only once it is on screen (thumbnails mount after `fill`)
                self._marked = index
                self.scroll_to_widget(thumb, animate=False)

    def neighbour(self, time_s: float, step: int) -> float | None:
        """The time of the thumbnail before (-1) or after (+1) the one for `time_s`."""
        if not self.times:
            return None
        if step > 0:
            later = [t for t in self.times if t > time_s + 1e-3]
            return later[0] if later else None
        earlier = [t for t in self.times if t < time_s - 1e-3]
        return earlier[-1] if earlier else None
