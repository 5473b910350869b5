"""Playing a clip from a screen. The built-in player window plays the moment straight from the
encrypted film (no file is written); only when Settings names an outside player (mpv, VLC, the
system's own) is the clip written into a private folder for it. A failure is a plain notification.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from vigguide.domain import Moment
from vigguide.errors import VigGuideError
from vigguide.services.playback import PlaybackFolder, find_player, no_player, play

if TYPE_CHECKING:
    from vigguide.screens.base import VigScreen

BUILT_IN = ("auto", "")


class ClipPlayer:
    """`play_moment(...)` (or `play(...)` for a file an outside player needs) from an action;
    `close()` when the screen goes."""

    def __init__(self, screen: VigScreen) -> None:
        self._screen = screen
        self._folder: PlaybackFolder | None = None

    @property
    def built_in(self) -> bool:
        return self._screen.vig.settings.player.strip().lower() in BUILT_IN

    def prepare(self) -> None:
        """Warm the player window's process when a screen that plays opens (a faster first key)."""
        if self.built_in:
            from vigguide.player import prepare

            prepare()

    def play_moment(
        self,
        moment: Moment,
        moments: tuple[Moment, ...] | list[Moment],
        *,
        cycle: int | None,
        review: bool,
        write: Callable[[Path], object],
    ) -> None:
        """Open the player window on `moment` (with its pause and question when `review`), or
        hand an outside player the clip `write` makes."""
        if not self.built_in:
            self.play("Opening the clip in your video player…", "clip", write)
            return
        from vigguide.player.plan import review_order

        number = [m.id for m in review_order(tuple(moments))].index(moment.id) + 1
        app = self._screen.vig
        app.notify("Opening the player…")
        self._screen.run_worker(  # type: ignore[attr-defined]
            partial(self._launch, self._screen_ref(), cycle, number, review),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="play",
        )

    def _screen_ref(self) -> str:
        return str(getattr(self._screen, "ref", ""))

    def _launch(self, ref: str, cycle: int | None, number: int, review: bool) -> None:
        from vigguide.player import launch

        app = self._screen.vig
        try:
            proc = launch(app.home, ref, cycle, number, review=review)
        except VigGuideError as exc:
            app.call_from_thread(app.report_error, exc)
            return
        app.call_from_thread(app.player_opened, proc)

    def play_span(
        self,
        span: tuple[float, float],
        *,
        cycle: int,
        recording_vault_id: str,
        title: str,
        write: Callable[[Path], object],
    ) -> None:
        """Open the player window on any stretch of the film (micro-analysis), or hand an outside
        player the clip `write` makes."""
        if not self.built_in:
            self.play(f"Opening {title} in your video player…", "span", write)
            return
        from vigguide.player import PlayClip, PlayPlan

        start, end = span
        clip = PlayClip(1, title, recording_vault_id, start, end)
        plan = PlayPlan(self._screen_ref(), cycle, (clip,))
        self._screen.vig.notify("Opening the player…")
        self._screen.run_worker(  # type: ignore[attr-defined]
            partial(self._launch_plan, plan),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="play",
        )

    def _launch_plan(self, plan: object) -> None:
        from vigguide.player import PlayPlan, launch_plan

        app = self._screen.vig
        assert isinstance(plan, PlayPlan)
        try:
            proc = launch_plan(app.home, plan)
        except VigGuideError as exc:
            app.call_from_thread(app.report_error, exc)
            return
        app.call_from_thread(app.player_opened, proc)

    def play(self, notice: str, stem: str, write: Callable[[Path], object]) -> None:
        """An outside player: say `notice`, then in a worker `write(path)` the clip and start it."""
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
