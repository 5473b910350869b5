"""A shared, read-only install (system-wide or IT-managed): vigguide makes a clip without writing
anything inside the installed packages. typed-ffmpeg's core makes a `cache` folder beside itself on
first import; vigguide must not let it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.media.restricted import _obey_permissions

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
import ffmpeg_core
assert ffmpeg_core.__file__.startswith(sys.argv[1]), ffmpeg_core.__file__
from vigguide.media.clips import cut_clip  # imports typed-ffmpeg and builds its tables
import ffmpeg
assert ffmpeg.__file__.startswith(sys.argv[1]), ffmpeg.__file__
print(" ".join(ffmpeg.input("in.mp4").output(filename="out.mp4").compile()[:1]) and "built")
"""


def _read_only_copy(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for package in ("ffmpeg_core", "ffmpeg"):  # typed-ffmpeg's core, and typed-ffmpeg itself
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.origin is not None
        shutil.copytree(
            Path(spec.origin).parent, site / package, ignore=shutil.ignore_patterns("cache")
        )
    for path in [site, *site.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return site


@pytest.mark.skipif(sys.platform != "linux", reason="permissions dropped with prctl (Linux)")
def test_a_read_only_install_makes_clips_and_nothing_is_written_inside_it(tmp_path: Path):
    site = _read_only_copy(tmp_path)
    before = sorted(str(p) for p in site.rglob("*"))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(site)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        preexec_fn=_obey_permissions if os.geteuid() == 0 else None,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "built"
    assert sorted(str(p) for p in site.rglob("*")) == before  # not one folder made in it
    for path in [site, *site.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)  # so pytest can tidy up
