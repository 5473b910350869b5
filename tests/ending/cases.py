"""A family at the end of the work, built straight through the store (no film needed): helping
questions with baselines, cycles each with a shared review and ratings."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from vigguide.domain import ClipReview, ConsentScope, FilmingPlan, SharedReview
from vigguide.store.home import Home

REF = "END-1"
QUESTION = "What am I doing when Noor and I enjoy bath time?"
START = date(2026, 8, 1)
PROBE = {
    "duration_s": 20.0,
    "width": 640,
    "height": 360,
    "fps": 25.0,
    "video_codec": "h264",
    "audio_codec": "aac",
}


def open_case(home: Home) -> int:
    """The case with its consent and one helping question; returns the question id."""
    s = home.store
    s.create_case(REF, "Amira Khan", "Noor", baby_born_on=date(2026, 5, 1))
    for scope in ConsentScope:
        s.set_consent(REF, scope, START)
    return s.add_question(REF, QUESTION, START)


def film_cycle(home: Home, number: int, *, filmed_on: date | None = None) -> int:
    """A filming plan and a (stand-in) film in cycle `number`; returns the recording id."""
    s = home.store
    planned = START + timedelta(days=20 * number)
    s.set_filming_plan(
        REF,
        FilmingPlan(datetime.combine(planned, datetime.min.time()), "Home", "Bath time", "", ""),
        cycle=number,
    )
    return s.add_recording(
        REF,
        vault_id=home.vault.put_bytes(b"film").id,
        sha256="0" * 64,
        size_bytes=4,
        probe=PROBE,
        delete_by=None,
        cycle=number,
        filmed_on=filmed_on,
    )


def review_cycle(home: Home, number: int, question_id: int, rating: int) -> None:
    s = home.store
    recording = film_cycle(home, number)
    moment = s.add_moment(REF, recording, 1.0, 4.0, title="Splashing together", cycle=number)
    s.save_review(
        REF,
        SharedReview(
            held_on=START + timedelta(days=20 * number + 7),
            clips={moment: ClipReview(parent_words=f"Look at us in cycle {number}")},
            learned=f"What I learned in cycle {number}.",
            ratings={question_id: rating},
        ),
        cycle=number,
    )


def reviewed_case(home: Home, ratings: tuple[int, ...] = (5, 7), baseline: int | None = 3) -> int:
    """A case whose cycles each had a shared review with these ratings; returns the question id."""
    question_id = open_case(home)
    if baseline is not None:
        home.store.set_baseline(REF, question_id, baseline, START)
    for number, rating in enumerate(ratings, start=1):
        if number > 1:
            home.store.start_cycle(REF)
        review_cycle(home, number, question_id, rating)
    return question_id
