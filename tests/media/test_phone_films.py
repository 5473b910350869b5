"""Clips from phone films (HEVC 8-bit and 10-bit HLG, upright, variable frame rate).

By default the film's own frames are copied: exactly the chosen ones (an edit list hides the
frames around them that decoding needs), pixel for pixel, at the film's size, colours, timing and
upright flag, in an `hvc1` track Apple's players take, without SEI. Re-encoded (`--no-fast`) a
clip plays on any phone: H.264 Constrained Baseline or Main, yuv420p, AAC, faststart, upright in
its pixels, SDR, 720p, the right frames and length, close to the film (SSIM floor) though made
with x264's fastest preset. The family video is always made for any phone.
"""

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
from vigguide.media.probe import probe

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
            "tag": video.codec_context.codec_tag,
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


def film_frame(film: Path, at_s: float) -> av.VideoFrame:
    """The film's own decoded frame shown at `at_s` (as stored, before turning upright)."""
    with av.open(str(film)) as container:
        video = container.streams.video[0]
        shown = None
        for frame in container.decode(video):
            if float(frame.time) > at_s + 1e-4:
                break
            shown = frame
    assert shown is not None
    return shown


@pytest.mark.parametrize("name", ["hevc8", "hlg"])
def test_hevc_clip_copies_exactly_the_chosen_frames(
    films: dict[str, Path], tmp_path: Path, name: str
) -> None:
    out = tmp_path / "clip.mp4"
    result = make_clip(films[name], 0.5, 1.5, out)
    assert result.method == "copied" and result.fast_path
    clip = read_back(out)
    assert clip["codec"] == "hevc" and clip["tag"] == "hvc1" and clip["faststart"]
    assert clip["audio"] == ["aac"]
    assert len(clip["frames"]) == result.frames == 30
    assert clip["duration"] == pytest.approx(1.0, abs=0.05)
    # the frames from the one shown at 0.5 s, in order, none before and none after
    numbers = [mv.frame_number(f.to_image()) for f in clip["frames"]]
    first = mv.expected_frame(0.5, 30)
    assert numbers == [(first + i) % mv.LEVEL_WRAP for i in range(30)]
    # pixel for pixel the film's own picture
    own = film_frame(films[name], result.first_frame_s)
    assert bytes(clip["first"].planes[0]) == bytes(own.planes[0])
    # shown upright by its flag, at the film's size and colours
    shown = probe(out)
    assert (shown.width, shown.height, shown.rotation) == (900, 1600, 90)
    assert shown.transfer == ("hlg" if name == "hlg" else "sdr")
    assert mv.is_red(clip["first"].to_image(), "tr")  # stored as filmed: red block top right


def test_a_copied_clip_keeps_a_variable_frame_rate(films: dict[str, Path], tmp_path: Path):
    out = tmp_path / "clip.mp4"
    result = make_clip(films["vfr"], 0.5, 1.5, out)
    assert result.method == "copied"
    clip = read_back(out)
    times = [float(f.time) for f in clip["frames"]]
    gaps = {round(b - a, 3) for a, b in itertools.pairwise(times)}
    assert gaps == {0.017, 0.05}  # 1/60 s and 1/20 s by turns, as filmed
    assert result.first_frame_s == pytest.approx(0.466667, abs=1e-4)
    assert clip["duration"] == pytest.approx(1.05, abs=0.02)
    assert len(clip["frames"]) == result.frames


def test_a_copied_clip_drops_the_gps_in_sei(films: dict[str, Path], tmp_path: Path) -> None:
    gps = b"GPS51.5N0.12W"
    film = pf.with_sei(films["hevc8"], tmp_path / "gps in sei.mov", gps)
    assert film.read_bytes().count(gps) >= 60  # every frame carries it
    out = tmp_path / "clip.mp4"
    result = make_clip(film, 0.3, 1.3, out)
    assert result.method == "copied"
    assert gps not in out.read_bytes() and b"GPS51.5N" not in out.read_bytes()
    clip = read_back(out)
    numbers = [mv.frame_number(f.to_image()) for f in clip["frames"]]
    first = mv.expected_frame(0.3, 30)
    assert numbers == [(first + i) % mv.LEVEL_WRAP for i in range(30)]
    assert not any(f.is_corrupt for f in clip["frames"])


