"""`vigguide demo`: a throwaway home with fictional families, one with a finished first cycle (a
generated film, moments, stills, a shared review) and a second cycle under way, and one who has
finished the work (demo_ended.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path

from vigguide.demo_ended import ENDED_REF as ENDED_REF
from vigguide.demo_ended import build_ended_family
from vigguide.demo_trainee import TRAINEE_FAMILY, DemoFamily, build_trainee_demo
from vigguide.domain import (
    ClipReview,
    ConsentScope,
    FilmingPlan,
    Practitioner,
    Role,
    SharedReview,
)
from vigguide.errors import NotFoundError, VigGuideError
from vigguide.store.custody import KEY_FILE, KeyCustody
from vigguide.store.db import HomeLock
from vigguide.store.home import Home, open_home

# A fictional demo needs no secret: with no system keyring it uses this passphrase and says so.
DEMO_PASSPHRASE = "demo family, not a real one"  # noqa: S105
DEMO_REF = "DEMO-001"


MAIN_FAMILY = DemoFamily(DEMO_REF, "Maya", "Leo")


def open_demo(
    home_dir: Path | None = None, today: date | None = None, *, trainee: bool = False
) -> tuple[Home, DemoFamily]:
    """Open (building on first use) the demo home at `home_dir`, `VIGGUIDE_HOME`, or a temp folder;
    with `trainee`, a trainee guider's home (demo_trainee.py) instead of the main demo's.

    A demo home is locked with the demo's own passphrase (never the system keyring, so a demo
    leaves no keyring entry behind), unless `VIGGUIDE_PASSPHRASE` is set for automation. A temp
    folder is removed by `close_demo`; ones left by a demo that was stopped are swept first."""
    if home_dir is None and os.environ.get("VIGGUIDE_HOME"):
        home_dir = Path(os.environ["VIGGUIDE_HOME"])
    if home_dir is None:
        sweep_demo_homes()
        home_dir = Path(tempfile.mkdtemp(prefix=TRAINEE_PREFIX if trainee else TEMP_PREFIX))
    custody = None
    if not os.environ.get("VIGGUIDE_PASSPHRASE"):
        # an older demo home may keep its key in the keyring: find it there; a new one never does
        keyring_home = (home_dir / KEY_FILE).exists()
        custody = KeyCustody(
            home_dir, detect_backend=keyring_home, passphrase=lambda _choosing: DEMO_PASSPHRASE
        )
    if custody is not None:
        print(
            f'vigguide demo: the demo home {home_dir} is locked with the passphrase "'
            f'{DEMO_PASSPHRASE}".',
            file=sys.stderr,
        )
    home = open_home(home_dir, custody=custody, create=True)
    try:
        if home.store.count_cases(status=None) == 0:
            (build_trainee_demo if trainee else build_demo)(home, today or date.today())
    except BaseException:
        home.close()
        close_demo(home)
        raise
    return home, (TRAINEE_FAMILY if trainee else MAIN_FAMILY)


TEMP_PREFIX = "vigguide-demo-"
TRAINEE_PREFIX = "vigguide-trainee-demo-"


def is_temporary_demo(path: Path) -> bool:
    """Whether `path` is a demo home `open_demo` made in the temp folder (and may remove)."""
    path = Path(path)
    temp = path.name.startswith((TEMP_PREFIX, TRAINEE_PREFIX))
    return temp and path.parent == Path(tempfile.gettempdir())


def demo_passphrase(home: Home) -> str | None:
    """The demo's passphrase if it is what locks `home` (to show on the lock screen), else None."""
    if home.custody.custody() != "passphrase" or os.environ.get("VIGGUIDE_PASSPHRASE"):
        return None
    for ref in (DEMO_REF, TRAINEE_FAMILY.ref):
        try:
            home.store.load(ref)
        except NotFoundError:
            continue
        return DEMO_PASSPHRASE
    return None


def demo_title(home: Home) -> str:
    """The app's title during the demo: that it is the demo, and where its home is."""
    gone = " (removed on quit)" if is_temporary_demo(home.path) else ""
    return f"vigguide demo · {home.path}{gone}"


def close_demo(home: Home) -> None:
    """After the demo: a temp demo home goes, with any keyring entry it had. Call after close."""
    if not is_temporary_demo(home.path):
        return
    with contextlib.suppress(Exception):
        home.custody.forget()
    shutil.rmtree(home.path, ignore_errors=True)


def _ours_and_settled(folder: Path) -> bool:
    """Made by this user, and not in the minute a new demo takes to lock its fresh home."""
    info = folder.stat()
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return mine and clock.time() - info.st_mtime > 60


