"""The player window itself: with SDL's dummy drivers (driven by a test clock, the drawn surface
read back), and once for real under Xvfb, launched from a process that holds the home lock, with
screenshots of the screen and a watch for any file appearing while it plays."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests import media_videos as mv
from tests.player.test_core import opener_for
from vigguide.domain import ConsentScope
from vigguide.errors import StoreBusyError
from vigguide.player.model import Mode
from vigguide.player.plan import PlayClip, PlayPlan, StillMark
from vigguide.player.process import close_player, launch, prepare
from vigguide.services.recordings import import_recording
from vigguide.store.home import Home, open_home

QUESTION = "What is Noor telling you here?"


@pytest.fixture
def dummy_sdl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")


def count_pale(image: Image.Image) -> int:
    """Pixels of the captions' pale yellow (255, 255, 210), give or take SDL's alpha blending."""
    return sum(1 for r, g, b in image.getdata() if r > 245 and g > 245 and 195 < b < 225)


def picture_of(window: object) -> Image.Image:
    import pygame

    surface = window.screen.subsurface(window.picture_rect)  # type: ignore[attr-defined]
    return Image.frombytes("RGB", surface.get_size(), pygame.image.tobytes(surface, "RGB"))


def test_the_window_draws_the_frame_and_the_question_and_obeys_keys_and_buttons(
    dummy_sdl: None, film: Path
) -> None:
    import pygame

    from vigguide.player.window import PlayerWindow

    clip = PlayClip(1, "Bath", "film", 0.5, 2.5, pause_at_s=1.52, question=QUESTION)
    plan = PlayPlan("VIG-1", 1, (clip,))
    window = PlayerWindow(plan, opener_for(film), size=(800, 600))
    assert "no device" in window.speaker.problem or "dummy" in window.speaker.problem
    now = 0.0
    window.perform("toggle", now)
    window.pump(now)
    assert window.speaker.playing  # sound at normal speed (to SDL's dummy device here)
    window.perform("slower", now)
    window.pump(now)
    assert not window.speaker.playing  # slow motion is silent
    window.perform("faster", now)
    window.pump(now)
    assert window.speaker.playing
    while window.core.model.mode is not Mode.AT_PAUSE and now < 5:
        now += 1 / 60
        window.pump(now)
    assert not window.speaker.playing  # silent while stopped at the pause
    shown = picture_of(window)
    scale = shown.size[0] / 320
    assert mv.frame_number(shown, scale=scale) == 45 % 30
    assert mv.is_red(shown, "tr", scale)
    # the question is drawn large across the picture, in its pale yellow
    w, h = window.screen.get_size()
    band = window.screen.subsurface((0, h // 2, w, h // 2))
    pale = Image.frombytes("RGB", band.get_size(), pygame.image.tobytes(band, "RGB"))
    assert count_pale(pale) > 500
    # → steps one frame; a click on the big Replay button plays from the clip's start
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0))
    window.pump(now)
    assert window.core.shown.time_s == pytest.approx(1.5 + 1 / 30)
    replay = next(b for b in window._buttons(w, h) if b.action == "replay")
    x, y, bw, bh = replay.rect
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x + bw // 2, y + bh // 2))
    )
    window.pump(now)
    assert window.core.model.mode is Mode.PLAYING
    assert window.core.shown.time_s == pytest.approx(0.5)
    # f: full screen on the chosen display, and back; d moves to the next display
    desktop = pygame.display.get_desktop_sizes()[0]
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_f, mod=0))
    window.pump(now)
    assert window.fullscreen
    assert window.screen.get_size() == desktop
    assert window.core.shown.image.size[1] <= desktop[1]
    window.perform("fullscreen", now)
    assert window.screen.get_size() == (800, 600)
    window.perform("next_display", now)
    assert window.display == (0 + 1) % pygame.display.get_num_displays()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_q, mod=0))
    window.pump(now)
    assert not window.running
    window.close()


def test_a_still_is_held_and_the_next_clip_follows_in_review_order(
    dummy_sdl: None, film: Path
) -> None:
    from vigguide.player.window import PlayerWindow

    first = PlayClip(1, "Bath", "film", 0.2, 0.8, stills=(StillMark(0.5, "You wait."),))
    second = PlayClip(2, "Song", "film", 2.0, 2.6)
    window = PlayerWindow(PlayPlan("VIG-1", 1, (first, second)), opener_for(film))
    now = 0.0
    window.perform("toggle", now)
    while now < 2.0:
        now += 1 / 60
        window.pump(now)
    assert window.core.model.mode is Mode.HELD
    assert mv.frame_number(picture_of(window), scale=picture_of(window).size[0] / 320) == 15
    while now < 5.0:
        now += 1 / 60
        window.pump(now)
    assert window.core.model.mode is Mode.ENDED
    window.perform("toggle", now)  # space at the end of a clip: the next one, playing
    assert window.core.clip.number == 2
    assert window.core.model.mode is Mode.PLAYING
    window.close()


# -- for real, under Xvfb -----------------------------------------------------------------------


@pytest.fixture
def xvfb(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if not sys.platform.startswith("linux"):
        pytest.skip("Xvfb is an X11 server (Linux)")
    if shutil.which("Xvfb") is None or shutil.which("import") is None:
        pytest.fail(
            "The player's screen test needs Xvfb and ImageMagick: apt-get install xvfb imagemagick"
        )
    number = next(
        n for n in range(150, 400)
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists()
    )  # fmt: skip
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    for _ in range(200):
        if socket.exists():
            break
        time.sleep(0.05)
    monkeypatch.setenv("DISPLAY", f":{number}")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    yield f":{number}"
    server.terminate()
    server.wait()


def screenshot(display: str) -> Image.Image:
    png = subprocess.run(
        ["import", "-display", display, "-window", "root", "png:-"],
        capture_output=True,
        check=True,
        timeout=30,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("RGB")


def centre_colour(shot: Image.Image) -> str:
    r, g, b = shot.getpixel((shot.width // 2, shot.height // 2))  # type: ignore[misc]
    return {(0, 0, 1): "blue", (0, 1, 0): "green", (1, 0, 1): "magenta"}.get(
        (int(r > 128), int(g > 128), int(b > 128)), "other"
    )


def files_under(*folders: Path) -> set[tuple[str, int]]:
    return {(str(p), p.stat().st_size) for d in folders for p in d.rglob("*") if p.is_file()}


def test_under_xvfb_the_window_shows_the_film_while_the_tui_holds_the_home(
    xvfb: str, home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    film = mv._make(
        tmp_path / "colours.mp4",
        ["-f", "lavfi", "-i", "color=c=blue:s=320x240:r=30:d=1",
         "-f", "lavfi", "-i", "color=c=lime:s=320x240:r=30:d=1",
         "-f", "lavfi", "-i", "color=c=magenta:s=320x240:r=30:d=1", *mv.tone(3),
         "-filter_complex", "[0][1][2]concat=n=3:v=1:a=0[v]", "-map", "[v]", "-map", "3:a",
         "-c:v", "libx264", "-g", "15", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "OUT"],
    )  # fmt: skip
    store = home.store
    store.create_case("X-1", "Amira", "Noor")
    for scope in (ConsentScope.FILMING, ConsentScope.SHARED_REVIEW):
        store.set_consent("X-1", scope, home.store._clock().date())
    rec = import_recording(home, "X-1", film).recording_id
    film.unlink()  # from here on the film exists only encrypted in the vault
    moment = store.add_moment("X-1", rec, 0.2, 2.9, title="Colours")
    store.update_moment("X-1", moment, pause_at_s=2.5, review_prompts=[QUESTION])
    store.add_still("X-1", rec, 1.5, caption="Green")
    # this process holds the home, as the TUI does: a second opening is refused
    with pytest.raises(StoreBusyError):
        open_home(home.path)
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    runtime = Path(str(tmp_path / "runtime"))
    watched = (home.path, private_tmp, runtime)
    before = files_under(*watched)
    prepare()  # started ahead, as the shared review screen would
    proc = launch(home, "X-1", review=True)
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 60
        asked = False
        while time.monotonic() < deadline and not asked:
            shot = screenshot(xvfb)
            seen.append(centre_colour(shot))
            # the question, large, over the pause's frame (the still's caption came before)
            asked = seen[-1] == "magenta" and count_pale(shot) > 500
            assert files_under(*watched) <= before | {
                f for f in files_under(*watched) if f[0].endswith(("-wal", "-shm"))
            }
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.3)
        assert asked
        assert "green" in seen  # held on the still on the way
        time.sleep(1.0)
        later = screenshot(xvfb)  # and it stays stopped there
        assert centre_colour(later) == "magenta"
        assert count_pale(later) > 500
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"shown\n"
    finally:
        code = close_player(proc)
    assert code == 0
    new = {name for name, _ in files_under(*watched)} - {name for name, _ in before}
    assert new == set()


def test_vigguide_play_opens_the_window_on_the_moment_and_closes_cleanly(
    dummy_sdl: None,
    film: Path,
    tmp_path: Path,
    passphrase_env: dict[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    import threading

    import pygame

    from tests.player.test_play import make_case
    from vigguide.cli import main

    home_dir = tmp_path / "cli-home"
    with open_home(home_dir) as home:
        make_case(home, film)

    def close_when_shown() -> None:
        # the person watching closes the window once the picture is up
        for _ in range(600):
            if pygame.display.get_init() and pygame.display.get_surface() is not None:
                time.sleep(0.5)
                pygame.event.post(pygame.event.Event(pygame.QUIT))
                return
            time.sleep(0.05)

    closer = threading.Thread(target=close_when_shown)
    closer.start()
    code = main(["--home", str(home_dir), "play", "P-1", "--moment", "1", "--review"])
    closer.join()
    assert code == 0
    err = capsys.readouterr().err
    assert "Sound goes to no device" in err or "No sound device" in err
    assert "Traceback" not in err