@pytest.mark.parametrize("name", ["hevc8", "hlg"])
def test_re_encoded_hevc_clip_plays_upright_at_720p(
    films: dict[str, Path], tmp_path: Path, name: str
) -> None:
    out = tmp_path / "clip.mp4"
    result = make_clip(films[name], 0.5, 1.5, out, allow_fast=False)
    assert result.method == "re-encoded"
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
def test_re_encoded_clip_stays_close_to_the_film(
    films: dict[str, Path], tmp_path: Path, name: str
) -> None:
    out = tmp_path / "clip.mp4"
    result = make_clip(films[name], 0.5, 1.5, out, allow_fast=False)
    # from the clip's first frame (in a variable frame rate film, the one shown at 0.5 s)
    assert pf.ssim(films[name], result.first_frame_s, out) >= SSIM_FLOOR


def test_re_encoded_variable_frame_rate_keeps_its_timing(films: dict[str, Path], tmp_path: Path):
    out = tmp_path / "clip.mp4"
    result = make_clip(films["vfr"], 0.5, 1.5, out, allow_fast=False)
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


def _cli_clip(film: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vigguide", "media", "clip", str(film),
         "--start", "0.5", "--end", "1.5", "-o", str(out), *extra],
        capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_clip_through_the_cli(films: dict[str, Path], tmp_path: Path) -> None:
    copied = _cli_clip(films["hlg"], tmp_path / "copied.mp4")
    assert copied.returncode == 0, copied.stderr
    assert "30 frames" in copied.stdout and "copied" in copied.stdout
    assert "--no-fast" in copied.stdout  # says how to make one for any phone
    assert read_back(tmp_path / "copied.mp4")["codec"] == "hevc"
    phone = _cli_clip(films["hlg"], tmp_path / "for any phone.mp4", "--no-fast")
    assert phone.returncode == 0, phone.stderr
    assert "30 frames" in phone.stdout and "re-encoded" in phone.stdout
    clip = read_back(tmp_path / "for any phone.mp4")
    assert_plays_on_any_phone(clip)
    assert (clip["first"].width, clip["first"].height) == (720, 1280)


@pytest.mark.parametrize("name", ["hevc8", "hlg"])
def test_family_video_from_a_copied_clip_plays_on_any_phone(
    films: dict[str, Path], tmp_path: Path, name: str
) -> None:
    clip = make_clip(films[name], 0.0, 1.6, tmp_path / "clip.mp4")
    assert clip.method == "copied"
    video = make_family_video(
        [FamilyClip(clip.path, 0.0, clip.duration_s, "You wait for him")], tmp_path / "family.mp4"
    )
    made = read_back(video)
    assert_plays_on_any_phone(made)
    assert (made["first"].width, made["first"].height) == (720, 1280)
    assert made["duration"] == pytest.approx(TITLE_SECONDS + 1.6, abs=0.1)
    card = round(TITLE_SECONDS * 30)
    assert len(made["frames"]) == card + clip.frames
    # upright in its pixels, and the clip's own frames in order (the middle one, between fades)
    middle = made["frames"][card + 24].to_image()
    assert mv.is_red(middle, "br", 1280 / 1600)
    if name == "hevc8":  # (toned to SDR, the HLG film's grey levels are not its frame numbers)
        assert mv.frame_number(middle, "tr", 1280 / 1600) == 24
        # the clip's middle (between its fades), 3 s in after the title card
        assert pf.ssim_between(video, TITLE_SECONDS + 0.5, clip.path, 0.5, 0.6) >= SSIM_FLOOR


