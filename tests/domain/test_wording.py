"""One wording for the baby's age and film times, wherever a practitioner reads them."""

from __future__ import annotations

from datetime import date

import pytest

from vigguide.domain.wording import baby_age, clock, read_clock

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


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("95.2", 95.2), (" 1:35.2 ", 95.2), ("0:07.5", 7.5), ("2", 2.0), ("1:05", 65.0)],
)
def test_typed_times_are_read_as_seconds(typed: str, seconds: float):
    assert read_clock(typed) == pytest.approx(seconds)
    assert read_clock(clock(seconds)) == pytest.approx(seconds)


@pytest.mark.parametrize("typed", ["", "soon", "1:75", "-3", "1:2:3", "1:", "inf", "nan"])
def test_what_is_not_a_time_is_none(typed: str):
    assert read_clock(typed) is None
