"""A tick box and a radio choice whose state shows by shape, not only by colour.

Textual draws the same mark inside a ticked and an unticked box (X for a checkbox, ● for a radio
button) and tells them apart by colour alone, which a colour-blind practitioner, a washed-out
laptop screen or a monochrome terminal loses. Here an unticked box is empty.
"""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class Tick(Checkbox):
    """A checkbox: X when ticked, an empty box when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "X" if self.value else " "


class Choice(RadioButton):
    """A radio button: ● when chosen, an empty box when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else " "
