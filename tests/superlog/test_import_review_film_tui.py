"""Importing the film of the shared review from the import screen: the choice of film appears
only when the parent agreed to filming the review, and the film lands apart from the interaction
film, under its own retention rule, with its own analysis screen next."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Select

from tests.tui.media_cases import REF, TODAY, case_ready_to_import, film, settle
from vigguide.app import make_app
from vigguide.domain import ConsentScope
from vigguide.screens.import_recording import ImportRecordingScreen
from vigguide.store.home import Home


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return film(tmp_path_factory.mktemp("review-film"))


async def _import(app, pilot, video: Path, kind: str | None) -> ImportRecordingScreen:
    await settle(app, pilot)
    app.open_screen("import", REF)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ImportRecordingScreen)
    choice = screen.query_one("#import-kind", Select)
    assert choice.display is (kind is not None)
    if kind is not None:
        choice.value = kind
    screen.open_folder(video.parent)
    screen.choose(video)
    await settle(app, pilot)
    await pilot.press("i")
    await settle(app, pilot)
    return screen


async def test_with_consent_the_review_film_can_be_chosen_and_is_kept_apart(
    home: Home, video: Path
):
    case_ready_to_import(home)
    home.store.set_consent(REF, ConsentScope.FILMING_REVIEW, date(2026, 10, 1))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _import(app, pilot, video, "shared-review")
        cycle = home.store.load(REF).cycles[0]
        assert cycle.recordings == ()
        [review] = cycle.review_films
        assert review.delete_by == TODAY + timedelta(days=180)
        await pilot.press("m")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ReviewFilmAnalysisScreen"


async def test_without_consent_to_film_the_review_only_the_interaction_film(
    home: Home, video: Path
):
    case_ready_to_import(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _import(app, pilot, video, None)
        cycle = home.store.load(REF).cycles[0]
        assert len(cycle.recordings) == 1 and cycle.review_films == ()
