"""Backup speed against baselines measured in the same run (ratios, not absolute targets).

A home with one large vault file (a generated 1 GiB film by default) and a small case store:

- the first `create_backup` into an empty folder against `cp -r` of the same home;
- a second backup of the unchanged home, as a fraction of the first;
- `verify_backup(read_data=True)` of the backup against `sha256sum` of the same files.

Usage: python benchmarks/backup.py [--size-mb 1024] [--repeat 3]   (BENCH_DIR picks the disk)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vigguide.store.backup import create_backup
from vigguide.store.backup_files import hash_file
from vigguide.store.backup_manifest import verify_backup
from vigguide.store.custody import KeyCustody
from vigguide.store.home import Home, open_home

PASSPHRASE = "a benchmark passphrase"


def make_home(base: Path, size_mb: int) -> Path:
    path = base / "home"
    custody = KeyCustody(path, detect_backend=False, passphrase=lambda _c: PASSPHRASE)
    with open_home(path, custody=custody) as home:
        home.store.create_case("BENCH-1", "Parent", "Baby")
        film = base / "film.bin"
        block = os.urandom(1 << 20)
        with open(film, "wb") as fh:
            for _ in range(size_mb):
                fh.write(block)
        entry = home.vault.put_file(film)
        film.unlink()
        probe = {"duration_s": 600, "width": 1920, "height": 1080, "fps": 30, "video_codec": "h264"}
        home.store.add_recording(
            "BENCH-1",
            vault_id=entry.id,
            sha256=entry.sha256,
            size_bytes=entry.size_bytes,
            probe=probe,
            delete_by=None,
        )
    return path


def open_bench_home(path: Path) -> tuple[Home, KeyCustody]:
    custody = KeyCustody(path, detect_backend=False, passphrase=lambda _c: PASSPHRASE)
    return open_home(path, custody=custody, create=False), custody


def run_timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


def files_under(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.is_file()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows: dict[str, list[float]] = {
        k: [] for k in ("cp", "sync", "first", "second", "sha", "hash", "verify")
    }
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        base = Path(tmp)
        home_path = make_home(base, args.size_mb)
        home, custody = open_bench_home(home_path)
        root = custody.unlock()
        try:
            for i in range(args.repeat):
                copy, folder = base / f"cp-{i}", base / f"backup-{i}"
                rows["cp"].append(run_timed(["cp", "-r", str(home_path), str(copy)]))
                # the same copy made durable, as a backup is (GNU sync FILE… fsyncs each file)
                rows["sync"].append(rows["cp"][-1] + run_timed(["sync", *files_under(copy)]))
                shutil.rmtree(copy)
                t0 = time.perf_counter()
                create_backup(home, root, folder)
                rows["first"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                second = create_backup(home, root, folder)
                rows["second"].append(time.perf_counter() - t0)
                assert second.copied == 0 and second.files == 1
                rows["sha"].append(run_timed(["sha256sum", *files_under(folder)]))
                t0 = time.perf_counter()
                for name in files_under(folder):
                    hash_file(Path(name))
                rows["hash"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                problems = verify_backup(folder, root)
                rows["verify"].append(time.perf_counter() - t0)
                assert problems == [], problems
                shutil.rmtree(folder)
        finally:
            home.close()
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(f"home: {args.size_mb} MiB vault file + case store; medians of {args.repeat} runs")
    print(
        f"first backup {med['first']:.2f} s vs cp -r {med['cp']:.2f} s "
        f"-> ratio {med['first'] / med['cp']:.2f}"
    )
    print(
        f"first backup vs cp -r + fsync of each file {med['sync']:.2f} s "
        f"-> ratio {med['first'] / med['sync']:.2f}"
    )
    print(
        f"  of which SHA-256 of every byte (Python hashlib, same files) {med['hash']:.2f} s; "
        f"first backup - (cp -r + fsync) = {med['first'] - med['sync']:.2f} s"
    )
    print(
        f"second (unchanged) backup {med['second'] * 1000:.0f} ms "
        f"-> {med['second'] / med['first']:.4f} of the first"
    )
    print(
        f"verify (read every file) {med['verify']:.2f} s vs sha256sum {med['sha']:.2f} s "
        f"-> ratio {med['verify'] / med['sha']:.2f}"
    )
    for key, values in rows.items():
        print(f"  {key}: " + ", ".join(f"{v:.3f}" for v in values))


if __name__ == "__main__":
    main()
