"""The player window's own process (started by `vigguide.player.launch()`).

It reads one line from stdin: the plan, the encrypted films' paths and the vault's reading key. It
opens no database and takes no lock. It closes when its window is closed or when stdin ends (the
TUI closed it, or died). Exit codes: 0 closed, 2 bad hand-over, 3 no window could be opened.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import threading
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from vigguide.errors import VigGuideError
from vigguide.player.core import Opener
from vigguide.player.plan import PlayPlan
from vigguide.store.agefile import AgeReader


def vault_files_opener(files: dict[str, str], identity: X25519PrivateKey) -> Opener:
    def opener(vault_id: str) -> BinaryIO:
        return io.BufferedReader(AgeReader(Path(files[vault_id]), identity), 1 << 16)

    return opener


def _close_when_stdin_ends(stdin: BinaryIO) -> None:
    import pygame

    while stdin.read(4096):
        pass
    if pygame.display.get_init():
        pygame.event.post(pygame.event.Event(pygame.QUIT))


def main() -> int:
    # the slow imports first, so a process started ahead (prepare) is ready when the key comes
    from vigguide.player.env import NoDisplay
    from vigguide.player.window import PlayerWindow

    stdin = sys.stdin.buffer
    line = stdin.readline()
    if not line.strip():
        return 0  # started ahead and never needed
    try:
        message = json.loads(line)
        plan = PlayPlan.from_json(json.dumps(message["plan"]))
        identity = X25519PrivateKey.from_private_bytes(bytes.fromhex(message["identity"]))
        files = {str(k): str(v) for k, v in message["files"].items()}
    except (ValueError, KeyError, TypeError):
        print("vigguide player: the hand-over from vigguide was not understood.", file=sys.stderr)
        return 2
    try:
        window = PlayerWindow(
            plan,
            vault_files_opener(files, identity),
            display=int(message.get("display", 0)),
            fullscreen=bool(message.get("fullscreen", False)),
        )
    except NoDisplay as exc:
        print(f"vigguide player: {exc}", file=sys.stderr)
        return 3
    except VigGuideError as exc:
        print(f"vigguide player: {exc}", file=sys.stderr)
        return 2
    _quiet_from_now_on()
    threading.Thread(target=_close_when_stdin_ends, args=(stdin,), daemon=True).start()
    window.on_first_frame = _say_shown
    window.run()
    return 0


def _quiet_from_now_on() -> None:
    """Once the window is open nobody reads stderr: send it nowhere, so decoder warnings about a
    damaged film can never fill the pipe and stall the player."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)


def _say_shown() -> None:
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.write("shown\n")
        sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
