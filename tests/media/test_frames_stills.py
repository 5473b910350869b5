"""Exact frames for the preview, and stills: right frame, upright, SDR, sized, no metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests import media_videos as mv
from vigguide.media.frames import FrameReader
from vigguide.media.stills import make_still

# where the source's top-left number block and top-right red block end up after rotation
CORNERS = {0: ("tl", "tr"), 90: ("tr", "br"), 180: ("br", "bl"), 270: ("bl", "tl")}


def close(a: int, b: int) -> bool:
    """Frame numbers equal within one frame (they wrap)."""
    return min((a - b) % mv.LEVEL_WRAP, (b - a) % mv.LEVEL_WRAP) <= 1


@pytest.mark.parametrize(
    ("name", "fps"),
    [("h264_tagged", 30), ("interlaced_ts", 25), ("vp9_webm", 30), ("mjpeg_odd", 25)],
)
def test_frame_at_shows_the_exact_frame(videos: dict[str, Path], name: str, fps: int) -> None:
    with FrameReader(videos[name]) as reader:
        for t in (1.2, 0.0, 0.52, 1.0):
            shown = reader.frame_at(t)
            assert shown.time_s <= t + 1e-3 < shown.time_s + 1 / fps
            assert close(mv.frame_number(shown.image), mv.expected_frame(shown.time_s, fps))


def test_next_and_previous_step_one_frame(videos: dict[str, Path]) -> None:
    with FrameReader(videos["h264_tagged"]) as reader:
        here = reader.frame_at(1.0)
        after = reader.next_frame()
        assert after.time_s == pytest.approx(here.time_s + 1 / 30, abs=1e-3)
        assert mv.frame_number(after.image) == (mv.frame_number(here.image) + 1) % mv.LEVEL_WRAP
        back = reader.previous_frame()
        before = reader.previous_frame()
        assert back.time_s == pytest.approx(here.time_s, abs=1e-6)
        assert before.time_s == pytest.approx(here.time_s - 1 / 30, abs=1e-3)
        # stepping back across a keyframe (every 15 frames) needs a fresh seek
        reader.frame_at(1.0)
        assert reader.previous_frame().time_s == pytest.approx(1.0 - 1 / 30, abs=1e-3)


def test_variable_frame_rate_times_are_the_real_ones(videos: dict[str, Path]) -> None:
    # frames alternate 1/20 s and 1/60 s apart: 0, 0.05, 0.0667, 0.1167, 0.1333 …
    with FrameReader(videos["vfr_rot180"]) as reader:
        assert reader.frame_at(0.06).time_s == pytest.approx(0.05, abs=1e-4)
        assert reader.next_frame().time_s == pytest.approx(0.066667, abs=1e-4)
        assert reader.next_frame().time_s == pytest.approx(0.116667, abs=1e-4)


@pytest.mark.parametrize("name", ["hevc_hlg_rot90", "vfr_rot180", "h264_tagged"])
def test_frames_are_upright(videos: dict[str, Path], name: str) -> None:
    with FrameReader(videos[name]) as reader:
        number_corner, red_corner = CORNERS[reader.info.rotation]
        image = reader.frame_at(0.0).image
    assert image.size == (reader.info.width, reader.info.height)
    assert mv.is_red(image, red_corner)
    if not reader.info.hdr:
        assert mv.frame_number(image, number_corner) == 0


def test_hdr_comes_out_with_natural_sdr_colours(videos: dict[str, Path]) -> None:
    with FrameReader(videos["hevc_hlg_rot90"]) as reader:
        image = reader.frame_at(0.5).image
    # the red marker stays a saturated red, not the washed-out pink of untreated HLG
    box = mv._corner_box(image, "br", 1.0)
    r, g, b = image.convert("RGB").crop(box).resize((1, 1)).getpixel((0, 0))
    assert r > 200 and g < 60 and b < 60


def test_frames_through_a_file_object_match_the_file(videos: dict[str, Path], counting_reader):
    reader_io, raw = counting_reader(videos["h264_tagged"])
    with FrameReader(reader_io) as through_io, FrameReader(videos["h264_tagged"]) as direct:
        a = through_io.frame_at(2.0)
        b = direct.frame_at(2.0)
    assert a.time_s == b.time_s
    assert a.image.tobytes() == b.image.tobytes()
    assert raw.reads > 0


def test_still_is_exact_upright_sized_and_clean(videos: dict[str, Path], tmp_path: Path) -> None:
    out, thumb = tmp_path / "still.jpg", tmp_path / "thumb.jpg"
    result = make_still(videos["h264_tagged"], 1.5, out, thumb_out=thumb)
    assert result.time_s == pytest.approx(1.5)
    with Image.open(out) as image:
        assert image.format == "JPEG"
        assert image.size == (320, 240)
        assert not image.getexif()
        assert "exif" not in image.info
        assert close(mv.frame_number(image), mv.expected_frame(1.5, 30))
    with Image.open(thumb) as small:
        assert max(small.size) <= 320
    assert b"51.5074" not in out.read_bytes()
    assert out.stat().st_mode & 0o077 == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_still_of_4k_is_print_sized(videos: dict[str, Path], tmp_path: Path) -> None:
    result = make_still(videos["uhd60"], 0.5, tmp_path / "big.jpg")
    assert (result.width, result.height) == (1600, 900)


def test_still_of_portrait_phone_film_is_portrait(videos: dict[str, Path], tmp_path: Path):
    result = make_still(videos["hevc_hlg_rot90"], 1.0, tmp_path / "p.jpg")
    with Image.open(result.path) as image:
        assert image.size == (240, 320)
        assert mv.is_red(image, "br")


def test_still_of_odd_height_mjpeg(videos: dict[str, Path], tmp_path: Path) -> None:
    result = make_still(videos["mjpeg_odd"], 0.4, tmp_path / "o.jpg")
    assert (result.width, result.height) == (320, 239)
