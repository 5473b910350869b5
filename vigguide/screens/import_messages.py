"""What the import screen's workers tell it: the film checked, the import ended, the original
removed from the card."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from vigguide.errors import MediaError

if TYPE_CHECKING:
    from vigguide.media.probe import ProbeInfo
    from vigguide.services.recordings import ImportResult


class Probed(Message):
    """The chosen file has been checked: `info` when it is a usable film, else `error`."""

    def __init__(self, path: Path, info: ProbeInfo | None, error: MediaError | None) -> None:
        super().__init__()
        self.path, self.info, self.error = path, info, error


class Imported(Message):
    """The import ended: `result` when the film is in the vault."""

    def __init__(self, result: ImportResult | None, cancelled: bool) -> None:
        super().__init__()
        self.result, self.cancelled = result, cancelled


class OriginalDeleted(Message):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
