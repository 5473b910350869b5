"""`vigguide play CASE [--cycle N] [--moment K]`: watch a moment, or a whole cycle in review order,
in the player window (or in the terminal where there is no display).

Playing is not an export: it writes nothing and makes no copy, so it is not in the audit trail.
"""

from __future__ import annotations

import argparse
import sys

_EPILOG = (
    "Without --moment, all the cycle's moments play in review order, stopping at each planned "
    "pause with its question. --review is the shared review with the parent and needs her consent "
    "to use the film there. Playing writes nothing to disk and is not recorded in the audit trail "
    "(it is not an export). Keys: space play/pause, left/right one frame, shift+left/right 1 s, "
    "[ ] 10 s, b back 5 s, comma slower (1, 1/2, 1/4 of normal speed, silent when slowed), full "
    "stop faster, r replay, n next clip, f full screen, d next screen, q or Esc close."
)


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    play = sub.add_parser(
        "play",
        help="watch a moment or a cycle's moments in the player window",
        description="Watch moments straight from the encrypted recording, with sound.",
        epilog=_EPILOG,
    )
    play.add_argument("case_ref", metavar="CASE")
    play.add_argument("--cycle", type=int, help="the cycle number (default: the current cycle)")
    play.add_argument(
        "--moment", type=int, help="one moment, by its number in review order (from 1)"
    )
    play.add_argument(
        "--review", action="store_true", help="the shared review with the parent (needs consent)"
    )
    play.add_argument("--display", type=int, default=0, help="which screen (0 is the first)")
    play.add_argument("--fullscreen", action="store_true", help="start full screen")
    play.add_argument(
        "--terminal", action="store_true", help="play in this terminal even if a window could open"
    )
    play.set_defaults(func=cmd_play)


def cmd_play(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.player.env import NoDisplay, display_available
    from vigguide.player.session import plan_for, vault_opener

    if args.moment is not None and args.moment < 1:
        print(
            "vigguide: --moment counts from 1 (the first moment in review order).", file=sys.stderr
        )
        return 2
    home = open_home_cli(args)
    try:
        plan = plan_for(home, args.case_ref, args.cycle, args.moment, review=args.review)
        opener = vault_opener(home)
        why = "--terminal was asked for"
        if not args.terminal:
            if display_available():
                from vigguide.player.window import PlayerWindow

                try:
                    window = PlayerWindow(
                        plan, opener, display=args.display, fullscreen=args.fullscreen
                    )
                except NoDisplay as exc:
                    why = exc.message
                else:
                    if window.speaker.problem:
                        print(window.speaker.problem, file=sys.stderr)
                    window.run()
                    return 0
            else:
                why = "there is no display here"
        if not sys.stdout.isatty():
            raise NoDisplay(
                f"The player cannot show pictures: {why.rstrip('.')}, and this is not a terminal.",
                "Run vigguide play on the laptop's own screen, or in a terminal.",
            )
        from vigguide.player.terminal import play_in_terminal

        if not args.terminal:
            print(f"No player window: {why.rstrip('.')}.")
        play_in_terminal(plan, opener)
        return 0
    finally:
        home.close()
