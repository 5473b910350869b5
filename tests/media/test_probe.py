"""Probing every camera shape, and the one-line messages for files that are not usable films."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.media.restricted import run_restricted
from vigguide.errors import MediaError
from vigguide.media.probe import probe, validate

# name: (width, height, rotation, video codec, audio codec, hdr, interlaced, vfr)
SHAPES = {
    "h264_tagged": (320, 240, 0, "h264", "aac", False, False, False),
    "hevc_hlg_rot90": (240, 320, 90, "hevc", "aac", True, False, False),
    "vfr_rot180": (320, 240, 180, "h264", "aac", False, False, True),
    "interlaced_ts": (320, 240, 0, "h264", "ac3", False, True, False),
    "vp9_webm": (320, 240, 0, "vp9", "opus", False, False, False),
    "mjpeg_odd": (320, 239, 0, "mjpeg", "pcm_s16le", False, False, False),
    "no_audio": (320, 240, 0, "h264", None, False, False, False),
    "uhd60": (3840, 2160, 0, "h264", "aac", False, False, False),
    "single_frame": (320, 240, 0, "h264", None, False, False, False),
    "weird_name": (320, 240, 0, "h264", None, False, False, False),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_probe_reports_what_a_practitioner_needs(videos: dict[str, Path], name: str) -> None:
    width, height, rotation, vcodec, acodec, hdr, interlaced, vfr = SHAPES[name]
    info = validate(videos[name])
    assert (info.width, info.height, info.rotation) == (width, height, rotation)
    assert (info.video_codec, info.audio_codec) == (vcodec, acodec)
    assert (info.hdr, info.interlaced, info.variable_frame_rate) == (hdr, interlaced, vfr)
    assert info.size_bytes == videos[name].stat().st_size
    assert info.duration_s > 0


def test_durations_and_rates(videos: dict[str, Path]) -> None:
    assert validate(videos["h264_tagged"]).duration_s == pytest.approx(3.0, abs=0.05)
    assert validate(videos["uhd60"]).fps == pytest.approx(60)
    assert validate(videos["interlaced_ts"]).fps == pytest.approx(25)
    assert validate(videos["single_frame"]).duration_s == pytest.approx(1 / 30, abs=0.01)


def test_probe_reads_through_a_file_object(videos: dict[str, Path], counting_reader) -> None:
    reader, raw = counting_reader(videos["hevc_hlg_rot90"])
    info = probe(reader)
    assert (info.width, info.height, info.hdr) == (240, 320, True)
    assert raw.reads > 0
    with videos["vfr_rot180"].open("rb") as fh:
        assert probe(fh).rotation == 180


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("missing", "not found"),
        ("empty", "empty"),
        ("text", "text file"),
        ("random", "not a video"),
        ("truncated", "cut short"),
        ("audio_only", "only sound"),
    ],
)
def test_broken_inputs_get_one_plain_line_naming_the_file(
    broken: dict[str, Path], kind: str, words: str
) -> None:
    path = broken[kind]
    with pytest.raises(MediaError) as caught:
        validate(path)
    message = str(caught.value)
    assert "\n" not in message
    assert path.name in message
    assert words in message


def test_unreadable_file_is_named(videos: dict[str, Path], tmp_path: Path) -> None:
    locked = tmp_path / "locked.mp4"
    locked.write_bytes(videos["no_audio"].read_bytes())
    locked.chmod(0)
    # in a child process that obeys file modes even when the tests run as root
    outcome = run_restricted("locked", {"unreadable": {"video": locked}})["unreadable"]
    assert outcome["error"] == "MediaError"
    assert outcome["message"].startswith("locked.mp4 cannot be opened: permission denied")
