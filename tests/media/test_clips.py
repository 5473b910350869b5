"""Clips read back with PyAV: right first frame, length, upright, SDR H.264 + AAC, no metadata."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import av
import pytest

from tests import media_videos as mv
from vigguide.errors import CancelledError, MediaError
from vigguide.media import smartcut
from vigguide.media.avc import AvcConfig, combined
from vigguide.media.clips import make_clip

IDENTIFYING = [b"51.5074", b"iPhone", b"Amy bath", b"2024-05-01", b"Apple"]


def read_back(path: Path) -> dict:
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        frames = [frame for frame in container.decode(video)]
        audio = [s.codec_context.name for s in container.streams.audio]
        return {
            "frames": frames,
            "codec": video.codec_context.name,
            "audio": audio,
            "duration": container.duration / 1_000_000,
            "metadata": dict(container.metadata) | dict(video.metadata),
            "first": frames[0],
        }


def assert_phone_playable(clip: dict) -> None:
    first = clip["first"]
    assert clip["codec"] == "h264"
    assert first.format.name == "yuv420p"
    assert first.width % 2 == 0 and first.height % 2 == 0
    assert first.color_trc in (1, 2)  # BT.709 or unspecified (SDR); never PQ (16) or HLG (18)
    assert first.rotation == 0


def close(a: int, b: int) -> bool:
    return min((a - b) % mv.LEVEL_WRAP, (b - a) % mv.LEVEL_WRAP) <= 1


@pytest.mark.parametrize(
    ("name", "fps", "audio"),
    [
        ("h264_tagged", 30, ["aac"]),
        ("interlaced_ts", 25, ["aac"]),
        ("vp9_webm", 30, ["aac"]),
        ("mjpeg_odd", 25, ["aac"]),
        ("no_audio", 30, []),
    ],
)
def test_clip_starts_on_the_chosen_frame(
    videos: dict[str, Path], workdir: Path, tmp_path: Path, name: str, fps: int, audio: list
) -> None:
    out = tmp_path / "clip.mp4"
    result = make_clip(videos[name], 0.6, 1.4, out, workdir, allow_fast=False)
    clip = read_back(out)
    assert_phone_playable(clip)
    assert clip["audio"] == audio
    assert len(clip["frames"]) == result.frames == pytest.approx(0.8 * fps, abs=1)
    assert clip["duration"] == pytest.approx(0.8, abs=0.05)
    assert close(mv.frame_number(clip["first"].to_image()), mv.expected_frame(0.6, fps))
    assert (clip["first"].width, clip["first"].height) == (320, 240)


def test_clip_has_no_identifying_metadata(videos: dict[str, Path], workdir: Path, tmp_path: Path):
    out = tmp_path / "clip.mp4"
    make_clip(videos["h264_tagged"], 0.2, 1.0, out, workdir)
    data = out.read_bytes()
    for marker in IDENTIFYING:
        assert marker not in data
    assert not {"title", "location", "creation_time"} & set(read_back(out)["metadata"])
    # the source really did carry them
    assert b"51.5074" in videos["h264_tagged"].read_bytes()


def test_portrait_hdr_phone_film_re_encoded_comes_out_upright_and_sdr(
    videos: dict[str, Path], workdir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "clip.mp4"
    # (by default its HEVC frames are copied as they are: tests/media/test_phone_films.py)
    result = make_clip(videos["hevc_hlg_rot90"], 0.5, 1.5, out, workdir, allow_fast=False)
    clip = read_back(out)
    assert_phone_playable(clip)
    assert clip["first"].color_trc == 1
    assert (clip["first"].width, clip["first"].height) == (240, 320)
    assert mv.is_red(clip["first"].to_image(), "br")
    assert len(clip["frames"]) == result.frames == 30


def test_variable_frame_rate_clip_keeps_real_times(
    videos: dict[str, Path], workdir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "clip.mp4"
    result = make_clip(videos["vfr_rot180"], 0.5, 1.0, out, workdir, allow_fast=False)
    clip = read_back(out)
    assert_phone_playable(clip)
    assert result.first_frame_s == pytest.approx(0.466667, abs=1e-4)
    times = [float(f.time) for f in clip["frames"][:4]]
    gaps = [round(b - a, 3) for a, b in itertools.pairwise(times)]
    assert sorted(set(gaps)) == [0.017, 0.05]
    assert mv.is_red(clip["first"].to_image(), "bl")
    assert clip["audio"] == ["aac"]


def test_a_turned_h264_film_is_copied_exactly_with_its_flag(
    videos: dict[str, Path], workdir: Path, tmp_path: Path
) -> None:
    """An Android phone's portrait film: H.264 flagged to be turned (here 180°). The smart cut
    cannot turn it, so its frames are copied as they are, with the flag and its own times."""
    out = tmp_path / "clip.mp4"
    result = make_clip(videos["vfr_rot180"], 0.5, 1.0, out, workdir)
    assert result.method == "copied"
    clip = read_back(out)
    assert clip["codec"] == "h264" and clip["audio"] == ["aac"]
    assert len(clip["frames"]) == result.frames
    assert result.first_frame_s == pytest.approx(0.466667, abs=1e-4)
    times = [float(f.time) for f in clip["frames"]]
    assert sorted({round(b - a, 3) for a, b in itertools.pairwise(times)}) == [0.017, 0.05]
    assert times[0] == pytest.approx(0.0)
    assert abs(clip["first"].rotation) == 180  # turned upright by the player, as the film is
    with av.open(str(videos["vfr_rot180"])) as film:
        own = next(
            f
            for f in film.decode(film.streams.video[0])
            if abs(float(f.time) - result.first_frame_s) < 1e-3
        )
    assert bytes(clip["first"].planes[0]) == bytes(own.planes[0])  # the film's own picture
    assert not set(read_back(out)["metadata"]) & {"title", "location", "creation_time"}


@pytest.mark.slow
def test_4k_is_scaled_to_720p(videos: dict[str, Path], workdir: Path, tmp_path: Path):
    out = tmp_path / "clip.mp4"
    make_clip(videos["uhd60"], 0.25, 0.75, out, workdir)
    clip = read_back(out)
    assert (clip["first"].width, clip["first"].height) == (1280, 720)
    assert len(clip["frames"]) == 30


def test_single_frame_film(videos: dict[str, Path], workdir: Path, tmp_path: Path):
    out = tmp_path / "one.mp4"
    result = make_clip(videos["single_frame"], 0.0, 1.0, out, workdir)
    assert result.frames == 1
    assert len(read_back(out)["frames"]) == 1


def test_awkward_file_names(videos: dict[str, Path], workdir: Path, tmp_path: Path):
    out = tmp_path / "-clip 'one' \"two\" 🛁.mp4"
    make_clip(videos["weird_name"], 0.0, 0.5, out, workdir)
    assert len(read_back(out)["frames"]) == 15


def test_clip_through_a_file_object(
    videos: dict[str, Path], workdir: Path, tmp_path: Path, counting_reader
) -> None:
    reader, raw = counting_reader(videos["h264_tagged"])
    out = tmp_path / "clip.mp4"
    make_clip(reader, 1.1, 1.5, out, workdir, allow_fast=False)
    clip = read_back(out)
    assert len(clip["frames"]) == 12
    assert close(mv.frame_number(clip["first"].to_image()), 33)
    assert raw.reads > 0


def test_progress_is_reported(videos: dict[str, Path], workdir: Path, tmp_path: Path) -> None:
    seen: list[float] = []
    make_clip(videos["h264_tagged"], 0.0, 2.0, tmp_path / "c.mp4", workdir, progress=seen.append)
    assert seen and seen[-1] == 1.0
    assert all(0.0 <= x <= 1.0 for x in seen)


def test_cancel_leaves_nothing(videos: dict[str, Path], workdir: Path, tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "c.mp4"
    with pytest.raises(CancelledError):
        make_clip(videos["h264_tagged"], 0.0, 2.0, out, workdir, cancel=cancel)
    assert list((tmp_path / "out").iterdir()) == []


def test_cancel_while_running_kills_ffmpeg(
    videos: dict[str, Path], workdir: Path, tmp_path: Path
) -> None:
    cancel = threading.Event()
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "c.mp4"
    with pytest.raises(CancelledError):
        make_clip(
            videos["uhd60"], 0.0, 1.0, out, workdir, cancel=cancel, progress=lambda _: cancel.set()
        )
    assert list((tmp_path / "out").iterdir()) == []


def test_clip_outside_the_film_is_refused(videos: dict[str, Path], workdir: Path, tmp_path):
    with pytest.raises(MediaError, match=r"only 2\.00 s long"):
        make_clip(videos["no_audio"], 5.0, 6.0, tmp_path / "c.mp4", workdir)
    with pytest.raises(MediaError, match="end after it starts"):
        make_clip(videos["no_audio"], 1.0, 1.0, tmp_path / "c.mp4", workdir)


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        # keyframes every 15 frames (0.5 s); 0.3 s .. 2.4 s: a re-encoded head, then copied GOPs
        # up to the out-point (a decode-order prefix of the last GOP holds exactly its frames)
        (0.3, 2.4, 63),
        # 0.7 s .. 2.2 s: a head, copied GOPs, part of a GOP, and a re-encoded tail of 2 frames
        (0.7, 2.2, 45),
    ],
)
def test_smart_cut_is_seamless(
    videos: dict[str, Path], workdir: Path, tmp_path: Path, start: float, end: float, count: int
) -> None:
    out = tmp_path / "fast.mp4"
    result = make_clip(videos["h264_tagged"], start, end, out, workdir)
    assert result.fast_path
    clip = read_back(out)
    assert_phone_playable(clip)
    frames = clip["frames"]
    assert len(frames) == result.frames == count
    assert not any(frame.is_corrupt for frame in frames)
    numbers = [mv.frame_number(frame.to_image()) for frame in frames]
    first = mv.expected_frame(start, 30)
    assert numbers == [(first + i) % mv.LEVEL_WRAP for i in range(count)]
    assert clip["audio"] == ["aac"]
    assert clip["duration"] == pytest.approx(end - start, abs=0.05)
    for marker in IDENTIFYING:
        assert marker not in out.read_bytes()


def test_smart_cut_matches_the_full_re_encode(
    videos: dict[str, Path], workdir: Path, tmp_path: Path
) -> None:
    fast = make_clip(videos["h264_tagged"], 0.7, 2.2, tmp_path / "a.mp4", workdir)
    slow = make_clip(videos["h264_tagged"], 0.7, 2.2, tmp_path / "b.mp4", workdir, allow_fast=False)
    assert fast.fast_path and not slow.fast_path
    assert fast.frames == slow.frames == 45
    a, b = read_back(fast.path)["frames"], read_back(slow.path)["frames"]
    assert [round(float(f.time), 3) for f in a] == [round(float(f.time), 3) for f in b]


def test_smart_cut_of_a_film_with_parameter_sets_inside_its_keyframes(
    videos: dict[str, Path], workdir: Path, tmp_path: Path
) -> None:
    result = make_clip(videos["inband_headers"], 0.4, 1.7, tmp_path / "c.mp4", workdir)
    assert result.fast_path
    frames = read_back(result.path)["frames"]
    assert len(frames) == result.frames == 39
    assert not any(frame.is_corrupt for frame in frames)
    first = mv.expected_frame(0.4, 30)
    assert [mv.frame_number(f.to_image()) for f in frames] == [
        (first + i) % mv.LEVEL_WRAP for i in range(39)
    ]


def _leave_out_new_parameter_sets(source: AvcConfig, added: AvcConfig) -> bytes:
    """A splice bug: the joined header forgets the re-encoded parts' SPS and PPS."""
    return combined(
        source, AvcConfig(bytes([1, added.profile, added.compat, added.level, 0xFF, 0xE0, 0]))
    )


