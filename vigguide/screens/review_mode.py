"""Review mode, in front of the parent: one still, large, and one activating question at a time.
Nothing clinical shows here, and the idle lock waits while it is open (the parent is talking, not
typing). Returns the clip being watched, so the shared review carries on there.
"""

from __future__ import annotations

import io

from PIL import Image as PILImage
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header

from vigguide.documents import parent_title
from vigguide.domain import Moment
from vigguide.screens.base import VigScreen
from vigguide.screens.clip_player import ClipPlayer
from vigguide.widgets.review_mode import ReviewModePane
from vigguide.widgets.screen_commands import PaletteCommand, ScreenCommands


class ReviewModeScreen(VigScreen, Screen[int | None]):
    """Space steps on, backspace back, p plays the clip, ctrl+r (or Escape) leaves."""

    DEFAULT_CSS = "ReviewModeScreen > #sr-calm { height: 1fr; }"
    COMMANDS = {ScreenCommands}
    BINDINGS = [
        Binding("escape", "leave", "Back", show=False, id="review.back"),
        Binding("ctrl+r", "leave", "Review mode", id="review.mode"),
        Binding("ctrl+o", "play", "Play clip", id="review.play"),
        Binding("space,right", "step(1)", "Next", id="review.calm_next"),
        Binding("backspace,left", "step(-1)", "Back", id="review.calm_back"),
        Binding("p", "play", "Play", id="review.calm_play"),
    ]

    class StillLoaded(Message):
        def __init__(self, vault_id: str, picture: PILImage.Image) -> None:
            super().__init__()
            self.vault_id = vault_id
            self.picture = picture

    def __init__(
        self,
        title: str,
        moments: tuple[Moment, ...],
        steps: list[tuple[Moment, str]],
        index: int,
        still_ids: dict[int, str | None],
        parent_name: str = "",
        ref: str = "",
        cycle: int | None = None,
    ) -> None:
        super().__init__()
        self.heading = title
        self.parent_name = parent_name
        self.ref = ref
        self.cycle = cycle
        self.moments = moments
        self.steps = steps
        self.index = index
        self.still_ids = still_ids
        self._stills: dict[str, PILImage.Image] = {}
        self._player = ClipPlayer(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReviewModePane(id="sr-calm")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = self.heading
        pane = self.query_one(ReviewModePane)
        pane.can_focus = True
        pane.focus()
        self._show()

    def on_screen_resume(self) -> None:
        self.vig.idle_lock_paused = True

    def on_screen_suspend(self) -> None:
        self.vig.idle_lock_paused = False

    def on_unmount(self) -> None:
        self.vig.idle_lock_paused = False
        self._player.close()

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            ("review: Review mode (leave it)", "Back to the shared review", self.action_leave),
            ("review: Play the clip", "", self.action_play),
        ]

    @property
    def moment(self) -> Moment | None:
        return self.steps[self.index][0] if self.steps else None

    def action_step(self, step: int) -> None:
        if self.steps:
            self.index = max(0, min(len(self.steps) - 1, self.index + step))
            self._show()

    def action_leave(self) -> None:
        moment = self.moment
        self.dismiss(moment.id if moment else None)

    def _show(self) -> None:
        pane = self.query_one(ReviewModePane)
        if not self.steps:
            pane.show("", "There are no clips to watch yet.", None, "")
            return
        moment, question = self.steps[self.index]
        number = self.moments.index(moment) + 1
        # the guider's title, said to her ("She waits" -> "You wait"): she is reading it
        title = parent_title(moment.title, self.parent_name) if moment.title else ""
        heading = f"{number} of {len(self.moments)} · {title or 'A moment together'}"
        still_id = self.still_ids.get(moment.id)
        picture = self._stills.get(still_id) if still_id else None
        pane.show(heading, question, picture, "" if still_id else "(no still for this clip)")
        if still_id and picture is None:
            self.load_still(still_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="review-still")
    def load_still(self, vault_id: str) -> None:
        picture = PILImage.open(io.BytesIO(self.vig.home.vault.read_bytes(vault_id)))
        picture.load()
        self.post_message(self.StillLoaded(vault_id, picture))

    @on(StillLoaded)
    def _still_loaded(self, event: StillLoaded) -> None:
        self._stills[event.vault_id] = event.picture
        self._show()

    def action_play(self) -> None:
        moment = self.moment
        if moment is None:
            return
        clip = moment.clip_vault_id
        if not clip:
            self.notify("This clip is not made yet: make clips in micro-analysis.")
            return
        vault = self.vig.home.vault
        self._player.play_moment(
            moment,
            self.moments,
            cycle=self.cycle,
            review=True,  # with her: the planned pause and its question
            write=lambda out: vault.export(clip, out),
        )
