"""TUI speed against baselines measured in the same run (not part of the test run).

- start-up to a usable caseload with 2,000 cases vs a bare Textual app with an empty DataTable;
- key press to new frame in micro-analysis: a one-frame step and a 10 s seek, through the vault,
  measured with Pilot (includes decoding, filtering and drawing).

Usage: python benchmarks/tui.py [--cases 2000] [--film-seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from tests import media_videos as mv
from tests.keyrings import MemoryKeyring
from vigguide.app import make_app
from vigguide.domain import ConsentScope, Practitioner
from vigguide.services.recordings import import_recording
from vigguide.store.custody import KeyCustody
from vigguide.store.home import Home, open_home
from vigguide.widgets import frame_view

TODAY = date(2026, 11, 24)


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()


async def bare_start() -> float:
    t0 = time.perf_counter()
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    return time.perf_counter() - t0


async def caseload_start(home: Home) -> float:
    t0 = time.perf_counter()
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count > 0
    return time.perf_counter() - t0


async def frame_keys(home: Home, ref: str, presses: int) -> tuple[list[float], list[float]]:
    frame_view.pin_renderer("halfcell")
    app = make_app(home, today=TODAY)
    steps: list[float] = []
    seeks: list[float] = []

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_screen("micro_analysis", ref)
        for _ in range(50):
            await pilot.pause(0.05)
        for key, sink in (("right", steps), ("right_square_bracket", seeks)):
            for _ in range(presses):
                before = app.screen.current_s
                t0 = time.perf_counter()
                await pilot.press(key)
                while app.screen.current_s == before:
                    await pilot.pause(0.001)
                await pilot.pause()
                sink.append(time.perf_counter() - t0)
                if key == "right_square_bracket" and app.screen.current_s > 40:
                    await pilot.press("home")
                    await pilot.pause(0.2)
    return steps, seeks


def build(home_dir: Path, cases: int, film_seconds: int) -> tuple[Home, str]:
    home = open_home(home_dir, custody=KeyCustody(home_dir, backend=MemoryKeyring()))
    home.store.set_practitioner(Practitioner("Bench Guider"))
    for i in range(cases):
        ref = f"B-{i:05d}"
        home.store.create_case(
            ref, f"Parent {i}", f"Baby {i}", baby_born_on=TODAY - timedelta(days=i % 360)
        )
        home.store.add_question(ref, "What am I doing when we play together?")
    ref = "B-FILM"
    home.store.create_case(ref, "Parent", "Baby")
    home.store.set_consent(ref, ConsentScope.FILMING, TODAY)
    films = home_dir.parent / "films"
    films.mkdir(exist_ok=True)
    film = mv.make_long_h264(films, film_seconds)
    import_recording(home, ref, film, today=TODAY)
    return home, ref


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--film-seconds", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_RUNTIME_DIR"] = tmp
        t0 = time.perf_counter()
        home, ref = build(Path(tmp) / "home", args.cases, args.film_seconds)
        print(
            f"built {args.cases} cases and a {args.film_seconds} s 1080p film in {time.perf_counter() - t0:.1f} s"
        )
        bare, ours = [], []
        for _ in range(args.repeat):
            bare.append(asyncio.run(bare_start()))
            ours.append(asyncio.run(caseload_start(home)))
        b, o = statistics.median(bare), statistics.median(ours)
        print(
            f"start-up to caseload ({args.cases} cases): {o * 1000:.0f} ms vs bare DataTable app "
            f"{b * 1000:.0f} ms -> ratio {o / b:.2f} (target: <= 1 s)"
        )
        steps, seeks = asyncio.run(frame_keys(home, ref, 15))
        print(
            f"micro-analysis one-frame step: median {statistics.median(steps) * 1000:.0f} ms "
            f"(target <= 30 ms)"
        )
        print(
            f"micro-analysis 10 s seek: median {statistics.median(seeks) * 1000:.0f} ms "
            f"(target <= 150 ms)"
        )
        home.close()


if __name__ == "__main__":
    main()
