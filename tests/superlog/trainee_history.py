"""A trainee's made-up history for the accreditation tests, with its hand count written beside it.

Course 10 Jan 2025; stage 1 from then, stage 2 from 1 Sep 2025.
- ACC-1: cycle 1 reviewed 20 Dec 2024 (before the course: not counted); cycles 2–4 in stage 1.
- ACC-2: cycles 1–2 in stage 1; cycle 3 has a review but no film (not a cycle); cycle 4 in stage 2.
- ACC-3: cycles 1–2 in stage 2 (new client). ACC-4: cycle 1 in stage 2 (new client).
- ACC-5: a review film and a review, but no interaction film (not a cycle).
Sessions: 1 Dec 2024 1 h (before the course); stage 1: 1.5 h, 2 h (group), 1.5 h = 5 h;
stage 2: 2 h.
Hand count — stage 1: 5 cycles (ACC-1 ×3, ACC-2 ×2), 2 new clients, 5 h: needs 1 more cycle and
2 more hours. Stage 2: 4 cycles (ACC-2 ×1, ACC-3 ×2, ACC-4 ×1), 2 new clients (ACC-3, ACC-4),
2 h. Stage 3: nothing. Not counted: 2 (one cycle, one session, before the course).
"""

from __future__ import annotations

from datetime import date

from vigguide.domain import SharedReview
from vigguide.services.accreditation import add_session, set_course_date
from vigguide.store.home import Home
from vigguide.store.service_rows import set_stage

TODAY = date(2026, 1, 15)
FAMILIES = {
    "ACC-1": ("Bethany Quill", "Orla", date(2024, 11, 5)),
    "ACC-2": ("Marisol Vance", "Teodor", date(2025, 3, 9)),
    "ACC-3": ("Priya Holloway", "Juniper", date(2025, 6, 21)),
    "ACC-4": ("Keziah Brandt", "Wilfred", date(2025, 8, 2)),
    "ACC-5": ("Eleanor Rusk", "Ptolemy", date(2025, 9, 30)),
}
REVIEWS = {
    "ACC-1": [date(2024, 12, 20), date(2025, 2, 12), date(2025, 3, 19), date(2025, 4, 23)],
    "ACC-2": [date(2025, 5, 14), date(2025, 6, 18), date(2025, 7, 16), date(2025, 9, 15)],
    "ACC-3": [date(2025, 10, 8), date(2025, 10, 29)],
    "ACC-4": [date(2025, 11, 19)],
    "ACC-5": [date(2025, 12, 3)],
}
NO_FILM = {("ACC-2", 3)}
REVIEW_FILM_ONLY = {("ACC-5", 1)}
PROBE = {
    "duration_s": 600.0,
    "width": 1280,
    "height": 720,
    "fps": 25.0,
    "video_codec": "h264",
    "audio_codec": "aac",
}


def build(home: Home) -> None:
    for ref, (parent, baby, born) in FAMILIES.items():
        home.store.create_case(ref, parent, baby, baby_born_on=born)
        for number, held_on in enumerate(REVIEWS[ref], start=1):
            if number > 1:
                home.store.start_cycle(ref)
            if (ref, number) not in NO_FILM:
                kind = "shared-review" if (ref, number) in REVIEW_FILM_ONLY else "interaction"
                home.store.add_recording(
                    ref,
                    vault_id=f"made-up-{ref}-{number}",
                    sha256="0" * 64,
                    size_bytes=1,
                    probe=PROBE,
                    delete_by=None,
                    cycle=number,
                    kind=kind,
                )
            review = SharedReview(held_on=held_on, learned=f"{parent} said it went well")
            home.store.save_review(ref, review, cycle=number)
    set_course_date(home, "2025-01-10", TODAY)
    set_stage(home.store, "trainee stage 1", date(2025, 1, 10))
    set_stage(home.store, "trainee stage 2", date(2025, 9, 1))
    for on, hours, group, cycles in (
        ("2024-12-01", "1", False, "ACC-1:1"),
        ("2025-02-20", "1.5", False, "ACC-1:2"),
        ("2025-05-20", "2", True, "ACC-1:3,ACC-2:1"),
        ("2025-07-01", "1.5", False, "ACC-2:2"),
        ("2025-10-01", "2", False, "ACC-3:1,ACC-2:4"),
    ):
        add_session(
            home, on=on, hours=hours, supervisor="Jo Patel", cycles=cycles, group=group, today=TODAY
        )
