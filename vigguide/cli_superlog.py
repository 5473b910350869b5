"""The `vigguide supervision-log` and `vigguide accreditation` commands: log supervision sessions,
see progress against the AVIGuk stages, and print the accreditation log (it names no family)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    # Options of commands cli.py defines, added here to keep cli.py small.
    sub.choices["import"].add_argument(
        "--kind",
        default="interaction",
        help="interaction (the parent with her baby, the default) or shared-review (the review)",
    )
    sub.choices["demo"].add_argument(
        "--trainee",
        action="store_true",
        help="a trainee's home instead: a cycle ready for supervision, accreditation progress",
    )
    log = sub.add_parser("supervision-log", help="the log of your supervision sessions")
    log_sub = log.add_subparsers(metavar="ACTION", required=True)
    add = log_sub.add_parser("add", help="log a supervision session")
    add.add_argument("--on", required=True, metavar="DATE", help="the day it was held, YYYY-MM-DD")
    add.add_argument("--hours", required=True, metavar="H", help="how long, e.g. 1.5")
    add.add_argument("--supervisor", required=True, metavar="NAME", help="who supervised")
    add.add_argument(
        "--cycles", default="", metavar="REF:N,…", help="the cycles discussed, e.g. VIG-7:2,VIG-9:1"
    )
    add.add_argument("--group", action="store_true", help="a group session (default: individual)")
    add.set_defaults(func=cmd_log_add)
    listing = log_sub.add_parser("list", help="every session logged, oldest first")
    listing.set_defaults(func=cmd_log_list)
    delete = log_sub.add_parser("delete", help="delete a session logged by mistake")
    delete.add_argument("session_id", metavar="ID", type=int, help="its number, from list")
    delete.set_defaults(func=cmd_log_delete)

    accreditation = sub.add_parser(
        "accreditation", help="progress towards AVIGuk accreditation, and the log as a PDF"
    )
    accreditation.add_argument(
        "-o", "--out", type=Path, metavar="PDF", help="write the log (it names no family) here"
    )
    accreditation.add_argument(
        "--initial-course", metavar="DATE", help="record the date of your 2-day initial course"
    )
    accreditation.set_defaults(func=cmd_accreditation)

    keep = sub.add_parser(
        "review-film-retention", help="how many days films of the shared review are kept"
    )
    keep.add_argument("days", nargs="?", metavar="DAYS", help="set it (0: until deleted by hand)")
    keep.set_defaults(func=cmd_review_film_retention)


def cmd_log_add(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.services.accreditation import add_session, parse_cycles, parse_date, parse_hours

    # Bad input is refused before the home is opened (no passphrase asked for nothing).
    parse_date(args.on, "The session date", date.today())
    parse_hours(args.hours)
    parse_cycles(args.cycles)
    home = open_home_cli(args)
    try:
        number = add_session(
            home,
            on=args.on,
            hours=args.hours,
            supervisor=args.supervisor,
            cycles=args.cycles,
            group=args.group,
        )
    finally:
        home.close()
    print(f"Supervision session {number} logged.")
    return 0


def cmd_log_list(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.services.accreditation import progress

    home = open_home_cli(args)
    try:
        found = progress(home)
    finally:
        home.close()
    if not found.sessions:
        print("No supervision sessions logged yet.")
        return 0
    for s in found.sessions:
        cycles = ", ".join(f"{found.refs.get(c, '?')}:{n}" for c, n in s.cycles) or "none"
        kind = "group" if s.group else "individual"
        print(
            f"{s.id:>4}  {s.held_on.isoformat()}  {s.hours:g} h  {kind:<10}  {s.supervisor}"
            f"  cycles: {cycles}"
        )
    return 0


def cmd_log_delete(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.services.accreditation import delete_session

    home = open_home_cli(args)
    try:
        delete_session(home, args.session_id)
    finally:
        home.close()
    print(f"Supervision session {args.session_id} deleted.")
    return 0


def cmd_accreditation(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.services.accreditation import (
        parse_date,
        progress,
        set_course_date,
        write_log_pdf,
    )
    from vigguide.services.accreditation_words import progress_lines

    if args.initial_course is not None:
        parse_date(args.initial_course, "The initial course date", date.today())
    home = open_home_cli(args)
    try:
        if args.initial_course is not None:
            set_course_date(home, args.initial_course)
        if args.out is not None:
            print(write_log_pdf(home, args.out))
            return 0
        found = progress(home)
    finally:
        home.close()
    for line in progress_lines(found):
        print(line)
    return 0


def cmd_review_film_retention(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.services.review_film import review_film_rule_text, set_review_film_days

    home = open_home_cli(args)
    try:
        if args.days is not None:
            set_review_film_days(home.store, args.days)
        rule = review_film_rule_text(home.store)
    finally:
        home.close()
    if rule == "keep":
        print("Films of the shared review are kept until you delete them.")
    else:
        either = " (whichever comes first)" if " or " in rule else ""
        print(f"Films of the shared review are deleted {rule}{either}.")
    print("The same rule is on the Settings screen; vigguide retention lists what is due.")
    return 0
