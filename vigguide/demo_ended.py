"""The demo's finished family (DEMO-004): a baseline on each helping question, three cycles each
with a film, a clip, a still and a shared review, an ending review recorded, and the case closed.

Built through the same services a practitioner's actions use. One short generated film is imported
for every cycle, so the demo stays quick.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from vigguide.domain import ClipReview, ConsentScope, Ending, FilmingPlan, SharedReview
from vigguide.store.home import Home

ENDED_REF = "DEMO-004"

_CYCLES = (
    # activity, moment title, still caption, her words, what she learned, ratings (enjoy, cues)
    (
        "Play on the mat",
        "Smiling back at each other",
        "Rosie smiles and you smile back.",
        "She was smiling at me the whole time.",
        "When I look at her face, she tells me how she feels.",
        (4, 3),
    ),
    (
        "Nappy change with a song",
        "Singing her song",
        "You sing and Rosie goes still to listen.",
        "She knows my voice. She calms down for me.",
        "My singing helps her settle.",
        (6, 6),
    ),
    (
        "Sharing a book on the sofa",
        "Taking turns with the book",
        "Rosie pats the page and you wait for her.",
        "I let her lead and she loved it.",
        "When I wait, she shows me what she wants to do next.",
        (8, 7),
    ),
)


def build_ended_family(home: Home, today: date, work: Path) -> None:
    """Add DEMO-004 to the demo home (its film is made in `work`, a vault working folder)."""
    from vigguide.demo_measures import add_demo_measures
    from vigguide.media.synth import make_demo_film
    from vigguide.services.analysis import make_moment_clip, take_still
    from vigguide.services.ending import close_case, record_ending
    from vigguide.services.recordings import import_recording

    store, ref = home.store, ENDED_REF
    start = today - timedelta(days=120)
    store.create_case(ref, "Jess", "Rosie", baby_born_on=start - timedelta(days=60))
    for scope in (ConsentScope.FILMING, ConsentScope.SHARED_REVIEW, ConsentScope.FAMILY_COPIES):
        store.set_consent(ref, scope, start)
    enjoy = store.add_question(ref, "What am I doing when Rosie and I enjoy being together?", start)
    cues = store.add_question(ref, "What am I already doing to understand what Rosie needs?", start)
    store.set_baseline(ref, enjoy, 2, start)
    store.set_baseline(ref, cues, 3, start)
    film = make_demo_film(work / "demo-ended-film.mp4", seconds=8)
    for number, (activity, title, caption, words, learned, (r1, r2)) in enumerate(_CYCLES, 1):
        filmed = start + timedelta(days=10 + 30 * (number - 1))
        if number > 1:
            store.start_cycle(ref)
        store.set_filming_plan(
            ref,
            FilmingPlan(
                when=datetime.combine(filmed, time(11, 0)),
                place="At home",
                activity=activity,
                present="Jess and Rosie",
                look_for="Rosie's looks and smiles, and how Jess answers them",
            ),
            cycle=number,
        )
        recording = import_recording(home, ref, film, today=filmed).recording_id
        moment = store.add_moment(
            ref,
            recording,
            2.0,
            5.0,
            title=title,
            principles=("attentive", "receiving_initiatives"),
            question_ids=(enjoy, cues),
            cycle=number,
        )
        make_moment_clip(home, ref, moment)
        take_still(home, ref, recording, 3.5, caption=caption, moment_id=moment, cycle=number)
        store.save_review(
            ref,
            SharedReview(
                held_on=filmed + timedelta(days=7),
                clips={moment: ClipReview(noticed=title, parent_words=words)},
                learned=learned,
                ratings={enjoy: r1, cues: r2},
            ),
            cycle=number,
        )
    record_ending(
        home,
        ref,
        Ending(
            held_on=today - timedelta(days=14),
            reflections="At the start I felt I was getting everything wrong. Now I can see"
            " how much Rosie and I have together.",
            what_changed="I enjoy her. I can tell when she wants to play and when she needs a rest.",
            keep_doing="Singing her song\nWaiting for her to lead\nLooking at her face",
            plan_after="Watch my clips when I feel low. Keep going to the baby group."
            " Call the team if the low days come back.",
            ratings={enjoy: 9, cues: 8},
        ),
    )
    # outcome measures at the start of the work and at the ending review
    add_demo_measures(home, ref, start, today - timedelta(days=14))
    close_case(home, ref, today)
