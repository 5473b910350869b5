"""What the parts of supervision carry between them: the guider's reflections and the film of the
shared review go into the pack the supervisor opens."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.supervision.conftest import (
    PARENT,
    REF,
    REVIEW_CLIP,
    REVIEW_STILL,
    add_family,
    add_review_film,
)
from vigguide.cli import main
from vigguide.domain import ConsentScope
from vigguide.errors import ConsentError
from vigguide.services.reflections import record_reflections
from vigguide.services.supervision import PackRequestError, make_pack
from vigguide.services.supervision_area import open_pack
from vigguide.services.supervision_view import pack_lines
from vigguide.store.colleagues import add_colleague
from vigguide.store.home import Home, open_home


@pytest.fixture
def pair(make_home):
    trainee, supervisor = make_home("trainee", "Sam Trainee"), make_home("supervisor", "Jo Patel")
    add_family(trainee)
    assert supervisor.colleague is not None
    add_colleague(trainee.store, "Jo Patel", "supervisor", supervisor.colleague.recipient)
    return trainee, supervisor


def _pack(trainee: Home, tmp_path: Path, name: str = "cycle1.age", **kw) -> Path:
    out = tmp_path / "out" / name
    make_pack(trainee, REF, 1, "Jo Patel", out, **kw)
    return out


def test_the_supervisor_sees_the_guiders_reflections_and_self_assessment(pair, tmp_path):
    trainee, supervisor = pair
    record_reflections(
        trainee, REF, 1,
        went_well=f"I waited while {PARENT} found her words.",
        from_supervision="How to slow down when she is anxious.",
        self_assessment={"attentive": ("secure", f"I followed {PARENT}'s lead")},
    )  # fmt: skip
    pack = open_pack(supervisor, _pack(trainee, tmp_path))
    assert pack.content["reflections"] == {
        "What went well": "I waited while Mum found her words.",
        "What I want from supervision": "How to slow down when she is anxious.",
        "Self-assessment against the principles": (
            "Being attentive to the parent: secure — I followed Mum's lead"
        ),
    }
    shown = "\n".join(pack_lines(pack))
    assert "What went well: I waited while Mum found her words." in shown
    assert "Being attentive to the parent: secure" in shown
    assert PARENT not in shown


def test_a_cycle_without_reflections_sends_none(pair, tmp_path):
    trainee, supervisor = pair
    pack = open_pack(supervisor, _pack(trainee, tmp_path))
    assert pack.content["reflections"] == {}


def test_clips_of_the_review_film_go_first_and_are_shown_as_such(pair, tmp_path):
    trainee, supervisor = pair
    add_review_film(trainee)
    pack = open_pack(supervisor, _pack(trainee, tmp_path))
    films = [(m["number"], m["film"]) for m in pack.content["moments"]]
    assert films == [(3, "shared review"), (1, "interaction"), (2, "interaction")]
    assert pack.content["moments"][0]["title"] == "I wait and Mum names it"
    assert len(pack.clips) == 3 and len(pack.stills) == 2
    got = {supervisor.vault.read_bytes(m.vault_id) for m in pack.media}
    assert {REVIEW_CLIP, REVIEW_STILL} <= got
    shown = "\n".join(pack_lines(pack))
    assert "Clip 3 (film of the shared review): I wait and Mum names it" in shown
    assert "Still 1 (film of the shared review): Mum points" in shown


def test_review_moments_alone_are_chosen_by_their_own_numbers(pair, tmp_path):
    trainee, supervisor = pair
    add_review_film(trainee)
    pack = open_pack(supervisor, _pack(trainee, tmp_path, review_moments=[1]))
    assert [m["film"] for m in pack.content["moments"]] == ["shared review"]
    assert [supervisor.vault.read_bytes(c.vault_id) for c in pack.clips] == [REVIEW_CLIP]
    assert [supervisor.vault.read_bytes(s.vault_id) for s in pack.stills] == [REVIEW_STILL]
    with pytest.raises(PackRequestError, match="The review film of cycle 1 has no moment 2"):
        _pack(trainee, tmp_path, "again.age", review_moments=[2])


def test_review_film_clips_need_consent_to_film_the_review(pair, tmp_path):
    trainee, supervisor = pair
    add_review_film(trainee)
    trainee.store.withdraw_consent(REF, ConsentScope.FILMING_REVIEW, date(2026, 11, 20))
    with pytest.raises(ConsentError, match="no consent to film the shared review"):
        _pack(trainee, tmp_path, review_moments=[1])
    assert not (tmp_path / "out" / "cycle1.age").exists()
    pack = open_pack(supervisor, _pack(trainee, tmp_path, "plain.age"))
    assert [m["film"] for m in pack.content["moments"]] == ["interaction", "interaction"]
    assert REVIEW_CLIP not in {supervisor.vault.read_bytes(m.vault_id) for m in pack.media}


def test_review_film_clips_need_supervision_consent_too(pair, tmp_path):
    trainee, _ = pair
    add_review_film(trainee)
    trainee.store.withdraw_consent(REF, ConsentScope.SUPERVISION, date(2026, 11, 20))
    with pytest.raises(ConsentError, match="withdrew consent to show clips in supervision"):
        _pack(trainee, tmp_path, review_moments=[1])


def test_cli_takes_review_moments_and_refuses_them_without_consent(
    tmp_path, passphrase_env, capsys
):
    trainee, supervisor = tmp_path / "trainee", tmp_path / "supervisor"
    with open_home(supervisor) as home:
        assert home.colleague is not None
        recipient = home.colleague.recipient
    with open_home(trainee) as home:
        add_family(home)
        add_review_film(home)
    out = tmp_path / "cli.age"
    args = ["--home", str(trainee), "supervision", "pack", REF, "--cycle", "1", "--to", recipient]
    assert main([*args, "-o", str(out), "--review-moments", "1", "--moments", "2"]) == 0
    assert "2 clip(s), 1 still(s)" in capsys.readouterr().out
    with open_home(trainee) as home:
        home.store.withdraw_consent(REF, ConsentScope.FILMING_REVIEW, date(2026, 11, 20))
    again = tmp_path / "again.age"
    assert main([*args, "-o", str(again), "--review-moments", "1"]) == 2
    err = capsys.readouterr().err
    assert "no consent to film the shared review" in err and "Traceback" not in err
    assert not again.exists()
    with open_home(supervisor) as home:
        pack = open_pack(home, out)
        assert [m["film"] for m in pack.content["moments"]] == ["shared review", "interaction"]


def test_held_packs_go_by_their_destroy_by_date_not_the_retention_rules(pair, tmp_path):
    from datetime import timedelta

    from vigguide.services.retention import apply_due, retention_schedule
    from vigguide.services.supervision_area import held

    trainee, supervisor = pair
    add_review_film(trainee)
    pack = open_pack(supervisor, _pack(trainee, tmp_path, days=60))
    assert retention_schedule(supervisor) == []
    later = date.today() + timedelta(days=59)
    assert apply_due(supervisor, later).deleted == []
    assert [p.id for p in held(supervisor, today=later)] == [pack.id]
