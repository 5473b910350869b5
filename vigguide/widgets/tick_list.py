"""A selection list whose ticks show by shape, not only by colour: a ticked item shows X in its box,
an unticked one an empty box (Textual draws X in both and tells them apart by colour alone)."""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

T = TypeVar("T")


class TickList(SelectionList[T]):
    """`SelectionList` with an empty box for an unticked item."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        _, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return strip
        if selection.value in self.selected:
            return strip
        segments = list(strip)
        inner = ToggleButton.BUTTON_INNER
        if len(segments) > 1 and segments[1].text == inner:
            segments[1] = Segment(" " * len(inner), segments[1].style)
            return Strip(segments, strip.cell_length)
        return strip
