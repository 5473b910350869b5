"""The family video, clips one by one, the filmstrip and the demo film, read back with PyAV."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from PIL import Image

from vigguide.media.family import (
    FamilyClip,
    make_family_video,
)
from vigguide.media.filmstrip import filmstrip, write_filmstrip
from vigguide.media.synth import make_demo_film


@pytest.mark.slow
def test_family_video_joins_titles_and_clips(
    videos: dict[str, Path], workdir: Path, tmp_path: Path
) -> None:
    items = [
        FamilyClip(videos["h264_tagged"], 0.5, 1.5, "Bath time: you waited for her turn", "Look!"),
        FamilyClip(videos["hevc_hlg_rot90"], 0.2, 1.2, 'Singing "Twinkle" 100% yours', None),
        FamilyClip(videos["no_audio"], 0.0, 1.0, "Quiet play", None),
    ]
    out = tmp_path / "family.mp4"
    make_family_video(items, out)
    with av.open(str(out)) as container:
        video = container.streams.video[0]
        frames = list(container.decode(video))
        assert [s.codec_context.name for s in container.streams] == ["h264", "aac"]
        assert container.duration / 1e6 == pytest.approx(3 * 3.0 + 3 * 1.0, abs=0.2)
        assert not {"title", "location"} & set(container.metadata)
    assert (frames[0].width, frames[0].height) == (1280, 720)
    assert frames[0].format.name == "yuv420p"
    assert not any(f.is_corrupt for f in frames)
    data = out.read_bytes()
    assert b"51.5074" not in data and b"iPhone" not in data
    assert out.stat().st_size < 2_000_000


def test_filmstrip_has_one_thumbnail_per_keyframe(videos: dict[str, Path], counting_reader):
    reader, raw = counting_reader(videos["h264_tagged"])
    strip = filmstrip(reader)
    # keyframes every 15 frames in a 3 s, 30 fps film
    assert [round(t, 3) for t, _ in strip] == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
    assert raw.reads > 0


def test_filmstrip_thumbnails_are_upright_jpegs_without_metadata(
    videos: dict[str, Path], tmp_path: Path
) -> None:
    written = write_filmstrip(videos["hevc_hlg_rot90"], tmp_path / "strip")
    assert written
    with Image.open(written[0]) as image:
        assert image.format == "JPEG"
        assert image.height > image.width
        assert max(image.size) <= 240
        assert not image.getexif()


def test_demo_film_is_a_phone_playable_video(tmp_path: Path) -> None:
    out = make_demo_film(tmp_path / "demo.mp4", seconds=2)
    with av.open(str(out)) as container:
        assert [s.codec_context.name for s in container.streams] == ["h264", "aac"]
        video = container.streams.video[0]
        assert (video.codec_context.width, video.codec_context.height) == (640, 360)
        assert container.duration / 1e6 == pytest.approx(2.0, abs=0.1)


@pytest.mark.slow
def test_titles_and_captions_with_filter_syntax_in_them(
    videos: dict[str, Path], tmp_path: Path
) -> None:
    # the words reach ffmpeg as one escaped option value, never as a text file
    tricky = "Amy's [first] bath; 50%: a\\b, c = {d}\nnext line"
    out = tmp_path / "family.mp4"
    make_family_video([FamilyClip(videos["no_audio"], 0.0, 0.5, tricky, tricky)], out)
    with av.open(str(out)) as container:
        assert container.duration / 1e6 == pytest.approx(3.0 + 0.5, abs=0.2)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [out]


@pytest.mark.slow
def test_a_long_title_stays_inside_an_upright_video(
    videos: dict[str, Path], tmp_path: Path
) -> None:
    """Title cards are wrapped by measured width: on an upright phone video no letter touches the
    edges (28 characters a line used to run off both sides)."""
    title = "Bath time together: you name his big yawn and slow everything right down"
    out = tmp_path / "family.mp4"
    make_family_video([FamilyClip(videos["hevc_hlg_rot90"], 0.2, 0.7, title, None)], out)
    with av.open(str(out)) as container:
        card = next(
            f for f in container.decode(video=0) if f.time is not None and f.time >= 1.5
        ).to_image()
    assert card.width < card.height  # the upright canvas
    grey = card.convert("L")
    edge = max(4, card.width // 25)
    bright = [
        x
        for x in range(card.width)
        for y in range(0, card.height, 2)
        if grey.getpixel((x, y)) > 160  # white letters on the dark card
    ]
    assert bright, "the title is on the card"
    assert min(bright) >= edge and max(bright) < card.width - edge


def test_family_video_from_a_turned_h264_clip_is_upright_in_its_pixels(
    videos: dict[str, Path], tmp_path: Path
) -> None:
    """A clip copied from an Android portrait film keeps its turn flag; the family video turns
    the pictures themselves, so any phone shows them the right way up."""
    from tests import media_videos as mv
    from vigguide.media.clips import make_clip

    clip = make_clip(videos["vfr_rot180"], 0.5, 1.5, tmp_path / "clip.mp4")
    assert clip.method == "copied"
    out = tmp_path / "family.mp4"
    make_family_video([FamilyClip(clip.path, 0.0, clip.duration_s, "Tummy time", None)], out)
    with av.open(str(out)) as container:
        frames = list(container.decode(container.streams.video[0]))
    assert all(f.rotation == 0 for f in frames)
    shown = frames[-len(frames) // 6].to_image()
    # 4:3 pictures sit in the middle of the 16:9 video, black either side
    side = (shown.width - shown.height * 4 // 3) // 2
    middle = shown.crop((side, 0, shown.width - side, shown.height))
    scale = middle.width / 320
    assert mv.is_red(middle, "bl", scale)  # the film's top right, turned half round
    assert not mv.is_red(middle, "tl", scale)  # the film's bottom right, now top left
