"""The player window against a bare PyAV decode, on a generated 1080p30 film read from the vault.

- first frame on screen: a new PlayerWindow (probe, decoder, filters, window, first draw) until the
  clip's first picture is flipped, vs PyAV seeking in the same vault file and decoding up to that
  frame (the clip starts 0.5 s in, between keyframes 1 s apart, as in a phone film);
- dropped frames while a 10 s 1080p30 clip plays in real time (frames whose time passed before
  they could be drawn), at two window sizes;
- the start-up cost of the player's own process (imports of pygame, PyAV and the player), and
  from `launch` (the key in the TUI) to the child's first picture, cold and started ahead;
- the sound: how far behind the picture it can be heard (the mixer buffer; the sound is restarted
  at the picture's exact time whenever playing starts).

Uses SDL's dummy video and audio drivers unless DISPLAY is set (then a real window, e.g. Xvfb).
Usage: python benchmarks/player.py [--seconds 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import av

from tests import media_videos as mv
from vigguide.player.model import Mode
from vigguide.player.plan import PlayClip, PlayPlan
from vigguide.player.window import PlayerWindow
from vigguide.store.keys import RootSecret
from vigguide.store.vault import Vault


def bare_first_frame(vault: Vault, vault_id: str, at: float) -> float:
    """The least work to have the clip's first frame: seek to the keyframe before it and decode
    up to it with PyAV, from the same vault reader (no filters, no conversion, no window)."""
    t0 = time.perf_counter()
    with vault.open(vault_id) as fh, av.open(fh) as container:
        stream = container.streams.video[0]
        assert stream.time_base is not None
        container.seek(int(at / stream.time_base), stream=stream, backward=True)
        for frame in container.decode(stream):
            if frame.time is not None and frame.time >= at - 0.001:
                break
    return time.perf_counter() - t0


def window_first_frame(plan: PlayPlan, vault: Vault, size: tuple[int, int]) -> float:
    t0 = time.perf_counter()
    window = PlayerWindow(plan, vault.open, size=size)
    window.perform("toggle", time.perf_counter())
    window.pump(time.perf_counter())
    assert window.first_frame_at is not None
    first = window.first_frame_at - t0
    window.close()
    return first


def play_through(plan: PlayPlan, vault: Vault, size: tuple[int, int]) -> tuple[int, int, float]:
    """Play the clip in real time as `run()` does; (dropped, presented, wall seconds)."""
    import pygame

    window = PlayerWindow(plan, vault.open, size=size)
    window.pump(time.perf_counter())
    window._load_sound()  # as run() does, after the first picture
    t0 = time.perf_counter()
    window.perform("toggle", t0)
    window.core.dropped = 0
    window.core.presented = 0
    while window.core.model.mode is not Mode.ENDED:
        window.pump(time.perf_counter())
        pygame.time.wait(2)
    result = window.core.dropped, window.core.presented, time.perf_counter() - t0
    latency = window.speaker.latency_s
    window.close()
    print(f"    mixer buffer {latency * 1000:.0f} ms", file=sys.stderr)
    return result


def launch_first_frame(base: Path, film_seconds: float, repeat: int) -> None:
    """From the key in the TUI (a `launch` call, this process holding the home) to the child's
    first picture on screen, with and without the process started ahead (`prepare`)."""
    from vigguide.domain import ConsentScope
    from vigguide.player.process import close_player, launch, prepare
    from vigguide.services.recordings import import_recording
    from vigguide.store.home import open_home

    os.environ |= {"VIGGUIDE_KEY_CUSTODY": "passphrase", "VIGGUIDE_PASSPHRASE": "benchmark only"}
    (base / "launch").mkdir()
    film = mv.make_long_h264(base / "launch", film_seconds, "1920x1080", 30)
    with open_home(base / "bench-home") as home:
        home.store.create_case("B-1", "Parent", "Baby")
        home.store.set_consent("B-1", ConsentScope.FILMING, home.store._clock().date())
        rec = import_recording(home, "B-1", film).recording_id
        home.store.add_moment("B-1", rec, 0.5, film_seconds - 0.5)
        for warm in (False, True):
            times = []
            for _ in range(repeat):
                if warm:
                    prepare()
                    time.sleep(1.5)  # the review screen has been open a moment
                t0 = time.perf_counter()
                proc = launch(home, "B-1", moment=1)
                assert proc.stdout is not None
                line = proc.stdout.readline()
                times.append(time.perf_counter() - t0)
                close_player(proc)
                assert line == b"shown\n", proc.stderr.read() if proc.stderr else b""
            label = "started ahead (prepare)" if warm else "cold start"
            print(
                f"key to first frame via launch, {label}: {statistics.median(times) * 1000:.0f} ms"
            )


def import_cost() -> float:
    code = "import vigguide.player.window, vigguide.player.child"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"video driver: {os.environ.get('SDL_VIDEODRIVER') or os.environ.get('DISPLAY')}")
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        base = Path(tmp)
        film = mv.make_long_h264(base, args.seconds + 1, "1920x1080", 30)
        vault = Vault(base / "home", RootSecret.generate())
        vault_id = vault.put_file(film).id
        film.unlink()
        clip = PlayClip(1, "Benchmark", vault_id, 0.5, 0.5 + args.seconds)
        plan = PlayPlan("BENCH", 1, (clip,))

        bare = [bare_first_frame(vault, vault_id, clip.start_s) for _ in range(args.repeat)]
        ours = [window_first_frame(plan, vault, (1280, 800)) for _ in range(args.repeat)]
        b, o = statistics.median(bare), statistics.median(ours)
        print(
            f"first frame: player window {o * 1000:.0f} ms, bare PyAV decode {b * 1000:.0f} ms "
            f"(ratio {o / b:.1f}×)"
        )
        imports = statistics.median(import_cost() for _ in range(args.repeat))
        print(f"player process start-up (imports): {imports * 1000:.0f} ms")
        launch_first_frame(base, 4, args.repeat)
        for size in ((1280, 800), (1920, 1200)):
            for n in range(args.repeat):
                dropped, presented, wall = play_through(plan, vault, size)
                print(
                    f"{size[0]}x{size[1]} window, run {n + 1}: {dropped} dropped of "
                    f"{dropped + presented} frames in {wall:.2f} s "
                    f"(clip {args.seconds:.1f} s)"
                )


if __name__ == "__main__":
    main()
