"""The `vigguide` command: opens the TUI, or runs a headless subcommand for scripting and support."""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from vigguide.__about__ import __version__
from vigguide.errors import VigGuideError, printable


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vigguide",
        usage="vigguide [--home DIR] [COMMAND ...]",
        description="A calm terminal assistant for Video Interaction Guidance practitioners. "
        "Run plain `vigguide` (no command) to open the app on your caseload; the commands below "
        "are optional, for scripting and support.",
        epilog="Each command has its own help: vigguide COMMAND --help.",
    )
    parser.add_argument("--version", action="version", version=f"vigguide {__version__}")
    parser.add_argument(
        "--home",
        type=Path,
        metavar="DIR",
        help=f"the vigguide home folder (default: VIGGUIDE_HOME, else {_default_home_text()})",
    )
    parser.set_defaults(func=cmd_tui)
    sub = parser.add_subparsers(title="commands (optional)", metavar="COMMAND")

    demo = sub.add_parser("demo", help="open a demo home with a fictional family")
    demo.add_argument("--no-tui", action="store_true", help="build the demo and print its case")
    demo.set_defaults(func=cmd_demo)

    doctor = sub.add_parser("doctor", help="check what vigguide needs on this computer")
    doctor.set_defaults(func=cmd_doctor)

    audit = sub.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(metavar="ACTION", required=True)
    verify = audit_sub.add_parser("verify", help="check the audit trail has not been altered")
    verify.add_argument(
        "--anchor", help="also prove the trail still holds this anchor (from audit head or a note)"
    )
    verify.set_defaults(func=cmd_audit_verify)
    head = audit_sub.add_parser("head", help="print the anchor of the newest event, to keep safe")
    head.set_defaults(func=cmd_audit_head)

    check = sub.add_parser("check", help="check the home is whole (database, audit, vault)")
    check.add_argument(
        "--read-data", action="store_true", help="also decrypt every vault file and check its hash"
    )
    check.add_argument(
        "--backup",
        type=Path,
        metavar="DIR",
        help="check a backup folder instead (every file read and checked against its record)",
    )
    check.set_defaults(func=cmd_check)

    guidance = sub.add_parser("guidance", help="the service's own guidance files")
    guidance_sub = guidance.add_subparsers(metavar="ACTION", required=True)
    guidance_check = guidance_sub.add_parser("check", help="check the files in <home>/guidance")
    guidance_check.set_defaults(func=cmd_guidance_check)

    report = sub.add_parser("report", help="print a cycle's documents to PDF (headless)")
    report.add_argument("case_ref", metavar="CASE_REF", help="the case's reference, e.g. RPT-014")
    report.add_argument(
        "--cycle",
        type=int,
        metavar="N",
        help="the cycle number (not needed for --ending, --ending-note alone)",
    )
    report.add_argument("--insert", action="store_true", help="also the Staying Well plan insert")
    report.add_argument("--a5", action="store_true", help="print the insert on A5 (both sides)")
    report.add_argument("--ending", action="store_true", help="also the ending summary")
    report.add_argument("--ending-note", action="store_true", help="also the ending note (record)")
    report.add_argument("--note", action="store_true", help="also the progress note (PDF and text)")
    report.add_argument("--reminder", action="store_true", help="also the filming reminder")
    report.add_argument("--no-summary", action="store_true", help="leave out the review summary")
    report.add_argument(
        "-o",
        "--out",
        type=Path,
        metavar="DIR",
        help="folder for the files (default: the export folder set in Settings, else "
        f"{_default_export_text()})",
    )
    report.set_defaults(func=cmd_report)

    for module in (
        "vigguide.media.commands",
        "vigguide.cli_coach",
        "vigguide.cli_backup",
        "vigguide.cli_play",
        "vigguide.cli_service_report",
        "vigguide.cli_retention",
        "vigguide.cli_measure",
        "vigguide.cli_key",
        "vigguide.cli_import",  # before cli_superlog, which adds --kind to import
        "vigguide.cli_superlog",
        "vigguide.cli_supervision",
    ):
        _add_optional(sub, module)
    return parser


