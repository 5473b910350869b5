"""The headless player on real decoded films: which frame is on screen, and when.

The clock is driven with exact wall times, so each assertion names the frame a viewer would see.
The numbered films carry each frame's number in a grey block, read back from the picture itself.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import BinaryIO

import pytest

from tests import media_videos as mv
from vigguide.player.core import Opener, PlayerCore
from vigguide.player.model import Mode
from vigguide.player.plan import PlayClip, PlayPlan, StillMark

FPS = 30


def opener_for(path: Path) -> Opener:
    """Plain files stand in for the vault here (the vault itself is in test_play and test_window)."""

    def opener(vault_id: str) -> BinaryIO:
        assert vault_id == "film"
        return open(path, "rb")  # the core closes it

    return opener


def core_for(
    path: Path,
    *clips: PlayClip,
    long_edge: int | None = None,
) -> PlayerCore:
    plan = PlayPlan("VIG-1", 1, clips)
    return PlayerCore(plan, opener_for(path), long_edge=long_edge)


def clip(start: float, end: float, **kw: object) -> PlayClip:
    return PlayClip(1, "Bath time", "film", start, end, **kw)  # type: ignore[arg-type]


def number_on_screen(core: PlayerCore) -> int:
    return mv.frame_number(core.shown.image)


def run_until(core: PlayerCore, now: float, until: float, step: float = 1 / 120) -> float:
    while now < until:
        now += step
        core.update(now)
    return now


def test_opens_on_the_first_frame_of_the_clip(film: Path) -> None:
    core = core_for(film, clip(0.5, 2.5))
    assert core.shown.time_s == pytest.approx(0.5)
    assert number_on_screen(core) == mv.expected_frame(0.5, FPS)
    assert core.model.mode is Mode.PAUSED
    core.close()


def test_stops_exactly_on_the_planned_pause_with_the_question(film: Path) -> None:
    # 1.52 s lies inside frame 45 (1.500–1.533): the pause must land on frame 45, not 46
    core = core_for(film, clip(0.5, 2.5, pause_at_s=1.52, question="What do you see?"))
    core.toggle(0.0)
    run_until(core, 0.0, 3.0)
    assert core.model.mode is Mode.AT_PAUSE
    assert core.model.caption == "What do you see?"
    assert core.shown.time_s == pytest.approx(1.5)
    assert number_on_screen(core) == 45 % 30
    # it waits there however long the talk takes, then plays on to the end of the clip
    core.update(100.0)
    assert core.shown.time_s == pytest.approx(1.5)
    core.toggle(100.0)
    run_until(core, 100.0, 102.0)
    assert core.model.mode is Mode.ENDED
    assert core.shown.time_s == pytest.approx(2.5 - 1 / FPS)
    core.close()


def test_freezes_on_each_still_for_three_seconds(film: Path) -> None:
    stills = (StillMark(1.0, "You wait for him."), StillMark(2.01, "He reaches out."))
    core = core_for(film, clip(0.5, 2.5, stills=stills))
    core.toggle(0.0)
    now = run_until(core, 0.0, 0.55)  # 0.5 s in: at the first still
    assert core.model.mode is Mode.HELD
    assert core.model.caption == "You wait for him."
    assert core.shown.time_s == pytest.approx(1.0)
    run_until(core, now, 3.45)  # still held just before 3 s have passed
    assert core.shown.time_s == pytest.approx(1.0)
    now = run_until(core, 3.45, 3.55 + 1.01 + 0.05)  # 3 s hold, then 1.01 s more of film
    assert core.model.caption == "He reaches out."
    assert core.shown.time_s == pytest.approx(2.0)
    assert number_on_screen(core) == 60 % 30
    # a key ends the hold early
    core.toggle(now)
    assert core.model.mode is Mode.PLAYING
    core.close()


def test_frame_steps_forward_and_back(film: Path) -> None:
    core = core_for(film, clip(0.5, 2.5))
    core.step(1, 0.0)
    assert core.shown.time_s == pytest.approx(0.5 + 1 / FPS)
    assert number_on_screen(core) == 16
    core.step(1, 0.0)
    core.step(-1, 0.0)
    assert number_on_screen(core) == 16
    core.step(-1, 0.0)
    core.step(-1, 0.0)  # the first frame of the clip stays put
    assert core.shown.time_s == pytest.approx(0.5, abs=1 / FPS)
    # stepping back across a keyframe (every 15 frames, at 1.0 s)
    core.jump(0.6, 0.0)
    assert core.shown.time_s == pytest.approx(1.1, abs=0.001)
    for _ in range(4):
        core.step(-1, 0.0)
    assert number_on_screen(core) == round(1.1 * FPS) - 4
    core.close()


def test_half_speed_presents_each_frame_for_twice_its_time(film: Path) -> None:
    core = core_for(film, clip(0.0, 3.0))
    core.faster(0.0)
    core.slower(0.0)
    assert core.model.speed == 0.5
    core.toggle(0.0)
    changes: list[tuple[float, float]] = []
    now = 0.0
    while now < 1.0:
        now += 1 / 600
        if core.update(now):
            changes.append((now, core.shown.time_s))
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(changes)]
    assert len(changes) == pytest.approx(15, abs=1)  # 1 s of wall time is 0.5 s of film
    assert all(abs(g - 2 / FPS) < 1 / 300 for g in gaps)
    assert [round(t * FPS) for _, t in changes] == list(range(1, len(changes) + 1))
    assert core.dropped == 0
    core.model.slower(now)
    assert core.model.speed == 0.25
    assert not core.model.sound_on
    core.close()


def test_replay_and_back_five_seconds_return_to_the_clip_start(film: Path) -> None:
    core = core_for(film, clip(0.5, 2.5))
    core.toggle(0.0)
    run_until(core, 0.0, 1.0)
    core.jump(-5, 1.0)
    assert core.shown.time_s == pytest.approx(0.5)
    run_until(core, 1.0, 4.0)
    assert core.model.mode is Mode.ENDED
    core.replay(4.0)
    assert core.shown.time_s == pytest.approx(0.5)
    assert core.model.mode is Mode.PLAYING
    core.close()


def test_a_late_clock_counts_dropped_frames(film: Path) -> None:
    core = core_for(film, clip(0.0, 3.0))
    core.toggle(0.0)
    core.update(0.5)  # nothing shown for half a second: 14 frames were due and never drawn
    assert core.shown.time_s == pytest.approx(0.5)
    assert core.dropped == 14
    core.close()


def test_plays_the_clips_of_a_plan_in_turn(film: Path) -> None:
    core = core_for(film, clip(0.2, 0.6), PlayClip(2, "Song", "film", 1.4, 2.0))
    assert core.go_to_clip(1, 0.0)
    assert core.clip.number == 2
    assert number_on_screen(core) == round(1.4 * FPS) % 30
    assert not core.go_to_clip(2, 0.0)
    core.close()


def test_portrait_hdr_plays_upright_and_variable_rate_at_its_own_times(
    films: dict[str, Path],
) -> None:
    hdr = core_for(films["hevc_hlg_rot90"], clip(0.0, 2.0))
    width, height = hdr.shown.image.size
    assert height > width  # portrait, upright
    assert mv.is_red(hdr.shown.image, "br")  # the top-right block turned clockwise
    hdr.close()
    vfr = core_for(films["vfr_rot180"], clip(0.0, 3.0))
    vfr.toggle(0.0)
    times = []
    now = 0.0
    while now < 1.0:
        now += 1 / 600
        if vfr.update(now):
            times.append(vfr.shown.time_s)
            # each frame appears when the clock reaches its own timestamp, never before
            assert vfr.shown.time_s <= now + 0.001
    gaps = {round(b - a, 3) for a, b in itertools.pairwise(times)}
    assert gaps == {round(1 / 20, 3), round(1 / 60, 3)}
    vfr.close()


def test_the_clips_sound_is_decoded_for_its_span_exactly(film: Path) -> None:
    import array

    from vigguide.player.audio import decode_sound

    with open(film, "rb") as source:
        sound = decode_sound(source, 0.5, 2.5, rate=48000, channels=2)
    assert sound is not None
    assert sound.start_s == pytest.approx(0.5, abs=0.001)
    assert sound.duration_s == pytest.approx(2.0, abs=0.002)
    samples = array.array("h", sound.pcm)
    assert max(samples) > 1000  # the 440 Hz tone, not silence
    # playing from 1.5 s starts half-way through the buffer
    assert len(sound.from_time(1.5)) == pytest.approx(len(sound.pcm) / 2, abs=8)
    with open(mv.make_no_audio(film.parent), "rb") as silent:
        assert decode_sound(silent, 0.0, 1.0, rate=48000, channels=2) is None


def test_a_copied_phone_clip_plays_from_its_first_frame_upright(tmp_path: Path) -> None:
    """A clip of an HEVC phone film keeps the film's frames (an edit list hides the ones around
    them) and its upright flag: the supervisor's player shows exactly the clip, upright."""
    from tests import phone_films as pf
    from vigguide.media.clips import make_clip

    film = pf.make_hevc_portrait(tmp_path)
    made = make_clip(film, 0.5, 1.5, tmp_path / "clip.mp4")
    assert made.method == "copied"
    core = core_for(made.path, clip(0.0, made.duration_s))
    image = core.shown.image
    assert image.size == (900, 1600)  # upright
    assert core.shown.time_s == pytest.approx(0.0)
    assert mv.frame_number(image, "tr") == mv.expected_frame(0.5, FPS)
    assert mv.is_red(image, "br")  # the film's top right, turned upright
    core.toggle(0.0)
    run_until(core, 0.0, 0.5)
    assert core.shown.time_s == pytest.approx(0.5)
    assert mv.frame_number(core.shown.image, "tr") == mv.expected_frame(1.0, FPS)
    core.close()


def test_the_clip_label_counts_the_clips_played_or_names_a_moment_played_alone():
    both = PlayPlan("VIG-1", 1, (clip(0.0, 1.0), PlayClip(2, "Singing", "film", 1.0, 2.0)))
    assert [both.label(0), both.label(1)] == ["Clip 1 of 2", "Clip 2 of 2"]
    alone = PlayPlan("VIG-1", 1, (PlayClip(2, "Singing", "film", 1.0, 2.0),))
    assert alone.label(0) == "Clip 2"  # `vigguide play … --moment 2`: never "Clip 2 of 1"
