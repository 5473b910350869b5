"""`vigguide demo --trainee`: a trainee's home whose main family has supervision consent and a
cycle ready for supervision (both films, reflections), and accreditation progress counted."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from vigguide.domain import ConsentScope
from vigguide.services.accreditation import progress
from vigguide.services.reflections import reflections_for
from vigguide.services.supervision import make_pack
from vigguide.store.custody import KeyCustody
from vigguide.store.home import open_home

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "demo family, not a real one"


def test_demo_trainee_builds_a_cycle_ready_for_supervision(tmp_path: Path):
    home_dir = tmp_path / "trainee"
    env = {**os.environ, "VIGGUIDE_HOME": str(home_dir), "VIGGUIDE_KEY_CUSTODY": "passphrase"}
    env.pop("VIGGUIDE_PASSPHRASE", None)
    done = subprocess.run(
        [sys.executable, "-m", "vigguide", "demo", "--trainee", "--no-tui"],
        capture_output=True, text=True, cwd=REPO, env=env, stdin=subprocess.DEVNULL, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines())
    assert lines["case"] == "TRAINEE-001" and lines["parent"] == "Nadia"
    assert "ended" not in lines
    assert lines["address book"] == "Jo Patel (supervisor)"
    assert lines["supervision"].startswith(
        "cycle 1 of TRAINEE-001 is ready (2 clip(s) of the review"
    )
    assert lines["accreditation"].startswith("stage 2, 5 supervision sessions logged")

    custody = KeyCustody(home_dir, passphrase=lambda _choosing: PASSPHRASE)
    with open_home(home_dir, custody=custody, create=False) as home:
        case_file = home.store.load("TRAINEE-001")
        assert case_file.consent_active(ConsentScope.SUPERVISION)
        assert case_file.consent_active(ConsentScope.FILMING_REVIEW)
        (cycle,) = case_file.cycles
        assert cycle.review.is_complete
        assert len(cycle.recordings) == 1 and len(cycle.review_films) == 1
        assert cycle.moments and all(m.clip_vault_id for m in cycle.moments)
        assert len(cycle.review_moments) == 2
        assert all(m.clip_vault_id for m in cycle.review_moments)
        reflections = reflections_for(home, "TRAINEE-001", 1)
        assert reflections.from_supervision and reflections.rating("attentive").rating == "secure"

        found = progress(home, date.today())
        one, two, _three = found.accreditation.stages
        assert found.accreditation.current_stage == 2
        assert (len(one.cycles), len(one.new_clients), one.hours, one.met) == (6, 2, 7.0, True)
        assert (len(two.cycles), len(two.new_clients), two.hours) == (3, 2, 1.5)
        assert len(found.sessions) == 5
        # the supervisor is in the address book, so a pack is made at once (both films)
        made = make_pack(home, "TRAINEE-001", 1, "Jo Patel", tmp_path / "pack.age")
        assert (made.to_name, made.clips) == ("Jo Patel", 4)
        assert home.store.audit_verify().ok