def sweep_demo_homes() -> int:
    """Remove temp demo homes left by demos that were stopped (no vigguide has them open)."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob("vigguide-*demo-*"):
        if not is_temporary_demo(folder):
            continue
        if not folder.is_dir() or folder.is_symlink() or not _ours_and_settled(folder):
            continue
        lock = HomeLock(folder)
        try:
            lock.acquire()
        except (OSError, VigGuideError):  # open in another window (or not ours): leave it
            continue
        lock.release()
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed


def build_demo(home: Home, today: date) -> None:
    store = home.store
    store.set_practitioner(
        Practitioner(
            "Alex Morgan", Role.QUALIFIED, "Riverside Perinatal Mental Health Team", "Jo Patel"
        )
    )
    from vigguide.store.service_rows import set_stage

    set_stage(store, "accredited guider", today - timedelta(days=3 * 365))  # for the service report
    # Two more families so the caseload shows different steps of the cycle; the main family is
    # built last so it is the most recently worked on, at the top of the caseload.
    store.create_case("DEMO-003", "Hannah", "Oscar", baby_due_on=today + timedelta(days=50))
    store.create_case("DEMO-002", "Priya", "Ava", baby_born_on=today - timedelta(days=40))
    store.set_consent("DEMO-002", ConsentScope.FILMING, today - timedelta(days=3))
    with home.vault.workdir() as work:  # a family who has finished: three cycles and an ending
        build_ended_family(home, today, work)
    _main_family(home, today)


def _main_family(home: Home, today: date) -> None:
    from vigguide.media.synth import make_demo_film
    from vigguide.services.analysis import make_moment_clip, take_still
    from vigguide.services.recordings import import_recording

    store, ref = home.store, MAIN_FAMILY.ref
    store.create_case(
        ref,
        MAIN_FAMILY.parent_name,
        MAIN_FAMILY.baby_name,
        baby_born_on=today - timedelta(days=125),
    )
    consent_day = today - timedelta(days=40)
    for scope in ConsentScope:
        if scope is not ConsentScope.TRAINING:
            store.set_consent(ref, scope, consent_day)
    q_enjoy = store.add_question(
        ref,
        "What am I doing when Leo and I enjoy playtime together, and what does it give him?",
        consent_day,
    )
    q_cues = store.add_question(
        ref, "What am I already doing well to understand Leo's cues?", consent_day
    )
    from vigguide.demo_measures import add_start_measures

    add_start_measures(home, ref, consent_day)  # the measures taken as the work began
    filmed = today - timedelta(days=30)
    store.set_filming_plan(
        ref,
        FilmingPlan(
            when=datetime.combine(filmed, time(10, 30)),
            place="Living room, on the play mat by the window",
            activity="Play on the mat with the rattle and singing",
            present="Maya and Leo",
            look_for="Leo's looks and sounds, and how Maya answers them",
            checklist_done=("consent", "battery", "space", "timing"),
        ),
        cycle=1,
    )
    with home.vault.workdir() as work:
        film = make_demo_film(work / "demo-film.mp4", seconds=20)
        result = import_recording(home, ref, film, today=filmed)
    rec = result.recording_id
    moments = [
        (2.0, 6.0, "Waiting for his smile", ("attentive", "encouraging_initiatives")),
        (8.0, 12.5, "Taking turns with sounds", ("receiving_initiatives", "attuned_interactions")),
        (14.0, 18.0, "A pause when he looked away", ("attentive", "receiving_initiatives")),
    ]
    ids = []
    for start, end, title, principles in moments:
        mid = store.add_moment(
            ref,
            rec,
            start,
            end,
            title=title,
            principles=principles,
            question_ids=(q_enjoy, q_cues),
            cycle=1,
        )
        store.update_moment(ref, mid, pause_at_s=(start + end) / 2)
        make_moment_clip(home, ref, mid)
        ids.append(mid)
    captions = [
        "You wait, and Leo's smile arrives.",
        "Leo makes a sound and you answer him.",
        "Leo looks away for a rest, and you give him a moment.",
    ]
    for (start, end, *_), caption, mid in zip(moments, captions, ids, strict=True):
        take_still(home, ref, rec, (start + end) / 2, caption=caption, moment_id=mid, cycle=1)
    store.save_review(
        ref,
        SharedReview(
            held_on=today - timedelta(days=21),
            clips={
                ids[0]: ClipReview(
                    noticed="I waited and he smiled right at me.",
                    parent_words="Look how happy he is. I didn't know he did that for me.",
                    feelings_parent="Proud, a bit surprised",
                    feelings_baby="Happy and safe",
                    making_a_difference="Waiting and keeping my face close to his.",
                ),
                ids[1]: ClipReview(
                    noticed="We were having a little chat.",
                    parent_words="I can do this.",
                    feelings_parent="Calm",
                    feelings_baby="Excited to talk to me",
                    making_a_difference="Copying his sounds back to him.",
                ),
                ids[2]: ClipReview(
                    noticed="He needed a break and I let him have it.",
                    parent_words="I thought he was turning away from me, but he was just resting.",
                    feelings_parent="Relieved",
                    feelings_baby="Tired, then ready again",
                    making_a_difference="Giving him time and waiting for him to come back.",
                ),
            },
            learned="When I slow down and wait, Leo tells me what he wants.",
            other_places="At bath time and when we sing in the car seat.",
            next_focus="Bath time: how we enjoy the water together.",
            ratings={q_enjoy: 6, q_cues: 5},
        ),
        cycle=1,
    )
    store.start_cycle(ref)
    store.set_filming_plan(
        ref,
        FilmingPlan(
            when=datetime.combine(today + timedelta(days=3), time(18, 0)),
            place="Bathroom",
            activity="Bath time",
            present="Maya, Leo and Sam (Leo's dad)",
            look_for="Leo's smiles and splashes, and how Maya joins in",
        ),
        cycle=2,
    )
