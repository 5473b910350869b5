"""The player: moments watched straight from the encrypted recording, with sound, stopping at the
planned pause with its activating question and freezing on each still.

For the TUI (it holds the home, so the window runs in its own process):

    proc = launch(home, case_ref, cycle, moment, review=True)   # moment: number in review order
    ...
    close_player(proc)                                           # or the parent simply exits

`launch` raises PlayError (no such case/cycle/moment, film deleted, no consent: its message is
plain and ready to show) or NoDisplay (no window possible here: use the in-terminal preview).
Importing this package loads neither SDL nor Textual.
"""

from __future__ import annotations

from vigguide.player.env import NoDisplay, display_available
from vigguide.player.launch import close_player, launch
from vigguide.player.plan import PlayClip, PlayError, PlayPlan, build_plan
from vigguide.player.session import plan_for

__all__ = [
    "NoDisplay",
    "PlayClip",
    "PlayError",
    "PlayPlan",
    "build_plan",
    "close_player",
    "display_available",
    "launch",
    "plan_for",
]
