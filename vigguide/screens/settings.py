"""Settings: theme, idle lock, export folder, video player, retention rules per kind, the service's
name and logo, key bindings, and the way to the practitioner profile; each saved as it changes.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from vigguide.errors import VigGuideError
from vigguide.screens.base import VigScreen
from vigguide.store.settings import (
    STORED_AS,
    Settings,
    load_settings,
    parse_setting,
    save_setting,
    setting_text,
)
from vigguide.widgets.autosave import Autosaver

THEMES = [("Dark", "textual-dark"), ("Light", "textual-light")]
PLAYERS = [
    ("vigguide's own player window (nothing is copied to disk)", "auto"),
    ("mpv (the clip is copied to a private folder while it plays)", "mpv"),
    ("VLC (the clip is copied to a private folder while it plays)", "vlc"),
    ("The system's default player (the clip is copied to a private folder)", "system"),
]

# Settings typed into a box: (setting, label, hint). Each is checked by store.settings.
FIELDS: list[tuple[str, str, str]] = [
    (
        "idle_lock_minutes",
        "Lock after this many idle minutes",
        "0 turns the idle lock off (not advised).",
    ),
    ("export_dir", "Export folder", "Where PDFs and family videos are written."),
    (
        "retention_days",
        "Delete raw films this many days after import",
        "0: no day limit (the rule below still applies).",
    ),
    (
        "retention_film",
        "Raw films: also delete (whichever comes first)",
        "e.g. once summarised or 2 months after the end; keep: only the days above",
    ),
    (
        "retention_review_film",
        "Films of the shared review: delete",
        "e.g. 180 days after import; keep: until you delete them",
    ),
    ("retention_clip", "Clips: delete", "e.g. 2 months after the end"),
    ("retention_still", "Stills: delete", "e.g. 2 months after the end"),
    (
        "retention_family_video",
        "Family videos in the export folder: delete",
        "e.g. 2 months after the end",
    ),
    (
        "retention_export",
        "Exported documents (PDFs, text): delete",
        "e.g. 30 days after it was made",
    ),
    ("service_name", "Service name (printed on documents)", ""),
    ("service_logo", "Service logo (an image file)", ""),
    (
        "team_phone",
        "Team phone number (printed on every family document)",
        "e.g. 01632 960 123",
    ),
    (
        "service_contact",
        "How families reach you (printed on the filming reminder)",
        "e.g. Call the team on 01234 567890, Monday to Friday",
    ),
    (
        "risk_procedure",
        "Risk procedure (shown at once when a measure has a risk answer)",
        "Your service's own words: who to speak to today and what to record.",
    ),
    ("keymap", "Key bindings (advanced)", "e.g. overview.consent=k;app.lock=ctrl+k"),
]
NO_LOGO = "There is no file there yet; the documents print without a logo until there is."


def box_id(name: str) -> str:
    return f"settings-{STORED_AS.get(name, name)}"


class SettingsScreen(VigScreen, Screen[None]):
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

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings-form"):
            yield Label("Theme")
            yield Select(THEMES, id="settings-theme", allow_blank=False)
            yield Label("Video player")
            yield Select(PLAYERS, id="settings-player", allow_blank=False)
            for name, label, hint in FIELDS:
                yield Label(label)
                yield Input(id=box_id(name), placeholder=hint)
                yield Static("", id=f"{box_id(name)}-message", classes="settings-message")
            yield Button("Practitioner profile (ctrl+o)", id="settings-profile")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Settings"
        self._show(load_settings(self.vig.home.store))

    def _show(self, settings: Settings) -> None:
        self.values = {name: setting_text(settings, name) for name, *_ in FIELDS}
        self.values |= {"theme": settings.theme, "player": settings.player}
        self.query_one("#settings-theme", Select).value = settings.theme
        player = settings.player if settings.player in dict(PLAYERS).values() else "auto"
        self.query_one("#settings-player", Select).value = player
        for name, *_ in FIELDS:
            self.query_one(f"#{box_id(name)}", Input).value = self.values[name]
        profile = self.vig.home.store.practitioner()
        if profile is not None and profile.service:  # what documents print when this is empty
            service = self.query_one(f"#{box_id('service_name')}", Input)
            service.placeholder = f"{profile.service} (from your profile)"
        self.call_after_refresh(self._ready)
        self.query_one("#settings-theme", Select).focus()

    def _ready(self) -> None:
        self._loaded = True

    # saving --------------------------------------------------------------------------------

    def _saver(self, key: str) -> Autosaver[str]:
        if key not in self._savers:
            store, ids = self.vig.home.store, self.vig.binding_ids()

            def save(value: str) -> None:
                save_setting(store, key, value, binding_ids=ids)

            self._savers[key] = self.saver(save, on_saved=lambda v: self._applied(key, v))
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
        self.vig.settings = settings = load_settings(self.vig.home.store)
        if key == "idle_lock_minutes":
            self.vig.idle_lock_seconds = settings.idle_lock_seconds
        elif key == "keymap":
            self.vig.apply_keymap(value)

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
        key = next((name for name, *_ in FIELDS if box_id(name) == event.input.id), None)
        if key is None:
            return
        value = event.value.strip()
        try:
            parse_setting(key, value, binding_ids=self.vig.binding_ids())
        except VigGuideError as exc:
            self.query_one(f"#{box_id(key)}-message", Static).update(str(exc))
            return
        logo_missing = key == "service_logo" and value and not Path(value).expanduser().is_file()
        self.query_one(f"#{box_id(key)}-message", Static).update(NO_LOGO if logo_missing else "")
        self._store(key, value)

    @on(Input.Blurred)
    def _left(self) -> None:
        self.flush_saves()

    @on(Button.Pressed, "#settings-profile")
    def action_profile(self) -> None:
        self.vig.open_screen("profile")