def _default_home_text() -> str:
    from vigguide.paths import default_home

    return str(default_home({})).replace("%", "%%")


def _default_export_text() -> str:
    from vigguide.paths import default_export_dir

    return str(default_export_dir()).replace("%", "%%")


def _add_optional(sub: argparse._SubParsersAction, module: str) -> None:  # type: ignore[type-arg]
    import importlib

    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return
    mod.add_commands(sub)


# opening a home -----------------------------------------------------------------------------


def home_path(args: argparse.Namespace) -> Path:
    from vigguide.paths import default_home

    return Path(args.home).expanduser() if args.home else default_home()


def open_home_cli(args: argparse.Namespace, *, create: bool = False):  # type: ignore[no-untyped-def]
    from vigguide.store.home import open_home
    from vigguide.terminal import ask_passphrase, show_recovery_key

    return open_home(
        home_path(args), passphrase=ask_passphrase, create=create, on_setup=show_recovery_key
    )


# commands -----------------------------------------------------------------------------------


def cmd_tui(args: argparse.Namespace) -> int:
    from vigguide.app import run_app

    home = open_home_cli(args, create=True)
    try:
        run_app(home)
    finally:
        home.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from vigguide.demo import ENDED_REF, close_demo, open_demo
    from vigguide.demo_trainee import trainee_summary

    home, family = open_demo(args.home, trainee=getattr(args, "trainee", False))
    try:
        if args.no_tui:
            print(f"home: {home.path}")
            print(f"case: {family.ref}")
            print(f"parent: {family.parent_name}")
            print(f"baby: {family.baby_name}")
            trainee = getattr(args, "trainee", False)
            print(*(trainee_summary(home) if trainee else [f"ended: {ENDED_REF}"]), sep="\n")
            return 0
        from vigguide.app import make_app
        from vigguide.demo import demo_passphrase, demo_title

        app = make_app(home)
        app.title, app.demo_passphrase = demo_title(home), demo_passphrase(home)
        app.run()
    finally:
        home.close()
        if not args.no_tui:  # --no-tui keeps it (its home is printed) until the next demo
            close_demo(home)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from vigguide.doctor import print_report, run_checks

    checks = run_checks(home_path(args))
    print_report(checks)
    return 0 if all(c.usable for c in checks) else 1


def cmd_audit_verify(args: argparse.Namespace) -> int:
    if args.anchor is not None:
        from vigguide.store.audit import parse_anchor

        parse_anchor(args.anchor)  # a mistyped anchor is bad input (exit 2), not tampering
    home = open_home_cli(args)
    try:
        report = home.store.audit_verify(args.anchor)
    finally:
        home.close()
    if report.ok:
        print(f"The audit trail is intact: {report.events} events, each linked to the one before.")
        if args.anchor is not None:
            print(f"It still holds the anchored event {args.anchor.strip()}.")
        return 0
    print(
        f"The audit trail has been altered: {report.problem} (first broken event: "
        f"{report.first_broken}). Report this to your information governance lead.",
        file=sys.stderr,
    )
    return 1


def cmd_audit_head(args: argparse.Namespace) -> int:
    home = open_home_cli(args)
    try:
        print(home.store.audit_anchor())
    finally:
        home.close()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from vigguide.services.check import check_home, report_lines

    if args.backup is not None:
        from vigguide.cli_backup import check_backup_folder

        return check_backup_folder(args, args.backup)
    home = open_home_cli(args)
    try:
        progress = _stderr_progress("Reading the vault") if sys.stderr.isatty() else None
        report = check_home(home, read_data=args.read_data, progress=progress)
    finally:
        home.close()
    if progress:
        print(file=sys.stderr)
    print("\n".join(report_lines(report)))
    return 0 if report.ok else 1


def _read_secret(prompt: str) -> str:
    import getpass

    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


