"""What the parts of supervision carry between them: the guider's reflections and the film of the
shared review go into the pack the supervisor opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.supervision.conftest import PARENT, REF, add_family
from vigguide.services.reflections import record_reflections
from vigguide.services.supervision import make_pack
from vigguide.services.supervision_area import open_pack
from vigguide.services.supervision_view import pack_lines
from vigguide.store.colleagues import add_colleague
from vigguide.store.home import Home


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
