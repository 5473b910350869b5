"""Clips from phone films (HEVC 8-bit and 10-bit HLG, upright, variable frame rate) are made fast
and still play on any phone: H.264 Constrained Baseline or Main, yuv420p, AAC, faststart, upright,
the right frames and length, and close to the film (SSIM floor) though made with x264's fastest
preset at 720p."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import av
import pytest

from tests import media_videos as mv
from tests import phone_films as pf
from vigguide.media.clips import make_clip
from vigguide.media.family import TITLE_SECONDS, FamilyClip, make_family_video

SSIM_FLOOR = 0.95
PHONE_PROFILES = {"Constrained Baseline", "Main"}


@pytest.fixture(scope="module")
def films(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("phone")
    return {
        "hevc8": pf.make_hevc_portrait(folder),
        "hlg": pf.make_hevc_hlg_portrait(folder),
        "vfr": pf.make_hevc_vfr_portrait(folder),
    }


def read_back(path: Path) -> dict:
    data = path.read_bytes()
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        frames = list(container.decode(video))
        return {
            "frames": frames,
            "first": frames[0],
            "codec": video.codec_context.name,
            "profile": video.codec_context.profile,
            "audio": [s.codec_context.name for s in container.streams.audio],
            "duration": container.duration / 1_000_000,
            "faststart": 0 <= data.find(b"moov") < data.find(b"mdat"),
        }


def assert_plays_on_any_phone(clip: dict) -> None:
    assert clip["codec"] == "h264"
    assert clip["profile"] in PHONE_PROFILES
    assert clip["first"].format.name == "yuv420p"
    assert clip["first"].color_trc == 1  # BT.709 SDR, never HLG or PQ
    assert clip["first"].rotation == 0  # upright in its pixels, no flag left for players
    assert clip["audio"] == ["aac"]
    assert clip["faststart"]


@pytest.mark.parametrize("name", ["hevc8", "hlg"])
def test_portrait_hevc_clip_plays_upright_at_720p(
    films: dict[str, Path], tmp_path: Path, name: str
) -> None:
    out = tmp_path / "clip.mp4"
    result = make_clip(films[name], 0.5, 1.5, out)
    clip = read_back(out)
    assert_plays_on_any_phone(clip)
    assert (clip["first"].width, clip["first"].height) == (720, 1280)
    assert len(clip["frames"]) == result.frames == 30
    assert clip["duration"] == pytest.approx(1.0, abs=0.05)
    scale = 1280 / 1600
    # stored landscape with the red block top right: upright, that corner is bottom right
    assert mv.is_red(clip["first"].to_image(), "br", scale)
    assert not mv.is_red(clip["first"].to_image(), "tr", scale)


@pytest.mark.parametrize("name", ["hevc8", "hlg", "vfr"])
def test_fast_clip_stays_close_to_the_film(
    films: dict[str, Path], tmp_path: Path, name: str
) -> None:
    out = tmp_path / "clip.mp4"
    result = make_clip(films[name], 0.5, 1.5, out)
    # from the clip's first frame (in a variable frame rate film, the one shown at 0.5 s)
    assert pf.ssim(films[name], result.first_frame_s, out) >= SSIM_FLOOR


def test_variable_frame_rate_hevc_keeps_its_timing(films: dict[str, Path], tmp_path: Path):
    out = tmp_path / "clip.mp4"
    result = make_clip(films["vfr"], 0.5, 1.5, out)
    clip = read_back(out)
    assert_plays_on_any_phone(clip)
    assert (clip["first"].width, clip["first"].height) == (360, 640)
    times = [float(f.time) for f in clip["frames"]]
    gaps = {round(b - a, 3) for a, b in itertools.pairwise(times)}
    assert gaps == {0.017, 0.05}  # 1/60 s and 1/20 s by turns, not evened out
    # from the frame shown at 0.5 s (0.467 s) until the one after 1.467 s (1.517 s)
    assert result.first_frame_s == pytest.approx(0.466667, abs=1e-4)
    assert clip["duration"] == pytest.approx(1.05, abs=0.02)
    assert len(clip["frames"]) == result.frames
    assert mv.is_red(clip["first"].to_image(), "br")


def test_clip_through_the_cli(films: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "from the cli.mp4"
    run = subprocess.run(
        [sys.executable, "-m", "vigguide", "media", "clip", str(films["hlg"]),
         "--start", "0.5", "--end", "1.5", "-o", str(out)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "30 frames" in run.stdout
    clip = read_back(out)
    assert_plays_on_any_phone(clip)
    assert (clip["first"].width, clip["first"].height) == (720, 1280)


def test_family_video_from_a_phone_clip_plays_and_stays_close(
    films: dict[str, Path], tmp_path: Path
) -> None:
    clip = make_clip(films["hevc8"], 0.0, 1.6, tmp_path / "clip.mp4")
    video = make_family_video(
        [FamilyClip(clip.path, 0.0, clip.duration_s, "You wait for him")], tmp_path / "family.mp4"
    )
    made = read_back(video)
    assert_plays_on_any_phone(made)
    assert (made["first"].width, made["first"].height) == (720, 1280)
    assert made["duration"] == pytest.approx(TITLE_SECONDS + 1.6, abs=0.1)
    # the clip's middle (between its fades), 3 s in after the title card
    assert pf.ssim_between(video, TITLE_SECONDS + 0.5, clip.path, 0.5, 0.6) >= SSIM_FLOOR


def test_family_video_takes_a_phone_clip_as_it_is(films: dict[str, Path], tmp_path: Path):
    clip = make_clip(films["hevc8"], 0.0, 1.0, tmp_path / "clip.mp4")
    video = make_family_video(
        [FamilyClip(clip.path, 0.0, clip.duration_s, "You wait for him")], tmp_path / "family.mp4"
    )
    shown = read_back(video)["frames"]
    own = read_back(clip.path)["frames"]
    card = round(TITLE_SECONDS * 30)
    assert len(shown) == card + len(own)
    # the clip's own pictures, not encoded a second time (so not a generation worse)
    for a, b in zip(shown[card:], own, strict=True):
        assert bytes(a.planes[0]) == bytes(b.planes[0])
