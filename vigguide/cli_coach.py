"""`vigguide coach`: registered here, run by `vigguide.prompts.commands` (loaded only when used).

Every command is registered at start-up, so this module imports nothing heavy: the coach and
its guidance load when `coach` runs, not before every other command.
"""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `coach` on the main parser's subcommands."""
    coach = sub.add_parser(
        "coach",
        help="check the wording of a helping question or a text for a parent",
        description=(
            "Check a draft helping question (open, strengths-based, first person, about you and "
            "your baby); with --parent-text, a paragraph a parent will read; with --caption, a "
            "moment title or still caption. The findings are advice: the command always "
            "succeeds."
        ),
    )
    coach.add_argument("text", metavar="TEXT", help="the question or text, in quotes")
    coach.add_argument("--json", action="store_true", help="print the findings as JSON")
    what = coach.add_mutually_exclusive_group()
    what.add_argument(
        "--parent-text",
        action="store_true",
        help="check a paragraph for a parent (plain words, reading ease) instead of a question",
    )
    what.add_argument(
        "--caption",
        action="store_true",
        help="check a moment title or still caption the parent will see instead of a question",
    )
    coach.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from vigguide.prompts.commands import run_coach

    return run_coach(args)
