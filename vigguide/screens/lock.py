"""The lock screen: after the idle time (or Ctrl+L) nothing personal shows until unlocked."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from vigguide.errors import VigGuideError
from vigguide.screens.base import VigScreen
from vigguide.store.custody import KeyCustody


class LockScreen(VigScreen, ModalScreen[bool]):
    """Covers the whole terminal; asks for the passphrase (or Enter, with keyring custody)."""

    DEFAULT_CSS = """
    LockScreen { background: $background; align: center middle; }
    LockScreen #lock-box { width: 60; height: auto; border: round $primary; padding: 1 2; }
    LockScreen #lock-message { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "nothing", show=False, priority=True)]

    class Answered(Message):
        """The key custody's answer: "" unlocks, anything else says why not."""

        def __init__(self, refused: str) -> None:
            super().__init__()
            self.refused = refused

    def compose(self) -> ComposeResult:
        needs_passphrase = self.vig.home.custody.custody() == "passphrase"
        with Center(), Vertical(id="lock-box"):
            yield Static("[b]vigguide is locked[/b]\n")
            yield Static("Nothing about your families shows while vigguide is locked.\n")
            if needs_passphrase and self.vig.demo_passphrase:
                yield Static(
                    f'This is the demo: its passphrase is "{self.vig.demo_passphrase}".',
                    id="lock-demo",
                    markup=False,
                )
                yield Input(password=True, id="lock-passphrase")
            elif needs_passphrase:
                yield Label("Passphrase")
                yield Input(password=True, id="lock-passphrase")
            else:
                yield Label("Press Enter to unlock.")
                yield Input(password=True, id="lock-passphrase", placeholder="Enter")
            yield Static("", id="lock-message")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_nothing(self) -> None:
        """Escape must not dismiss the lock."""

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.check(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def check(self, typed: str) -> None:
        home = self.vig.home
        custody = KeyCustody(
            home.path,
            backend=home.custody.backend,
            detect_backend=False,
            passphrase=lambda _choosing: typed,
            env={},
        )
        try:
            custody.unlock()
        except VigGuideError as exc:
            self.post_message(self.Answered(exc.message))
            return
        self.post_message(self.Answered(""))

    @on(Answered)
    def _answered(self, event: Answered) -> None:
        if not event.refused:
            self.dismiss(True)
            return
        self.query_one("#lock-message", Static).update(event.refused)
        box = self.query_one(Input)
        box.value = ""
        box.focus()
