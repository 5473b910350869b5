"""Messages more than one screen's workers post."""

from __future__ import annotations

from textual.message import Message


class Progress(Message):
    """Long work has reached `fraction` (0 to 1) of the way: the screen's progress bar follows."""

    def __init__(self, fraction: float) -> None:
        super().__init__()
        self.fraction = fraction
