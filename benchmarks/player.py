"""The player window against a bare PyAV decode, on a generated 1080p30 film read from the vault.

- first frame on screen: a new PlayerWindow (probe, decoder, filters, window, first draw) until the
  first picture is flipped, vs opening the same vault file with PyAV and decoding its first frame;
- dropped frames while a 10 s 1080p30 clip plays in real time (frames whose time passed before
  they could be drawn), at two window sizes;
- the start-up cost of the player's own process (imports of pygame, PyAV and the player);
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


def bare_first_frame(vault: Vault, vault_id: str) -> float:
    t0 = time.perf_counter()
    with vault.open(vault_id) as fh, av.open(fh) as container:
        for _ in container.decode(video=0):
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

        bare = [bare_first_frame(vault, vault_id) for _ in range(args.repeat)]
        ours = [window_first_frame(plan, vault, (1280, 800)) for _ in range(args.repeat)]
        b, o = statistics.median(bare), statistics.median(ours)
        print(
            f"first frame: player window {o * 1000:.0f} ms, bare PyAV decode {b * 1000:.0f} ms "
            f"(ratio {o / b:.1f}×)"
        )
        imports = statistics.median(import_cost() for _ in range(args.repeat))
        print(f"player process start-up (imports): {imports * 1000:.0f} ms")
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
