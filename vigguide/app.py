"""The Textual app: a thin shell that owns navigation between screens, app-wide bindings, theme,
error notifications and the idle lock.
"""

from __future__ import annotations

import importlib
import time
from datetime import date
from typing import Any

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

# textual-image asks the terminal what graphics it supports when first imported: that must happen
# before Textual takes the terminal over, so the frame view is imported here, at start-up.
import vigguide.widgets.frame_view  # noqa: F401
from vigguide.errors import VigGuideError
from vigguide.store.home import Home

# Screen name -> (module, class). Each screen that belongs to a case takes the case reference.
SCREENS: dict[str, tuple[str, str]] = {
    "caseload": ("vigguide.screens.caseload", "CaseloadScreen"),
    "overview": ("vigguide.screens.case_overview", "CaseOverviewScreen"),
    "consent": ("vigguide.screens.consent", "ConsentScreen"),
    "helping_questions": ("vigguide.screens.helping_questions", "HelpingQuestionsScreen"),
    "filming_plan": ("vigguide.screens.filming_plan", "FilmingPlanScreen"),
    "import": ("vigguide.screens.import_recording", "ImportRecordingScreen"),
    "micro_analysis": ("vigguide.screens.micro_analysis", "MicroAnalysisScreen"),
    "review_prep": ("vigguide.screens.review_prep", "ReviewPrepScreen"),
    "shared_review": ("vigguide.screens.shared_review", "SharedReviewScreen"),
    "outputs": ("vigguide.screens.outputs", "OutputsScreen"),
    "new_case": ("vigguide.screens.new_case", "NewCaseScreen"),
    "profile": ("vigguide.screens.profile", "ProfileScreen"),
    "settings": ("vigguide.screens.settings", "SettingsScreen"),
    "help": ("vigguide.screens.help", "HelpScreen"),
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
        minutes = idle_lock_minutes
        if minutes is None:
            minutes = float(home.store.setting("idle_lock_minutes", "5") or 5)
        self.idle_lock_seconds = minutes * 60
        self._last_activity = time.monotonic()
        self.locked = False

    # start-up ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = self.home.store.setting("theme", "textual-dark")
        keymap = self.home.store.setting("keymap", "")
        if keymap:
            self.set_keymap(dict(item.split("=", 1) for item in keymap.split(";") if "=" in item))
        self.push_screen(self.make_screen("caseload"))
        if self.home.store.practitioner() is None:
            self.open_screen("profile")
        # Always ticking, so a lock time turned on later in Settings takes effect at once.
        self.set_interval(15, self._check_idle)

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

    # errors --------------------------------------------------------------------------------

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Expected failures from any screen's worker become a plain notification."""
        if event.state is not WorkerState.ERROR:
            return
        self.report_error(event.worker.error)

    def report_error(self, error: BaseException | None) -> None:
        if isinstance(error, VigGuideError):
            self.notify(str(error), title="vigguide", severity="error", timeout=10)
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

    def _check_idle(self) -> None:
        idle = time.monotonic() - self._last_activity
        if not self.locked and self.idle_lock_seconds > 0 and idle >= self.idle_lock_seconds:
            self.action_lock()

    def action_lock(self) -> None:
        if self.locked:
            return
        from vigguide.screens.lock import LockScreen

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
