"""Vault speed against baselines measured in the same run (ratios, not absolute targets).

- reading 1 MiB at random offsets of a large vault file vs the same reads from the plaintext file;
- putting a file into the vault (one pass: read + sha256 + age encrypt) vs `cp` + `sha256sum`.

Usage: python benchmarks/vault.py [--size-mb 2048]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vigguide.store.keys import RootSecret
from vigguide.store.vault import Vault


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--reads", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        base = Path(tmp)
        src = base / "film.bin"
        block = os.urandom(1 << 20)
        with open(src, "wb") as fh:
            for _ in range(args.size_mb):
                fh.write(block)
        vault = Vault(base / "home", RootSecret.generate())

        t0 = time.perf_counter()
        subprocess.run(["cp", str(src), str(base / "copy.bin")], check=True)
        subprocess.run(["sha256sum", str(base / "copy.bin")], check=True, capture_output=True)
        baseline_import = time.perf_counter() - t0
        (base / "copy.bin").unlink()
        t0 = time.perf_counter()
        entry = vault.put_file(src)
        vault_import = time.perf_counter() - t0
        assert (
            entry.sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
            if args.size_mb <= 256
            else True
        )

        size = args.size_mb << 20
        offsets = [random.randrange(0, size - (1 << 20)) for _ in range(args.reads)]
        plain, encrypted = [], []
        with open(src, "rb") as fh, vault.open(entry.id) as enc:
            for off in offsets:
                t0 = time.perf_counter()
                fh.seek(off)
                a = fh.read(1 << 20)
                plain.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                enc.seek(off)
                b = enc.read(1 << 20)
                encrypted.append(time.perf_counter() - t0)
                assert a == b
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"file size: {args.size_mb} MiB")
    print(
        f"import: vault {vault_import:.2f} s vs cp+sha256sum {baseline_import:.2f} s "
        f"-> ratio {vault_import / baseline_import:.2f}"
    )
    print(
        f"random 1 MiB read: vault {_median_ms(encrypted):.2f} ms vs plain {_median_ms(plain):.2f} ms "
        f"(median of {args.reads})"
    )
    print(f"peak RSS of this process: {rss_mb:.0f} MiB")


if __name__ == "__main__":
    main()
