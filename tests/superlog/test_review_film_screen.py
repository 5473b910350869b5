"""w on the case overview opens micro-analysis on the film of the shared review: its own film and
moments, marked and stored apart from the interaction film's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.tui.media_cases import REF, TODAY, case_with_film, film, settle
from vigguide.app import make_app
from vigguide.domain import ConsentScope
from vigguide.services.recordings import import_recording
from vigguide.store.home import Home
from vigguide.widgets import frame_view
from vigguide.widgets.frame_view import FrameView
from vigguide.widgets.moment_list import MomentList


@pytest.fixture(autouse=True)
def _unicode_pictures() -> Iterator[None]:
    frame_view.pin_renderer("unicode")
    yield
    frame_view.pin_renderer(None)


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return film(tmp_path_factory.mktemp("review-film"))


async def _wait_picture(app, pilot) -> None:
    for _ in range(500):
        await pilot.pause(0.01)
        if app.screen.frames.settled and app.screen.query_one(FrameView).picture is not None:
            break
    await pilot.pause()


async def test_w_opens_the_review_film_and_its_moments_only(home: Home, video: Path):
    _question, interaction = case_with_film(home, video)
    home.store.add_moment(REF, interaction, 0.5, 1.0, title="Bath time smile")
    home.store.set_consent(REF, ConsentScope.FILMING_REVIEW, date(2026, 10, 1))
    review = import_recording(home, REF, video, today=TODAY, kind="shared-review").recording_id
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("overview", REF)
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot, rounds=4)
        screen = app.screen
        assert type(screen).__name__ == "ReviewFilmAnalysisScreen"
        assert screen.title.startswith("Review film")
        await _wait_picture(app, pilot)
        assert screen.recording is not None and screen.recording.id == review
        assert screen.query_one(MomentList).moments == ()  # not the interaction film's moment
        await pilot.press("i", "right", "right", "right", "o", "a")
        await settle(app, pilot)
        await pilot.press("enter")  # the moment form, with its defaults
        await settle(app, pilot, rounds=4)
    cycle = home.store.load(REF).cycles[0]
    assert [m.title for m in cycle.moments] == ["Bath time smile"]
    assert len(cycle.review_moments) == 1
    assert cycle.review_moments[0].recording_id == review


async def test_w_without_a_review_film_says_how_to_import_it(home: Home, video: Path):
    case_with_film(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("review_film_analysis", REF)
        await settle(app, pilot, rounds=4)
        empty = app.screen.query_one(FrameView).query_one("#frame-empty", Static)
        assert "--kind shared-review" in str(empty.render())
        assert app.screen.check_action("import_film", ()) is False
