"""Consent in detail: given or declined, how, the form, the review date and the other adults in the
film are stored and read back; a review that has come is a reminder on the caseload."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.retention.helpers import case_with_media
from vigguide.domain import ConsentScope
from vigguide.errors import VigGuideError
from vigguide.services.consent import (
    ConsentDetail,
    consent_detail_lines,
    consent_state,
    record_consent,
)
from vigguide.services.reminders import caseload_reminders
from vigguide.store.home import Home

DAY = date(2026, 10, 1)


def test_given_consent_keeps_how_form_and_review(home: Home):
    home.store.create_case("CD-1", "Amira", "Noor")
    detail = ConsentDetail(True, DAY, "written", "VIG-CF-0042", date(2027, 1, 10))
    said = record_consent(home, "CD-1", ConsentScope.FILMING, detail)
    assert said == "Consent recorded: filming at home."
    consent = home.store.load("CD-1").consents[ConsentScope.FILMING]
    assert (consent.how, consent.form_ref, consent.review_on) == (
        "written",
        "VIG-CF-0042",
        date(2027, 1, 10),
    )
    assert consent_state(consent) == "Given"
    lines = consent_detail_lines(consent, date(2027, 1, 10))
    assert lines == [
        "Given 1 Oct 2026 (written).",
        "Consent form: VIG-CF-0042.",
        "Review with her on 10 Jan 2027 — review due now.",
    ]
    event = home.store.audit_events("CD-1")[0]
    assert event.action == "consent.given" and event.detail["how"] == "written"


def test_declined_consent_is_stored_and_blocks_like_no_consent(home: Home):
    home.store.create_case("CD-2", "Beth", "Ivy")
    record_consent(home, "CD-2", ConsentScope.TRAINING, ConsentDetail(False, DAY, "verbal"))
    case_file = home.store.load("CD-2")
    consent = case_file.consents[ConsentScope.TRAINING]
    assert consent_state(consent) == "Declined" and not consent.active
    assert consent_detail_lines(consent, DAY) == ["Declined 1 Oct 2026 (verbal)."]
    assert not case_file.consent_active(ConsentScope.TRAINING)
    record_consent(home, "CD-2", ConsentScope.FILMING, ConsentDetail(True, DAY, "written"))
    with pytest.raises(VigGuideError, match="withdraw it"):
        record_consent(home, "CD-2", ConsentScope.FILMING, ConsentDetail(False, DAY))
    assert home.store.load("CD-2").consent_active(ConsentScope.FILMING)


@pytest.mark.parametrize(
    ("detail", "says"),
    [
        (ConsentDetail(True, DAY, "nodded"), "not a way of giving consent"),
        (ConsentDetail(True, DAY, "written", "", DAY), "on or before the day"),
        (ConsentDetail(False, DAY, "verbal", "", DAY + timedelta(days=90)), "no review date"),
    ],
)
def test_bad_detail_is_refused_and_nothing_is_stored(home: Home, detail, says):
    home.store.create_case("CD-3", "Cara", "Ada")
    with pytest.raises(VigGuideError, match=says):
        record_consent(home, "CD-3", ConsentScope.FILMING, detail)
    assert home.store.load("CD-3").consents == {}


def test_other_adults_in_the_film(home: Home):
    home.store.create_case("CD-4", "Dana", "Eli")
    home.store.set_other_adults("CD-4", "  Partner (Sam) — agreed verbally  ")
    assert home.store.other_adults("CD-4") == "Partner (Sam) — agreed verbally"
    assert "case.other_adults" in {e.action for e in home.store.audit_events("CD-4")}


def test_caseload_reminders_name_what_is_due(home: Home):
    case_with_media(home)
    today = date.today()
    assert caseload_reminders(home, today) == []
    review = today + timedelta(days=20)
    home.store.set_consent("RT-1", ConsentScope.FILMING, DAY, review_on=review)
    lines = caseload_reminders(home, today + timedelta(days=90))
    assert lines == [
        "1 item due for deletion — press d",
        "Consent review due: RT-1 (open the case, then c)",
    ]
