"""A damaged chunk in a vault film: a plain message, and none of PyAV's noise on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
# the whole story in a child, so what PyAV's C code prints to stderr is caught too
_CHILD = """
import sys
from pathlib import Path
from vigguide.errors import VigGuideError
from vigguide.media.clips import cut_clip
from vigguide.media.probe import probe
from vigguide.media.stills import grab_still
from vigguide.store.keys import RootSecret
from vigguide.store.vault import Vault

vault = Vault(Path(sys.argv[2]), RootSecret.generate())
entry = vault.put_file(Path(sys.argv[1]))
path = vault.path_of(entry.id)
data = bytearray(path.read_bytes())
middle = len(data) // 2
data[middle : middle + 64] = bytes(64)  # one chunk damaged, in the middle of the pictures
path.write_bytes(bytes(data))
for job in (lambda f: grab_still(f, 1.0), lambda f: cut_clip(f, 0.5, 2.0), probe):
    try:
        with vault.open(entry.id) as film:
            job(film)
    except VigGuideError as exc:
        print(exc, file=sys.stderr)
    else:
        print("no error", file=sys.stderr)
"""


def test_a_damaged_vault_film_gives_the_plain_message_only(
    videos: dict[str, Path], tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(videos["h264_tagged"]), str(tmp_path / "home")],
        env=os.environ | {"PYTHONPATH": str(_ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 3, done.stderr
    for line in lines:
        assert "is damaged (it was altered or cut short)" in line
        assert "Restore it from a backup" in line
    assert "Traceback" not in done.stderr
    assert "exception being dropped" not in done.stderr


@pytest.mark.parametrize("where", [0.05, 0.5, 0.95])
def test_a_damaged_vault_film_is_refused_wherever_the_damage(
    videos: dict[str, Path], tmp_path: Path, where: float
) -> None:
    from vigguide.errors import VaultError
    from vigguide.media.stills import grab_still
    from vigguide.store.keys import RootSecret
    from vigguide.store.vault import Vault

    vault = Vault(tmp_path / "home", RootSecret.generate())
    entry = vault.put_file(videos["h264_tagged"])
    path = vault.path_of(entry.id)
    data = bytearray(path.read_bytes())
    at = int(len(data) * where)
    data[at : at + 64] = bytes(64)
    path.write_bytes(bytes(data))
    with pytest.raises(VaultError, match="is damaged"), vault.open(entry.id) as film:
        grab_still(film, 1.0)
