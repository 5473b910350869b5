"""The player's keys and its large on-screen buttons, as plain data (no SDL needed to read them).

The keys match the TUI's micro-analysis and shared-review screens: space plays and pauses, ← → step
one frame, Shift+← → jump 1 s, [ ] jump 10 s, p plays, Esc goes back. The buttons are few and big
so a parent can use them with a finger on a shared laptop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# (key name as pygame spells it, shift held) -> action
KEYS: dict[tuple[str, bool], str] = {
    ("space", False): "toggle",
    ("p", False): "toggle",
    ("k", False): "toggle",
    ("right", False): "step_on",
    ("left", False): "step_back",
    ("right", True): "jump_on_1",
    ("left", True): "jump_back_1",
    ("]", False): "jump_on_10",
    ("[", False): "jump_back_10",
    ("b", False): "back_5",
    (",", False): "slower",
    (".", False): "faster",
    ("s", False): "slower",
    ("r", False): "replay",
    ("home", False): "replay",
    ("n", False): "next_clip",
    ("page down", False): "next_clip",
    ("page up", False): "previous_clip",
    ("f", False): "fullscreen",
    ("f11", False): "fullscreen",
    ("d", False): "next_display",
    ("h", False): "help",
    ("/", True): "help",
    ("q", False): "close",
    ("escape", False): "close",
}

HELP_LINE = (
    "Space play/pause · ←/→ frame · Shift+←/→ 1 s · [ ] 10 s · , slower · . normal speed · "
    "b back 5 s · r replay · n next clip · f full screen · d other screen · h this help · q close"
)


def action_for(key_name: str, shift: bool) -> str | None:
    return KEYS.get((key_name, shift)) or (KEYS.get((key_name, False)) if shift else None)


@dataclass(frozen=True)
class Button:
    action: str
    label: str
    rect: tuple[int, int, int, int]  # x, y, width, height

    def hit(self, x: int, y: int) -> bool:
        bx, by, bw, bh = self.rect
        return bx <= x < bx + bw and by <= y < by + bh


def bar_height(window_height: int) -> int:
    """Tall enough for a fingertip (at least 64 px), about a ninth of the window."""
    return max(64, window_height // 9)


def buttons(width: int, height: int, *, playing: bool, speed: float) -> tuple[Button, ...]:
    """The row of large buttons along the bottom of a `width` × `height` window."""
    speed_label = {1.0: "Slower", 0.5: "½× · slower", 0.25: "¼× · normal"}.get(speed, "Slower")
    specs = [
        ("back_5", "« 5 s"),
        ("toggle", "❚❚ Pause" if playing else "▶ Play"),
        ("slower", speed_label),
        ("replay", "↺ Replay"),
        ("close", "✕ Close"),
    ]
    bar = bar_height(height)
    gap = max(6, width // 160)
    each = (width - gap * (len(specs) + 1)) // len(specs)
    y = height - bar + gap
    return tuple(
        Button(action, label, (gap + i * (each + gap), y, each, bar - 2 * gap))
        for i, (action, label) in enumerate(specs)
    )


def picture_area(width: int, height: int) -> tuple[int, int]:
    """The picture fills the window; the buttons and captions are drawn over its lower edge."""
    return width, height


# films at least this big are never enlarged: scaling costs as much as decoding, and a phone film
# shown at its own size on a laptop screen is already large
_GROW_BELOW = 960


def fit_long_edge(film_w: int, film_h: int, area_w: int, area_h: int) -> int:
    """The picture's long edge: as large as fits without stretching; big films at most their own
    size (a picture at its own size needs no scaling, which keeps 1080p playing on 2 cores)."""
    scale = min(area_w / film_w, area_h / film_h)
    if max(film_w, film_h) >= _GROW_BELOW:
        scale = min(scale, 1.0)
    return max(2, round(max(film_w, film_h) * scale))


def clock_text(seconds: float) -> str:
    minutes, secs = divmod(max(0.0, seconds), 60)
    return f"{int(minutes)}:{secs:04.1f}"


def wrap(text: str, fits: Callable[[str, int], bool], width: int) -> list[str]:
    """Split `text` into lines that `fits(line, width)` accepts (word by word)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and not fits(trial, width):
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines
