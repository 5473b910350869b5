"""The service report's figures against a hand count of made-up families (see made_up.py)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.service_report import made_up
from vigguide.domain.practitioner_stage import NOT_RECORDED, StageFrom, stage_on, with_stage
from vigguide.domain.service_report import Activity, Change, Period
from vigguide.errors import VigGuideError
from vigguide.services.service_report import figures_for
from vigguide.store.home import Home
from vigguide.store.service_rows import set_stage, stage_history


def test_figures_match_a_hand_count(home: Home) -> None:
    made_up.build(home)
    figures = figures_for(home, Period(made_up.START, made_up.END))
    # open: A, B (closed in the period), C (started in it); D closed before, E began after
    assert figures.activity == Activity(
        cases_open=3, cases_started=1, cases_closed=1, cycles=3, reviews_held=2, endings=1
    )
    # latest ratings in the period: A's two (review 17 April), B's (ending 15 May: 8, not 5);
    # A's second question has no baseline. 3 -> 6 and 2 -> 8.
    assert figures.questions.rated == 3
    assert figures.questions.without_baseline == 1
    assert figures.questions.change == Change(2, 2.5, 7.0, 4.5, higher=2, same=0, lower=0)
    m = {f.kind: f for f in figures.measures}
    # PHQ-9: A 18 -> 10 (reliable, 6 or more), B 12 -> 9; D's last was before, E's after
    assert m["phq9"].change == Change(2, 15.0, 9.5, -5.5, higher=0, same=0, lower=2)
    assert (m["phq9"].reliably_better, m["phq9"].reliably_worse, m["phq9"].once_only) == (1, 0, 0)
    # GAD-7: B 8 -> 10, not reliable (5); A scored once only
    assert m["gad7"].change == Change(1, 8.0, 10.0, 2.0, higher=1, same=0, lower=0)
    assert (m["gad7"].reliably_better, m["gad7"].reliably_worse, m["gad7"].once_only) == (0, 0, 1)
    # CORE-10: B 20 -> 26, a reliable rise
    assert (m["core10"].change.mean_change, m["core10"].reliably_worse) == (6.0, 1)
    # EPDS: C 15 -> 11; no reliable change figure is claimed for it
    assert m["epds"].change == Change(1, 15.0, 11.0, -4.0, higher=0, same=0, lower=1)
    assert m["epds"].reliable is None and m["epds"].reliably_better is None
    assert m["pbq"].change.n == 0 and m["pbq"].change.mean_change is None
    # stage 2 from January, stage 3 from May: A's and B's April reviews, A's June film
    stages = {s.stage: (s.cycles, s.reviews_held) for s in figures.stages}
    assert stages == {"trainee stage 2": (2, 2), "trainee stage 3": (1, 0)}


def test_a_wider_period_counts_the_earlier_work_too(home: Home) -> None:
    made_up.build(home)
    figures = figures_for(home, Period(date(2025, 1, 1), made_up.END))
    assert figures.activity.cases_open == 4  # all but E
    assert figures.activity.endings == 2
    assert figures.activity.reviews_held == 5
    stages = {s.stage: s.cycles for s in figures.stages}
    # D's 2025 cycle came before any stage was recorded; A's and B's first two are stage 2
    assert stages == {NOT_RECORDED: 1, "trainee stage 2": 4, "trainee stage 3": 1}
    assert figures.questions.change.n == 3  # D's question too: 1 -> 9


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(VigGuideError, match=r"starts .* after it ends"):
        Period(date(2026, 6, 30), date(2026, 4, 1))


def test_the_stage_in_force_on_a_day() -> None:
    history = with_stage((), "Trainee stage 1", date(2025, 1, 10))
    history = with_stage(history, "accredited guider", date(2026, 2, 1))
    history = with_stage(history, "trainee stage 2", date(2025, 6, 1))  # recorded late
    assert stage_on(history, date(2025, 1, 9)) == NOT_RECORDED
    assert stage_on(history, date(2025, 1, 10)) == "trainee stage 1"
    assert stage_on(history, date(2025, 12, 31)) == "trainee stage 2"
    assert stage_on(history, date(2026, 2, 1)) == "accredited guider"
    # the same day again replaces, not adds
    again = with_stage(history, "supervisor", date(2026, 2, 1))
    assert len(again) == 3 and stage_on(again, date(2026, 3, 1)) == "supervisor"
    with pytest.raises(VigGuideError, match="not a VIG stage"):
        with_stage(history, "expert", date(2026, 1, 1))


def test_the_stage_history_is_kept_in_the_home_and_audited(home: Home) -> None:
    set_stage(home.store, "trainee stage 1", date(2025, 1, 10))
    set_stage(home.store, "supervisor", date(2026, 1, 1))
    assert stage_history(home.store) == (
        StageFrom(date(2025, 1, 10), "trainee stage 1"),
        StageFrom(date(2026, 1, 1), "supervisor"),
    )
    events = [e for e in home.store.audit_events() if e.action == "settings.update"]
    assert events and events[0].detail == {"key": "practitioner_stages"}
