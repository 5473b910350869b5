"""One wording for the baby's age and film times, wherever a practitioner reads them."""

from __future__ import annotations

from datetime import date

import pytest

from vigguide.domain.wording import baby_age, clock

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (date(2026, 11, 24), "0 weeks"),
        (date(2026, 11, 17), "1 week"),
        (date(2026, 11, 3), "3 weeks"),
        (date(2026, 10, 1), "7 weeks"),
        (date(2026, 9, 24), "2 months"),
        (date(2026, 5, 24), "6 months"),
        (date(2026, 12, 1), "not born yet"),
    ],
)
def test_the_babys_age_from_the_birth_date(born: date, expected: str):
    assert baby_age(born, None, TODAY) == expected


def test_the_babys_age_before_birth_or_unknown():
    assert baby_age(None, date(2027, 1, 10), TODAY) == "due 10 Jan 2027"
    assert baby_age(None, None, TODAY) == "age not recorded"


def test_film_times_read_as_minutes_and_seconds():
    assert clock(7.46) == "0:07.5"
    assert clock(75.0) == "1:15.0"
    assert clock(-1.0) == "0:00.0"
