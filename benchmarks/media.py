"""Media timings against plain ffmpeg / plain PyAV baselines measured in the same run.

    python benchmarks/media.py [--seconds 600] [--repeat 3]

The generated 1080p30 H.264 film is cached under benchmarks/out/ (gitignored).
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.media_videos import make_long_h264  # noqa: E402
from vigguide.media.clips import make_clip  # noqa: E402
from vigguide.media.ffmpeg_run import ffmpeg_exe  # noqa: E402
from vigguide.media.filmstrip import filmstrip  # noqa: E402
from vigguide.media.frames import FrameReader  # noqa: E402
from vigguide.media.probe import probe  # noqa: E402
from vigguide.media.stills import make_still  # noqa: E402


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def vault_opener(film: Path, scratch: Path) -> tuple[str, Callable[[], io.BufferedReader]]:
    """The real encrypted vault reader if the store layer is there, else a plain raw reader."""
    try:
        from vigguide.store.keys import RootSecret
        from vigguide.store.vault import Vault
    except ImportError:
        return "plain io.BufferedReader (no vault yet)", lambda: open(film, "rb")
    vault = Vault(scratch, RootSecret.generate())
    entry = vault.put_file(film)
    return "encrypted vault reader", lambda: vault.open(entry.id)


def row(label: str, ours: float, base: float, target: str) -> None:
    print(f"{label:<52} {ours * 1000:9.1f} ms {base * 1000:9.1f} ms {ours / base:6.2f}x  {target}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=600, help="length of the test film")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    print(f"generating/caching a {args.seconds:g} s 1080p30 film in {out} …", flush=True)
    film = make_long_h264(out, args.seconds)
    info = probe(film)
    middle = info.duration_s / 2
    ff = ffmpeg_exe()
    scratch = Path(tempfile.mkdtemp(prefix="vigguide-bench-"))
    try:
        print(f"{'measure':<52} {'ours':>12} {'baseline':>12} {'ratio':>7}  target")

        def plain_clip(at: float) -> None:
            subprocess.run(
                [ff, "-nostdin", "-v", "error", "-y", "-ss", f"{at}", "-i", str(film),
                 "-t", "10", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac",
                 str(scratch / "plain.mp4")],
                check=True,
            )  # fmt: skip

        def our_clip(at: float) -> None:
            result = make_clip(film, at, at + 10, scratch / "ours.mp4")
            assert result.fast_path and result.frames == 300, result

        def cli_clip(at: float) -> None:
            subprocess.run(
                [sys.executable, "-m", "vigguide", "media", "clip", str(film), "--start",
                 f"{at}", "--end", f"{at + 10}", "-o", str(scratch / "cli.mp4")],
                check=True, capture_output=True, cwd=HERE.parent,
            )  # fmt: skip

        # the middle of a phone-like film is a keyframe (one a second); a practitioner's in-point
        # usually is not, and then the head up to the next keyframe is re-encoded
        for at, where in ((middle, "in-point on a keyframe"), (middle + 0.5, "0.5 s after one")):
            base = median_time(lambda a=at: plain_clip(a), args.repeat)
            ours = median_time(lambda a=at: our_clip(a), args.repeat)
            row(f"10 s clip, in-process ({where})", ours, base, "≤ 0.2x")
            try:
                cli = median_time(lambda a=at: cli_clip(a), args.repeat)
                row(f"10 s clip, through the CLI ({where})", cli, base, "≤ 0.5x")
            except subprocess.CalledProcessError as exc:
                print(f"10 s clip through the CLI: not measured ({exc.stderr!r:.120})")

        def plain_still() -> None:
            subprocess.run(
                [ff, "-nostdin", "-v", "error", "-y", "-ss", f"{middle + 3.3}", "-i", str(film),
                 "-frames:v", "1", str(scratch / "plain.jpg")],
                check=True,
            )  # fmt: skip

        base = median_time(plain_still, args.repeat)
        row("still (probes the film first)",
            median_time(lambda: make_still(film, middle + 3.3, scratch / "ours.jpg"), args.repeat),
            base, "≤ 1.5x")  # fmt: skip
        row("still (probe data from the import)",
            median_time(lambda: make_still(film, middle + 3.3, scratch / "ours.jpg", info=info),
                        args.repeat),
            base, "≤ 1.5x")  # fmt: skip

        label, opener = vault_opener(film, scratch)
        print(f"-- reading through: {label} vs the plaintext file")
        spots = [info.duration_s * f for f in (0.13, 0.41, 0.77, 0.29, 0.6)]
        for name, make_source in (("vault", opener), ("plain", lambda: film)):
            with FrameReader(make_source(), long_edge=None) as reader:  # type: ignore[arg-type]
                reader.frame_at(1.0)
                seek = median_time(lambda r=reader: [r.frame_at(t) for t in spots], 1) / len(spots)
                step = median_time(lambda r=reader: [r.next_frame() for _ in range(30)], 1) / 30
            strip = median_time(lambda s=make_source: filmstrip(s()), 1)
            if name == "vault":
                v_seek, v_step, v_strip = seek, step, strip
            else:
                row("exact-frame seek (per seek)", v_seek, seek, "≤ 1.3x, ≤ 150 ms")
                row("next frame (per step)", v_step, step, "≤ 1.3x, ≤ 30 ms")
                row("keyframe filmstrip (whole film)", v_strip, strip, "≤ 1.3x")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
