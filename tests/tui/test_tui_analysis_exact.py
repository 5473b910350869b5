"""Micro-analysis acts on the frame on screen: keys pressed while seeks are on their way wait
for the frame those seeks end on; one moment is highlighted and it is the one Edit and Delete
open; in and out are corrected to the frame from the moment's form; Esc goes to the overview."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests import media_videos as mv
from tests.tui.media_cases import REF, TODAY, case_with_film, film, notices, settle
from tests.tui.test_tui_analysis import _moment_text, _open, wait_frames
from vigguide.app import make_app
from vigguide.media.frames import FrameReader, ShownFrame
from vigguide.screens.frame_requests import FrameRequests
from vigguide.services.analysis import make_moment_clip
from vigguide.store.home import Home
from vigguide.widgets import frame_view
from vigguide.widgets.frame_view import FrameView
from vigguide.widgets.moment_list import MomentList

FPS = 25


@pytest.fixture(autouse=True)
def _unicode_pictures() -> Iterator[None]:
    frame_view.pin_renderer("unicode")
    yield
    frame_view.pin_renderer(None)


@pytest.fixture(scope="session")
def long_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """35 s of numbered frames at 25 fps (1 s, 2 s and 3 s show different numbers)."""
    folder = tmp_path_factory.mktemp("long-film")
    return mv._make(
        folder / "long numbered.mp4",
        ["-f", "lavfi", "-i", mv.numbered("320x240", FPS, 35), *mv.tone(35),
         "-c:v", "libx264", "-preset", "veryfast", "-g", str(FPS), "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "64k", "-shortest", "OUT"],
    )  # fmt: skip


@pytest.fixture(scope="session")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return film(tmp_path_factory.mktemp("exact-film"))


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """While cleared, the real frame reader waits before each decode: the keys pressed then
    meet seeks still on their way, as on a slow laptop."""
    free = threading.Event()
    free.set()
    real = FrameReader.frame_at

    def frame_at(self: FrameReader, at_s: float) -> ShownFrame:
        free.wait(timeout=30)
        return real(self, at_s)

    monkeypatch.setattr(FrameReader, "frame_at", frame_at)
    yield free
    free.set()


async def _keys_settled(app, pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await wait_frames(app, pilot)


def test_requests_are_never_folded_across_a_waiting_mark():
    frames = FrameRequests()
    ran: list[str] = []
    frames.after(lambda: ran.append("now"))  # nothing on its way: at once
    frames.ask("delta", -1.0)
    frames.after(lambda: ran.append("in"))
    for _ in range(4):
        frames.ask("delta", 1.0)
    frames.after(lambda: ran.append("out"))
    frames.ask("step", 1.0)
    assert ran == ["now"]
    assert frames.take(timeout=1) == [
        (2, [("delta", -1.0)]),
        (7, [("delta", 4.0)]),
        (8, [("step", 1.0)]),
    ]
    frames.landed(2)
    assert ran == ["now", "in"]
    frames.landed(7)
    assert ran == ["now", "in", "out"] and not frames.settled
    frames.landed(8)
    assert frames.settled and frames.take(timeout=0.01) == []


def _number(picture: Image.Image) -> int:
    return mv.frame_number(picture, scale=picture.width / 320)


def _position(screen) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one("#analysis-position").render())


async def test_keys_pressed_during_seeks_mark_the_frame_finally_shown(
    home: Home, long_video: Path, held: threading.Event
):
    case_with_film(home, long_video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await wait_frames(app, pilot)
        # no waits: the in-point is pressed while the three 10 s seeks are still on their way
        held.clear()
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.press("i")
        assert screen.current_s == 0.0  # the picture has not moved yet
        held.set()
        await wait_frames(app, pilot)
        view = screen.query_one(FrameView)
        assert screen.in_s == screen.current_s == pytest.approx(30.0, abs=1e-3)
        assert "30.000 s" in _position(screen) and "in 0:30.0" in _position(screen)

        # 1 s steps: the in-point and the picture on screen agree, 3 s past the start
        held.clear()
        await pilot.press("home", "shift+right", "shift+right", "shift+right", "i")
        held.set()
        await wait_frames(app, pilot)
        assert screen.in_s == screen.current_s == pytest.approx(3.0, abs=1e-3)
        assert view.picture is not None and _number(view.picture) == mv.expected_frame(3.0, FPS)
        assert "3.000 s" in _position(screen) and "in 0:03.0" in _position(screen)

        # keys after a mark do not move it: in at 2 s, out at 6 s, all pressed before any frame
        held.clear()
        await pilot.press("shift+left", "i", *["shift+right"] * 4, "o")
        held.set()
        await wait_frames(app, pilot)
        assert (screen.in_s, screen.out_s) == pytest.approx((2.0, 6.0), abs=1e-3)
        assert screen.current_s == pytest.approx(6.0, abs=1e-3)

        # the out-point the same way, then the moment is stored with those frames
        await _keys_settled(app, pilot, "home", "shift+right", "shift+right", "shift+right", "i")
        held.clear()
        await pilot.press("shift+right", "shift+right", "o", "a")
        assert type(app.screen).__name__ == "MicroAnalysisScreen"  # the form waits for the frame
        held.set()
        await wait_frames(app, pilot)
        assert type(app.screen).__name__ == "MomentForm"
        await pilot.press(*"Bath time", "enter")
        await settle(app, pilot)
        [moment] = home.store.load(REF).cycles[0].moments
        assert moment.start_s == pytest.approx(3.0, abs=1e-3)
        assert moment.end_s == pytest.approx(5.0 + 1 / FPS, abs=1e-3)


async def test_a_still_is_the_frame_finally_shown(
    home: Home, long_video: Path, held: threading.Event
):
    case_with_film(home, long_video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await wait_frames(app, pilot)
        held.clear()
        await pilot.press("shift+right", "shift+right", "shift+right", "s")
        held.set()
        await wait_frames(app, pilot)
        assert type(app.screen).__name__ == "TextDialog"
        assert screen.current_s == pytest.approx(3.0, abs=1e-3)
        await pilot.press(*"You smile", "enter")
        await settle(app, pilot)
        held.clear()
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.press("s")
        held.set()
        await wait_frames(app, pilot)
        await pilot.press(*"Later", "enter")
        await settle(app, pilot)

        stills = {s.caption: s for s in home.store.load(REF).cycles[0].stills}
        assert stills["You smile"].at_s == pytest.approx(3.0, abs=1e-3)
        assert stills["Later"].at_s == pytest.approx(screen.current_s, abs=1e-6)
        assert screen.current_s == pytest.approx(33.0, abs=1e-3)
        assert "Still taken at 0:03.0." in notices(app)
        assert "Still taken at 0:33.0." in notices(app)
        with home.vault.open(stills["You smile"].vault_id) as jpeg:
            picture = Image.open(jpeg).convert("RGB")
        assert _number(picture) == mv.expected_frame(3.0, FPS)


def _highlighted(screen) -> list[str]:  # type: ignore[no-untyped-def]
    rows = screen.query_one(MomentList).children
    return [str(row.name) for row in rows if row.has_class("-highlight")]


async def test_one_moment_is_highlighted_and_it_is_the_one_edited(home: Home, video: Path):
    _q, rec = case_with_film(home, video)
    first = home.store.add_moment(REF, rec, 0.2, 0.6, title="First")
    second = home.store.add_moment(REF, rec, 0.8, 1.2, title="Second")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await wait_frames(app, pilot)
        assert _highlighted(screen) == [str(first)]

        await pilot.press("shift+right", "i", *["right"] * 6, "o", "a")
        await wait_frames(app, pilot)
        await pilot.press(*"Third", "enter")
        await settle(app, pilot)
        third = home.store.load(REF).cycles[0].moments[-1].id
        assert _highlighted(screen) == [str(third)]
        assert screen.moment_list.selected is not None
        assert screen.moment_list.selected.id == third
        await pilot.press("e")
        await pilot.pause()
        assert "Moment 0:01.0–0:01.2" in str(app.screen.query_one(".form-title").render())
        await pilot.press("escape")
        await pilot.pause()

        rows = list(screen.query_one(MomentList).children)
        await pilot.click(rows[1])
        await wait_frames(app, pilot)
        assert _highlighted(screen) == [str(second)]
        await pilot.press("d")
        await pilot.pause()
        assert "Second" in str(app.screen.query_one("#dialog-message").render())
        await pilot.press("y")
        await settle(app, pilot)
        assert [m.title for m in home.store.load(REF).cycles[0].moments] == ["First", "Third"]
        assert len(_highlighted(screen)) == 1


async def test_in_and_out_corrected_from_the_form_cut_the_clip_again(home: Home, video: Path):
    _q, rec = case_with_film(home, video)
    moment = home.store.add_moment(REF, rec, 0.5, 1.2, title="Bath time")
    old_clip = make_moment_clip(home, REF, moment)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert "cuts the clip again" in str(form.query_one("#moment-recut").render())
        fields = {name: form.query_one(f"#moment-{name}") for name in ("in", "out")}
        assert (fields["in"].value, fields["out"].value) == ("0.500", "1.167")

        fields["out"].value = "0.4"  # before the in-point: refused, nothing stored
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "The out-point must come after the in-point." in str(
            form.query_one("#moment-error").render()
        )

        fields["in"].value = "0:00.8"
        fields["out"].value = "1.5"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [stored] = home.store.load(REF).cycles[0].moments
        assert stored.start_s == pytest.approx(0.8, abs=1e-6)
        assert stored.end_s == pytest.approx(1.5 + 1 / 30, abs=1e-6)
        assert stored.clip_vault_id is None and not home.vault.exists(old_clip)
        assert any("Its clip will be cut again" in n for n in notices(app))
        assert "no clip yet" in _moment_text(screen)


async def test_escape_goes_back_to_the_overview_past_the_import(home: Home, video: Path):
    case_with_film(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("overview", REF)
        await settle(app, pilot)
        app.open_screen("import", REF)
        await settle(app, pilot)
        await _open(app, pilot)
        footer = " ".join(
            str(b.binding.description)
            for b in app.screen.active_bindings.values()
            if b.binding.show
        )
        assert "−1 s" in footer and "+1 s" in footer
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CaseOverviewScreen"
