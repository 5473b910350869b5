"""Outputs: each document and the family video made in the background, blocked with the reason and
the fix when the cycle is not ready or consent is missing, and saved where the screen says."""

from __future__ import annotations

import stat
from pathlib import Path

import av
import pytest
from textual.widgets import Label

from tests.tui.media_cases import REF, TODAY, case_with_clips, film, notices, settle
from vigguide.app import make_app
from vigguide.domain import ClipReview, Ending, SharedReview
from vigguide.screens.outputs import OutputsScreen
from vigguide.store.home import Home
from vigguide.widgets.progress_panel import ProgressPanel


@pytest.fixture(scope="session")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return film(tmp_path_factory.mktemp("outputs-film"))


def _reviewed(home: Home, video: Path, *, family_copies: bool) -> list[int]:
    question_id, _rec, moments = case_with_clips(home, video, family_copies=family_copies)
    home.store.save_review(
        REF,
        SharedReview(
            held_on=TODAY,
            clips={moments[0]: ClipReview(noticed="He looks at me", parent_words="I can do this")},
            learned="Waiting works",
            ratings={question_id: 6},
        ),
    )
    return moments


def _line(screen: OutputsScreen, key: str) -> str:
    return str(screen.query_one(f"#outputs-{key}", Label).render())


async def _open(app, pilot) -> OutputsScreen:
    await settle(app, pilot)
    app.open_screen("outputs", REF)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, OutputsScreen)
    return screen


async def test_blocked_until_the_review_and_without_family_consent(home: Home, video: Path):
    case_with_clips(home, video)
    exports = home.path.parent / "exports"
    home.store.set_setting("export_dir", str(exports))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        assert str(exports) in str(screen.query_one("#outputs-folder").render())
        assert "The shared review is not recorded yet" in _line(screen, "summary")
        assert "Record the shared review" in _line(screen, "summary")
        assert "No consent to give the family copies of clips" in _line(screen, "family")
        assert "Record consent: copies of clips for the family" in _line(screen, "family")
        await pilot.press("4")
        await settle(app, pilot)
        assert not exports.exists() or not any(exports.iterdir())


async def test_make_the_review_summary(home: Home, video: Path, tmp_path: Path):
    _reviewed(home, video, family_copies=True)
    exports = tmp_path / "exports"
    home.store.set_setting("export_dir", str(exports))
    home.store.set_setting("team_phone", "01632 960 123")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        assert "Ready to make" in _line(screen, "summary")
        await pilot.press("1")
        await settle(app, pilot, rounds=6)
        assert not notices(app), notices(app)
        pdfs = sorted(exports.glob("*.pdf"))
        assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
        assert stat.S_IMODE(pdfs[0].stat().st_mode) == 0o600
        assert f"Saved: {pdfs[0]}" in _line(screen, "summary").replace("\n", "")
        assert "summary" in [d.kind for d in home.store.load(REF).cycles[0].documents]


async def test_make_the_family_video(home: Home, video: Path, tmp_path: Path):
    _reviewed(home, video, family_copies=True)
    exports = tmp_path / "exports"
    home.store.set_setting("export_dir", str(exports))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("4")
        await settle(app, pilot, rounds=8)
        assert not notices(app), notices(app)
        videos = sorted(exports.glob("*.mp4"))
        assert len(videos) == 1
        with av.open(str(videos[0])) as container:
            assert container.streams.video[0].codec_context.name == "h264"
        assert "Family video saved to" in screen.query_one(ProgressPanel).text
        assert str(videos[0]) in _line(screen, "family").replace("\n", "")


async def test_every_document_the_cli_makes_is_offered(home: Home, video: Path, tmp_path: Path):
    _reviewed(home, video, family_copies=True)
    home.store.save_ending(REF, Ending(held_on=TODAY, keep_doing="Waiting for him"))
    exports = tmp_path / "exports"
    home.store.set_setting("export_dir", str(exports))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        for key in ("5", "6", "7"):  # the A5 insert, the ending, the filming reminder
            await pilot.press(key)
            await settle(app, pilot, rounds=6)
        assert not notices(app, "error"), notices(app)
        for key in ("insert-a5", "ending", "filming-reminder"):
            assert "Saved:" in _line(screen, key)
    pdfs = sorted(exports.glob("*.pdf"))
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    names = " ".join(p.name for p in pdfs)
    assert "insert" in names and "ending" in names and "filming-reminder" in names


async def test_a_failing_output_is_a_plain_notification(home: Home, video: Path, tmp_path: Path):
    _reviewed(home, video, family_copies=True)
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    home.store.set_setting("export_dir", str(blocker))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("3")
        await settle(app, pilot, rounds=6)
        messages = notices(app)
        assert messages and "Traceback" not in messages[0]
        assert screen.busy is None
        assert "Ready to make" in _line(screen, "note")


async def test_an_earlier_cycles_outputs_can_be_made(home: Home, video: Path, tmp_path: Path):
    _reviewed(home, video, family_copies=True)
    home.store.start_cycle(REF)  # cycle 2 has begun; cycle 1's summary is still wanted
    exports = tmp_path / "exports"
    home.store.set_setting("export_dir", str(exports))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        assert screen.cycle_number == 1  # the latest cycle with a shared review
        assert "Cycle 1 of 2" in str(screen.query_one("#outputs-folder").render())
        await pilot.press("right")
        assert screen.cycle_number == 2
        assert "Not yet" in _line(screen, "summary")
        await pilot.press("left", "1")
        await settle(app, pilot, rounds=6)
        assert [p.name for p in exports.glob("*.pdf")] == [f"{REF}-cycle1-summary.pdf"]


async def test_what_the_printed_file_needs_checking_is_said(
    home: Home, video: Path, tmp_path: Path
):
    """No team number in Settings: the summary is still made, and the practitioner is told."""
    _reviewed(home, video, family_copies=True)
    exports = tmp_path / "exports"
    home.store.set_setting("export_dir", str(exports))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("1")
        await settle(app, pilot, rounds=6)
        said = notices(app)
    assert len(list(exports.glob("*.pdf"))) == 1
    assert any("phone" in message.lower() for message in said), said
