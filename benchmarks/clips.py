"""A 10 s clip from a portrait phone film through the CLI, against plain ffmpeg in the same run.

    python benchmarks/clips.py [--repeat 5] [--seconds 30]

Ours: `python -m vigguide media clip FILM --start T --end T+10 -o OUT` (Python's start-up and
imports included): by default an HEVC film's own frames are copied (an edit list shows exactly
the chosen ones). Also timed: the same with `--no-fast`, an H.264 720p clip for any phone.
Baseline: `ffmpeg -ss T -i FILM -t 10 -c:v libx264 -preset veryfast -c:a aac OUT`. The runs
alternate (baseline, ours, ours --no-fast, baseline …) so a busy machine slows all alike; each
round gives ratios, and the median and the range of the ratios are printed, with the load
average before and after. The SSIM of each clip against the film's span is printed too (1.0000:
the same pictures).
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

from tests.phone_films import make_benchmark_film, ssim, ssim_between  # noqa: E402
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


def clip_command(film: Path, at: float, out: Path) -> list[str]:
    return [sys.executable, "-m", "vigguide", "media", "clip", str(film),
            "--start", f"{at}", "--end", f"{at + 10}", "-o", str(out)]  # fmt: skip


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
    results: dict[str, list[tuple[float, float, float]]] = {kind: [] for kind in films}
    with tempfile.TemporaryDirectory() as scratch:
        ours_out = Path(scratch) / "ours.mp4"
        phone_out = Path(scratch) / "phone.mp4"
        base_out = Path(scratch) / "base.mp4"
        for _ in range(args.repeat):
            for kind, film in films.items():
                base = timed(
                    [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-ss", f"{at}", "-i", str(film),
                     "-t", "10", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac",
                     str(base_out)]
                )  # fmt: skip
                ours = timed(clip_command(film, at, ours_out))
                phone = timed([*clip_command(film, at, phone_out), "--no-fast"])
                results[kind].append((ours, phone, base))
                print(
                    f"  {kind}: ours {ours:5.2f} s ({ours / base:4.2f}x)  --no-fast {phone:5.2f} s"
                    f" ({phone / base:4.2f}x)  baseline {base:5.2f} s"
                )
        print(f"load after: {load()}")
        for kind, film in films.items():
            subprocess.run(clip_command(film, at, ours_out), check=True, capture_output=True)
            subprocess.run(
                [*clip_command(film, at, phone_out), "--no-fast"], check=True, capture_output=True
            )
            rows = results[kind]
            copied = [o / b for o, _, b in rows]
            phone = [p / b for _, p, b in rows]
            print(
                f"{kind}: median ours {statistics.median(o for o, _, _ in rows):.2f} s, "
                f"baseline {statistics.median(b for _, _, b in rows):.2f} s, ratio "
                f"{statistics.median(copied):.2f}x (range {min(copied):.2f}-{max(copied):.2f}), "
                f"target <= {TARGETS[kind]}x; SSIM {ssim_between(film, at, ours_out, 0, 10):.4f}"
            )
            print(
                f"{kind} --no-fast (H.264 720p): median "
                f"{statistics.median(p for _, p, _ in rows):.2f} s, ratio "
                f"{statistics.median(phone):.2f}x (range {min(phone):.2f}-{max(phone):.2f}); "
                f"SSIM {ssim(film, at, phone_out):.4f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
