"""Outcome measures for a fictional demo family who finished their work: PHQ-9, GAD-7 and EPDS at
the start and at the end, showing the kind of improvement a course of VIG can go with.
"""

from __future__ import annotations

from datetime import date

from vigguide.domain.measures import Scored, score
from vigguide.store.home import Home
from vigguide.store.measures import record_measure

# No risk answers: a demo never needs the risk procedure to be acknowledged.
START: tuple[Scored, ...] = (
    score("phq9", [2, 2, 2, 2, 1, 2, 1, 1, 0]),  # 13, moderate
    score("gad7", [2, 2, 2, 2, 1, 2, 1]),  # 12, moderate
    score("epds", total=15, item10=0),  # probable depression
)
END: tuple[Scored, ...] = (
    score("phq9", [1, 1, 1, 1, 1, 0, 0, 0, 0]),  # 5, mild
    score("gad7", [1, 1, 1, 1, 0, 0, 0]),  # 4, minimal
    score("epds", total=7, item10=0),  # below the screening range
)


def add_demo_measures(home: Home, case_ref: str, start: date, end: date) -> None:
    """Record the start and end measures for the demo case `case_ref` on `start` and `end`."""
    for when, measures in ((start, START), (end, END)):
        for scored in measures:
            record_measure(home.store, case_ref, scored, when)
