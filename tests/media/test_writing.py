"""A full disk or a folder that cannot be written: a plain error, and nothing half-written left."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.media.restricted import run_restricted


def files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def folders(base: Path, names: list[str]) -> dict[str, dict[str, Path]]:
    made = {}
    for name in names:
        (base / name / "out").mkdir(parents=True)
        (base / name / "work").mkdir(mode=0o700)
        made[name] = {"out": base / name / "out", "work": base / name / "work"}
    return made


FULL = ["still", "clip_span", "clip_smart_cut", "clip_re_encode", "filmstrip"]
LOCKED = ["still", "clip", "filmstrip"]  # clips need no working folder any more


@pytest.fixture(scope="module")
def full_disk(videos: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    places = folders(tmp_path_factory.mktemp("full"), FULL)
    for paths in places.values():
        paths["video"] = videos["h264_tagged"]
    return run_restricted("full", places), places


@pytest.fixture(scope="module")
def locked_folder(videos: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    places = folders(tmp_path_factory.mktemp("locked"), LOCKED)
    for paths in places.values():
        paths["video"] = videos["h264_tagged"]
        paths["locked"] = paths["out"]
        paths["locked"].chmod(0o500)
    try:
        yield run_restricted("locked", places), places
    finally:
        for paths in places.values():
            paths["locked"].chmod(0o700)


@pytest.mark.parametrize("scenario", FULL)
def test_a_full_disk_is_reported_plainly(full_disk, scenario: str) -> None:
    results, places = full_disk
    outcome = results[scenario]
    assert outcome["error"] == "DiskFullError", outcome
    assert outcome["message"].startswith("The disk is full")
    assert "Free some space" in outcome["message"]
    assert files_in(places[scenario]["out"]) == []  # no partial file left in the chosen folder


@pytest.mark.parametrize("scenario", LOCKED)
def test_a_folder_that_cannot_be_written_is_reported_plainly(locked_folder, scenario: str) -> None:
    results, places = locked_folder
    outcome = results[scenario]
    locked = places[scenario]["locked"]
    assert outcome["error"] == "MediaError", outcome
    assert f"not allowed to write in {locked}" in outcome["message"]
    assert files_in(places[scenario]["out"]) == []


def test_a_link_planted_at_the_output_path_is_replaced_not_written_through(
    videos: dict[str, Path], tmp_path: Path
) -> None:
    from vigguide.media.clips import make_clip
    from vigguide.media.stills import make_still

    target = tmp_path / "someone else's file"
    target.write_bytes(b"keep me")
    for name, make in (
        ("clip.mp4", lambda out: make_clip(videos["no_audio"], 0.0, 0.5, out)),
        ("still.jpg", lambda out: make_still(videos["no_audio"], 0.2, out)),
    ):
        out = tmp_path / "out" / name
        out.parent.mkdir(exist_ok=True)
        out.symlink_to(target)
        make(out)
        assert target.read_bytes() == b"keep me"
        assert not out.is_symlink() and out.stat().st_size > 0
        assert out.stat().st_mode & 0o777 == 0o600
