"""The baseline and the ending review as stored: what is kept, what is refused and why, and the
case closing after its ending."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ending.cases import REF, START, film_cycle, open_case, reviewed_case
from vigguide.domain import CaseStatus, Ending
from vigguide.errors import VigGuideError
from vigguide.services.ending import close_case, journeys, record_ending
from vigguide.services.retention import reopen_case
from vigguide.store.home import Home


def test_baseline_is_stored_with_its_day_and_can_be_cleared(home: Home):
    question_id = open_case(home)
    home.store.set_baseline(REF, question_id, 4, START)
    (question,) = home.store.load(REF).questions
    assert (question.baseline, question.baseline_on) == (4, START)
    with pytest.raises(VigGuideError, match="0 to 10"):
        home.store.set_baseline(REF, question_id, 11)
    assert home.store.load(REF).questions[0].baseline == 4  # nothing changed
    home.store.set_baseline(REF, question_id, None)
    (question,) = home.store.load(REF).questions
    assert (question.baseline, question.baseline_on) == (None, None)
    actions = [e.action for e in home.store.audit_events(REF)]
    assert actions.count("question.baseline") == 2


def test_an_ending_with_no_shared_review_is_refused_and_nothing_is_stored(home: Home):
    open_case(home)
    with pytest.raises(VigGuideError, match="no shared review yet"):
        record_ending(home, REF, Ending(held_on=date(2026, 11, 1), what_changed="A lot"))
    assert home.store.ending(REF) is None


def test_an_ending_waits_for_the_review_of_a_film_already_made(home: Home):
    question_id = reviewed_case(home, ratings=(5,))
    home.store.start_cycle(REF)
    film_cycle(home, 2)  # filmed, not yet watched together
    with pytest.raises(VigGuideError, match="Cycle 2 has a film but no shared review"):
        record_ending(home, REF, Ending(held_on=date(2026, 11, 1), ratings={question_id: 8}))
    assert home.store.ending(REF) is None


def test_a_cycle_only_planned_does_not_block_the_ending(home: Home):
    question_id = reviewed_case(home, ratings=(5, 7))
    home.store.start_cycle(REF)  # the family ends before the next filming
    record_ending(home, REF, Ending(held_on=date(2026, 11, 1), ratings={question_id: 8}))
    ending = home.store.ending(REF)
    assert ending is not None and ending.ratings == {question_id: 8}
    (journey,) = journeys(home.store.load(REF), ending)
    assert (journey.baseline, journey.reviews, journey.final) == (3, ((1, 5), (2, 7)), 8)


def test_the_ending_is_stored_once_and_updated_then_the_case_closes(home: Home):
    question_id = reviewed_case(home)
    record_ending(home, REF, Ending(held_on=date(2026, 11, 1), keep_doing="Singing"))
    record_ending(
        home,
        REF,
        Ending(
            held_on=date(2026, 11, 2),
            reflections="I was so worried at the start.",
            what_changed="I enjoy him now.",
            keep_doing="Singing\nWaiting for his smile",
            plan_after="Watch my clips when things are hard.",
            ratings={question_id: 8},
        ),
    )
    ending = home.store.ending(REF)
    assert ending == Ending(
        date(2026, 11, 2),
        "I was so worried at the start.",
        "I enjoy him now.",
        "Singing\nWaiting for his smile",
        "Watch my clips when things are hard.",
        {question_id: 8},
    )
    assert home.store.closed_on(REF) is None
    assert close_case(home, REF, date(2026, 11, 5)) == date(2026, 11, 5)
    assert home.store.closed_on(REF) == date(2026, 11, 5)
    assert home.store.case(REF).status is CaseStatus.CLOSED
    with pytest.raises(VigGuideError, match="is closed"):
        record_ending(home, REF, Ending(held_on=date(2026, 11, 3)))
    # reopening (x on the overview) clears the closing day
    reopen_case(home, REF)
    assert home.store.closed_on(REF) is None


def test_bad_final_ratings_and_future_days_change_nothing(home: Home):
    question_id = reviewed_case(home)
    record_ending(home, REF, Ending(held_on=date(2026, 11, 1), ratings={question_id: 6}))
    with pytest.raises(VigGuideError, match="0 to 10"):
        record_ending(home, REF, Ending(held_on=date(2026, 11, 1), ratings={question_id: 12}))
    with pytest.raises(VigGuideError, match="no such helping question"):
        record_ending(home, REF, Ending(held_on=date(2026, 11, 1), ratings={question_id + 99: 5}))
    with pytest.raises(VigGuideError, match="future"):
        record_ending(home, REF, Ending(held_on=date(2999, 1, 1)))
    ending = home.store.ending(REF)
    assert ending is not None and ending.ratings == {question_id: 6}
