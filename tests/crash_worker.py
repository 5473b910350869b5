"""A vigguide process for the crash test to kill: `python -m tests.crash_worker OP HOME OUT FILM`.

It opens the home (with the passphrase from the environment), prints "ready", then does one thing
through the same service calls the CLI commands and the screens make, so that the test's kills land
in the work itself rather than in Python's start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vigguide.domain import ConsentScope
from vigguide.services.analysis import make_moment_clip, take_still
from vigguide.services.consent import consent_effects, delete_media
from vigguide.services.family import make_family_video
from vigguide.services.recordings import delete_recording, import_recording
from vigguide.services.reports import generate
from vigguide.store.home import open_home

REF = "C-1"


def run(op: str, home_dir: Path, out: Path, film: Path) -> int:
    with open_home(home_dir, create=False) as home:
        case_file = home.store.load(REF)
        cycle = case_file.cycles[0]
        recording = cycle.recordings[0]
        print("ready", flush=True)
        if op == "import":
            import_recording(home, REF, film, again=True)  # the set-up imported this film once
        elif op == "report":
            generate(home, REF, 1, ["summary", "insert", "note"], out)
        elif op == "clip":
            for moment in cycle.moments:
                make_moment_clip(home, REF, moment.id)
        elif op == "still":
            take_still(home, REF, recording.id, 1.0, caption="A look")
            take_still(home, REF, recording.id, 2.0, caption="A smile")
        elif op == "family":
            make_family_video(home, REF, 1, out)
        elif op == "delete":
            delete_recording(home, REF, recording.id, "retention policy")
        elif op == "consent":
            effects = consent_effects(case_file, ConsentScope.FILMING)
            home.store.withdraw_consent(REF, ConsentScope.FILMING, recording.imported_at.date())
            delete_media(home, REF, effects.deletions, "consent withdrawn: filming")
        else:
            raise SystemExit(f"unknown op {op}")
    return 0


if __name__ == "__main__":
    op, home_dir, out, film = sys.argv[1:5]
    sys.exit(run(op, Path(home_dir), Path(out), Path(film)))
