"""Scoring each outcome measure against examples scored by hand, and the risk signal."""

from __future__ import annotations

import pytest

from vigguide.domain.instruments import CORE10, CORE10_COPYRIGHT, EPDS, GAD7, INSTRUMENTS, PBQ, PHQ9
from vigguide.domain.measures import score, sparkline
from vigguide.errors import VigGuideError


def test_the_kind_names_the_service_report_reads() -> None:
    assert tuple(INSTRUMENTS) == ("phq9", "gad7", "core10", "pbq", "epds")


@pytest.mark.parametrize(
    ("answers", "total", "band", "risk"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "minimal", False),
        ([1, 1, 0, 1, 1, 0, 0, 0, 0], 4, "minimal", False),
        ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "mild", False),
        # 2+2+1+2+1+1+0+0+1 = 10: moderate, and item 9 answered "several days"
        ([2, 2, 1, 2, 1, 1, 0, 0, 1], 10, "moderate", True),
        ([2, 2, 2, 2, 2, 2, 2, 1, 0], 15, "moderately severe", False),
        ([3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "severe", True),
    ],
)
def test_phq9_totals_bands_and_item_9(
    answers: list[int], total: int, band: str, risk: bool
) -> None:
    scored = score("phq9", answers)
    assert (scored.total, scored.band, scored.risk) == (total, band, risk)
    assert scored.answers == tuple(answers)


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        ([0, 1, 1, 0, 1, 0, 1], 4, "minimal"),
        ([1, 1, 1, 1, 1, 1, 3], 9, "mild"),
        ([2, 2, 2, 1, 1, 1, 1], 10, "moderate"),
        ([3, 3, 3, 2, 2, 1, 1], 15, "severe"),
        ([3, 3, 3, 3, 3, 3, 3], 21, "severe"),
    ],
)
def test_gad7_totals_and_bands(answers: list[int], total: int, band: str) -> None:
    scored = score("gad7", answers)
    assert (scored.total, scored.band, scored.risk) == (total, band, False)


def test_core10_scores_items_2_and_3_the_other_way_round() -> None:
    # Every answer "Not at all": items 2 and 3 ("someone to turn to", "able to cope") score 4.
    assert score("core10", [0] * 10).total == 8
    # By hand: 2 + (4-3) + (4-1) + 1 + 0 + 0 + 3 + 2 + 3 + 1 = 16 -> moderate
    scored = score("core10", [2, 3, 1, 1, 0, 0, 3, 2, 3, 1])
    assert (scored.total, scored.band, scored.risk) == (16, "moderate", False)
    assert score("core10", [4, 0, 0, 4, 4, 4, 4, 4, 4, 4]).total == 40
    assert score("core10", [0, 4, 4, 0, 0, 0, 0, 0, 0, 0]).band == "healthy"


def test_core10_plans_to_end_life_is_a_risk_answer() -> None:
    assert score("core10", [1, 2, 2, 1, 0, 1, 1, 1, 1, 0]).risk


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (5, "healthy"),
        (6, "low"),
        (10, "low"),
        (11, "mild"),
        (14, "mild"),
        (19, "moderate"),
        (20, "moderate-severe"),
        (24, "moderate-severe"),
        (25, "severe"),
        (40, "severe"),
    ],
)
def test_core10_bands(total: int, band: str) -> None:
    assert CORE10.band(total) == band
    assert CORE10.cutoff == 11


def test_epds_is_a_score_only_with_item_10_as_its_own_score() -> None:
    assert EPDS.items == ()  # its items are the Royal College's: never embedded
    assert score("epds", total=9, item10=0).band == "below the screening range"
    assert score("epds", total=10, item10=0).band == "possible depression"
    assert score("epds", total=12, item10=0).band == "possible depression"
    low = score("epds", total=13, item10=0)
    assert (low.band, low.risk, low.item10) == ("probable depression", False, 0)
    assert score("epds", total=4, item10=1).risk


def test_pbq_is_a_total_only() -> None:
    scored = score("pbq", total=31)
    assert (scored.total, scored.band, scored.risk, scored.answers) == (31, "", False, ())
    assert PBQ.max_total == 125


@pytest.mark.parametrize(
    ("kind", "answers", "total", "item10", "words"),
    [
        ("phq9", [0] * 8, None, None, "has 9 answers; 8 were given"),
        (
            "phq9",
            [0, 0, 0, 0, 4, 0, 0, 0, 0],
            None,
            None,
            "answer 5 must be a whole number from 0 to 3",
        ),
        ("gad7", [-1, 0, 0, 0, 0, 0, 0], None, None, "answer 1 must be a whole number from 0 to 3"),
        ("core10", [5] + [0] * 9, None, None, "from 0 to 4"),
        ("pbq", None, 126, None, "PBQ total must be a whole number from 0 to 125"),
        ("epds", None, 31, 0, "EPDS total must be a whole number from 0 to 30"),
        ("epds", None, 12, 4, "item 10 must be a whole number from 0 to 3"),
        ("epds", None, 12, None, "needs item 10's own score"),
        ("epds", None, 1, 2, "more than the total"),
        ("pbq", [1, 2], None, None, "recorded as a total score"),
        ("mood", [1], None, None, "no measure called 'mood'"),
    ],
)
def test_out_of_range_is_a_plain_message(
    kind: str, answers: list[int] | None, total: int | None, item10: int | None, words: str
) -> None:
    with pytest.raises(VigGuideError, match=words):
        score(kind, answers, total=total, item10=item10)


def test_full_items_are_there_for_the_free_measures() -> None:
    assert len(PHQ9.items) == 9 and "better off dead" in PHQ9.items[8]
    assert len(GAD7.items) == 7 and len(CORE10.items) == 10
    assert CORE10_COPYRIGHT in CORE10.source and "CC BY-NC-ND 4.0" in CORE10.source


def test_sparkline_runs_low_to_high_on_the_full_scale() -> None:
    assert sparkline([0, 27], 27) == "▁█"
    assert sparkline([18, 12, 6], 27) == "▆▄▃"
