"""The `vigguide media …` subcommands for scripting and support (probe, still, clip, filmstrip)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from vigguide.errors import MediaError, printable


def _checked(path: str) -> Path:
    from vigguide.media.probe import validate
    from vigguide.media.writing import require_regular_file

    file = Path(path).resolve()
    require_regular_file(file)
    validate(file)
    return file


def _probe(args: argparse.Namespace) -> int:
    from vigguide.media.probe import validate

    info = validate(_checked(args.file))
    data = info.public()
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        for key, value in data.items():
            print(f"{key}: {printable(str(value))}")
    return 0


def _still(args: argparse.Namespace) -> int:
    from vigguide.media.stills import make_still
    from vigguide.media.writing import staged_output

    file = _checked(args.file)
    with staged_output(Path(args.output).absolute()) as out:
        result = make_still(file, args.at, out)
    where = printable(str(Path(args.output).absolute()))
    print(f"Saved the frame at {result.time_s:.3f} s to {where}")
    return 0


class _Bar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()

    def __call__(self, fraction: float) -> None:
        if self.live:
            filled = int(fraction * 30)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.live:
            sys.stderr.write("\n")


def _clip(args: argparse.Namespace) -> int:
    from vigguide.media.clips import make_clip
    from vigguide.media.probe import validate

    if args.end <= args.start:
        raise MediaError("The clip must end after it starts.", "Give an --end after --start.")
    from vigguide.media.writing import staged_output

    file = _checked(args.file)
    info = validate(file)
    duration = info.duration_s
    if args.end > duration + 0.001:  # as `still --at`: say so, rather than cut a shorter clip
        raise MediaError(
            f"The film is only {duration:.2f} s long; a clip cannot end at {args.end:.2f} s.",
            f"Give an --end of at most {duration:.2f}.",
        )
    bar = _Bar()
    with staged_output(Path(args.output).absolute()) as out:
        try:
            result = make_clip(
                file,
                args.start,
                args.end,
                out,
                progress=bar,
                info=info,
                allow_fast=not args.no_fast,
            )
        finally:
            bar.done()
    where = printable(str(Path(args.output).absolute()))
    print(f"Saved {result.frames} frames ({result.duration_s:.2f} s, {result.method}) to {where}")
    if result.method == "copied":
        print(
            "The film's own frames, as filmed and shown upright by their flag: they play in"
            " vigguide and on phones of the last several years. For a clip that plays on any"
            " phone, add --no-fast (H.264, 720p, upright in its pixels)."
        )
    return 0


def _filmstrip(args: argparse.Namespace) -> int:
    from vigguide.media.filmstrip import write_filmstrip

    written = write_filmstrip(_checked(args.file), Path(args.output).resolve())
    count = len(written)
    noun = "thumbnail" if count == 1 else "thumbnails"
    print(f"Saved {count} {noun} to {printable(str(Path(args.output).resolve()))}")
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `vigguide media probe|still|clip|filmstrip` on the CLI's subparsers."""
    media = sub.add_parser("media", help="look at or cut a video file (for scripting and support)")
    verbs = media.add_subparsers(dest="media_command", required=True, metavar="COMMAND")

    p = verbs.add_parser("probe", help="show what a video file holds")
    p.add_argument("file", metavar="FILE", help="the video file")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_probe)

    s = verbs.add_parser("still", help="save the frame at a time as a JPEG")
    s.add_argument("file", metavar="FILE", help="the video file")
    s.add_argument(
        "--at",
        type=float,
        required=True,
        metavar="SECONDS",
        help="the time of the frame, in seconds",
    )
    s.add_argument("-o", "--output", required=True, metavar="OUT.jpg", help="the JPEG to write")
    s.set_defaults(func=_still)

    c = verbs.add_parser("clip", help="save a frame-accurate clip as MP4")
    c.add_argument("file", metavar="FILE", help="the video file")
    c.add_argument(
        "--start", type=float, required=True, metavar="S", help="where the clip starts, in seconds"
    )
    c.add_argument(
        "--end", type=float, required=True, metavar="E", help="where the clip ends, in seconds"
    )
    c.add_argument("-o", "--output", required=True, metavar="OUT.mp4", help="the MP4 to write")
    c.add_argument(
        "--no-fast",
        action="store_true",
        help="always re-encode the whole clip (H.264 at 720p, plays on any phone)",
    )
    c.set_defaults(func=_clip)

    f = verbs.add_parser("filmstrip", help="save keyframe thumbnails into a folder")
    f.add_argument("file", metavar="FILE", help="the video file")
    f.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="the folder for the thumbnails"
    )
    f.set_defaults(func=_filmstrip)
