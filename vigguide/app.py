"""The Textual app: a thin shell that owns navigation between screens, app-wide bindings, theme,
the settings and the service's guidance (loaded once, used by every screen), error
notifications, the idle lock, and saving everything typed before it quits or locks.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import signal
import subprocess
import time
from collections import deque
from datetime import date
from typing import Any

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.notifications import Notification, Notify
from textual.screen import Screen
from textual.worker import Worker, WorkerState

# textual-image asks the terminal what graphics it supports when first imported: that must happen
# before Textual takes the terminal over, so the frame view is imported here, at start-up.
import vigguide.widgets.frame_view  # noqa: F401
from vigguide.errors import VigGuideError
from vigguide.prompts import Guidance, load_guidance, service_guidance_dir
from vigguide.store.home import Home
from vigguide.store.settings import Settings, load_settings, parse_keymap

# Screen name -> (module, class). Each screen that belongs to a case takes the case reference.
SCREENS: dict[str, tuple[str, str]] = {
    "caseload": ("vigguide.screens.caseload", "CaseloadScreen"),
    "overview": ("vigguide.screens.case_overview", "CaseOverviewScreen"),
    "consent": ("vigguide.screens.consent", "ConsentScreen"),
    "helping_questions": ("vigguide.screens.helping_questions", "HelpingQuestionsScreen"),
    "filming_plan": ("vigguide.screens.filming_plan", "FilmingPlanScreen"),
    "import": ("vigguide.screens.import_recording", "ImportRecordingScreen"),
    "micro_analysis": ("vigguide.screens.micro_analysis", "MicroAnalysisScreen"),
    "review_film_analysis": ("vigguide.screens.review_film_analysis", "ReviewFilmAnalysisScreen"),
    "reflections": ("vigguide.screens.reflections", "ReflectionsScreen"),
    "accreditation": ("vigguide.screens.accreditation", "AccreditationScreen"),
    "review_prep": ("vigguide.screens.review_prep", "ReviewPrepScreen"),
    "shared_review": ("vigguide.screens.shared_review", "SharedReviewScreen"),
    "outputs": ("vigguide.screens.outputs", "OutputsScreen"),
    "measures": ("vigguide.screens.measures", "MeasuresScreen"),
    "ending_review": ("vigguide.screens.ending_review", "EndingReviewScreen"),
    "new_case": ("vigguide.screens.new_case", "NewCaseScreen"),
    "profile": ("vigguide.screens.profile", "ProfileScreen"),
    "settings": ("vigguide.screens.settings", "SettingsScreen"),
    "retention": ("vigguide.screens.retention", "RetentionScreen"),
    "help": ("vigguide.screens.help", "HelpScreen"),
    "supervision_pack": ("vigguide.screens.supervision_pack", "SupervisionPackScreen"),
    "supervision_area": ("vigguide.screens.supervision_area", "SupervisionAreaScreen"),
}


class VigGuideApp(App[None]):
    """vigguide in the terminal. Built by `make_app`, which the CLI, the demo and the tests use."""

    CSS_PATH = "app.tcss"
    TITLE = "vigguide"
    SUB_TITLE = "Video Interaction Guidance"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("ctrl+t", "toggle_theme", "Light/dark", id="app.theme"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("f1", "help", "Help", show=False, id="app.help_f1"),
        Binding("ctrl+l", "lock", "Lock", id="app.lock"),
    ]

    def __init__(
        self, home: Home, *, today: date | None = None, idle_lock_minutes: float | None = None
    ) -> None:
        super().__init__()
        self.home = home
        self.today = today or date.today()
        self.settings: Settings = load_settings(home.store)
        self.guidance: Guidance = load_guidance(service_guidance_dir(home.path))
        minutes = (
            self.settings.idle_lock_minutes if idle_lock_minutes is None else idle_lock_minutes
        )
        self.idle_lock_seconds = minutes * 60
        self._last_activity = time.monotonic()
        self.locked = False
        self.idle_lock_paused = False
        """True while the parent is watching (review mode): the idle lock waits."""
        self.players: list[subprocess.Popen[bytes]] = []
        """Player windows opened from this app (one at a time); the idle lock waits while one is
        open, and locking or quitting closes it (it shows the family)."""
        self.demo_passphrase: str | None = None
        """Set by `vigguide demo`: the lock screen says the passphrase is the demo's, and shows it."""
        self.notices: deque[Notification] = deque(maxlen=50)
        """The latest notifications shown (in memory only), newest last."""

    # start-up ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = self.settings.theme
        self.apply_keymap(self.home.store.setting("keymap", ""))
        self.push_screen(self.make_screen("caseload"))
        if self.home.store.practitioner() is None:
            self.open_screen("profile")
        if self.guidance.problems:
            self.notify(
                f"{self.guidance.problems[0]}. vigguide uses its own wording for that part;"
                " `vigguide guidance check` lists every problem.",
                title="Your service's guidance",
                severity="warning",
                timeout=15,
            )
        # Always ticking, so a lock time turned on later in Settings takes effect at once.
        self.set_interval(15, self.check_idle_lock)
        if hasattr(signal, "SIGHUP"):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._terminal_closed)

    def binding_ids(self) -> set[str]:
        """Every binding id a keymap may name: the app's and every screen's and dialog's."""
        from vigguide.screens.keys import screen_binding_ids

        return {b.id for b in self.BINDINGS if isinstance(b, Binding) and b.id} | (
            screen_binding_ids()
        )

    def apply_keymap(self, text: str) -> bool:
        """Use the keymap setting; an unknown binding id is said plainly, never ignored."""
        try:
            keymap = parse_keymap(text, self.binding_ids())
        except VigGuideError as exc:
            self.notify(f"Key bindings not changed: {exc}", severity="warning", timeout=12)
            return False
        self.set_keymap(keymap)
        return True

    # navigation ----------------------------------------------------------------------------

    def make_screen(self, name: str, *args: Any) -> Screen[Any]:
        module_name, class_name = SCREENS[name]
        screen_class = getattr(importlib.import_module(module_name), class_name)
        screen: Screen[Any] = screen_class(*args)
        return screen

    def open_screen(self, name: str, *args: Any) -> None:
        """Push the named screen (see SCREENS), e.g. `open_screen("consent", "DEMO-001")`."""
        self.push_screen(self.make_screen(name, *args))

    def action_help(self) -> None:
        if type(self.screen).__name__ != "HelpScreen":
            self.open_screen("help", type(self.screen).__name__)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
        self.home.store.set_setting("theme", self.theme)

    # saving before leaving -----------------------------------------------------------------

    def save_everything(self) -> None:
        """Save every pending edit on every open screen now (quit, lock, terminal closed)."""
        from vigguide.screens.base import VigScreen

        for screen in self.screen_stack:
            if isinstance(screen, VigScreen):
                try:
                    screen.flush_saves(wait=True)
                except Exception as exc:
                    self.report_error(exc)

    async def action_quit(self) -> None:
        self.save_everything()
        self.close_players()
        self.exit()

    def _terminal_closed(self) -> None:
        self.save_everything()
        self.close_players()
        self.exit()

    # the player window ---------------------------------------------------------------------

    def player_opened(self, proc: subprocess.Popen[bytes]) -> None:
        self.close_players()  # one window at a time: the newest is the one she is watching
        self.players.append(proc)

    def players_open(self) -> bool:
        self.players = [proc for proc in self.players if proc.poll() is None]
        return bool(self.players)

    def close_players(self) -> None:
        if not self.players:
            return
        from vigguide.player import close_player

        for proc in self.players:
            close_player(proc)
        self.players = []

    # errors --------------------------------------------------------------------------------

    def on_notify(self, event: Notify) -> None:
        self.notices.append(event.notification)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Expected failures from any screen's worker become a plain notification."""
        if event.state is not WorkerState.ERROR:
            return
        self.report_error(event.worker.error)

    def report_error(self, error: BaseException | None) -> None:
        if isinstance(error, VigGuideError):  # what happened, then what to do
            message = f"{error}\n{error.hint}" if error.hint else str(error)
            self.notify(message, title="vigguide", severity="error", timeout=10)
        elif error is not None:
            self.notify(
                "Something unexpected went wrong; your work so far is saved. "
                f"({type(error).__name__}) Please tell your vigguide support contact.",
                title="vigguide",
                severity="error",
                timeout=15,
            )

    # idle lock -----------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown):
            self._last_activity = time.monotonic()
        await super().on_event(event)

    def check_idle_lock(self, now: float | None = None) -> None:
        """Lock if nothing was pressed for the idle time (as of `now`, a monotonic time)."""
        now = time.monotonic() if now is None else now
        if self.idle_lock_paused or self.players_open():  # never in front of the mother
            self._last_activity = now
            return
        idle = now - self._last_activity
        if not self.locked and self.idle_lock_seconds > 0 and idle >= self.idle_lock_seconds:
            self.action_lock()

    def action_lock(self) -> None:
        if self.locked:
            return
        from vigguide.screens.lock import LockScreen

        self.save_everything()
        self.close_players()
        self.locked = True

        def unlocked(_: bool | None) -> None:
            self.locked = False
            self._last_activity = time.monotonic()

        self.push_screen(LockScreen(), unlocked)


def make_app(
    home: Home, *, today: date | None = None, idle_lock_minutes: float | None = None
) -> VigGuideApp:
    """The one factory for the app: used by the CLI, the demo and the tests."""
    return VigGuideApp(home, today=today, idle_lock_minutes=idle_lock_minutes)


def run_app(home: Home) -> None:
    make_app(home).run()
