"""The player window opened from the shared review: straight from the vault (no file written),
the idle lock waits while it is open, and locking closes it (it shows the family)."""

from __future__ import annotations

import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.player.test_window import xvfb  # noqa: F401  (the fixture: a real X server)
from tests.tui.media_cases import REF, TODAY, case_with_clips, film, notices, settle
from vigguide.app import make_app
from vigguide.store.home import Home


@pytest.fixture(scope="session")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return film(tmp_path_factory.mktemp("player-film"))


async def _shared_review(app, pilot):  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    app.open_screen("shared_review", REF)
    await settle(app, pilot, rounds=4)
    return app.screen


def _files(*folders: Path) -> set[str]:
    return {str(p) for folder in folders for p in folder.rglob("*") if p.is_file()}


def _said_shown(proc: subprocess.Popen[bytes], seconds: float = 30.0) -> bool:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], seconds)
    return bool(ready) and proc.stdout.readline().strip() == b"shown"


async def test_play_opens_the_window_from_the_vault_and_the_lock_closes_it(
    home: Home,
    video: Path,
    xvfb: str,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
):
    case_with_clips(home, video)
    before = _files(home.path)
    app = make_app(home, today=TODAY, idle_lock_minutes=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await _shared_review(app, pilot)
        await pilot.press("ctrl+o")
        for _ in range(100):  # the plan is read in a worker
            await pilot.pause(0.05)
            if app.players:
                break
        assert app.players, notices(app)
        proc = app.players[0]
        assert _said_shown(proc)  # its first picture is on the X screen
        app.check_idle_lock(now=time.monotonic() + 10 * 60)  # ten minutes of watching
        assert not app.locked
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert app.locked
        assert proc.wait(timeout=10) == 0  # the window closed with the lock
    assert _files(home.path) - before <= {str(home.path / "audit.head")}  # nothing written


async def test_without_a_display_it_says_so_plainly(
    home: Home, video: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    if sys.platform != "linux":
        pytest.skip("a display is always there on Windows and macOS")
    case_with_clips(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _shared_review(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot, rounds=6)
        assert not app.players
        assert any("no display" in m.lower() for m in notices(app, "error")), notices(app)


async def test_micro_analysis_plays_the_stretch_around_the_frame_in_the_window(
    home: Home,
    video: Path,
    xvfb: str,  # noqa: F811  (the fixture imported above)
):
    from tests.tui.test_tui_analysis import _open, wait_frames
    from vigguide.widgets import frame_view

    frame_view.pin_renderer("unicode")
    try:
        case_with_clips(home, video)
        before = _files(home.path)
        app = make_app(home, today=TODAY)
        async with app.run_test(size=(120, 40)) as pilot:
            await _open(app, pilot)
            await wait_frames(app, pilot)
            await pilot.press("p")
            for _ in range(100):
                await pilot.pause(0.05)
                if app.players:
                    break
            assert app.players, notices(app)
            assert _said_shown(app.players[0])
            await pilot.press("ctrl+q")
        assert _files(home.path) - before <= {str(home.path / "audit.head")}  # no copy made
    finally:
        frame_view.pin_renderer(None)