def test_family_video_takes_an_h264_phone_clip_as_it_is(films: dict[str, Path], tmp_path: Path):
    clip = make_clip(films["hevc8"], 0.0, 1.0, tmp_path / "clip.mp4", allow_fast=False)
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


def test_a_copied_clip_from_an_open_gop_keyframe(films: dict[str, Path], tmp_path: Path):
    """From a keyframe whose GOP is open (a frame shown just before it is decoded after it, from
    the GOP before), as phones and x265 make: that frame cannot be decoded and is left out; the
    clip, and a family video made from it, hold exactly the chosen frames."""
    with av.open(str(films["hevc8"])) as container:
        video = container.streams.video[0]
        keys = [float(p.pts * video.time_base) for p in container.demux(video) if p.is_keyframe]
    at = next(k for k in keys if k > 0.5)
    result = make_clip(films["hevc8"], at, at + 0.6, tmp_path / "clip.mp4")
    assert result.method == "copied"
    clip = read_back(result.path)
    numbers = [mv.frame_number(f.to_image()) for f in clip["frames"]]
    first = mv.expected_frame(at, 30)
    assert numbers == [(first + i) % mv.LEVEL_WRAP for i in range(18)]
    video = make_family_video(
        [FamilyClip(result.path, 0.0, result.duration_s, "Together")], tmp_path / "family.mp4"
    )
    made = read_back(video)
    assert len(made["frames"]) == round(TITLE_SECONDS * 30) + 18


def test_a_copied_clip_carries_none_of_the_films_metadata(
    films: dict[str, Path], tmp_path: Path
) -> None:
    """An iPhone film's place, device, title and time stay in the film."""
    tagged = tmp_path / "tagged iphone.mov"
    mv._run(
        ["-i", str(films["hevc8"]), "-map", "0", "-c", "copy",
         "-metadata", "title=Amy bath time at home",
         "-metadata", "com.apple.quicktime.location.ISO6709=+51.5074-000.1278/",
         "-metadata", "com.apple.quicktime.make=Apple",
         "-metadata", "com.apple.quicktime.model=iPhone 15",
         "-metadata", "creation_time=2024-05-01T10:00:00Z",
         "-metadata:s:v", "handler_name=Core Media Video",
         "-movflags", "use_metadata_tags", str(tagged)],
    )  # fmt: skip
    source = tagged.read_bytes()
    markers = [b"51.5074", b"iPhone 15", b"Amy bath", b"Core Media", b"Apple"]
    assert all(m in source for m in markers)
    result = make_clip(tagged, 0.5, 1.5, tmp_path / "clip.mp4")
    assert result.method == "copied"
    data = result.path.read_bytes()
    assert not [m for m in markers if m in data]
    with av.open(str(result.path)) as container:
        assert not {"title", "location", "creation_time", "make", "model"} & set(container.metadata)
    assert probe(result.path).rotation == 90  # the upright flag is kept: it is not about her


def test_a_4k_hevc_films_clips_are_re_encoded_to_720p(tmp_path: Path) -> None:
    """Copied frames keep the film's size; a 4K film's clips are made at 720p instead."""
    film = mv._make(
        tmp_path / "iphone 4k.mov",
        ["-f", "lavfi", "-i", mv.numbered("320x180", 30, 1) + ",scale=3840:2160:flags=neighbor",
         *mv.tone(1), "-c:v", "libx265", "-preset", "ultrafast", "-tag:v", "hvc1",
         "-x265-params", "log-level=error:keyint=15", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "64k", "-shortest", "OUT"],
    )  # fmt: skip
    result = make_clip(film, 0.2, 0.8, tmp_path / "clip.mp4")
    assert result.method == "re-encoded"
    clip = read_back(result.path)
    assert_plays_on_any_phone(clip)
    assert (clip["first"].width, clip["first"].height) == (1280, 720)
    assert len(clip["frames"]) == result.frames == 18
