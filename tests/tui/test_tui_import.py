"""The import screen: consent first, a video-only file picker, a probe summary, import with progress
and cancel, and the offer to delete the original."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Button, DirectoryTree, Input, Static

from tests.tui.media_cases import REF, TODAY, case_ready_to_import, film, settle
from vigguide.app import make_app
from vigguide.screens.import_recording import ImportRecordingScreen, VideoTree
from vigguide.screens.messages import Progress
from vigguide.store.home import Home
from vigguide.widgets.progress_panel import ProgressPanel


@pytest.fixture(scope="session")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return film(tmp_path_factory.mktemp("import-film"))


@pytest.fixture
def card(tmp_path: Path, video: Path) -> Path:
    """A camera card: one film, a photo, a note, and a folder."""
    folder = tmp_path / "card"
    (folder / "DCIM").mkdir(parents=True)
    shutil.copy(video, folder / "BATH.MOV")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8 not a film")
    (folder / "notes.txt").write_text("shopping list")
    return folder


def _text(screen: ImportRecordingScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _open(app, pilot, folder: Path) -> ImportRecordingScreen:
    await settle(app, pilot)
    app.open_screen("import", REF)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ImportRecordingScreen)
    screen.open_folder(folder)
    await pilot.pause()
    return screen


def _vault_files(home: Home) -> list[Path]:
    return sorted((home.path / "vault").glob("*/*.age"))


async def test_consent_comes_first(home: Home):
    case_ready_to_import(home, filming_consent=False)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_screen("import", REF)
        await settle(app, pilot)
        screen = app.screen
        assert "No consent to film yet" in _text(screen, "#import-gate-text")
        assert not screen.query_one("#import-main").display
        assert not screen.check_action("import", ())
        await pilot.press("i")
        await settle(app, pilot)
        assert home.store.load(REF).cycles[0].recordings == ()


async def test_pick_probe_import_then_delete_the_original(home: Home, card: Path):
    case_ready_to_import(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, card)
        tree = screen.query_one(VideoTree)
        await settle(app, pilot)
        shown = sorted(str(node.label) for node in tree.root.children)
        assert shown == ["BATH.MOV", "DCIM"]  # no photos or notes; upper-case suffix kept

        tree.post_message(DirectoryTree.FileSelected(tree.root.children[0], card / "BATH.MOV"))
        await settle(app, pilot)
        summary = _text(screen, "#import-summary")
        assert "Length      3.0 s" in summary
        assert "320 × 240, landscape" in summary
        assert "h264 video, aac sound" in summary
        assert "standard (SDR)" in summary

        await pilot.press("i")
        await settle(app, pilot)
        recordings = home.store.load(REF).cycles[0].recordings
        assert len(recordings) == 1
        assert recordings[0].width == 320 and round(recordings[0].duration_s) == 3
        assert home.vault.exists(recordings[0].vault_id)
        assert home.store.setting("last_import_dir") == str(card)
        panel = screen.query_one("#import-progress", ProgressPanel)
        assert "Imported into cycle 1" in panel.text
        assert (card / "BATH.MOV").exists()  # never deleted without asking

        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")  # changed her mind
        await settle(app, pilot)
        assert (card / "BATH.MOV").exists()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert not (card / "BATH.MOV").exists()
        assert home.vault.exists(recordings[0].vault_id)
        assert not screen.query_one("#import-delete", Button).display
        after = _text(screen, "#import-summary")
        assert "The original has been deleted" in after and "(d)" not in after

        await pilot.press("m")
        await pilot.pause()
        assert type(app.screen).__name__ == "MicroAnalysisScreen"


async def test_a_bad_file_says_why_in_one_line_and_imports_nothing(home: Home, tmp_path: Path):
    case_ready_to_import(home)
    folder = tmp_path / "phone"
    folder.mkdir()
    (folder / "notes.mp4").write_text("This is a shopping list, not a film.\nMilk\n")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, folder)
        screen.choose(folder / "notes.mp4")
        await settle(app, pilot)
        summary = _text(screen, "#import-summary")
        assert "notes.mp4 is a text file, not a video." in summary
        assert screen.query_one("#import-go", Button).disabled
        await pilot.press("i")
        await settle(app, pilot)
    assert home.store.load(REF).cycles[0].recordings == ()
    assert _vault_files(home) == []


async def test_cancel_leaves_nothing_behind(home: Home, video: Path, tmp_path: Path):
    case_ready_to_import(home)
    folder = tmp_path / "card"
    folder.mkdir()
    big = folder / "LONG.MP4"
    # a valid film followed by a large `free` box, so the import reads several chunks
    padding = 6 * 1024 * 1024
    big.write_bytes(video.read_bytes() + struct.pack(">I", padding + 8) + b"free" + bytes(padding))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, folder)
        screen.choose(big)
        await settle(app, pilot)
        posted = screen.post_message

        def progress_then_cancel(message: Message) -> bool:
            delivered = posted(message)
            if isinstance(message, Progress) and screen.importing:
                # the practitioner presses x once the bar moves (before the next chunk is read)
                app.call_from_thread(screen.action_cancel_import)
            return delivered

        screen.post_message = progress_then_cancel  # type: ignore[method-assign]
        await pilot.press("i")
        await settle(app, pilot)
        assert (
            "Import cancelled: nothing was added."
            in screen.query_one("#import-progress", ProgressPanel).text
        )
        assert not screen.importing
    assert home.store.load(REF).cycles[0].recordings == ()
    assert _vault_files(home) == []
    assert big.exists()


async def test_starts_in_the_last_folder_used(home: Home, card: Path):
    case_ready_to_import(home)
    home.store.set_setting("last_import_dir", str(card))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_screen("import", REF)
        await settle(app, pilot)
        screen = app.screen
        assert Path(screen.query_one(VideoTree).path) == card
        assert screen.query_one("#import-folder", Input).value == str(card)
