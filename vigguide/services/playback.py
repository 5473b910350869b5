"""Playing a clip in the practitioner's own video player (mpv, VLC or the system default), from a
private folder that lives only while the screen that made it is open, and opening an exported
file with the desktop's default program.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from vigguide.errors import VigGuideError
from vigguide.store.home import Home

# in order of preference; the last ones hand the file to the desktop's default player
KNOWN_PLAYERS = ("mpv", "vlc", "xdg-open", "open")


def find_player(setting: str) -> list[str] | None:
    """The command to play a file with: the `player` setting if it runs here, else the first known
    player on PATH; None when there is none. "auto" (or nothing) means the first one found;
    "system" the desktop's default player."""
    if setting.strip() == "system":
        return find_player("open" if sys.platform == "darwin" else "xdg-open")
    if setting.strip() and setting.strip() != "auto":
        parts = shlex.split(setting)
        found = shutil.which(parts[0])
        if found:
            return [found, *parts[1:]]
        return None
    for name in KNOWN_PLAYERS:
        if name == "open" and sys.platform != "darwin":
            continue
        found = shutil.which(name)
        if found:
            return [found]
    return None


def no_player() -> VigGuideError:
    return VigGuideError(
        "No video player was found on this computer.",
        "Install mpv or VLC, or choose a player in Settings.",
    )


class PlaybackFolder:
    """A private 0700 folder (inside the vault's working area) for clips handed to a player.

    Removed by `close()`; anything left by a crash is swept when vigguide next starts.
    """

    def __init__(self, home: Home) -> None:
        self._home = home
        self._stack: ExitStack | None = None
        self._path: Path | None = None
        self._count = 0

    @property
    def path(self) -> Path:
        if self._path is None:
            self._stack = ExitStack()
            self._path = self._stack.enter_context(self._home.vault.workdir())
        return self._path

    def new_file(self, stem: str) -> Path:
        self._count += 1
        return self.path / f"{self._count:03d} {stem}.mp4"

    def close(self) -> None:
        if self._stack is not None:
            self._stack.close()
        self._stack = None
        self._path = None


def start_detached(args: list[str], what: str) -> None:
    """Start a program without waiting for it; its output never reaches the TUI. `what` names it
    in the message when it cannot be started."""
    try:
        subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise VigGuideError(
            f"{what} ({Path(args[0]).name}) could not be started.",
            "Check the player setting in Settings.",
        ) from exc


def play(command: list[str], clip: Path, start_s: float = 0.0) -> None:
    """Start the player on `clip` without waiting for it."""
    args = [*command]
    name = Path(command[0]).name.lower()
    if start_s > 0 and name.startswith("mpv"):
        args.append(f"--start={start_s:.3f}")
    elif start_s > 0 and name.startswith("vlc"):
        args.append(f"--start-time={start_s:.3f}")
    start_detached([*args, str(clip)], "The video player")


def open_with_system(path: Path) -> bool:
    """Hand a file to the desktop's default program; False when there is no way to."""
    if sys.platform == "win32":
        try:
            os.startfile(path)  # type: ignore[attr-defined,unused-ignore]  # noqa: S606
        except OSError:
            return False
        return True
    command = find_player("system")
    if command is None:
        return False
    start_detached([*command, str(path)], "The program to open it")
    return True
