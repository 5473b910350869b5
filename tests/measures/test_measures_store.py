"""Recording outcome measures in a real home: what is stored, what is refused, what is audited."""

from __future__ import annotations

from datetime import date

import pytest

from vigguide.domain.measures import score
from vigguide.errors import VigGuideError
from vigguide.store.home import Home
from vigguide.store.measures import (
    RiskNotShownError,
    delete_measure,
    list_measures,
    record_measure,
)
from vigguide.store.settings import RISK_PROCEDURE, load_settings, save_setting

DAY = date(2026, 3, 2)


@pytest.fixture
def ref(home: Home) -> str:
    home.store.create_case("RPT-101", "Amira", "Zain")
    return "RPT-101"


def _events(home: Home, action: str) -> list[dict[str, object]]:
    return [e.detail for e in home.store.audit_events("RPT-101") if e.action == action]


def test_a_measure_is_stored_with_its_answers_total_and_audit(home: Home, ref: str) -> None:
    record_measure(home.store, ref, score("phq9", [2, 2, 1, 2, 1, 1, 0, 0, 0]), DAY)
    record_measure(home.store, ref, score("epds", total=11, item10=0), DAY)
    stored = list_measures(home.store, ref)
    assert [(m.kind, m.taken_on, m.total, m.band, m.risk) for m in stored] == [
        ("phq9", DAY, 9, "mild", False),
        ("epds", DAY, 11, "possible depression", False),
    ]
    assert stored[0].answers == (2, 2, 1, 2, 1, 1, 0, 0, 0)
    assert stored[1].item10 == 0
    assert {"kind": "phq9", "taken_on": "2026-03-02", "risk": False} in _events(
        home, "measure.record"
    )


@pytest.mark.parametrize(
    "scored",
    [score("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1]), score("epds", total=14, item10=2)],
)
def test_a_risk_answer_is_refused_unless_the_procedure_was_shown(
    home: Home, ref: str, scored: object
) -> None:
    from vigguide.domain.measures import Scored

    assert isinstance(scored, Scored)
    with pytest.raises(RiskNotShownError, match="risk answer"):
        record_measure(home.store, ref, scored, DAY)
    assert list_measures(home.store, ref) == []
    assert _events(home, "measure.record") == []
    record_measure(home.store, ref, scored, DAY, risk_shown=True)
    (stored,) = list_measures(home.store, ref)
    assert stored.risk
    assert _events(home, "measure.record")[0]["risk"] is True


def test_the_same_measure_twice_on_one_day_changes_nothing(home: Home, ref: str) -> None:
    record_measure(home.store, ref, score("gad7", [1, 1, 1, 1, 1, 1, 1]), DAY)
    with pytest.raises(VigGuideError, match="already has a GAD-7 on 2026-03-02"):
        record_measure(home.store, ref, score("gad7", [3, 3, 3, 3, 3, 3, 3]), DAY)
    assert [m.total for m in list_measures(home.store, ref)] == [7]
    assert len(_events(home, "measure.record")) == 1
    # another day, or another measure the same day, is fine
    record_measure(home.store, ref, score("gad7", [0, 0, 0, 0, 0, 0, 0]), date(2026, 4, 2))
    record_measure(home.store, ref, score("pbq", total=20), DAY)
    assert len(list_measures(home.store, ref)) == 3


def test_a_day_in_the_future_is_refused(home: Home, ref: str) -> None:
    with pytest.raises(VigGuideError, match="is in the future"):
        record_measure(home.store, ref, score("pbq", total=20), date(2999, 1, 1))
    assert list_measures(home.store, ref) == []


def test_delete_is_audited(home: Home, ref: str) -> None:
    made = record_measure(home.store, ref, score("pbq", total=20), DAY)
    delete_measure(home.store, ref, made.id)
    assert list_measures(home.store, ref) == []
    assert _events(home, "measure.delete") == [{"kind": "pbq", "taken_on": "2026-03-02"}]
    with pytest.raises(VigGuideError, match="has no measure"):
        delete_measure(home.store, ref, made.id)


def test_the_risk_procedure_has_a_default_and_can_be_the_services_own(home: Home) -> None:
    settings = load_settings(home.store)
    assert settings.risk_procedure == RISK_PROCEDURE
    assert "duty worker" in RISK_PROCEDURE and "record" in RISK_PROCEDURE
    own = "Call the duty line on 01632 960 555 today and complete a risk form."
    assert save_setting(home.store, "risk_procedure", own).risk_procedure == own
    # emptied, it falls back to the default rather than showing nothing
    assert save_setting(home.store, "risk_procedure", "  ").risk_procedure == RISK_PROCEDURE
