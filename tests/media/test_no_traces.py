"""No camera metadata inside the stream: a GPS string in SEI user data never reaches a clip (smart
cut or re-encoded), a still or the family video."""

from __future__ import annotations

from pathlib import Path

import av

from tests import media_videos as mv
from tests.media.conftest import GPS
from vigguide.media.clips import cut_clip
from vigguide.media.family import FamilyClip, make_family_video
from vigguide.media.stills import grab_still

GPS_PART = b"GPS51.5N"


def _numbers(data: bytes) -> list[int]:
    import io

    with av.open(io.BytesIO(data)) as container:
        frames = list(container.decode(container.streams.video[0]))
    assert not any(f.is_corrupt for f in frames)
    return [mv.frame_number(f.to_image()) for f in frames]


def test_smart_cut_clip_drops_the_gps_in_sei_and_stays_frame_accurate(sei_film: Path) -> None:
    clip = cut_clip(sei_film, 0.7, 2.2)
    assert clip.fast_path  # copied packets: exactly where SEI used to come through
    assert GPS_PART not in clip.data
    first = mv.expected_frame(0.7, 30)
    assert _numbers(clip.data) == [(first + i) % mv.LEVEL_WRAP for i in range(45)]


def test_a_clip_starting_on_a_keyframe_drops_it_too(sei_film: Path) -> None:
    clip = cut_clip(sei_film, 0.0, 1.5)
    assert clip.fast_path and clip.frames == 45
    assert GPS_PART not in clip.data


def test_re_encoded_clip_drops_the_gps_in_sei(sei_film: Path) -> None:
    clip = cut_clip(sei_film, 0.7, 2.2, allow_fast=False)
    assert not clip.fast_path
    assert GPS_PART not in clip.data
    assert clip.frames == 45


def test_still_and_thumbnail_carry_no_gps(sei_film: Path) -> None:
    still = grab_still(sei_film, 1.0)
    assert still.jpeg.startswith(b"\xff\xd8") and still.thumb.startswith(b"\xff\xd8")
    assert GPS_PART not in still.jpeg and GPS_PART not in still.thumb


def test_family_video_carries_no_gps(sei_film: Path, tmp_path: Path) -> None:
    out = tmp_path / "family.mp4"
    make_family_video([FamilyClip(sei_film, 0.0, 1.5, "Bath time", "You waited")], out)
    data = out.read_bytes()
    assert GPS not in data and GPS_PART not in data
    with av.open(str(out)) as container:
        assert container.duration / 1e6 > 4.0
