"""TUI speed against baselines measured in the same run (not part of the test run).

- start-up to a usable caseload with 2,000 cases vs a bare Textual app with an empty DataTable;
- key press to new frame in micro-analysis: a one-frame step and a 10 s seek, through the vault,
  driven with Pilot (includes decoding, filtering and drawing), against a Pilot key press that only
  changes a Static's text. Two figures each: "drawn" (key press to the screen update showing the
  new frame) and Pilot's round trip (press, wait for the change, pause), which includes Pilot's
  own waits for the process to go idle (at least three 20 ms sleeps), hence the baseline.

Usage: python benchmarks/tui.py [--cases 2000] [--film-seconds 60] [--repeat 5] [--presses 15]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Static

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


class Counter(App[None]):
    """The Pilot baseline: a key press that changes a Static's text, nothing else."""

    BINDINGS = [("right", "count", "Count")]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.changed_at = 0.0

    def compose(self) -> ComposeResult:
        yield Static("0", id="count")

    def action_count(self) -> None:
        self.count += 1
        self.query_one("#count", Static).update(str(self.count))
        self.changed_at = time.perf_counter()


@dataclass
class Presses:
    """Per key press: Pilot's round trip (press, wait for the change, pause) and the time until
    the changed screen was drawn (the compositor's update after the change)."""

    pilot: list[float] = field(default_factory=list)
    drawn: list[float] = field(default_factory=list)

    def line(self, name: str, baseline: Presses | None = None, target_ms: float = 0) -> str:
        pilot, drawn = statistics.median(self.pilot), statistics.median(self.drawn)
        text = f"{name}: drawn {drawn * 1000:.0f} ms"
        if target_ms:
            text += f" (target <= {target_ms:.0f} ms)"
        text += f", Pilot round trip {pilot * 1000:.0f} ms"
        if baseline is not None:
            base = statistics.median(baseline.pilot)
            text += f" -> {pilot / base:.2f}x the baseline (+{(pilot - base) * 1000:.0f} ms)"
        return text


def spy_on_display(app: App[None]) -> list[float]:
    """Times at which the app sent a screen update (headless: drawn, then not written)."""
    times: list[float] = []
    display = app._display

    def spy(screen: object, renderable: object) -> None:
        if renderable is not None:
            times.append(time.perf_counter())
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = spy  # type: ignore[method-assign]
    return times


def first_after(times: list[float], moment: float) -> float:
    return next(t for t in times if t >= moment)


async def baseline_keys(presses: int) -> Presses:
    app = Counter()
    result = Presses()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        drawn = spy_on_display(app)
        for _ in range(presses):
            before = app.count
            t0 = time.perf_counter()
            await pilot.press("right")
            while app.count == before:
                await pilot.pause(0.001)
            await pilot.pause()
            result.pilot.append(time.perf_counter() - t0)
            result.drawn.append(first_after(drawn, app.changed_at) - t0)
    return result


async def frame_keys(home: Home, ref: str, presses: int) -> tuple[Presses, Presses]:
    frame_view.pin_renderer("halfcell")
    app = make_app(home, today=TODAY, idle_lock_minutes=0)
    steps, seeks = Presses(), Presses()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_screen("micro_analysis", ref)
        for _ in range(50):
            await pilot.pause(0.05)
        screen = app.screen
        view = screen.query_one(frame_view.FrameView)
        shown_at = [0.0]
        show = view.show

        def spy_show(*args: Any, **kwargs: Any) -> None:
            show(*args, **kwargs)
            shown_at[0] = time.perf_counter()

        view.show = spy_show  # type: ignore[method-assign]
        drawn = spy_on_display(app)
        for key, sink in (("right", steps), ("right_square_bracket", seeks)):
            for _ in range(presses):
                if key == "right_square_bracket" and screen.current_s + 10 > screen.info.duration_s:
                    await pilot.press("home")
                    await pilot.pause(0.2)
                before = screen.current_s
                t0 = time.perf_counter()
                await pilot.press(key)
                while screen.current_s == before:
                    await pilot.pause(0.001)
                await pilot.pause()
                sink.pilot.append(time.perf_counter() - t0)
                sink.drawn.append(first_after(drawn, shown_at[0]) - t0)
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
    parser.add_argument("--presses", type=int, default=15)
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
        base = asyncio.run(baseline_keys(args.presses))
        steps, seeks = asyncio.run(frame_keys(home, ref, args.presses))
        print(
            f"medians of {args.presses} key presses, 1080p30 H.264 through the vault, half-blocks"
        )
        print(base.line("Pilot baseline (key press changes a Static)"))
        print(steps.line("micro-analysis one-frame step", base, 30))
        print(seeks.line("micro-analysis 10 s seek", base, 150))
        home.close()


if __name__ == "__main__":
    main()
