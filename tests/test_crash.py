"""Kill vigguide (SIGKILL, at a random moment) while it imports, cuts a clip, takes stills, prints,
makes the family video, deletes a film and withdraws consent; then start it again and check that
nothing is lost and nothing is left behind:

- no vault file without a record, and no deleted film, clip or still on disk;
- no half-made or plaintext file in the home, the working folder or the export folder, and every
  export there is recorded in the audit trail;
- `vigguide check --read-data` passes.

Each operation is first run to the end once (it must work, and leave a clean home), which also
measures how long it takes; one kill lands at a random point inside that time, and the others at
the named points between a file change and its record (`VIGGUIDE_TEST_CRASH_AT`), where a kill is
rarest by chance and costs most.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.crash_worker import REF
from tests.media_videos import make_long_h264
from vigguide.domain import ClipReview, ConsentScope, FilmingPlan, Practitioner, Role, SharedReview
from vigguide.services.analysis import make_moment_clip, take_still
from vigguide.services.check import check_home, report_lines
from vigguide.services.recordings import import_recording
from vigguide.store.home import Home, open_home
from vigguide.store.intents import CRASH_AT
from vigguide.store.recovery import vault_files_on_disk

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and process groups")

REPO = Path(__file__).resolve().parents[1]
# Where each operation is killed besides its random point: "NAME" or "NAME:N" (the N-th pass).
POINTS = {
    "import": ("vault-written", "vault-recorded"),
    "clip": ("vault-written", "delete-intended", "vault-recorded", "delete-committed"),
    "still": ("vault-written:2", "vault-recorded"),
    "report": ("export-staged", "export-placed:2"),
    "family": ("export-placed",),
    "delete": ("delete-intended", "delete-committed"),
    "consent": ("delete-intended:2", "delete-committed:3"),
}
RANDOM_KILLS = 1
HOME_FILES = {
    "vigguide.db",
    "vigguide.db-wal",
    "vigguide.db-shm",
    ".lock",
    "key.json",
    "audit.head",
}


def _env(runtime: Path, crash_at: str = "") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGGUIDE_")}
    env.update(
        VIGGUIDE_KEY_CUSTODY="passphrase",
        VIGGUIDE_PASSPHRASE=TEST_PASSPHRASE,
        XDG_RUNTIME_DIR=str(runtime),
    )
    if crash_at:
        env[CRASH_AT] = crash_at
    return env


def _build(home: Home, film: Path) -> None:
    s = home.store
    s.set_practitioner(Practitioner("Sam Guider", Role.QUALIFIED, "Riverside", "Jo Patel"))
    s.create_case(REF, "Amira Khan", "Noor")
    for scope in ConsentScope:
        s.set_consent(REF, scope, date(2026, 9, 1))
    question = s.add_question(REF, "What am I doing when Noor and I enjoy bath time?")
    s.set_filming_plan(
        REF, FilmingPlan(datetime(2026, 9, 10, 10), "Home", "Bath time", "Amira and Noor", "")
    )
    recording = import_recording(home, REF, film, today=date(2026, 9, 10)).recording_id
    first = s.add_moment(REF, recording, 0.2, 1.2, title="Splashing together")
    second = s.add_moment(REF, recording, 1.5, 2.5, title="Your song")
    for moment in (first, second):
        make_moment_clip(home, REF, moment)
    take_still(home, REF, recording, 0.5, caption="Noor splashes", moment_id=first)
    clips = {first: ClipReview("She looked at me", "I am better than I thought", "", "", "")}
    s.save_review(
        REF,
        SharedReview(
            held_on=date(2026, 9, 20),
            clips=clips,
            learned="Slowing down helps.",
            other_places="Nappy changes.",
            next_focus="A feed.",
            ratings={question: 7},
        ),
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("crash")
    film = make_long_h264(base, 4, "640x360", 25)
    runtime = base / "runtime"
    runtime.mkdir(mode=0o700)
    with pytest.MonkeyPatch.context() as mp:
        for key, value in _env(runtime).items():
            mp.setenv(key, value)
        with open_home(base / "home") as home:
            _build(home, film)
    return base / "home", film


def _start(
    op: str, home: Path, out: Path, film: Path, runtime: Path, crash_at: str = ""
) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_worker", op, str(home), str(out), str(film)],
        cwd=REPO,
        env=_env(runtime, crash_at),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: ffmpeg children die with it
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _leftovers(home_dir: Path, out: Path, runtime: Path) -> list[str]:
    """Anything on disk that is neither the store, a vault file, nor a finished export."""
    found = []
    vault = set(vault_files_on_disk(home_dir / "vault").values())
    for path in home_dir.rglob("*"):
        if path.is_dir():
            continue
        if path.parent == home_dir and path.name in HOME_FILES:
            continue
        if path not in vault:
            found.append(str(path.relative_to(home_dir)))
    for path in runtime.rglob("*"):
        if not path.is_dir():
            found.append(f"runtime: {path.name}")
    if out.exists():
        for path in out.iterdir():
            private = path.is_file() and stat.S_IMODE(path.stat().st_mode) == 0o600
            if path.name.startswith(".") or not private:
                found.append(f"export: {path.name}")
    return found


def _assert_whole(home_dir: Path, out: Path, runtime: Path, what: str) -> None:
    with pytest.MonkeyPatch.context() as mp:
        for key, value in _env(runtime).items():
            mp.setenv(key, value)
        with open_home(home_dir, create=False) as home:
            report = check_home(home, read_data=True)
            assert report.ok, f"{what}: " + "\n".join(report_lines(report))
            assert home.vault.ledger is not None
            live = home.vault.ledger.live_references()
            assert set(vault_files_on_disk(home.vault.root_dir)) == set(live), what
            assert home.vault.ledger.intents() == [], what
            recorded = {d.file_name for c in home.store.load(REF).cycles for d in c.documents}
            exported = {p.name for p in out.iterdir()} if out.exists() else set()
            assert exported <= recorded, f"{what}: exports not in the audit trail"
    assert _leftovers(home_dir, out, runtime) == [], what


@pytest.mark.parametrize("op", list(POINTS))
def test_a_kill_at_any_point_leaves_nothing_lost_and_nothing_behind(
    template: tuple[Path, Path], tmp_path: Path, op: str
):
    source, film = template
    rng = random.Random()
    duration = 0.0
    runs = [None] * (1 + RANDOM_KILLS) + list(POINTS[op])
    for run, point in enumerate(runs):
        home, out, runtime = tmp_path / f"home{run}", tmp_path / f"out{run}", tmp_path / f"rt{run}"
        shutil.copytree(source, home)
        runtime.mkdir(mode=0o700)
        proc = _start(op, home, out, film, runtime, point or "")
        if run == 0:  # to the end: it works, and tells how long the kills have to land in
            began = time.monotonic()
            _, err = proc.communicate(timeout=120)
            duration = time.monotonic() - began
            assert proc.returncode == 0, err
            what = f"{op} run to the end"
        elif point is None:
            delay = rng.uniform(0.0, duration)
            time.sleep(delay)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate(timeout=60)
            what = f"{op} killed after {delay:.3f} s of {duration:.3f} s"
        else:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == -signal.SIGKILL, f"{op} never reached {point}: {err}"
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # its ffmpeg children die with it
            what = f"{op} killed at {point}"
        _assert_whole(home, out, runtime, what)
