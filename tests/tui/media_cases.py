"""Cases at each media step for the import, micro-analysis, review and outputs screen tests: a tiny
generated film, imported through the real service, moments and clips made the real way.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from tests import media_videos as mv
from vigguide.domain import ConsentScope, FilmingPlan
from vigguide.store.home import Home

TODAY = date(2026, 11, 24)
REF = "MA-1"
QUESTION = "What am I doing to enjoy my baby?"

_films: dict[str, Path] = {}


def film(folder: Path) -> Path:
    """A 3 s 320x240 30 fps H.264 + AAC film with numbered frames (made once per folder)."""
    key = str(folder)
    if key not in _films:
        folder.mkdir(parents=True, exist_ok=True)
        _films[key] = mv.make_h264_tagged(folder)
    return _films[key]


def case_ready_to_import(home: Home, *, filming_consent: bool = True) -> int:
    """A case with a helping question and a filming plan; returns the question id."""
    store = home.store
    store.create_case(REF, "Amira Khan", "Noor", baby_born_on=date(2026, 8, 1))
    question_id = store.add_question(REF, QUESTION, created_on=date(2026, 10, 1))
    if filming_consent:
        store.set_consent(REF, ConsentScope.FILMING, date(2026, 10, 1))
    store.set_consent(REF, ConsentScope.SHARED_REVIEW, date(2026, 10, 1))
    store.set_filming_plan(
        REF, FilmingPlan(when=datetime(2026, 11, 10, 10, 0), place="home", activity="bath time")
    )
    return question_id


def case_with_film(home: Home, video: Path) -> tuple[int, int]:
    """A case with its film imported; returns (question id, recording id)."""
    from vigguide.services.recordings import import_recording

    question_id = case_ready_to_import(home)
    result = import_recording(home, REF, video, today=TODAY)
    return question_id, result.recording_id


def case_with_clips(
    home: Home, video: Path, *, family_copies: bool = False
) -> tuple[int, int, list[int]]:
    """A case with two moments, their clips made and a still each; returns (q, rec, moments)."""
    from vigguide.services.analysis import make_moment_clip, take_still

    question_id, recording_id = case_with_film(home, video)
    if family_copies:
        home.store.set_consent(REF, ConsentScope.FAMILY_COPIES, date(2026, 10, 1))
    moments = [
        home.store.add_moment(
            REF, recording_id, 0.5, 1.2, title="Bath time smile", question_ids=(question_id,)
        ),
        home.store.add_moment(
            REF, recording_id, 1.8, 2.6, title="Waiting for her turn", question_ids=(question_id,)
        ),
    ]
    for moment_id, at in zip(moments, (0.8, 2.0), strict=True):
        make_moment_clip(home, REF, moment_id)
        take_still(
            home, REF, recording_id, at, caption="Looking at each other", moment_id=moment_id
        )
    return question_id, recording_id, moments


async def settle(app, pilot, rounds: int = 3) -> None:  # type: ignore[no-untyped-def]
    """Wait for the screens' workers, but not those that live as long as their screen:
    DirectoryTree's loader and workers whose group ends in "-live" (e.g. the frame reader)."""
    for _ in range(rounds):
        busy = [
            w
            for w in app.workers
            if w.group != "_loader" and not w.group.endswith("-live") and not w.is_finished
        ]
        if busy:
            await app.workers.wait_for_complete(busy)
        await pilot.pause()


def notices(app, severity: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    """The messages of the notifications shown so far (the app's typed Notify messages); only
    those of one severity ("information", "warning", "error") when it is given."""
    return [n.message for n in app.notices if not severity or n.severity == severity]
