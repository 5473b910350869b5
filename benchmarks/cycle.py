"""A whole cycle, headless, through the services, on a 10-minute portrait HEVC phone film.

    python benchmarks/cycle.py [--seconds 600] [--repeat 1]

Import the film (about 640 MB, 1920x1080 HEVC stored, shown upright), three clips (10, 12 and
15 s), two stills, the summary, insert and note, and the family video — the same service calls
the screens and the CLI make. Timed step by step; the home's set-up (the passphrase's key
derivation, the case, consent) is not part of the cycle. For scale, the same run also times the
three clips made by plain `ffmpeg -ss T -i FILM -t D -c:v libx264 -preset veryfast -c:a aac`,
and prints the load average before and after. The film is cached under benchmarks/out/.
Target: the cycle in 20 s or less on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.clips import load, machine  # noqa: E402
from tests.phone_films import make_benchmark_film  # noqa: E402
from vigguide.domain import (  # noqa: E402
    ClipReview,
    ConsentScope,
    FilmingPlan,
    Practitioner,
    Role,
    SharedReview,
)
from vigguide.media.ffmpeg_run import ffmpeg_exe  # noqa: E402

REF = "BENCH-1"
SPANS = [(61.0, 71.0), (250.4, 262.4), (480.2, 495.2)]  # 10, 12 and 15 s


def one_cycle(base: Path, film: Path) -> dict[str, float]:
    from vigguide.services.analysis import make_moment_clip, take_still
    from vigguide.services.family import make_family_video
    from vigguide.services.recordings import import_recording
    from vigguide.services.reports import generate
    from vigguide.store.home import open_home

    steps: dict[str, float] = {}

    def step(name: str, action: Callable[[], object]) -> object:
        began = time.perf_counter()
        made = action()
        steps[name] = steps.get(name, 0.0) + time.perf_counter() - began
        return made

    out = base / "exports"
    out.mkdir()
    with open_home(base / "home") as home:
        s = home.store
        s.set_practitioner(Practitioner("Sam Guider", Role.QUALIFIED, "Riverside", "Jo Patel"))
        s.create_case(REF, "Amira Khan", "Noor")
        for scope in ConsentScope:
            s.set_consent(REF, scope, date(2026, 9, 1))
        question = s.add_question(REF, "What am I doing when Noor and I enjoy bath time?")
        s.set_filming_plan(
            REF, FilmingPlan(datetime(2026, 9, 10, 10), "Home", "Bath time", "Amira and Noor", "")
        )
        began = time.perf_counter()
        imported = step(
            "import", lambda: import_recording(home, REF, film, today=date(2026, 9, 10))
        )
        recording = imported.recording_id  # type: ignore[attr-defined]
        titles = ["Splashing together", "Your song", "Noor looks up at you"]
        moments = [
            s.add_moment(REF, recording, a, b, title=title)
            for (a, b), title in zip(SPANS, titles, strict=True)
        ]
        for moment in moments:
            step("three clips", lambda m=moment: make_moment_clip(home, REF, m))
        for (a, _), moment, caption in zip(
            SPANS, moments, ["Noor splashes", "A smile"], strict=False
        ):
            step(
                "two stills",
                lambda at=a + 2.0, m=moment, c=caption: take_still(
                    home, REF, recording, at, caption=c, moment_id=m
                ),
            )
        s.save_review(
            REF,
            SharedReview(
                held_on=date(2026, 9, 20),
                clips={
                    moments[0]: ClipReview(
                        "She looked at me", "I am better than I thought", "", "", ""
                    )
                },
                learned="Slowing down helps.",
                other_places="Nappy changes.",
                next_focus="A feed.",
                ratings={question: 7},
            ),
        )
        step(
            "summary, insert and note",
            lambda: generate(home, REF, 1, ["summary", "insert", "note"], out),
        )
        step("family video", lambda: make_family_video(home, REF, 1, out))
        steps["whole cycle"] = time.perf_counter() - began
    return steps


def plain_clips(film: Path, scratch: Path) -> float:
    began = time.perf_counter()
    for a, b in SPANS:
        subprocess.run(
            [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-ss", f"{a}", "-i", str(film),
             "-t", f"{b - a}", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac",
             str(scratch / "plain.mp4")],
            check=True, stdin=subprocess.DEVNULL, capture_output=True,
        )  # fmt: skip
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=600, help="length of the film")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    film = make_benchmark_film(out, hlg=False, seconds=args.seconds)
    os.environ.update(VIGGUIDE_KEY_CUSTODY="passphrase", VIGGUIDE_PASSPHRASE="benchmark only")
    print(f"machine: {machine()}")
    print(f"film: {film.stat().st_size / 1e6:.0f} MB, {args.seconds:g} s")
    for run in range(args.repeat):
        with tempfile.TemporaryDirectory() as scratch:
            runtime = Path(scratch) / "runtime"
            runtime.mkdir(mode=0o700)
            os.environ["XDG_RUNTIME_DIR"] = str(runtime)
            print(f"run {run + 1}, load before: {load()}")
            base = plain_clips(film, Path(scratch))
            steps = one_cycle(Path(scratch), film)
            for name, seconds in steps.items():
                print(f"  {name:<26} {seconds:6.2f} s")
            print(
                f"  three plain ffmpeg clips   {base:6.2f} s (ours: {steps['three clips'] / base:.2f}x)"
            )
            print(f"  load after: {load()}; target: whole cycle <= 20 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
