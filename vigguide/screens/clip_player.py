"""Playing a clip from a screen: the one place that finds the player (the `player` setting), writes
the clip into a private folder in a worker, and hands it to the player; a failure is a plain
notification. The folder lives while the screen that owns the player is open.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from vigguide.services.playback import PlaybackFolder, find_player, no_player, play

if TYPE_CHECKING:
    from vigguide.screens.base import VigScreen


class ClipPlayer:
    """`play(...)` from an action; `close()` when the screen goes."""

    def __init__(self, screen: VigScreen) -> None:
        self._screen = screen
        self._folder: PlaybackFolder | None = None

    def play(self, notice: str, stem: str, write: Callable[[Path], object]) -> None:
        """Say `notice`, then in a worker `write(path)` the clip and start the player on it."""
        app = self._screen.vig
        command = find_player(app.settings.player)
        if command is None:
            app.report_error(no_player())
            return
        app.notify(notice)
        self._screen.run_worker(  # type: ignore[attr-defined]
            partial(self._write_and_play, command, stem, write),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="play",
        )

    def _write_and_play(
        self, command: list[str], stem: str, write: Callable[[Path], object]
    ) -> None:
        if self._folder is None:
            self._folder = PlaybackFolder(self._screen.vig.home)
        out = self._folder.new_file(stem)
        write(out)
        play(command, out)

    def close(self) -> None:
        if self._folder is not None:
            self._folder.close()
            self._folder = None
