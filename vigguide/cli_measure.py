"""`vigguide measure add|list CASE`: record and list a case's outcome measures (PHQ-9, GAD-7,
CORE-10 answer by answer; the PBQ as a total; the EPDS as a total and item 10's own score).

A risk answer is never stored silently: without --risk-shown the service's risk procedure is
printed and nothing is stored (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from vigguide.errors import VigGuideError

_KINDS = "phq9, gad7, core10, pbq, epds"
_ADD_EPILOG = (
    "PHQ-9, GAD-7 and CORE-10 are entered answer by answer with --answers, each the position of "
    "the answer ticked, counting from 0 (PHQ-9, GAD-7: 0 not at all … 3 nearly every day; "
    "CORE-10: 0 not at all … 4 most or all of the time; its items 2 and 3 are scored the other "
    "way round for you). The PBQ is entered with --total; the EPDS with --total and --item10 (its "
    "items are not reproduced). An answer that flags risk (PHQ-9 item 9, CORE-10 item 6, EPDS "
    "item 10) is stored only with --risk-shown, after your service's risk procedure was followed."
)


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    measure = sub.add_parser(
        "measure",
        help="record and list a case's outcome measures (PHQ-9, GAD-7, CORE-10, PBQ, EPDS)",
        description="Standard outcome measures at the start and end of the work.",
    )
    measure_sub = measure.add_subparsers(metavar="ACTION", required=True)
    add = measure_sub.add_parser("add", help="record one measure for a case", epilog=_ADD_EPILOG)
    add.add_argument("case_ref", metavar="CASE")
    add.add_argument("--kind", required=True, help=f"which measure: {_KINDS}")
    add.add_argument("--answers", help="every item's answer, e.g. 1,2,0,1,1,0,0,1,0")
    add.add_argument("--total", help="the total score (PBQ, EPDS)")
    add.add_argument("--item10", help="the EPDS item 10 score, 0 to 3")
    add.add_argument(
        "--on", dest="taken_on", help="the day it was taken, YYYY-MM-DD (default today)"
    )
    add.add_argument(
        "--risk-shown",
        action="store_true",
        help="the risk procedure was followed; needed to store a risk answer",
    )
    add.set_defaults(func=cmd_measure_add)
    listing = measure_sub.add_parser("list", help="list a case's measures with totals and bands")
    listing.add_argument("case_ref", metavar="CASE")
    listing.set_defaults(func=cmd_measure_list)


def _number(text: str | None, what: str) -> int | None:
    if text is None:
        return None
    value = text.strip()
    if not value.lstrip("-").isdigit():
        raise VigGuideError(f"{what} must be a whole number, not {text!r}.")
    return int(value)


def _answers(text: str | None) -> list[int] | None:
    if text is None:
        return None
    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    if not parts or not all(p.lstrip("-").isdigit() for p in parts):
        raise VigGuideError(
            f"--answers {text!r} is not a list of whole numbers.", "Write them like 1,2,0,1."
        )
    return [int(p) for p in parts]


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise VigGuideError(
            f"--on {text!r} is not a date.", "Write it as YYYY-MM-DD, e.g. 2026-03-02."
        ) from None


def cmd_measure_add(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.domain.measures import risk_item_text, score
    from vigguide.store.measures import record_measure
    from vigguide.store.settings import load_settings

    scored = score(
        args.kind,
        _answers(args.answers),
        total=_number(args.total, "--total"),
        item10=_number(args.item10, "--item10"),
    )
    taken_on = _day(args.taken_on)
    home = open_home_cli(args)
    try:
        home.store.case(args.case_ref)  # a wrong reference is said before the risk text
        if scored.risk and not args.risk_shown:
            procedure = load_settings(home.store).risk_procedure
            print(
                f"RISK: {risk_item_text(scored.kind)} was answered above 0.\n\n{procedure}\n\n"
                "Nothing was stored. Once you have followed the procedure, run the same command "
                "with --risk-shown.",
                file=sys.stderr,
            )
            return 2
        stored = record_measure(
            home.store, args.case_ref, scored, taken_on, risk_shown=args.risk_shown
        )
    finally:
        home.close()
    band = f" ({stored.band})" if stored.band else ""
    risk = " — risk answer recorded" if stored.risk else ""
    print(
        f"{args.case_ref}: {stored.name} on {stored.taken_on.isoformat()}: "
        f"{stored.total}/{stored.instrument.max_total}{band}{risk}."
    )
    return 0


def cmd_measure_list(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.domain.measures import by_kind, sparkline
    from vigguide.store.measures import list_measures

    home = open_home_cli(args)
    try:
        measures = list_measures(home.store, args.case_ref)
    finally:
        home.close()
    if not measures:
        print(f"{args.case_ref}: no measures recorded yet.")
        return 0
    for found in by_kind(measures).values():
        inst = found[0].instrument
        line = sparkline([m.total for m in found], inst.max_total)
        print(f"{inst.name} (0–{inst.max_total})  {line}")
        for m in found:
            band = f"  {m.band}" if m.band else ""
            risk = "  RISK ANSWER" if m.risk else ""
            print(f"  {m.taken_on.isoformat()}  {m.total:>3}{band}{risk}")
    return 0
