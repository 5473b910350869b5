"""The practitioner's settings, typed: one set of defaults, one check per setting with a plain
message, loaded and saved through the store's key-value `settings` table (encrypted with the rest).

A value that does not pass its check is never stored; a stored value that no longer passes (an
older version, a hand edit) reads as the default, so a bad row can never stop vigguide starting.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Protocol

from vigguide.domain.retention import (
    CLIP,
    EXPORT,
    FAMILY_VIDEO,
    FILM,
    REVIEW_FILM,
    STILL,
    RetentionRule,
    parse_rule,
    rule_text,
)
from vigguide.errors import VigGuideError
from vigguide.paths import default_export_dir

THEMES = ("textual-dark", "textual-light")
PLAYERS = ("auto", "mpv", "vlc", "system")
RISK_PROCEDURE = (
    "A risk answer needs action today. Follow your service's risk procedure now: ask about the "
    "thoughts of harm and how safe she and the baby are, speak to the duty worker or your "
    "supervisor today, and record in the clinical record what was asked, who you spoke to and "
    "what was agreed."
)
KEYMAP_HINT = "Write each binding as id=key, separated by ; (e.g. overview.consent=k)."


class SettingsStore(Protocol):
    """The part of the case store settings live in."""

    def setting(self, key: str, default: str = "") -> str: ...

    def set_setting(self, key: str, value: str) -> None: ...


@dataclass(frozen=True)
class Settings:
    """Every setting with its default; `load_settings` reads them, `save_setting` changes one."""

    theme: str = "textual-dark"
    idle_lock_minutes: int = 5
    """0 turns the idle lock off."""
    export_dir: str = ""
    """Where PDFs and family videos go; empty means the default export folder."""
    player: str = "auto"
    """"auto" (the first player found), "mpv", "vlc", "system", or a command of one's own."""
    retention_days: int = 90
    """Raw films are deleted this many days after import (0: no day limit); the day part of the
    raw films' rule, kept under its old name so older homes read the same."""
    retention_film: str = "once summarised or 2 months after the end"
    """Raw films are also deleted on this rule, whichever comes first (see domain.retention)."""
    retention_review_film: str = "180 days after import"
    """Films of the shared review, kept for supervision (held supervision packs go by their own
    destroy-by date, not by these rules)."""
    retention_clip: str = "2 months after the end"
    retention_still: str = "2 months after the end"
    retention_family_video: str = "2 months after the end"
    """The family video written to the export folder (the family's own copy stays with them)."""
    retention_export: str = "30 days after it was made"
    """PDFs and text written to the export folder, once filed in the clinical record."""
    service_name: str = ""
    service_logo: str = ""
    service_contact: str = ""
    team_phone: str = ""
    """The team's number, printed as the lifeline on every family document."""
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> key, e.g. {"overview.consent": "k"}."""
    risk_procedure: str = RISK_PROCEDURE
    """The service's own words shown at once when a measure has a risk answer."""

    @property
    def export_folder(self) -> Path:
        return Path(self.export_dir).expanduser() if self.export_dir else default_export_dir()

    @property
    def idle_lock_seconds(self) -> float:
        return self.idle_lock_minutes * 60.0

    @property
    def retention_rules(self) -> dict[str, RetentionRule]:
        """The rule for each kind of item; raw films: their rule or their day limit, whichever
        comes first."""
        return {
            FILM: parse_rule(self.retention_film).with_days(self.retention_days),
            REVIEW_FILM: parse_rule(self.retention_review_film),
            CLIP: parse_rule(self.retention_clip),
            STILL: parse_rule(self.retention_still),
            FAMILY_VIDEO: parse_rule(self.retention_family_video),
            EXPORT: parse_rule(self.retention_export),
        }


# Where each setting is kept in the settings table (older homes keep these names).
STORED_AS = {"retention_days": "retention_days_raw"}


