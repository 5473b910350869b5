"""`vigguide supervision …`: make a supervision pack for a cycle, see what was sent and receive the
feedback (the guider's side); open, list, show, play, give feedback on and destroy held packs (the
supervisor's side)."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from vigguide.errors import VigGuideError


def _moments(text: str) -> list[int]:
    try:
        numbers = [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise argparse.ArgumentTypeError(
            "give moment numbers separated by commas, e.g. 1,3"
        ) from None
    if not numbers:
        raise argparse.ArgumentTypeError("give at least one moment number")
    return numbers


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sup = sub.add_parser("supervision", help="supervision packs to and from colleagues")
    s = sup.add_subparsers(metavar="ACTION", required=True)

    pack = s.add_parser(
        "pack",
        help="make an encrypted supervision pack of a cycle for your supervisor",
        description="Chosen clips and stills of the cycle (of either film), the review record, your"
        " reflections and questions, encrypted to the supervisor and to this home. Needs the parent's consent to show clips"
        " in supervision. First names become 'Mum' and 'baby' unless --names is given.",
    )
    pack.add_argument("case_ref", metavar="CASE")
    pack.add_argument("--cycle", type=int, required=True, help="the cycle number")
    pack.add_argument("--to", required=True, help="a colleague's name, or an age1… recipient")
    pack.add_argument("-o", "--out", type=Path, required=True, help="the pack file to write")
    pack.add_argument(
        "--review-moments",
        type=_moments,
        help="moments of the shared-review film to include, e.g. 1,2 (needs consent to film the"
        " review)",
    )
    pack.add_argument(
        "--moments",
        type=_moments,
        help="moments of the interaction film to include, e.g. 1,2 (with neither option: every"
        " clip made of both films)",
    )
    pack.add_argument("--names", action="store_true", help="keep the family's first names")
    pack.add_argument("--questions", default="", help="your questions for supervision")
    pack.add_argument("--days", type=int, default=28, help="days the supervisor keeps it (28)")
    pack.set_defaults(func=cmd_pack)

    sent = s.add_parser("sent", help="the packs sent for a case, and any feedback on them")
    sent.add_argument("case_ref", metavar="CASE")
    sent.set_defaults(func=cmd_sent)

    receive = s.add_parser("receive", help="attach a feedback pack from your supervisor")
    receive.add_argument("file", metavar="PATH", type=Path)
    receive.set_defaults(func=cmd_receive)

    opening = s.add_parser(
        "open", help="open a pack a colleague sent you into the supervision area"
    )
    opening.add_argument("file", metavar="PATH", type=Path)
    opening.set_defaults(func=cmd_open)

    listing = s.add_parser("list", help="the packs held in the supervision area")
    listing.set_defaults(func=cmd_list)

    show = s.add_parser("show", help="what a held pack contains")
    show.add_argument("held_id", metavar="ID", type=int)
    show.set_defaults(func=cmd_show)

    play = s.add_parser("play", help="watch a clip of a held pack in the player")
    play.add_argument("held_id", metavar="ID", type=int)
    play.add_argument("--clip", type=int, help="one clip by its number (default all)")
    play.add_argument("--terminal", action="store_true", help="play in this terminal")
    play.set_defaults(func=cmd_play)

    feedback = s.add_parser("feedback", help="write feedback on a held pack (and send it back)")
    feedback.add_argument("held_id", metavar="ID", type=int)
    feedback.add_argument("--text", required=True, help="your feedback for the guider")
    feedback.add_argument("--sign-off", action="store_true", help="sign the session off")
    feedback.add_argument("-o", "--out", type=Path, help="write the feedback pack for the guider")
    feedback.set_defaults(func=cmd_feedback)

    destroy = s.add_parser("destroy", help="delete a held pack now (clips, stills and record)")
    destroy.add_argument("held_id", metavar="ID", type=int)
    destroy.set_defaults(func=cmd_destroy)


def _home(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from vigguide.cli import open_home_cli

    return open_home_cli(args)


def cmd_pack(args: argparse.Namespace) -> int:
    from vigguide.services.supervision import make_pack
    from vigguide.store.colleagues import check_recipient

    if args.to.strip().lower().startswith("age1"):
        check_recipient(args.to)  # a garbled recipient is refused before the home is opened
    home = _home(args)
    try:
        made = make_pack(
            home, args.case_ref, args.cycle, args.to, args.out,
            moments=args.moments, review_moments=args.review_moments, names=args.names,
            questions=args.questions, days=args.days,
        )  # fmt: skip
    finally:
        home.close()
    who = made.to_name or "that recipient"
    print(
        f"Wrote {made.path}: {made.clips} clip(s), {made.stills} still(s), for {who}; "
        f"to be destroyed by {made.destroy_by:%d %b %Y}."
    )
    return 0


def cmd_sent(args: argparse.Namespace) -> int:
    from vigguide.services.supervision import packs_sent

    home = _home(args)
    try:
        sent = packs_sent(home, args.case_ref)
    finally:
        home.close()
    if not sent:
        print(f"No supervision packs were sent for case {args.case_ref}.")
    for p in sent:
        who = p.to_name or p.recipient
        fed = (
            " — feedback received" + (", signed off" if p.signed_off else "") if p.feedback else ""
        )
        print(
            f"cycle {p.cycle}: sent {p.sent_at:%d %b %Y} to {who} ({p.file_name}), "
            f"destroy by {p.destroy_by:%d %b %Y}{fed}"
        )
    return 0


def cmd_receive(args: argparse.Namespace) -> int:
    from vigguide.services.supervision import receive_feedback

    home = _home(args)
    try:
        got = receive_feedback(home, args.file)
    finally:
        home.close()
    signed = " and signed the session off" if got.signed_off else ""
    print(f"Feedback from {got.supervisor or 'your supervisor'}{signed}: attached to case "
          f"{got.ref}, cycle {got.cycle}.")  # fmt: skip
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    from vigguide.services.supervision_area import open_pack

    home = _home(args)
    try:
        pack = open_pack(home, args.file)
    finally:
        home.close()
    print(
        f"Opened as held pack {pack.id}: from {pack.sender or 'a colleague'}, "
        f"{len(pack.clips)} clip(s), {len(pack.stills)} still(s), "
        f"destroy by {pack.destroy_by:%d %b %Y}. You may now delete {args.file.name}."
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from vigguide.services.supervision_area import held

    home = _home(args)
    try:
        packs = held(home)
    finally:
        home.close()
    if not packs:
        print("No supervision packs are held here.")
    for p in packs:
        signed = ", signed off" if p.signed_off else (", feedback written" if p.feedback else "")
        print(
            f"{p.id}: from {p.sender or 'a colleague'}, cycle {p.content.get('cycle', '?')}, "
            f"{len(p.clips)} clip(s), {len(p.stills)} still(s), "
            f"destroy by {p.destroy_by:%d %b %Y}{signed}"
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from vigguide.services.supervision_area import held_one
    from vigguide.services.supervision_view import pack_lines

    home = _home(args)
    try:
        pack = held_one(home, args.held_id)
    finally:
        home.close()
    for line in pack_lines(pack):
        print(textwrap.fill(line, 100, subsequent_indent="  ") if line else "")
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    from vigguide.player.env import NoDisplay, display_available
    from vigguide.player.held import held_plan
    from vigguide.player.session import vault_opener

    home = _home(args)
    try:
        from vigguide.services.supervision_area import held_one

        plan = held_plan(held_one(home, args.held_id), args.clip)
        opener = vault_opener(home)
        if not args.terminal and display_available():
            from vigguide.player.window import PlayerWindow

            try:
                PlayerWindow(plan, opener).run()
                return 0
            except NoDisplay:
                pass
        if not sys.stdout.isatty():
            raise VigGuideError(
                "The player cannot show pictures here: there is no display and no terminal.",
                "Run vigguide supervision play on the laptop's own screen, or in a terminal.",
            )
        from vigguide.player.terminal import play_in_terminal

        play_in_terminal(plan, opener)
        return 0
    finally:
        home.close()


def cmd_feedback(args: argparse.Namespace) -> int:
    from vigguide.services.supervision_area import write_feedback

    home = _home(args)
    try:
        done = write_feedback(home, args.held_id, args.text, signed_off=args.sign_off, out=args.out)
    finally:
        home.close()
    print(
        "Feedback kept with the pack" + (" and the session signed off." if done.signed_off else ".")
    )
    if done.path is not None:
        print(f"Wrote {done.path}, encrypted to the guider: send it to her.")
    return 0


def cmd_destroy(args: argparse.Namespace) -> int:
    from vigguide.services.supervision_area import destroy

    home = _home(args)
    try:
        files = destroy(home, args.held_id)
    finally:
        home.close()
    print(f"Held pack {args.held_id} is deleted ({files} file(s)); the deletion is audited.")
    return 0
