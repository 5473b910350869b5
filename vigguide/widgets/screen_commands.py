"""A command-palette provider that offers the actions the current screen says apply right now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

PaletteCommand = tuple[str, str, Callable[[], object]]
"""(title such as "case: New", help text, callback)."""


@runtime_checkable
class HasPaletteCommands(Protocol):
    def palette_commands(self) -> list[PaletteCommand]: ...


class ScreenCommands(Provider):
    """Asks the active screen for `palette_commands()`; put it in the screen's COMMANDS."""

    def _commands(self) -> list[PaletteCommand]:
        screen = self.screen
        if isinstance(screen, HasPaletteCommands):
            return screen.palette_commands()
        return []

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
