"""A clip of a held pack plays in the built-in player, straight from the supervisor's vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import media_videos as mv
from tests.supervision.conftest import REF, add_family
from vigguide.player.core import PlayerCore
from vigguide.player.held import held_plan
from vigguide.player.model import Mode
from vigguide.player.session import vault_opener
from vigguide.services.supervision import make_pack
from vigguide.services.supervision_area import open_pack


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """320x240, 30 fps, 3 s, numbered frames, with sound."""
    return mv.make_h264_tagged(tmp_path_factory.mktemp("held-films"))


def test_a_held_clip_plays_to_its_end(make_home, tmp_path, film):
    trainee, supervisor = make_home("trainee"), make_home("supervisor")
    add_family(trainee)
    moment = trainee.store.load(REF).cycles[0].moments[0]
    clip = trainee.vault.put_file(film, kind="clip")
    trainee.store.update_moment(REF, moment.id, clip_vault_id=clip.id, end_s=moment.start_s + 3.0)
    trainee.vault.settle(clip)
    assert supervisor.colleague is not None
    out = tmp_path / "p.age"
    make_pack(trainee, REF, 1, supervisor.colleague.recipient, out, moments=[1])
    pack = open_pack(supervisor, out)

    core = PlayerCore(held_plan(pack, 1), vault_opener(supervisor), long_edge=None)
    core.toggle(0.0)
    now = 0.0
    seen: set[int] = set()
    while core.model.mode is not Mode.ENDED and now < 6:
        now += 1 / 30
        core.update(now)
        seen.add(mv.frame_number(core.shown.image))
    assert core.model.mode is Mode.ENDED
    assert len(seen) == 30  # it moved through every frame number (they count mod 30)
    assert core.shown.time_s == pytest.approx(2.97, abs=0.1)  # and stopped on its last
    core.close()
