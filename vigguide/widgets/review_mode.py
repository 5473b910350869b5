"""The calm review-mode pane used beside the parent: one still, large, and one activating question
at a time in large, plain text. Nothing clinical is shown here.
"""

from __future__ import annotations

from PIL import Image as PILImage
from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from vigguide.widgets.frame_view import FrameView


class ReviewModePane(Vertical):
    """Call `show(...)` with the clip's title, the still and the question to ask now."""

    DEFAULT_CSS = """
    ReviewModePane { background: $background; padding: 1 2; }
    ReviewModePane > #calm-title { height: auto; color: $text-muted; content-align: center top;
        width: 100%; }
    ReviewModePane > FrameView { height: 1fr; margin: 1 0; }
    ReviewModePane > #calm-question { height: auto; min-height: 3; width: 100%;
        content-align: center middle; text-align: center; text-style: bold;
        padding: 1 4; border: tall $accent; background: $boost; }
    ReviewModePane > #calm-keys { height: 1; width: 100%; content-align: center middle;
        color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="calm-title")
        yield FrameView("", id="calm-still")
        yield Static("", id="calm-question")
        yield Static(
            "space next · backspace back · p play the clip · ctrl+r leave review mode",
            id="calm-keys",
        )

    def show(
        self, heading: str, question: str, still: PILImage.Image | None, no_still: str
    ) -> None:
        self.query_one("#calm-title", Static).update(escape(heading))
        self.query_one("#calm-question", Static).update(escape(question))
        self.query_one(FrameView).show(still, no_still)

    @property
    def question(self) -> str:
        return str(self.query_one("#calm-question", Static).render())
