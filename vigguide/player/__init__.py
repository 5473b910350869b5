"""The player: moments watched straight from the encrypted recording, with sound, stopping at the
planned pause with its activating question and freezing on each still.

For the TUI (it holds the home, so the window runs in its own process):

    prepare()                                                    # when the screen opens: warm start
    proc = launch(home, case_ref, cycle, moment, review=True)   # moment: number in review order
    ...
    close_player(proc)                                           # or the parent simply exits

`launch` raises PlayError (no such case/cycle/moment, film deleted, no consent: its message is
plain and ready to show) or NoDisplay (no window possible here: use the in-terminal preview).
Importing this package loads neither SDL nor Textual.
"""

from __future__ import annotations

import importlib
import os

# pygame greets on import; a clinician's terminal (and the TUI behind it) should not see that
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vigguide.player.env import NoDisplay, display_available
    from vigguide.player.plan import PlayClip, PlayError, PlayPlan, build_plan
    from vigguide.player.process import close_player, launch, launch_plan, prepare
    from vigguide.player.session import plan_for

# loaded on first use, so the player's own process does not import the store to start
_WHERE = {
    "NoDisplay": "env",
    "display_available": "env",
    "close_player": "process",
    "launch": "process",
    "launch_plan": "process",
    "prepare": "process",
    "PlayClip": "plan",
    "PlayError": "plan",
    "PlayPlan": "plan",
    "build_plan": "plan",
    "plan_for": "session",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'vigguide.player' has no attribute {name!r}")
    return getattr(importlib.import_module(f"vigguide.player.{_WHERE[name]}"), name)


__all__ = [
    "NoDisplay",
    "PlayClip",
    "PlayError",
    "PlayPlan",
    "build_plan",
    "close_player",
    "display_available",
    "launch",
    "launch_plan",
    "plan_for",
    "prepare",
]