def _damage_first_sample(real):
    def encode(span, frames, plan, cancel):
        part = real(span, frames, plan, cancel)
        sample = bytearray(part.samples[0])
        middle = len(sample) // 2
        sample[middle : middle + 32] = bytes(b ^ 0x5A for b in sample[middle : middle + 32])
        part.samples[0] = bytes(sample)
        return part

    return encode


@pytest.mark.parametrize("fault", ["parameter sets left out", "damaged re-encoded picture"])
def test_a_broken_seam_is_caught_and_the_clip_re_encoded(
    videos: dict[str, Path], workdir: Path, tmp_path: Path, monkeypatch, fault: str
) -> None:
    if fault == "parameter sets left out":
        monkeypatch.setattr(smartcut, "combined", _leave_out_new_parameter_sets)
    else:
        monkeypatch.setattr(smartcut, "_encode_part", _damage_first_sample(smartcut._encode_part))
    out = tmp_path / "clip.mp4"
    result = make_clip(videos["h264_tagged"], 0.7, 2.2, out, workdir)
    assert not result.fast_path
    frames = read_back(out)["frames"]
    assert len(frames) == result.frames == 45
    assert not any(frame.is_corrupt for frame in frames)
    first = mv.expected_frame(0.7, 30)
    assert [mv.frame_number(f.to_image()) for f in frames] == [
        (first + i) % mv.LEVEL_WRAP for i in range(45)
    ]
