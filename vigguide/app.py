"""The Textual app: a thin shell that pushes the caseload and owns app-wide bindings and theme."""

from __future__ import annotations

from datetime import date

from textual.app import App
from textual.binding import Binding

from vigguide.store.home import Home


class VigGuideApp(App[None]):
    """vigguide in the terminal. Built by `make_app`, which the CLI, the demo and the tests use."""

    CSS_PATH = "app.tcss"
    TITLE = "vigguide"
    SUB_TITLE = "Video Interaction Guidance"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("ctrl+t", "toggle_theme", "Light/dark", id="app.theme"),
    ]

    def __init__(self, home: Home, *, today: date | None = None) -> None:
        super().__init__()
        self.home = home
        self.today = today or date.today()

    def on_mount(self) -> None:
        from vigguide.screens.caseload import CaseloadScreen

        self.theme = self.home.store.setting("theme", "textual-dark")
        self.push_screen(CaseloadScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
        self.home.store.set_setting("theme", self.theme)


def make_app(home: Home, *, today: date | None = None) -> VigGuideApp:
    """The one factory for the app: used by the CLI, the demo and the tests."""
    return VigGuideApp(home, today=today)


def run_app(home: Home) -> None:
    make_app(home).run()
