"""One whole VIG cycle through the TUI, by keyboard, as a practitioner would do it: new case →
consent → helping question → filming plan → import a film → three moments and two stills → clips →
shared review with ratings → outputs; then the store is reopened and everything is there.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DirectoryTree

from tests import media_videos as mv
from tests.tui.media_cases import notices, settle
from vigguide.app import make_app
from vigguide.domain import ConsentScope, Step, assess
from vigguide.store.custody import KeyCustody
from vigguide.store.home import Home, open_home
from vigguide.widgets import frame_view

TODAY = date(2026, 11, 24)
REF = "E2E-1"


@pytest.fixture
def card(tmp_path: Path) -> Path:
    """A camera card with one short film on it."""
    folder = tmp_path / "card"
    folder.mkdir()
    (tmp_path / "films").mkdir()
    film = mv.make_h264_tagged(tmp_path / "films")
    shutil.copy(film, folder / "MOV_0001.MP4")
    return folder


async def _wait_frames(app, pilot) -> None:
    """Until the frame on screen answers every key pressed (what the marks act on)."""
    for _ in range(500):
        await pilot.pause(0.01)
        if app.screen.frames.settled:
            break
    await pilot.pause()


async def _back(app, pilot, to: str) -> None:
    await pilot.press("escape")
    await settle(app, pilot)
    assert type(app.screen).__name__ == to


async def _moment(app, pilot, start_key_presses: int, title: str) -> None:
    await pilot.press("home")
    await _wait_frames(app, pilot)
    for _ in range(start_key_presses):
        await pilot.press("shift+right")
    await _wait_frames(app, pilot)
    await pilot.press("i", *["right"] * 12)
    await _wait_frames(app, pilot)
    await pilot.press("o", "a")
    await pilot.pause()
    assert type(app.screen).__name__ == "MomentForm"
    await pilot.press(*title, "tab", "space", "ctrl+s")
    await settle(app, pilot)


async def test_a_whole_cycle_by_keyboard(
    home: Home, home_dir: Path, keyring_backend, card: Path, tmp_path: Path
):
    frame_view.pin_renderer("unicode")
    exports = tmp_path / "exports"
    home.store.set_setting("export_dir", str(exports))
    app = make_app(home, today=TODAY)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            # new case
            await pilot.press("n")
            await settle(app, pilot)
            await pilot.press(
                *REF, "enter", *"Amira", "enter", *"Noor", "enter", "tab", *"1/8/2026", "enter"
            )
            await settle(app, pilot)
            assert type(app.screen).__name__ == "CaseOverviewScreen"

            # consent: filming, shared review and copies for the family
            await pilot.press("c")
            await settle(app, pilot)
            for downs in (0, 1, 3):
                await pilot.press(*["down"] * downs, "g")
                await settle(app, pilot)
                await pilot.press("enter")
                await settle(app, pilot)
            await _back(app, pilot, "CaseOverviewScreen")

            # helping question in her words
            await pilot.press("h")
            await settle(app, pilot)
            await pilot.press(*"What am I doing when Noor and I enjoy bath time?", "ctrl+s")
            await settle(app, pilot)
            await _back(app, pilot, "CaseOverviewScreen")

            # filming plan
            await pilot.press("f")
            await settle(app, pilot)
            await pilot.press(
                *"1/12/2026 10:30", "tab", *"the bathroom", "tab", *"Bath time", "tab"
            )
            await pilot.press(*"Amira and Noor", "tab", *"Noor's smiles", "tab")
            await settle(app, pilot)
            await _back(app, pilot, "CaseOverviewScreen")

            # import the film from the card
            await pilot.press("i")
            await settle(app, pilot)
            screen = app.screen
            screen.open_folder(card)
            await settle(app, pilot)
            tree = screen.query_one(DirectoryTree)
            node = next(n for n in tree.root.children if str(n.label) == "MOV_0001.MP4")
            tree.post_message(DirectoryTree.FileSelected(node, card / "MOV_0001.MP4"))
            await settle(app, pilot)
            await pilot.press("i")
            await settle(app, pilot, rounds=5)

            # micro-analysis: three moments, two stills, the clips
            await pilot.press("m")
            await settle(app, pilot, rounds=4)
            assert type(app.screen).__name__ == "MicroAnalysisScreen"
            await _wait_frames(app, pilot)
            await _moment(app, pilot, 0, "Looking at each other")
            await _moment(app, pilot, 1, "Splashing together")
            await _moment(app, pilot, 2, "Waiting for her turn")
            for start_presses, caption in (
                (0, "You look at each other."),
                (2, "You wait, Noor splashes."),
            ):
                await pilot.press("home", *["shift+right"] * start_presses, "right", "right")
                await _wait_frames(app, pilot)
                await pilot.press("s")
                await pilot.pause()
                await pilot.press(*caption, "enter")
                await settle(app, pilot)
            await pilot.press("c")
            await settle(app, pilot, rounds=8)
            await pilot.press("escape")
            await settle(app, pilot)
            if type(app.screen).__name__ != "CaseOverviewScreen":
                await _back(app, pilot, "CaseOverviewScreen")

            # the shared review: her words and her rating
            await pilot.press("s")
            await settle(app, pilot)
            await pilot.click("#sr-noticed")
            await pilot.press(*"She looked right at me")
            await pilot.click("#sr-words")
            await pilot.press(*"I am better than I thought")
            await pilot.press("ctrl+g", "8")
            app.screen.query_one("#sr-learned").focus()
            await pilot.press(*"Noor loves it when I slow down")
            await pilot.pause(1.0)  # the pause in typing that saves the field
            await settle(app, pilot)
            await _back(app, pilot, "CaseOverviewScreen")

            # outputs: summary, insert, note, family video
            await pilot.press("o")
            await settle(app, pilot)
            for key in ("1", "2", "3", "4"):
                await pilot.press(key)
                await settle(app, pilot, rounds=8)
            assert not notices(app, "error")
    finally:
        frame_view.pin_renderer(None)
    home.close()

    # Reopen the store as the next session would: everything is there.
    with open_home(home_dir, custody=KeyCustody(home_dir, backend=keyring_backend)) as again:
        case_file = again.store.load(REF)
        assert case_file.case.parent_name == "Amira" and case_file.case.baby_born_on == date(
            2026, 8, 1
        )
        for scope in (ConsentScope.FILMING, ConsentScope.SHARED_REVIEW, ConsentScope.FAMILY_COPIES):
            assert case_file.consent_active(scope), scope
        (question,) = case_file.questions
        assert question.text == "What am I doing when Noor and I enjoy bath time?"
        assert question.ratings == {1: 8}
        cycle = case_file.cycles[0]
        assert cycle.filming_plan.activity == "Bath time"
        assert len(cycle.recordings) == 1
        assert [m.title for m in cycle.moments] == [
            "Looking at each other",
            "Splashing together",
            "Waiting for her turn",
        ]
        assert all(m.clip_vault_id and again.vault.exists(m.clip_vault_id) for m in cycle.moments)
        assert [s.caption for s in cycle.stills] == [
            "You look at each other.",
            "You wait, Noor splashes.",
        ]
        first = cycle.moments[0].id
        assert cycle.review.clips[first].parent_words == "I am better than I thought"
        assert cycle.review.learned == "Noor loves it when I slow down"
        kinds = {d.kind for d in cycle.documents}
        assert {"summary", "insert", "note", "family-video"} <= kinds
        assert assess(case_file).step is Step.DONE
        assert again.store.audit_verify().ok
    made = sorted(p.name for p in exports.iterdir())
    assert any(n.endswith("summary.pdf") for n in made) and any(n.endswith(".mp4") for n in made)
    assert all("Amira" not in n and "Noor" not in n for n in made)