def cmd_guidance_check(args: argparse.Namespace) -> int:
    from vigguide.prompts import load_guidance, service_guidance_dir

    folder = service_guidance_dir(home_path(args))
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    if not files:
        print(f"No service guidance files in {folder}: the built-in guidance is used.")
        return 0
    guidance = load_guidance(folder)
    for problem in guidance.problems:
        print(f"problem: {problem}")
    if guidance.problems:
        print(
            "The built-in guidance is used for the parts named above; fix the files and check again."
        )
        return 1
    print(f"{len(files)} guidance file(s) in {folder} load cleanly.")
    return 0


_OPTIONAL_KINDS = ("insert", "ending", "ending-note", "note", "filming-reminder")


def cmd_report(args: argparse.Namespace) -> int:
    # the review summary belongs to one cycle: asking for the ending alone does not add it
    ending_alone = (args.ending or args.ending_note) and args.cycle is None
    kinds = [] if args.no_summary or ending_alone else ["summary"]
    wanted = (args.insert, args.ending, args.ending_note, args.note, args.reminder)
    kinds += [k for k, on in zip(_OPTIONAL_KINDS, wanted, strict=True) if on]
    if not kinds:
        raise VigGuideError("No document was chosen.", "Leave out --no-summary or add --insert.")
    ending_only = set(kinds) <= {"ending", "ending-note"}
    if args.cycle is None and not ending_only:
        raise VigGuideError("Which cycle? The review documents belong to one.", "Add --cycle N.")
    from vigguide.doctor import require_pdf_engine

    require_pdf_engine()  # a missing Pango is a plain message, not a traceback
    from vigguide.services.reports import generate

    home = open_home_cli(args)
    warnings: list[str] = []
    try:
        cycle = args.cycle
        if cycle is None:  # the ending looks back on every cycle: any of them will do
            cycles = home.store.load(args.case_ref).cycles
            cycle = cycles[-1].number if cycles else 1
        paths = generate(
            home,
            args.case_ref,
            cycle,
            kinds,
            args.out,
            insert_size="A5" if args.a5 else "A4",
            warnings=warnings,
        )
    finally:
        home.close()
    for path in paths:
        print(printable(str(path)))
    for warning in warnings:
        print(f"warning: {printable(warning)}", file=sys.stderr)
    return 0


def _stderr_progress(label: str):  # type: ignore[no-untyped-def]
    lock = threading.Lock()

    def show(fraction: float) -> None:
        with lock:
            print(f"\r{label}… {fraction * 100:5.1f}%", end="", file=sys.stderr, flush=True)

    return show


# entry point --------------------------------------------------------------------------------


def home_first(argv: list[str]) -> list[str]:
    """`--home DIR` is a global option; people also type it after the command
    (`vigguide audit verify --home DIR`), so it is moved to the front. `restore` has a `--home`
    of its own (the new home), which stays where it is."""
    command = next((i for i, a in enumerate(argv) if not a.startswith("-")), None)
    if command is not None and command > 0 and argv[command - 1] == "--home":
        command = next((i for i, a in enumerate(argv[command + 1 :], command + 1)
                        if not a.startswith("-")), None)  # fmt: skip
    if command is None or argv[command] == "restore":
        return argv
    head, tail = argv[:command], argv[command:]
    moved: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(tail):
        if tail[i] == "--":
            rest += tail[i:]
            break
        if tail[i] == "--home" and i + 1 < len(tail):
            moved += tail[i : i + 2]
            i += 2
            continue
        if tail[i].startswith("--home="):
            moved.append(tail[i])
        else:
            rest.append(tail[i])
        i += 1
    return [*head, *moved, *rest]


def main(argv: Sequence[str] | None = None) -> int:
    if os.name == "posix":
        # Everything vigguide writes is private, whatever umask the shell or desktop handed down.
        os.umask(0o077)
    parser = build_parser()
    args = parser.parse_args(home_first(list(sys.argv[1:] if argv is None else argv)))
    try:
        return int(args.func(args) or 0)
    except VigGuideError as exc:
        print(f"vigguide: {printable(exc.message)}", file=sys.stderr)
        if exc.hint:
            print(f"  {printable(exc.hint)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("\nvigguide: stopped. Nothing half-done was kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
