"""Which media a later cycle still uses, from the case alone (pure domain rule)."""

from __future__ import annotations

from datetime import date, datetime

from vigguide.domain import Case, CaseFile, Cycle, Moment, Recording, Still
from vigguide.domain.retention import CaseDates, Held, RetentionRule, due_date, media_in_use


def _film(rid: int) -> Recording:
    return Recording(rid, f"v{rid}", "0" * 64, 1, 600.0, 320, 240, 25.0, "h264", None,
                     datetime(2026, 10, 1))  # fmt: skip


def test_a_later_cycle_using_an_earlier_film_clip_or_still_keeps_them():
    one = Cycle(
        1, 1, recordings=(_film(1),),
        moments=(Moment(10, 1, 0.0, 4.0, clip_vault_id="c10"), Moment(11, 1, 5.0, 9.0)),
        stills=(Still(20, 1, 2.0, vault_id="s20"), Still(21, 1, 6.0, vault_id="s21")),
    )  # fmt: skip
    two = Cycle(
        2, 2, recordings=(_film(2),),
        moments=(Moment(30, 1, 40.0, 44.0), Moment(31, 2, 0.0, 3.0, clip_vault_id="c10")),
        stills=(Still(40, 2, 1.0, vault_id="s21"),),
    )  # fmt: skip
    case_file = CaseFile(Case(1, "IU-1", "Amira", "Noor"), {}, (), (one, two))
    assert media_in_use(case_file) == {
        "film-1": "cycle 2 still uses it",
        "clip-10": "cycle 2 still uses it",
        "still-21": "cycle 2 still uses it",
    }


def test_the_first_trigger_to_arrive_sets_the_date():
    item = Held("film-1", "film", "IU-1", 1, "film", date(2026, 10, 1))
    rule = RetentionRule(90, 2, True)
    assert due_date(rule, item, CaseDates()) == (
        date(2026, 12, 30),
        "90 days after it was imported",
    )
    closed = CaseDates(closed_on=date(2026, 10, 20))
    assert due_date(rule, item, closed) == (
        date(2026, 12, 20),
        "2 months after the end of involvement",
    )
    noted = CaseDates(summarised={1: date(2026, 10, 15)})
    assert due_date(rule, item, noted) == (date(2026, 10, 15), "summarised in the record")
    ended = CaseDates(ending_on=date(2026, 9, 1))  # never before the film itself was made
    assert due_date(rule, item, ended) == (date(2026, 10, 1), "summarised in the record")
