"""`vigguide check --read-data` against `cp` + `sha256sum` of the same bytes, in the same run.

A home is set up with one case whose film is `--size-mb` of random bytes put into the vault (as an
import does: hashed and age-encrypted) and recorded. Then, `--repeat` times each, alternating:

- ours: `check_home(home, read_data=True)`: the database checks, the audit chain, every record
  against its file, then every vault file decrypted in full and hashed against its record;
- baseline: `cp` of the vault file (the same bytes on disk) to a copy, then `sha256sum` of the copy;
- and, for a tighter view, `sha256sum` of the vault file alone (reading only, as check does).

Usage: python benchmarks/check.py [--size-mb 1024] [--repeat 3]
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

from tests.keyrings import MemoryKeyring
from vigguide.services.check import check_home
from vigguide.store.custody import KeyCustody
from vigguide.store.home import open_home

PROBE = {
    "duration_s": 600.0,
    "width": 1920,
    "height": 1080,
    "fps": 30.0,
    "video_codec": "h264",
    "audio_codec": "aac",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        base = Path(tmp)
        src = base / "film.bin"
        block = os.urandom(1 << 20)
        with open(src, "wb") as fh:
            for _ in range(args.size_mb):
                fh.write(block)
        home_dir = base / "home"
        home = open_home(home_dir, custody=KeyCustody(home_dir, backend=MemoryKeyring()))
        try:
            home.store.create_case("B-1", "A parent", "A baby")
            entry = home.vault.put_file(src, kind="recording")
            home.store.add_recording(
                "B-1",
                vault_id=entry.id,
                sha256=entry.sha256,
                size_bytes=entry.size_bytes,
                probe=PROBE,
                delete_by=None,
            )
            home.vault.settle(entry)
            src.unlink()
            vault_file = home.vault.path_of(entry.id)
            ours: list[float] = []
            baseline: list[float] = []
            hash_only: list[float] = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                subprocess.run(["cp", str(vault_file), str(base / "copy")], check=True)
                subprocess.run(["sha256sum", str(base / "copy")], check=True, capture_output=True)
                baseline.append(time.perf_counter() - t0)
                (base / "copy").unlink()
                t0 = time.perf_counter()
                subprocess.run(["sha256sum", str(vault_file)], check=True, capture_output=True)
                hash_only.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                report = check_home(home, read_data=True)
                ours.append(time.perf_counter() - t0)
                assert report.ok and report.bytes_read == entry.size_bytes
        finally:
            home.close()
    o, b = statistics.median(ours), statistics.median(baseline)
    print(f"vault file: {args.size_mb} MiB, {args.repeat} repeats (medians; range)")
    print(f"check --read-data: {o:.2f} s ({min(ours):.2f}-{max(ours):.2f})")
    print(f"cp + sha256sum:    {b:.2f} s ({min(baseline):.2f}-{max(baseline):.2f})")
    h = statistics.median(hash_only)
    print(f"sha256sum alone:   {h:.2f} s ({min(hash_only):.2f}-{max(hash_only):.2f})")
    print(
        f"ratio: {o / b:.2f}x against cp + sha256sum (target <= 1.2x); {o / h:.2f}x against sha256sum"
    )


if __name__ == "__main__":
    main()
