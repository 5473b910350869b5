"""Playing in the terminal where no window can be opened (an ssh session, a console): the best
pictures the terminal offers through textual-image's Rich renderables (Kitty graphics, Sixel,
half-blocks, in that order), no sound, and the same stops and captions as the window.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import IO

from rich.console import Console
from rich.text import Text

from vigguide.player.controls import clock_text
from vigguide.player.core import Opener, PlayerCore
from vigguide.player.model import Mode
from vigguide.player.plan import PlayPlan

_KINDS = {
    "tgp": "Kitty graphics",
    "sixel": "Sixel",
    "halfcell": "half-block",
    "unicode": "coarse text-block",
}
_KEYS = {
    " ": "toggle", "p": "toggle", "q": "close", "\x1b": "close", "r": "replay", "n": "next",
    ",": "slower", ".": "faster", "\x1b[C": "step_on", "\x1b[D": "step_back",
    "\xe0M": "step_on", "\xe0K": "step_back",
}  # fmt: skip
_FRAME_INTERVAL_S = 0.1  # a terminal redraws about ten pictures a second at most


def graphics_kind() -> str:
    """Which pictures textual-image will draw here (it asks the terminal when first imported)."""
    import textual_image.renderable as renderable

    return _kind(renderable.Image)


def _kind(image_class: type) -> str:
    return _KINDS.get(image_class.__module__.rsplit(".", 1)[-1], "half-block")


@contextlib.contextmanager
def _keys() -> Iterator[Callable[[], str]]:
    """A function returning the key pressed since the last call ('' if none); stdin left as found."""
    stdin = sys.stdin
    if not stdin or not stdin.isatty():
        yield lambda: ""
        return
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        def read_nt() -> str:
            if not msvcrt.kbhit():  # type: ignore[attr-defined]
                return ""
            key = str(msvcrt.getwch())  # type: ignore[attr-defined]
            return key + str(msvcrt.getwch()) if key in "\xe0\x00" else key  # type: ignore[attr-defined]

        yield read_nt
        return
    import select
    import termios
    import tty

    fd = stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)

    def read_posix() -> str:
        if not select.select([fd], [], [], 0)[0]:
            return ""
        return os.read(fd, 8).decode(errors="ignore")

    try:
        yield read_posix
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def play_in_terminal(
    plan: PlayPlan,
    opener: Opener,
    *,
    out: IO[str] | None = None,
    clock: Callable[[], float] = time.perf_counter,
    sleep: Callable[[float], None] = time.sleep,
) -> PlayerCore:
    """Play the plan to its end (or until q), drawing into the terminal. Returns the core as left."""
    import textual_image.renderable as renderable

    console = Console(file=out or sys.stdout, highlight=False)
    kind = _kind(renderable.Image)
    console.print(
        f"Playing in the terminal with {kind} pictures, "
        "without sound. Space pauses, ←/→ step, r replays, n next clip, q stops."
    )
    cols, rows = console.size
    core = PlayerCore(plan, opener, long_edge=640)
    drawn_at = -1.0
    drawn: tuple[object, ...] = ()
    with _keys() as read_key:
        core.toggle(clock())
        while True:
            now = clock()
            action = _KEYS.get(read_key(), "")
            if action == "close":
                break
            if action:
                _apply(core, action, now)
                drawn_at = -1.0
            core.update(now)
            model = core.model
            state = (core.index, core.shown.time_s, model.mode, model.caption, model.speed)
            if state != drawn and now - drawn_at >= _FRAME_INTERVAL_S:
                width = _picture_width(core.shown.image.size, cols, rows)
                _draw(console, core, renderable.Image(core.shown.image, width=width), rows)
                drawn_at = now
                drawn = state
            if model.mode is Mode.ENDED and not (sys.stdin and sys.stdin.isatty()):
                # nobody to press a key: on to the next clip, and stop after the last
                if not core.go_to_clip(core.index + 1, now):
                    break
                core.toggle(now)
            sleep(0.005 if model.moving else 0.05)
    core.close()
    return core


def _picture_width(size: tuple[int, int], cols: int, rows: int) -> int:
    """Cells across so the picture keeps its shape and leaves four lines for the words
    (a terminal cell is about twice as tall as it is wide)."""
    w, h = size
    return max(8, min(cols, round(w / h * max(4, rows - 4) * 2)))


def _apply(core: PlayerCore, action: str, now: float) -> None:
    if action == "step_on":
        core.step(1, now)
    elif action == "step_back":
        core.step(-1, now)
    elif action == "next" or (
        action == "toggle"
        and core.model.mode is Mode.ENDED
        and core.index + 1 < len(core.plan.clips)
    ):
        core.go_to_clip(core.index + 1, now)
        core.toggle(now)
    else:
        getattr(core, action)(now)


def _draw(console: Console, core: PlayerCore, picture: object, rows: int) -> None:
    model = core.model
    clip = core.clip
    if console.is_terminal:
        console.file.write("\x1b[H\x1b[2J")
    console.print(picture)
    status = (
        f"{core.plan.label(core.index)} · {clip.title} · "
        f"{clock_text(model.into_clip_s())} / {clock_text(clip.end_s - clip.start_s)}"
    )
    if model.speed != 1.0:
        status += f" · {'½' if model.speed == 0.5 else '¼'}× slow motion"
    console.print(Text(status, style="dim"))
    if model.caption:
        console.print(Text(model.caption, style="bold"))
    if model.mode is Mode.AT_PAUSE:
        console.print(Text("Space to play on.", style="dim"))
    elif model.mode is Mode.ENDED:
        last = core.index + 1 >= len(core.plan.clips)
        console.print(
            Text("r to replay, q to stop." if last else "Space for the next clip.", style="dim")
        )
