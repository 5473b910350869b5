"""`vigguide import CASE_REF FILE`: a film into a case's current cycle (the same film twice only
with --again)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigguide.errors import printable


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = sub.add_parser("import", help="import a film into a case's current cycle")
    imp.add_argument("case_ref", metavar="CASE_REF", help="the case's reference, e.g. RPT-014")
    imp.add_argument("file", metavar="FILE", type=Path, help="the film, from the camera or phone")
    imp.add_argument(
        "--again", action="store_true", help="import it even if this film is already in the cycle"
    )
    imp.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from vigguide.cli import _stderr_progress, open_home_cli
    from vigguide.domain.wording import long_date
    from vigguide.errors import AlreadyImportedError
    from vigguide.services.recordings import import_recording

    home = open_home_cli(args)
    progress = _stderr_progress("Importing") if sys.stderr.isatty() else None
    try:
        kind = getattr(args, "kind", "interaction")  # --kind: added by cli_superlog
        result = import_recording(
            home, args.case_ref, args.file, progress=progress, kind=kind, again=args.again
        )
    except AlreadyImportedError as exc:
        exc.hint += " To import a second copy anyway, add --again."
        raise
    finally:
        home.close()
        if progress:
            print(file=sys.stderr)
    info = result.info
    print(
        f"Imported into case {args.case_ref}, cycle {result.cycle_number}: "
        f"{info.duration_s:.1f} s, {info.width}x{info.height}, {info.video_codec}."
    )
    if result.delete_by:
        print(f"The film will be deleted on {long_date(result.delete_by)} (retention policy).")
    original = printable(str(args.file))
    print(f"The original at {original} was not changed; you may now remove it from the card.")
    return 0
