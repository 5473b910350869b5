"""What this machine offers the player, found without opening anything: a display for the window,
a sound device, and the terminal's graphics. Used by `vigguide doctor` and before launching.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from vigguide.player.plan import PlayError


class NoDisplay(PlayError):
    """No window can be opened here (no display, or SDL refused)."""


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence C libraries (ALSA, for one) that print to the terminal while SDL probes devices."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def display_available() -> bool:
    """Whether a window can be tried at all (Linux and BSD need an X11 or Wayland display)."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return True
    if sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def terminal_graphics() -> str:
    """The best picture the terminal on stdout can show: kitty, sixel, half-blocks or none."""
    if not (sys.__stdout__ and sys.__stdout__.isatty()):
        return "none (not a terminal)"
    from vigguide.player.terminal import graphics_kind

    return graphics_kind()


def sound_available() -> tuple[bool, str]:
    """Whether SDL finds a sound output device, and its driver's name."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    try:
        with quiet_stderr():
            pygame.mixer.init()
    except pygame.error as exc:
        return False, str(exc).split(":")[0] or "no device"
    try:
        driver = pygame.mixer.get_driver() if hasattr(pygame.mixer, "get_driver") else "sdl"
        return bool(pygame.mixer.get_init()), str(driver)
    finally:
        pygame.mixer.quit()


def player_report() -> list[tuple[str, bool, str]]:
    """(what, usable, detail) lines for `vigguide doctor`."""
    window = display_available()
    sound, driver = sound_available()
    graphics = terminal_graphics()
    lines = [
        (
            "Display for the player window",
            window,
            "a window can be opened" if window else "none (no DISPLAY or WAYLAND_DISPLAY)",
        ),
        ("Sound", sound, f"output through {driver}" if sound else f"none ({driver})"),
        ("Terminal graphics", not graphics.startswith("none"), graphics),
    ]
    if window:
        uses = "the player window (pygame-ce/SDL)" + (" with sound" if sound else ", silent")
    elif not graphics.startswith("none"):
        uses = f"the terminal, with {graphics} pictures and no sound"
    else:
        uses = "nothing here: no display and no terminal pictures"
    lines.append(("The player will use", window or not graphics.startswith("none"), uses))
    return lines
