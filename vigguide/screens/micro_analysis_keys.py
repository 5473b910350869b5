"""The keys of micro-analysis, with their ids (the keymap in Settings uses them). The footer
shows frame steps, 1 s and 10 s steps, the marks and the main actions."""

from __future__ import annotations

from textual.binding import Binding, BindingType

_FRAME = Binding.Group("Frame", compact=True)
_SECOND = Binding.Group("1 s", compact=True)
_TEN = Binding.Group("10 s", compact=True)
_MARK = Binding.Group("In/out\u00a0", compact=True)  # the space keeps "a Add" apart

BINDINGS: list[BindingType] = [
    Binding("escape", "back", "Back to the case", show=False, id="analysis.back"),
    Binding(
        "left",
        "step(-1)",
        "Previous frame",
        key_display="←",
        group=_FRAME,
        id="analysis.frame_back",
    ),
    Binding(
        "right", "step(1)", "Next frame", key_display="→", group=_FRAME, id="analysis.frame_on"
    ),
    Binding(
        "shift+left",
        "jump(-1)",
        "−1 s",
        key_display="⇧←",
        group=_SECOND,
        id="analysis.second_back",
    ),
    Binding(
        "shift+right",
        "jump(1)",
        "+1 s",
        key_display="⇧→",
        group=_SECOND,
        id="analysis.second_on",
    ),
    Binding("left_square_bracket", "jump(-10)", "−10 s", group=_TEN, id="analysis.ten_back"),
    Binding("right_square_bracket", "jump(10)", "+10 s", group=_TEN, id="analysis.ten_on"),
    Binding("ctrl+left", "jump(-10)", "−10 s", show=False, id="analysis.ten_back_ctrl"),
    Binding("ctrl+right", "jump(10)", "+10 s", show=False, id="analysis.ten_on_ctrl"),
    Binding("home", "seek(0)", "Start", show=False, id="analysis.start"),
    Binding("comma", "strip(-1)", "Previous picture", show=False, id="analysis.strip_back"),
    Binding("full_stop", "strip(1)", "Next picture", show=False, id="analysis.strip_on"),
    Binding("i", "mark_in", "Mark in", group=_MARK, id="analysis.mark_in"),
    Binding("o", "mark_out", "Mark out", group=_MARK, id="analysis.mark_out"),
    Binding("a", "add_moment", "Add", id="analysis.add_moment"),
    Binding("s", "still", "Still", id="analysis.still"),
    Binding("p", "play", "Play", id="analysis.play"),
    Binding("c", "make_clips", "Clips", id="analysis.make_clips"),
    Binding("x", "cancel_clips", "Cancel clips", id="analysis.cancel_clips"),
    Binding("e", "edit_moment", "Edit", show=False, id="analysis.edit_moment"),
    Binding("delete,d", "delete_moment", "Delete", show=False, id="analysis.delete_moment"),
    Binding("g", "import_film", "Import film", id="analysis.import"),
]
