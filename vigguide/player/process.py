"""Starting the player window from the TUI, as a child process.

SDL and Textual each want the main thread, so the window runs in its own process. That process
cannot open the home (the TUI holds the home lock, and a second unlock could ask for the
passphrase again), and it needs nothing from the database: the TUI builds the plan (spans, pauses,
questions, stills; consent checked here) and hands it over the child's stdin pipe together with
the vault's reading key and the paths of the encrypted films. Nothing goes on the command line or
into a file; the child decrypts the films itself with the same random-access age reader, so no
plaintext exists anywhere but in the two processes' memory.

The pipe stays open while the player runs: closing it (`close_player`) closes the window, and if
the TUI dies the child sees the pipe end and closes too.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys

from vigguide.player.env import NoDisplay, display_available
from vigguide.player.plan import PlayPlan
from vigguide.player.session import plan_for
from vigguide.store.home import Home

CHILD_MODULE = "vigguide.player.child"


def handoff(home: Home, plan: PlayPlan, *, display: int = 0, fullscreen: bool = False) -> bytes:
    """The one line the child reads: plan, film paths and the vault's reading key (hex)."""
    identity = home.vault._identity.private_bytes_raw()  # the vault's own key, to our child only
    files = {c.vault_id: str(home.vault.path_of(c.vault_id)) for c in plan.clips}
    message = {
        "plan": json.loads(plan.to_json()),
        "files": files,
        "identity": identity.hex(),
        "display": display,
        "fullscreen": fullscreen,
    }
    return json.dumps(message).encode() + b"\n"


_warm: subprocess.Popen[bytes] | None = None


def _spawn() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", CHILD_MODULE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _take_warm() -> subprocess.Popen[bytes] | None:
    global _warm
    proc, _warm = _warm, None
    return proc if proc is not None and proc.poll() is None else None


def prepare() -> None:
    """Start the player's process ahead of the key (its imports take about 0.2 s), e.g. when the
    shared review opens; the next `launch` uses it. It waits, showing nothing, and ends with the
    TUI. Does nothing where no window can open."""
    global _warm
    if display_available() and (_warm is None or _warm.poll() is not None):
        _warm = _spawn()


def launch(
    home: Home,
    case_ref: str,
    cycle: int | None = None,
    moment: int | None = None,
    *,
    review: bool = False,
    display: int = 0,
    fullscreen: bool = False,
) -> subprocess.Popen[bytes]:
    """Open the player window on a moment (its number in review order) or a whole cycle.

    `review=True` is the shared review with the parent (needs her consent to use the film there).
    Raises PlayError (no such case/cycle/moment, film deleted, no consent) or NoDisplay before any
    process starts. The process writes "shown" on its stdout once the first picture is on screen
    (read it to know the window is up), reports a failure to open its window on stderr with exit
    code 3, and exits 0 when closed. Call `close_player` to close it.
    """
    if not display_available():
        raise NoDisplay(
            "There is no display to open the player window on.",
            "Watch it in the terminal: vigguide play from a shell, or use the preview.",
        )
    return launch_plan(
        home, plan_for(home, case_ref, cycle, moment, review=review), display, fullscreen
    )


def launch_plan(
    home: Home, plan: PlayPlan, display: int = 0, fullscreen: bool = False
) -> subprocess.Popen[bytes]:
    """Open the player window on a plan made by the caller (e.g. a span in micro-analysis)."""
    if not display_available():
        raise NoDisplay(
            "There is no display to open the player window on.",
            "Watch it in the terminal: vigguide play from a shell, or use the preview.",
        )
    proc = _take_warm() or _spawn()
    assert proc.stdin is not None
    try:
        proc.stdin.write(handoff(home, plan, display=display, fullscreen=fullscreen))
        proc.stdin.flush()
    except OSError:
        proc.kill()
        proc.wait()
        raise NoDisplay("The player could not be started.") from None
    return proc


def close_player(proc: subprocess.Popen[bytes], timeout: float = 3.0) -> int:
    """Close the window (by closing its pipe); kill it if it does not close in time."""
    if proc.stdin is not None and not proc.stdin.closed:
        with contextlib.suppress(OSError):
            proc.stdin.close()
    try:
        return proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()
