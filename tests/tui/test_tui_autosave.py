"""Nothing typed is lost: words typed just before Ctrl+Q or the lock are in the store when it is
opened again, and a helping-question draft not yet added comes back as a draft."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import TextArea

from tests.keyrings import MemoryKeyring
from tests.tui.media_cases import REF, TODAY, case_ready_to_import, case_with_clips, film, settle
from vigguide.app import make_app
from vigguide.screens.lock import LockScreen
from vigguide.store.custody import KeyCustody
from vigguide.store.home import Home, open_home
from vigguide.widgets.coach_panel import DraftArea


@pytest.fixture(scope="session")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return film(tmp_path_factory.mktemp("autosave-film"))


@contextmanager
def _reopened(home: Home, keyring_backend: MemoryKeyring) -> Iterator[Home]:
    """Close the home and open it again from disk, as the next session would."""
    path = home.path
    home.close()
    again = open_home(path, custody=KeyCustody(path, backend=keyring_backend))
    try:
        yield again
    finally:
        again.close()


async def _open(app, pilot, name: str):  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    app.open_screen(name, REF)
    await settle(app, pilot, rounds=4)
    return app.screen


async def test_words_typed_just_before_ctrl_q_are_kept(
    home: Home, video: Path, keyring_backend: MemoryKeyring
):
    _q, _rec, (first, _second) = case_with_clips(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "shared_review")
        await pilot.click("#sr-noticed")
        await pilot.press(*"He looks at me", "ctrl+q")  # no pause: quit at once
        await pilot.pause()
    assert not app.is_running
    with _reopened(home, keyring_backend) as again:
        review = again.store.load(REF).cycles[0].review
        assert review.clips[first].noticed == "He looks at me"


async def test_a_helping_question_draft_survives_quitting(
    home: Home, keyring_backend: MemoryKeyring
):
    case_ready_to_import(home)
    draft = "What am I doing when he settles"
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "helping_questions")
        app.screen.query_one(DraftArea).focus()
        await pilot.press(*draft, "ctrl+q")
        await pilot.pause()
    with _reopened(home, keyring_backend) as again:
        assert len(again.store.load(REF).questions) == 1  # a draft, not an added question
        app = make_app(again, today=TODAY)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _open(app, pilot, "helping_questions")
            assert screen.query_one(DraftArea).text == draft
            await pilot.press("ctrl+s")  # adding it clears the draft
            await settle(app, pilot)
            assert [q.text for q in again.store.load(REF).questions][-1] == draft
            assert screen.query_one(DraftArea).text == ""
        app = make_app(again, today=TODAY)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _open(app, pilot, "helping_questions")
            assert screen.query_one(DraftArea).text == ""


async def test_locking_saves_what_was_typed(home: Home, video: Path):
    _q, _rec, (first, _second) = case_with_clips(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, "shared_review")
        screen.query_one("#sr-words", TextArea).focus()
        await pilot.press(*"Look at him", "ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        assert home.store.load(REF).cycles[0].review.clips[first].parent_words == "Look at him"


async def test_the_idle_lock_waits_while_the_parent_watches(home: Home, video: Path):
    case_with_clips(home, video)
    app = make_app(home, today=TODAY, idle_lock_minutes=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "shared_review")
        await pilot.press("ctrl+r")  # review mode, in front of the parent
        await settle(app, pilot)
        app.check_idle_lock(now=time.monotonic() + 10 * 60)  # ten minutes of talking, no keys
        await pilot.pause()
        assert not isinstance(app.screen, LockScreen)
        await pilot.press("ctrl+r")  # back to the working view: the lock works again
        await pilot.pause()
        app.check_idle_lock(now=time.monotonic() + 10 * 60)
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
