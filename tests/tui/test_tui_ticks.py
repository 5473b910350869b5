"""Tick boxes and radio choices show their state by shape, not only by colour: an unticked box is
empty (Textual's own draw the same mark in both and differ only in colour)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import RadioSet

from vigguide.widgets.ticks import Choice, Tick


class _Form(App[None]):
    def compose(self) -> ComposeResult:
        yield Tick("Sign this session off", id="tick")
        with RadioSet(id="choices"):
            yield Choice("Born on", value=True, id="born")
            yield Choice("Due on", id="due")


def _box(widget: Tick | Choice) -> str:
    return str(widget.render())[:3]


async def test_ticks_and_choices_show_their_state_by_shape():
    app = _Form()
    async with app.run_test() as pilot:
        tick = app.query_one("#tick", Tick)
        born, due = app.query_one("#born", Choice), app.query_one("#due", Choice)
        assert _box(tick) == "▐ ▌" and _box(born) == "▐●▌" and _box(due) == "▐ ▌"
        tick.focus()
        await pilot.press("space")
        assert tick.value and _box(tick) == "▐X▌"
        due.value = True  # choosing one unchooses the other, and the marks follow
        await pilot.pause()
        assert _box(due) == "▐●▌" and _box(born) == "▐ ▌"
