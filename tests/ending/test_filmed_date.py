"""The progress note gives the day the film was made (its creation_time tag, else the import
day), never the day the filming was planned for."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tests import media_videos as mv
from vigguide.domain import ClipReview, ConsentScope, FilmingPlan, SharedReview
from vigguide.media.probe import filmed_day
from vigguide.services.recordings import import_recording
from vigguide.services.reports import generate
from vigguide.store.home import Home

REF = "FILM-1"
IMPORT_DAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def videos(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("filmed")
    return mv.make_h264_tagged(folder), mv.make_no_audio(folder)


def test_filmed_day_reads_the_creation_time_tag(videos: tuple[Path, Path]):
    tagged, untagged = videos
    assert filmed_day(tagged) == date(2024, 5, 1)  # creation_time=2024-05-01T10:00:00Z
    assert filmed_day(tagged, latest=date(2024, 4, 30)) is None  # a clock set in the future
    assert filmed_day(untagged) is None


def _case(home: Home) -> int:
    s = home.store
    s.create_case(REF, "Amira Khan", "Noor")
    for scope in (ConsentScope.FILMING, ConsentScope.SHARED_REVIEW):
        s.set_consent(REF, scope, date(2026, 10, 1))
    question = s.add_question(REF, "What am I doing to enjoy my baby?", date(2026, 10, 1))
    # planned for 4 December: the note must not say so
    plan = FilmingPlan(datetime(2026, 12, 4, 10), "Home", "Bath time", "", "")
    s.set_filming_plan(REF, plan)
    return question


@pytest.mark.parametrize("tagged", [True, False])
def test_the_note_says_when_the_film_was_made(
    home: Home, tmp_path: Path, videos: tuple[Path, Path], tagged: bool
):
    question = _case(home)
    film = videos[0] if tagged else videos[1]
    result = import_recording(home, REF, film, today=IMPORT_DAY)
    (recording,) = home.store.load(REF).cycles[0].recordings
    expected = date(2024, 5, 1) if tagged else IMPORT_DAY
    assert recording.id == result.recording_id and recording.filmed_on == expected
    moment = home.store.add_moment(REF, recording.id, 0.5, 2.0, title="A smile")
    home.store.save_review(
        REF,
        SharedReview(
            held_on=date(2026, 11, 26),
            clips={moment: ClipReview(parent_words="He smiled at me")},
            ratings={question: 6},
        ),
    )
    paths = generate(home, REF, 1, ["note"], tmp_path / "out")
    note = next(p for p in paths if p.suffix == ".txt").read_text()
    shown = "1 May 2024" if tagged else "24 November 2026"
    assert f"Filmed: {shown}" in note
    assert "4 December" not in note
