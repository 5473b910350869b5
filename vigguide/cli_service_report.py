"""The `vigguide service-report` command: the de-identified figures of a period, PDF and CSV."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = sub.add_parser(
        "service-report",
        help="de-identified figures for a period (PDF and CSV) for commissioners and team leads",
    )
    report.add_argument("--from", dest="start", required=True, metavar="DATE", help="YYYY-MM-DD")
    report.add_argument("--to", dest="end", required=True, metavar="DATE", help="YYYY-MM-DD")
    report.add_argument(
        "-o", "--out", dest="out", required=True, type=Path, metavar="DIR",
        help="the folder for the two files (made if missing)",
    )  # fmt: skip
    report.set_defaults(func=cmd_service_report)


def cmd_service_report(args: argparse.Namespace) -> int:
    from vigguide.cli import open_home_cli
    from vigguide.domain.service_report import Period
    from vigguide.services.service_report import parse_day, write_service_report

    # Bad input is refused before the home is opened (no passphrase asked for nothing).
    period = Period(parse_day(args.start, "--from"), parse_day(args.end, "--to"))
    home = open_home_cli(args)
    try:
        paths = write_service_report(home, period, args.out)
    finally:
        home.close()
    for path in paths:
        print(path)
    return 0
