"""Exports never change what they do not own: folder modes stay, planted links are replaced rather
than written through, and pipes or devices given as a film are refused before anything is read."""

from __future__ import annotations

import os
import stat
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.media_videos import make_h264_tagged
from tests.test_services_reports import REF, build_case
from vigguide.cli import main
from vigguide.domain import ConsentScope
from vigguide.errors import MediaError
from vigguide.services.recordings import import_recording
from vigguide.services.reports import generate
from vigguide.store.home import Home

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes, links and FIFOs")


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_h264_tagged(tmp_path_factory.mktemp("films"))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_existing_shared_folder_keeps_its_mode_and_sticky_bit(home: Home, tmp_path: Path):
    build_case(home)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    link = tmp_path / "link-to-shared"
    link.symlink_to(shared)
    summary = generate(home, REF, 1, ["summary"], shared)
    insert = generate(home, REF, 1, ["insert"], link)
    assert _mode(shared) == 0o1777
    assert sorted(p.name for p in shared.iterdir()) == sorted(p.name for p in summary + insert)
    assert [p.name for p in summary] == [f"{REF}-cycle1-summary.pdf"]
    assert all(_mode(p) == 0o600 for p in shared.iterdir())


def test_missing_folders_are_created_private(home: Home, tmp_path: Path):
    build_case(home)
    (tmp_path / "exists").mkdir(mode=0o755)
    (tmp_path / "exists").chmod(0o755)
    generate(home, REF, 1, ["summary"], tmp_path / "exists" / "new" / "deeper")
    assert _mode(tmp_path / "exists") == 0o755
    assert _mode(tmp_path / "exists" / "new") == 0o700
    assert _mode(tmp_path / "exists" / "new" / "deeper") == 0o700


def test_a_link_planted_at_the_output_path_is_replaced_not_written_through(
    home: Home, tmp_path: Path
):
    build_case(home)
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    planted = out / f"{REF}-cycle1-summary.pdf"
    planted.symlink_to(victim)
    (path,) = generate(home, REF, 1, ["summary"], out)
    assert victim.read_text() == "precious"
    assert not path.is_symlink() and path.read_bytes().startswith(b"%PDF")
    assert _mode(path) == 0o600
    assert [p.name for p in out.iterdir()] == [planted.name]  # no staging folder left


def test_media_still_and_clip_never_write_through_a_planted_link(tmp_path: Path, film: Path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    for name, verb in (
        ("still.jpg", ["still", "--at", "1"]),
        ("clip.mp4", ["clip", "--start", "0.5", "--end", "1.5"]),
    ):
        (shared / name).symlink_to(victim)
        assert main(["media", verb[0], str(film), *verb[1:], "-o", str(shared / name)]) == 0
        assert not (shared / name).is_symlink() and _mode(shared / name) == 0o600
    assert victim.read_text() == "precious"
    assert _mode(shared) == 0o1777
    assert sorted(p.name for p in shared.iterdir()) == ["clip.mp4", "still.jpg"]


def test_a_pipe_given_as_a_film_is_refused_at_once(home: Home, tmp_path: Path, capsys):
    home.store.create_case("F-1", "Amira", "Noor")
    home.store.set_consent("F-1", ConsentScope.FILMING, date(2026, 11, 1))
    fifo = tmp_path / "camera.mp4"
    os.mkfifo(fifo)
    with pytest.raises(MediaError, match="is not an ordinary file") as caught:
        import_recording(home, "F-1", fifo)
    assert "copied from the camera or phone" in caught.value.hint
    assert home.store.load("F-1").cycles[0].recordings == ()
    assert main(["media", "probe", str(fifo)]) == 2
    assert (
        "camera.mp4 is not an ordinary file (it is a pipe or a device)." in capsys.readouterr().err
    )
    assert main(["media", "probe", "/dev/zero"]) == 2
