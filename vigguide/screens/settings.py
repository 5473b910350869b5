"""Settings: theme, idle lock, export folder, external player, retention of films, the service's
name and logo, key bindings, and the way to the practitioner profile; each saved as it changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from vigguide.widgets.autosave import Autosaver
from vigguide.widgets.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from vigguide.app import VigGuideApp

THEMES = [("Dark", "textual-dark"), ("Light", "textual-light")]
PLAYERS = [
    ("Automatic (the first one found)", "auto"),
    ("mpv", "mpv"),
    ("VLC", "vlc"),
    ("The system's default player", "system"),
]
DEFAULTS = {
    "theme": "textual-dark",
    "idle_lock_minutes": "5",
    "export_dir": "",
    "player": "auto",
    "retention_days_raw": "90",
    "service_name": "",
    "service_logo": "",
    "service_contact": "",
    "keymap": "",
}


def _whole_number(low: int, high: int, what: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if not value.strip().isdigit() or not low <= int(value) <= high:
            return f"{what} is a whole number from {low} to {high}."
        return None

    return check


def _retention(value: str) -> str | None:
    if value.strip() and not value.strip().isdigit():
        return "Type a number of days, or 0 to keep films until you delete them."
    return None


def _logo(value: str) -> str | None:
    if value.strip() and not Path(value).expanduser().is_file():
        return "There is no file there yet; the documents print without a logo until there is."
    return None


def _keymap(value: str) -> str | None:
    items = [i for i in value.split(";") if i.strip()]
    if any("=" not in i for i in items):
        return "Write each binding as id=key, separated by ; (e.g. overview.consent=k)."
    return None


# Settings typed into a box: (key, label, hint, check). A check returns a message; a message
# that starts "There is no file" is a warning and the value is still saved.
FIELDS: list[tuple[str, str, str, Callable[[str], str | None] | None]] = [
    (
        "idle_lock_minutes",
        "Lock after this many idle minutes",
        "0 turns the idle lock off (not advised).",
        _whole_number(0, 240, "The idle time"),
    ),
    ("export_dir", "Export folder", "Where PDFs and family videos are written.", None),
    (
        "retention_days_raw",
        "Delete raw films this many days after import",
        "Clips and stills are kept with the record; 0 keeps films until deleted by hand.",
        _retention,
    ),
    ("service_name", "Service name (printed on documents)", "", None),
    ("service_logo", "Service logo (an image file)", "", _logo),
    (
        "service_contact",
        "How families reach you (printed on the filming reminder)",
        "e.g. Call the team on 01234 567890, Monday to Friday",
        None,
    ),
    ("keymap", "Key bindings (advanced)", "e.g. overview.consent=k;app.lock=ctrl+k", _keymap),
]


class SettingsScreen(ReportsWorkerErrors, Screen[None]):
    """Each setting saves as soon as it is changed (boxes when you pause or leave them)."""

    CSS_PATH = "settings.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="settings.back"),
        Binding("ctrl+o", "profile", "Practitioner profile", id="settings.profile"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._savers: dict[str, Autosaver[str]] = {}
        self._loaded = False

    @property
    def vig(self) -> VigGuideApp:
        return cast("VigGuideApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings-form"):
            yield Label("Theme")
            yield Select(THEMES, id="settings-theme", allow_blank=False)
            yield Label("External video player")
            yield Select(PLAYERS, id="settings-player", allow_blank=False)
            for key, label, hint, _check in FIELDS:
                yield Label(label)
                yield Input(id=f"settings-{key}", placeholder=hint)
                yield Static("", id=f"settings-{key}-message", classes="settings-message")
            yield Button("Practitioner profile (ctrl+o)", id="settings-profile")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Settings"
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings")
    def load(self) -> None:
        store = self.vig.home.store
        values = {key: store.setting(key, default) for key, default in DEFAULTS.items()}
        self.app.call_from_thread(self._show, values)

    def _show(self, values: dict[str, str]) -> None:
        self.values = dict(values)
        theme = values["theme"] if values["theme"] in dict(THEMES).values() else "textual-dark"
        self.query_one("#settings-theme", Select).value = theme
        player = values["player"] if values["player"] in dict(PLAYERS).values() else "auto"
        self.query_one("#settings-player", Select).value = player
        for key, *_ in FIELDS:
            self.query_one(f"#settings-{key}", Input).value = values[key]
        self.call_after_refresh(self._ready)
        self.query_one("#settings-theme", Select).focus()

    def _ready(self) -> None:
        self._loaded = True

    # saving --------------------------------------------------------------------------------

    def _saver(self, key: str) -> Autosaver[str]:
        if key not in self._savers:

            def save(value: str) -> None:
                self.vig.home.store.set_setting(key, value)

            self._savers[key] = Autosaver(self, save, on_saved=lambda v: self._applied(key, v))
        return self._savers[key]

    def _store(self, key: str, value: str, *, now: bool = False) -> None:
        if not self._loaded or self.values.get(key) == value:
            return
        self.values[key] = value
        saver = self._saver(key)
        saver.changed(value)
        if now:
            saver.flush()

    def _applied(self, key: str, value: str) -> None:
        """Settings that change the running app take effect at once."""
        if key == "idle_lock_minutes" and value.isdigit():
            self.vig.idle_lock_seconds = int(value) * 60
        elif key == "keymap":
            pairs = (item.split("=", 1) for item in value.split(";") if "=" in item)
            self.app.set_keymap({k.strip(): v.strip() for k, v in pairs})

    @on(Select.Changed, "#settings-theme")
    def _theme(self, event: Select.Changed) -> None:
        if self._loaded and isinstance(event.value, str):
            self.app.theme = event.value
            self._store("theme", event.value, now=True)

    @on(Select.Changed, "#settings-player")
    def _player(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._store("player", event.value, now=True)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        key = (event.input.id or "").removeprefix("settings-")
        field = next((f for f in FIELDS if f[0] == key), None)
        if field is None:
            return
        value = event.value.strip()
        check = field[3]
        problem = check(value) if check else None
        self.query_one(f"#settings-{key}-message", Static).update(problem or "")
        if problem is None or problem.startswith("There is no file"):
            self._store(key, value)

    @on(Input.Blurred)
    def _left(self) -> None:
        for saver in self._savers.values():
            saver.flush()

    def on_screen_suspend(self) -> None:
        self._left()

    @on(Button.Pressed, "#settings-profile")
    def action_profile(self) -> None:
        self.vig.open_screen("profile")

    def action_back(self) -> None:
        self._left()
        self.app.pop_screen()
