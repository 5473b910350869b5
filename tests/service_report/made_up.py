"""A home of made-up families for the service report, its rows put straight into the v4 tables
(the screens that fill endings, measures and baselines are built elsewhere), and its hand count.

The period is 1 April to 30 June 2026.
"""

from __future__ import annotations

import json
from datetime import date

from vigguide.domain import SharedReview
from vigguide.store.db import transaction
from vigguide.store.home import Home
from vigguide.store.service_rows import set_stage

START, END = date(2026, 4, 1), date(2026, 6, 30)
FAMILIES = {
    # ref: (parent, baby, born on)
    "HC-A": ("Alice Example", "Bea", date(2026, 2, 10)),
    "HC-B": ("Bella Sample", "Cal", date(2025, 12, 5)),
    "HC-C": ("Cara Test", "Dan", date(2026, 4, 3)),
    "HC-D": ("Dee Older", "Eve", date(2025, 5, 20)),
    "HC-E": ("Ella Later", "Finn", date(2026, 6, 1)),
}


def _sql(home: Home, sql: str, *params: object) -> None:
    with home.store.lock, transaction(home.store.conn) as c:
        c.execute(sql, params)


def _case_id(home: Home, ref: str) -> int:
    return int(home.store.case(ref).id)


def _opened(home: Home, ref: str, on: date, closed_on: date | None = None) -> None:
    status = "closed" if closed_on else "open"
    _sql(
        home,
        "UPDATE cases SET created_at = ?, status = ?, closed_on = ? WHERE ref = ?",
        f"{on.isoformat()}T09:00:00+00:00",
        status,
        closed_on.isoformat() if closed_on else None,
        ref,
    )


def _question(home: Home, ref: str, baseline: int | None) -> int:
    qid = home.store.add_question(ref, f"What am I doing that helps? ({ref})", date(2025, 1, 1))
    _sql(home, "UPDATE helping_questions SET baseline = ? WHERE id = ?", baseline, qid)
    return qid


def _cycle(
    home: Home,
    ref: str,
    number: int,
    filmed: date | None,
    reviewed: date | None = None,
    ratings: dict[int, int] | None = None,
    *,
    imported_only: bool = False,
) -> None:
    if number > 1:
        home.store.start_cycle(ref)
    cycle_id = home.store.cycle_id(ref, number)
    if filmed is not None:
        _sql(
            home,
            "INSERT INTO recordings (cycle_id, vault_id, sha256, size_bytes, duration_s, width,"
            " height, fps, video_codec, imported_at, filmed_on)"
            " VALUES (?, ?, '0', 1, 600, 640, 360, 25, 'h264', ?, ?)",
            cycle_id,
            f"{cycle_id:032x}",
            f"{filmed.isoformat()}T20:00:00+00:00",
            None if imported_only else filmed.isoformat(),
        )
    if reviewed is not None:
        home.store.save_review(
            ref, SharedReview(held_on=reviewed, ratings=ratings or {}), cycle=number
        )


def _ending(home: Home, ref: str, held: date, ratings: dict[int, int]) -> None:
    _sql(
        home,
        "INSERT INTO endings (case_id, held_on, reflections, ratings, recorded_at)"
        " VALUES (?, ?, 'She said it all went well with Bea.', ?, ?)",
        _case_id(home, ref),
        held.isoformat(),
        json.dumps({str(k): v for k, v in ratings.items()}),
        f"{held.isoformat()}T12:00:00+00:00",
    )


def _measure(home: Home, ref: str, kind: str, taken: date, total: int) -> None:
    _sql(
        home,
        "INSERT INTO measures (case_id, kind, taken_on, total, recorded_at) VALUES (?,?,?,?,?)",
        _case_id(home, ref),
        kind,
        taken.isoformat(),
        total,
        f"{taken.isoformat()}T12:00:00+00:00",
    )


def build(home: Home) -> None:
    for ref, (parent, baby, born) in FAMILIES.items():
        home.store.create_case(ref, parent, baby, baby_born_on=born)
    d = date
    # A: open since March; a review before the period, one in it, a third film in it.
    _opened(home, "HC-A", d(2026, 3, 1))
    qa1, qa2 = _question(home, "HC-A", 3), _question(home, "HC-A", None)
    _cycle(home, "HC-A", 1, d(2026, 3, 20), d(2026, 3, 27), {qa1: 4, qa2: 5})
    _cycle(home, "HC-A", 2, d(2026, 4, 10), d(2026, 4, 17), {qa1: 6, qa2: 6})
    _cycle(home, "HC-A", 3, d(2026, 6, 25), imported_only=True)
    _measure(home, "HC-A", "phq9", d(2026, 3, 1), 18)
    _measure(home, "HC-A", "phq9", d(2026, 6, 20), 10)
    _measure(home, "HC-A", "gad7", d(2026, 5, 1), 12)
    # B: closed in the period after an ending; its second review falls in the period.
    _opened(home, "HC-B", d(2026, 1, 15), closed_on=d(2026, 5, 20))
    qb1 = _question(home, "HC-B", 2)
    _cycle(home, "HC-B", 1, d(2026, 2, 1), d(2026, 2, 8), {qb1: 4})
    _cycle(home, "HC-B", 2, d(2026, 3, 30), d(2026, 4, 2), {qb1: 5})
    _ending(home, "HC-B", d(2026, 5, 15), {qb1: 8})
    for kind, first, last in (("phq9", 12, 9), ("gad7", 8, 10), ("core10", 20, 26)):
        _measure(home, "HC-B", kind, d(2026, 1, 15), first)
        _measure(home, "HC-B", kind, d(2026, 5, 15), last)
    # C: started in the period; filmed only after it.
    _opened(home, "HC-C", d(2026, 5, 5))
    _question(home, "HC-C", 5)
    _cycle(home, "HC-C", 1, d(2026, 7, 2))
    _measure(home, "HC-C", "epds", d(2026, 5, 5), 15)
    _measure(home, "HC-C", "epds", d(2026, 6, 30), 11)
    # D: all over before the period.
    _opened(home, "HC-D", d(2025, 6, 1), closed_on=d(2026, 3, 15))
    qd1 = _question(home, "HC-D", 1)
    _cycle(home, "HC-D", 1, d(2025, 6, 20), d(2025, 7, 1), {qd1: 7})
    _ending(home, "HC-D", d(2026, 3, 10), {qd1: 9})
    _measure(home, "HC-D", "phq9", d(2025, 6, 1), 20)
    _measure(home, "HC-D", "phq9", d(2026, 3, 10), 5)
    # E: begins after the period.
    _opened(home, "HC-E", d(2026, 7, 10))
    _measure(home, "HC-E", "phq9", d(2026, 7, 10), 22)
    set_stage(home.store, "trainee stage 2", d(2026, 1, 1))
    set_stage(home.store, "trainee stage 3", d(2026, 5, 1))
