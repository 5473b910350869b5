"""Micro-analysis: stepping through the film, marking moments and stills, making clips in the
background, and playing the span in the practitioner's own player."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import av
import pytest

from tests.tui.media_cases import (
    REF,
    TODAY,
    case_ready_to_import,
    case_with_film,
    film,
    notices,
    settle,
)
from vigguide.app import make_app
from vigguide.screens.frame_requests import coalesce
from vigguide.screens.micro_analysis import MicroAnalysisScreen
from vigguide.store.home import Home
from vigguide.widgets import frame_view
from vigguide.widgets.filmstrip import Filmstrip, Thumb
from vigguide.widgets.frame_view import FrameView
from vigguide.widgets.moment_list import MomentList
from vigguide.widgets.progress_panel import ProgressPanel

FRAME = 1 / 30


@pytest.fixture(autouse=True)
def _unicode_pictures() -> Iterator[None]:
    frame_view.pin_renderer("unicode")
    yield
    frame_view.pin_renderer(None)


@pytest.fixture(scope="session")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return film(tmp_path_factory.mktemp("analysis-film"))


async def _open(app, pilot) -> MicroAnalysisScreen:
    await settle(app, pilot)
    app.open_screen("micro_analysis", REF)
    await settle(app, pilot, rounds=4)
    screen = app.screen
    assert isinstance(screen, MicroAnalysisScreen)
    return screen


async def _keys(app, pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
    await wait_frames(app, pilot)


async def wait_frames(app, pilot) -> None:
    """Until the frame thread has answered every key press so far and its frame is drawn."""
    screen = next(s for s in reversed(app.screen_stack) if isinstance(s, MicroAnalysisScreen))
    for _ in range(500):
        await pilot.pause(0.01)
        if screen.frames.settled and screen.query_one(FrameView).picture is not None:
            break
    await pilot.pause()


async def test_steps_and_jumps_show_the_right_frame(home: Home, video: Path):
    case_with_film(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await wait_frames(app, pilot)
        assert screen.query_one(FrameView).picture is not None
        assert screen.current_s == 0.0
        assert "frame 1" in str(screen.query_one("#analysis-position").render())

        await _keys(app, pilot, "right", "right", "right")
        assert screen.current_s == pytest.approx(3 * FRAME, abs=1e-3)
        await _keys(app, pilot, "left")
        assert screen.current_s == pytest.approx(2 * FRAME, abs=1e-3)
        await _keys(app, pilot, "shift+right")
        assert screen.current_s == pytest.approx(1 + 2 * FRAME, abs=1e-3)
        await _keys(app, pilot, "right_square_bracket")  # +10 s stops at the last frame
        assert screen.current_s == pytest.approx(3 - FRAME, abs=1e-3)
        await _keys(app, pilot, "shift+left", "shift+left")
        assert screen.current_s == pytest.approx(1 - FRAME, abs=1e-3)
        await _keys(app, pilot, "home")
        assert screen.current_s == 0.0

        strip = screen.query_one("#analysis-strip", Filmstrip)
        assert strip.times == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]  # a keyframe every 15 frames
        await _keys(app, pilot, "full_stop", "full_stop")
        assert screen.current_s == pytest.approx(1.0, abs=1e-3)
        assert list(screen.query(Thumb))[2].has_class("-here")
        await pilot.click(list(screen.query(Thumb))[4])
        await wait_frames(app, pilot)
        assert screen.current_s == pytest.approx(2.0, abs=1e-3)


async def test_mark_a_moment_take_a_still_make_its_clip(home: Home, video: Path):
    question_id, _recording_id = case_with_film(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await wait_frames(app, pilot)
        await _keys(app, pilot, "shift+right", "i", *["right"] * 15, "o")
        assert screen.in_s == pytest.approx(1.0, abs=1e-3)
        assert screen.out_s == pytest.approx(1.5, abs=1e-3)
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "MomentForm"
        await pilot.press(*"Bath time smile")
        await pilot.press("tab", "space", "down", "down", "space")  # two principles
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        moments = home.store.load(REF).cycles[0].moments
        assert len(moments) == 1
        moment = moments[0]
        assert moment.title == "Bath time smile"
        assert moment.start_s == pytest.approx(1.0, abs=FRAME)
        assert moment.end_s == pytest.approx(1.5 + FRAME, abs=FRAME)  # the out frame is in
        assert moment.principles == ("attentive", "receiving_initiatives")
        assert moment.question_ids == (question_id,)  # the one active question, linked
        assert screen.in_s is None and screen.out_s is None
        assert "Bath time smile" in _moment_text(screen)

        await _keys(app, pilot, "left", "left")  # inside the moment
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"You are both smiling", "enter")
        await settle(app, pilot)
        stills = home.store.load(REF).cycles[0].stills
        assert len(stills) == 1
        assert stills[0].caption == "You are both smiling"
        assert stills[0].moment_id == moment.id
        assert stills[0].at_s == pytest.approx(1.5 - 2 * FRAME, abs=1e-3)
        with home.vault.open(stills[0].vault_id) as jpeg:
            assert jpeg.read(3) == b"\xff\xd8\xff"

        await pilot.press("c")
        await settle(app, pilot, rounds=5)
        moment = home.store.load(REF).cycles[0].moments[0]
        assert moment.clip_vault_id and home.vault.exists(moment.clip_vault_id)
        with home.vault.open(moment.clip_vault_id) as clip, av.open(clip) as container:
            frames = sum(1 for _ in container.decode(video=0))
        assert frames == 16  # 1.0 s to 1.5 s, both ends included, at 30 fps
        assert "Clips made: 1 of 1" in screen.query_one(ProgressPanel).text
        await settle(app, pilot)
        assert "clip ✓" in _moment_text(screen)


def _moment_text(screen: MicroAnalysisScreen) -> str:
    return "\n".join(str(label.render()) for label in screen.query_one(MomentList).query("Label"))


async def test_edit_and_delete_a_moment_with_confirmation(home: Home, video: Path):
    _question_id, recording_id = case_with_film(home, video)
    moment_id = home.store.add_moment(REF, recording_id, 0.5, 1.0, title="Feeding")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        assert "Feeding" in _moment_text(screen)
        assert "0:00.5–0:01.0 (0.5 s)" in _moment_text(screen)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *" together", "enter")
        await settle(app, pilot)
        assert home.store.load(REF).cycles[0].moments[0].title == "Feeding together"

        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")
        await settle(app, pilot)
        assert len(home.store.load(REF).cycles[0].moments) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert home.store.load(REF).cycles[0].moments == ()
        assert "No moments yet" in _moment_text(screen)
        _ = moment_id


async def test_play_exports_the_span_privately_for_the_player(
    home: Home, video: Path, tmp_path: Path
):
    case_with_film(home, video)
    seen = tmp_path / "player-saw.txt"
    player = tmp_path / "fake player"
    # stands in for mpv: records the file it was given and copies it before the dir goes
    player.write_text(
        f'#!/bin/sh\nfor last; do :; done\necho "$last" > "{seen}"\ncp "$last" "{tmp_path}/copy.mp4"\n'
    )
    player.chmod(0o755)
    home.store.set_setting("player", f"'{player}'")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await wait_frames(app, pilot)
        await _keys(app, pilot, *["right"] * 6, "i", *["right"] * 12, "o")
        await pilot.press("p")
        await settle(app, pilot)
        for _ in range(100):
            if seen.exists() and (tmp_path / "copy.mp4").exists():
                break
            await pilot.pause(0.05)
        played = Path(seen.read_text().strip())
        assert played.exists()
        assert stat.S_IMODE(os.stat(played.parent).st_mode) == 0o700
        with av.open(str(tmp_path / "copy.mp4")) as container:
            assert sum(1 for _ in container.decode(video=0)) == 13
    assert not played.parent.exists()  # removed when the screen closed


async def test_no_player_says_so(home: Home, video: Path, monkeypatch: pytest.MonkeyPatch):
    """An outside player chosen in Settings but not installed; then the built-in window where
    no display can show it: each says so plainly."""
    case_with_film(home, video)
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    home.store.set_setting("player", "mpv")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await _keys(app, pilot, "p")
        await settle(app, pilot)
        assert any("No video player was found" in n for n in notices(app))
    home.store.set_setting("player", "auto")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await _keys(app, pilot, "p")
        await settle(app, pilot, rounds=6)
        if sys.platform == "linux":
            assert any("no display" in n.lower() for n in notices(app)), notices(app)
        assert not app.players


async def test_without_a_film_it_points_to_the_import(home: Home):
    case_ready_to_import(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        assert "Press g to import the film" in str(screen.query_one("#frame-empty").render())
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "ImportRecordingScreen"


def test_a_burst_of_keys_costs_one_decode():
    assert coalesce([("step", 1), ("delta", 1), ("delta", 1), ("seek", 5), ("delta", 1)]) == [
        ("seek", 5),
        ("delta", 1),
    ]
    assert coalesce([("delta", 1), ("delta", -10), ("step", 1)]) == [("delta", -9), ("step", 1)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_micro_analysis(home: Home, video: Path, snap_compare, size):
    _question_id, recording_id = case_with_film(home, video)
    home.store.add_moment(
        REF, recording_id, 0.5, 1.2, title="Bath time smile", principles=("attentive",)
    )
    app = make_app(home, today=TODAY)

    async def run_before(pilot) -> None:
        await _open(app, pilot)
        await wait_frames(app, pilot)
        await _keys(app, pilot, "shift+right", "i", *["right"] * 9, "o")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_the_title_is_coached_as_words_she_will_read(home: Home, video: Path):
    case_with_film(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await wait_frames(app, pilot)
        await _keys(app, pilot, "shift+right", "i", *["right"] * 15, "o")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "MomentForm"
        coach = form.query_one("#moment-title-coach")
        await pilot.press(*"Mum shows attunement")
        await pilot.pause()
        advice = str(coach.render())
        assert advice and ("attunement" in advice or "Mum" in advice), advice
        form.query_one("#moment-title").value = ""
        await pilot.press(*"You wait, and he smiles")
        await pilot.pause()
        assert str(coach.render()).strip() == ""  # said to her, in plain words: nothing to add
