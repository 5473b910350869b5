"""The measures chart reads on paper: no word smaller than 11 pt, never wider than the page's text,
the points spread across the plot, and dates that never run into each other."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

from vigguide.documents.measures_chart import STEP, measure_chart, measures_html
from vigguide.domain.measures import Measure

TEXT_WIDTH_MM = 170  # A4 less its margins
UNIT_MM = 0.3  # the templates draw one SVG unit as 0.3 mm


def _phq9(totals: list[int]) -> list[Measure]:
    start = date(2026, 1, 5)
    return [
        Measure(n, "phq9", start + timedelta(weeks=4 * n), (), total, False)
        for n, total in enumerate(totals)
    ]


def test_no_word_in_the_chart_is_smaller_than_11_pt():
    html = str(measures_html(_phq9([18, 12, 5])))
    sizes = [float(s) for s in re.findall(r'font-size="([0-9.]+)"', html)]
    assert sizes and min(sizes) * UNIT_MM / 0.3528 >= 11 - 0.05  # 1 pt = 0.3528 mm


def test_two_points_span_the_plot_and_one_sits_in_the_middle():
    first, last = measure_chart(_phq9([18, 5])).points
    chart = measure_chart(_phq9([18, 5]))
    assert last.x - first.x >= (chart.plot_right - 30) * 0.7
    (only,) = measure_chart(_phq9([13])).points
    one = measure_chart(_phq9([13]))
    assert 30 < only.x < one.plot_right and abs(only.x - (30 + one.plot_right) / 2) < 10


def test_many_points_fit_the_page_with_their_dates_on_two_rows():
    for count in range(2, 9):
        chart = measure_chart(_phq9([10] * count))
        assert chart.width * UNIT_MM <= TEXT_WIDTH_MM, count
        xs = [p.x for p in chart.points]
        gaps = [b - a for a, b in itertools.pairwise(xs)]
        crowded = min(gaps) < STEP
        drops = {p.date_drop for p in chart.points}
        # dates side by side only with room for them; otherwise every other one a row lower
        assert (len(drops) == 2) == crowded, count