def _whole_number(low: int, high: int, what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = text.strip()
        if not value.isdigit() or not low <= int(value) <= high:
            raise VigGuideError(f"{what} is a whole number from {low} to {high}.")
        return int(value)

    return parse


def _retention(text: str) -> int:
    value = text.strip() or "0"
    if not value.isdigit():
        raise VigGuideError("Type a number of days, or 0 to keep films until you delete them.")
    return int(value)


def _rule(kind: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        return rule_text(parse_rule(text), kind)

    return parse


def _one_of(choices: tuple[str, ...], what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text.strip() not in choices:
            raise VigGuideError(f"{what} is one of {', '.join(choices)}.")
        return text.strip()

    return parse


def _player(text: str) -> str:
    return text.strip() or "auto"


def _text(text: str) -> str:
    return text.strip()


def _risk_procedure(text: str) -> str:
    return text.strip() or RISK_PROCEDURE


def parse_keymap(text: str, known_ids: Collection[str] | None = None) -> dict[str, str]:
    """`id=key;id=key` as a mapping; an id vigguide does not have is named in a plain message."""
    keymap: dict[str, str] = {}
    for item in (i.strip() for i in text.split(";")):
        if not item:
            continue
        binding_id, sep, keys = (part.strip() for part in item.partition("="))
        if not sep or not binding_id or not keys:
            raise VigGuideError(f'"{item}" is not a key binding.', KEYMAP_HINT)
        if known_ids is not None and binding_id not in known_ids:
            raise VigGuideError(
                f'vigguide has no key binding called "{binding_id}".',
                "Check the spelling; the help screen (?) lists what each key does.",
            )
        keymap[binding_id] = keys
    return keymap


def keymap_text(keymap: Mapping[str, str]) -> str:
    return ";".join(f"{binding_id}={keys}" for binding_id, keys in keymap.items())


_PARSERS: dict[str, Callable[[str], object]] = {
    "theme": _one_of(THEMES, "The theme"),
    "idle_lock_minutes": _whole_number(0, 240, "The idle time"),
    "export_dir": _text,
    "player": _player,
    "retention_days": _retention,
    "retention_film": _rule(FILM),
    "retention_review_film": _rule(REVIEW_FILM),
    "retention_clip": _rule(CLIP),
    "retention_still": _rule(STILL),
    "retention_family_video": _rule(FAMILY_VIDEO),
    "retention_export": _rule(EXPORT),
    "service_name": _text,
    "service_logo": _text,
    "service_contact": _text,
    "team_phone": _text,
    "keymap": parse_keymap,
    "risk_procedure": _risk_procedure,
}
NAMES = tuple(f.name for f in fields(Settings))


def parse_setting(name: str, text: str, *, binding_ids: Collection[str] | None = None) -> object:
    """The typed value of one setting as typed; a VigGuideError says what is wrong with it."""
    if name not in _PARSERS:
        raise VigGuideError(
            f"There is no setting called {name}.", f"Choose from {', '.join(NAMES)}."
        )
    if name == "keymap":
        return parse_keymap(text, binding_ids)
    return _PARSERS[name](text)


def setting_text(settings: Settings, name: str) -> str:
    """One setting as it is stored and shown in a text box."""
    value = getattr(settings, name)
    if name == "keymap":
        return keymap_text(value)
    return str(value)


def load_settings(store: SettingsStore) -> Settings:
    """Every setting from the store, a default where there is none or the stored one is not valid."""
    defaults = Settings()
    values: dict[str, Any] = {}
    for name in NAMES:
        stored = store.setting(STORED_AS.get(name, name), setting_text(defaults, name))
        try:
            values[name] = parse_setting(name, stored)
        except VigGuideError:
            values[name] = getattr(defaults, name)
    return replace(defaults, **values)


def save_setting(
    store: SettingsStore, name: str, text: str, *, binding_ids: Collection[str] | None = None
) -> Settings:
    """Check and store one setting as typed; returns the settings as they now are."""
    value = parse_setting(name, text, binding_ids=binding_ids)
    stored = keymap_text(value) if isinstance(value, dict) else str(value)
    store.set_setting(STORED_AS.get(name, name), stored)
    return load_settings(store)
