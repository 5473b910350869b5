"""A 10 s clip from a portrait phone film through the CLI, against plain ffmpeg in the same run.

    python benchmarks/clips.py [--repeat 5] [--seconds 30]

Ours: `python -m vigguide media clip FILM --start T --end T+10 -o OUT` (Python's start-up and
imports included). Baseline: `ffmpeg -ss T -i FILM -t 10 -c:v libx264 -preset veryfast -c:a aac
OUT`. The runs alternate (baseline, ours, baseline, ours …) so a busy machine slows both alike;
each pair gives a ratio, and the median and the range of the ratios are printed, with the load
average before and after. The SSIM of our clip against the film's span is printed too.
Films (8-bit HEVC and 10-bit HLG HEVC, 1920x1080 stored, shown upright) are cached under
benchmarks/out/ (gitignored).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.phone_films import make_benchmark_film, ssim  # noqa: E402
from vigguide.media.ffmpeg_run import ffmpeg_exe  # noqa: E402

TARGETS = {"hevc8": 0.5, "hlg": 1.0}


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({model})"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min)"


def timed(argv: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(argv, check=True, stdin=subprocess.DEVNULL, capture_output=True)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="pairs of runs per film")
    parser.add_argument("--seconds", type=float, default=30, help="length of the test films")
    parser.add_argument("--at", type=float, default=10.4, help="in-point (s)")
    args = parser.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    films = {
        kind: make_benchmark_film(out, hlg=kind == "hlg", seconds=args.seconds) for kind in TARGETS
    }
    print(f"machine: {machine()}")
    print(f"load before: {load()}")
    at = args.at
    results: dict[str, list[tuple[float, float]]] = {kind: [] for kind in films}
    with tempfile.TemporaryDirectory() as scratch:
        ours_out = Path(scratch) / "ours.mp4"
        base_out = Path(scratch) / "base.mp4"
        for _ in range(args.repeat):
            for kind, film in films.items():
                base = timed(
                    [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-ss", f"{at}", "-i", str(film),
                     "-t", "10", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac",
                     str(base_out)]
                )  # fmt: skip
                ours = timed(
                    [sys.executable, "-m", "vigguide", "media", "clip", str(film),
                     "--start", f"{at}", "--end", f"{at + 10}", "-o", str(ours_out)]
                )  # fmt: skip
                results[kind].append((ours, base))
                print(f"  {kind}: ours {ours:6.2f} s  baseline {base:6.2f} s  {ours / base:5.2f}x")
        print(f"load after: {load()}")
        for kind, film in films.items():
            subprocess.run(
                [sys.executable, "-m", "vigguide", "media", "clip", str(film),
                 "--start", f"{at}", "--end", f"{at + 10}", "-o", str(ours_out)],
                check=True, capture_output=True, stdin=subprocess.DEVNULL,
            )  # fmt: skip
            ratios = [o / b for o, b in results[kind]]
            print(
                f"{kind}: median ours {statistics.median(o for o, _ in results[kind]):.2f} s, "
                f"baseline {statistics.median(b for _, b in results[kind]):.2f} s, ratio "
                f"{statistics.median(ratios):.2f}x (range {min(ratios):.2f}-{max(ratios):.2f}), "
                f"target <= {TARGETS[kind]}x; SSIM {ssim(film, at, ours_out):.4f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
