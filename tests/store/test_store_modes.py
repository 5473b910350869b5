"""Everything in a home is private whatever umask vigguide inherits: folders 0700, files 0600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_a_home_made_and_used_under_a_loose_umask_is_private(
    umask: int, tmp_path: Path, passphrase_env: dict[str, str]
):
    home = tmp_path / "home"

    def run(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "vigguide", "--home", str(home), *args],
            cwd=REPO,
            env=passphrase_env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            preexec_fn=lambda: os.umask(umask),
        )
        assert done.returncode == 0, done.stderr

    run("demo", "--no-tui")
    run("audit", "verify")
    seen = {"dirs": 0, "files": 0}
    for path in [home, *home.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_dir():
            seen["dirs"] += 1
            assert mode == 0o700, f"{path.relative_to(tmp_path)} is {mode:o}"
        else:
            seen["files"] += 1
            assert mode == 0o600, f"{path.relative_to(tmp_path)} is {mode:o}"
    names = {p.name for p in home.iterdir()}
    assert {"vault", ".lock", "key.json", "vigguide.db", "audit.head"} <= names
    assert seen["dirs"] >= 3 and seen["files"] >= 6


def test_library_use_makes_the_home_private_under_a_loose_umask(
    tmp_path: Path, passphrase_env: dict[str, str]
):
    script = (
        "import os, sys; os.umask(0o022)\n"
        "from pathlib import Path\n"
        "from vigguide.store.home import open_home\n"
        "home = open_home(Path(sys.argv[1]))\n"
        "home.vault.put_bytes(b'x' * 10)\n"
        "home.store.create_case('M-1', 'P', 'B')\n"
        "home.close()\n"
    )
    home = tmp_path / "home"
    subprocess.run(
        [sys.executable, "-c", script, str(home)], cwd=REPO, env=passphrase_env, check=True
    )
    for name in ("vault", ".lock", "key.json", "vigguide.db", "audit.head"):
        mode = stat.S_IMODE((home / name).stat().st_mode)
        assert mode in (0o700, 0o600), f"{name} is {mode:o}"
