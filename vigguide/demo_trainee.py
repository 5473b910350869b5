"""`vigguide demo --trainee`: a throwaway home of a trainee guider in stage 2. Her main family has
consent to supervision and to filming the shared review, and a first cycle ready to take to
supervision (the interaction film with its moments and clips, the review held, the film of the
review with her own moments tagged, and her reflections); three earlier families' cycles and the
supervision sessions logged so far count towards accreditation. Her supervisor is in the address
book (a fictional key that no one holds), so a pack can be made at once. Every family is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from vigguide.domain import (
    ClipReview,
    ConsentScope,
    FilmingPlan,
    Practitioner,
    Role,
    SharedReview,
)
from vigguide.store.home import Home


@dataclass(frozen=True)
class DemoFamily:
    """A demo family (this module's and demo.py's): what `vigguide demo --no-tui` prints."""

    ref: str
    parent_name: str
    baby_name: str


TRAINEE_FAMILY = DemoFamily("TRAINEE-001", "Nadia", "Sami")
SUPERVISOR = "Jo Patel"
# Earlier families: (ref, parent, baby, days ago each cycle's review was held)
EARLIER = (
    ("TRAINEE-002", "Grace", "Toby", (300, 279, 258, 240)),
    ("TRAINEE-003", "Leila", "Idris", (230, 209, 50)),
    ("TRAINEE-004", "Chloe", "Rosa", (36,)),
)


def build_trainee_demo(home: Home, today: date) -> None:
    from vigguide.media.synth import make_demo_film
    from vigguide.services.accreditation import add_session, set_course_date
    from vigguide.store.service_rows import set_stage

    store = home.store
    store.set_practitioner(
        Practitioner(
            "Robin Ellis", Role.TRAINEE, "Riverside Perinatal Mental Health Team", SUPERVISOR
        )
    )
    set_course_date(home, (today - timedelta(days=330)).isoformat(), today)
    set_stage(store, "trainee stage 1", today - timedelta(days=330))
    set_stage(store, "trainee stage 2", today - timedelta(days=120))
    with home.vault.workdir() as work:
        film = make_demo_film(work / "demo-film.mp4", seconds=20)
        for ref, parent, baby, reviews in EARLIER:
            _earlier_family(home, film, today, ref, parent, baby, reviews)
        _main_family(home, film, today)
    _supervisor_in_address_book(home)
    for days, hours, group, cycles in (
        (290, "1.5", False, "TRAINEE-002:1"),
        (262, "2", True, "TRAINEE-002:2,TRAINEE-002:3"),
        (215, "1.5", False, "TRAINEE-003:1,TRAINEE-003:2"),
        (150, "2", False, "TRAINEE-002:3,TRAINEE-003:2"),
        (45, "1.5", False, "TRAINEE-003:3"),
    ):
        on = (today - timedelta(days=days)).isoformat()
        add_session(
            home, on=on, hours=hours, supervisor=SUPERVISOR, cycles=cycles, group=group, today=today
        )


def _supervisor_in_address_book(home: Home) -> None:
    """The supervisor as a colleague, with a recipient made up for the demo: its private key is
    thrown away, so a demo pack can be made and sent but never opened."""
    import pyrage  # type: ignore[import-untyped]

    from vigguide.store.colleagues import add_colleague

    recipient = str(pyrage.x25519.Identity.generate().to_public())
    add_colleague(home.store, SUPERVISOR, "supervisor", recipient)


def trainee_summary(home: Home) -> list[str]:
    """What the demo holds, as `what: detail` lines for `vigguide demo --trainee --no-tui`."""
    from vigguide.services.accreditation import progress
    from vigguide.store.colleagues import colleagues

    cycle = home.store.load(TRAINEE_FAMILY.ref).cycles[0]
    clips = sum(1 for m in cycle.moments if m.clip_vault_id)
    review = sum(1 for m in cycle.review_moments if m.clip_vault_id)
    known = ", ".join(f"{c.name} ({c.role})" for c in colleagues(home.store)) or "none"
    found = progress(home)
    stage = found.accreditation.current_stage
    return [
        f"supervision: cycle {cycle.number} of {TRAINEE_FAMILY.ref} is ready ({review} clip(s) of"
        f" the review film, {clips} of the interaction film, reflections written); p on the case",
        f"address book: {known}",
        f"accreditation: stage {stage}, {len(found.sessions)} supervision sessions logged;"
        " a on the caseload",
    ]


def _earlier_family(
    home: Home, film: Path, today: date, ref: str, parent: str, baby: str, reviews: tuple[int, ...]
) -> None:
    """Cycles of an earlier family: each film imported, reviewed, and (its clips long since
    chosen) deleted under the retention policy, as a service would."""
    from vigguide.services.recordings import delete_recording, import_recording

    store = home.store
    first = today - timedelta(days=reviews[0] + 14)
    store.create_case(ref, parent, baby, baby_born_on=first - timedelta(days=90))
    store.set_consent(ref, ConsentScope.FILMING, first)
    store.set_consent(ref, ConsentScope.SHARED_REVIEW, first)
    store.set_consent(ref, ConsentScope.SUPERVISION, first)
    question = store.add_question(ref, f"What am I doing when {baby} and I enjoy time together?")
    for number, days in enumerate(reviews, start=1):
        if number > 1:
            store.start_cycle(ref)
        held = today - timedelta(days=days)
        _plan(home, ref, held - timedelta(days=7), number)
        result = import_recording(home, ref, film, today=held - timedelta(days=7))
        store.save_review(
            ref,
            SharedReview(
                held_on=held, learned="Slowing down helps us both.", ratings={question: 5 + number}
            ),
            cycle=number,
        )
        delete_recording(home, ref, result.recording_id, "retention policy")


def _plan(home: Home, ref: str, filmed: date, cycle: int) -> None:
    """The filming plan each cycle had, so the caseload shows the step each family is at."""
    home.store.set_filming_plan(
        ref,
        FilmingPlan(
            when=datetime.combine(filmed, time(10, 30)),
            place="At home",
            activity="Play on the mat",
            present="Mum and baby",
            look_for="How baby starts things, and how Mum answers",
        ),
        cycle=cycle,
    )


def _main_family(home: Home, film: Path, today: date) -> None:
    from vigguide.services.analysis import make_moment_clip, take_still
    from vigguide.services.recordings import import_recording
    from vigguide.services.reflections import record_reflections

    store, ref = home.store, TRAINEE_FAMILY.ref
    store.create_case(ref, TRAINEE_FAMILY.parent_name, TRAINEE_FAMILY.baby_name,
                      baby_born_on=today - timedelta(days=150))  # fmt: skip
    consent_day = today - timedelta(days=30)
    for scope in ConsentScope:
        if scope is not ConsentScope.TRAINING:
            store.set_consent(ref, scope, consent_day)
    question = store.add_question(
        ref, "What am I doing when Sami and I connect, and what does it give him?", consent_day
    )
    _plan(home, ref, today - timedelta(days=21), 1)
    interaction = import_recording(home, ref, film, today=today - timedelta(days=21))
    moments = [
        (2.0, 6.0, "Waiting for his look", ("attentive", "encouraging_initiatives")),
        (8.0, 12.5, "Answering his sounds", ("receiving_initiatives", "attuned_interactions")),
    ]
    ids = []
    for start, end, title, principles in moments:
        mid = store.add_moment(ref, interaction.recording_id, start, end, title=title,
                               principles=principles, question_ids=(question,), cycle=1)  # fmt: skip
        make_moment_clip(home, ref, mid)
        take_still(home, ref, interaction.recording_id, (start + end) / 2,
                   caption="You wait, and Sami looks up at you.", moment_id=mid, cycle=1)  # fmt: skip
        ids.append(mid)
    store.save_review(
        ref,
        SharedReview(
            held_on=today - timedelta(days=7),
            clips={ids[0]: ClipReview(noticed="He was looking right at me.",
                                      parent_words="I didn't know I could make him do that.")},
            learned="When I wait, Sami finds me.",
            next_focus="Feeding time",
            ratings={question: 6},
        ),
        cycle=1,
    )  # fmt: skip
    # The film of the shared review itself (Robin with Nadia), with Robin's own moments.
    review = import_recording(
        home, ref, film, today=today - timedelta(days=7), kind="shared-review"
    )
    for start, end, title, principles in (
        (1.0, 5.0, "Pausing so Nadia could look", ("attentive", "encouraging_initiatives")),
        (
            9.0,
            14.0,
            "Taking up her 'he's looking at me'",
            ("receiving_initiatives", "deepening_discussion"),
        ),
    ):
        mid = store.add_moment(ref, review.recording_id, start, end, title=title,
                               principles=principles, cycle=1)  # fmt: skip
        make_moment_clip(home, ref, mid)
    record_reflections(
        home,
        ref,
        1,
        went_well="Nadia named what she was doing in her own words at the first clip.",
        activated_her="I paused on the still and waited, and asked what she saw.",
        from_supervision="How to stay with her discovery instead of moving to the next clip.",
        self_assessment={
            "attentive": ("secure", "I gave her time to look."),
            "encouraging_initiatives": ("emerging", "I waited, then filled the silence once."),
            "receiving_initiatives": ("emerging", ""),
            "deepening_discussion": ("not yet", "Next time: ask what it means for her."),
        },
    )
