"""The demo family's measures: recorded at the start and the end, and improving."""

from __future__ import annotations

from datetime import date

from vigguide.demo_measures import add_demo_measures
from vigguide.domain.measures import by_kind
from vigguide.store.home import Home
from vigguide.store.measures import list_measures


def test_demo_measures_start_and_end_and_improve(home: Home) -> None:
    home.store.create_case("DEMO-9", "Maya", "Leo")
    start, end = date(2026, 1, 6), date(2026, 4, 14)
    add_demo_measures(home, "DEMO-9", start, end)
    grouped = by_kind(list_measures(home.store, "DEMO-9"))
    assert list(grouped) == ["phq9", "gad7", "epds"]
    for found in grouped.values():
        first, last = found
        assert (first.taken_on, last.taken_on) == (start, end)
        assert last.total < first.total and not first.risk and not last.risk
    assert [m.band for m in grouped["epds"]] == ["probable depression", "below the screening range"]
