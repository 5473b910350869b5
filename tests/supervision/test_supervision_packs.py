"""Two real homes: a supervision pack made in the trainee's, opened in the supervisor's, feedback
back; a third home refused; damaged, forged, expired and repeated packs refused with nothing kept."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.supervision.conftest import BABY, CLIP_1, CLIP_2, PARENT, REF, STILL, SURNAME, add_family
from vigguide.domain import ConsentScope
from vigguide.errors import ConsentError
from vigguide.services.supervision import (
    make_pack,
    packs_sent,
    packs_to_recall,
    receive_feedback,
)
from vigguide.services.supervision_area import destroy, held, open_pack, write_feedback
from vigguide.store.colleagues import add_colleague
from vigguide.store.home import Home
from vigguide.store.packfile import PackError, seal
from vigguide.store.recovery import vault_files_on_disk


@pytest.fixture
def pair(make_home):
    trainee, supervisor = make_home("trainee", "Sam Trainee"), make_home("supervisor", "Jo Patel")
    add_family(trainee)
    assert supervisor.colleague is not None
    add_colleague(trainee.store, "Jo Patel", "supervisor", supervisor.colleague.recipient)
    return trainee, supervisor


def _pack(trainee: Home, tmp_path: Path, **kw) -> Path:
    out = tmp_path / "out" / "cycle1.age"
    make_pack(
        trainee, REF, 1, "Jo Patel", out, questions=f"How do I help {PARENT} slow down?", **kw
    )
    return out


def test_pack_opens_in_the_supervisors_home_and_feedback_comes_back(pair, tmp_path):
    trainee, supervisor = pair
    path = _pack(trainee, tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    pack = open_pack(supervisor, path)
    assert [len(pack.clips), len(pack.stills)] == [2, 1]
    assert pack.sender == "Sam Trainee (not in your address book)"
    assert pack.destroy_by == date.today() + timedelta(days=28)
    got = {supervisor.vault.read_bytes(m.vault_id) for m in pack.media}
    assert got == {CLIP_1, CLIP_2, STILL}
    first = pack.content["moments"][0]
    assert first["title"] == "Mum smiles and baby looks up"
    assert first["notes"] == "Mum waits for baby's turn"
    assert pack.content["review"]["learned"] == "Mum saw that baby waits for her"
    assert pack.content["questions_for_supervision"] == "How do I help Mum slow down?"
    assert pack.content["stills"][0]["caption"] == "baby reaches for Mum"
    # The supervision area is apart from her caseload.
    assert supervisor.store.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0

    out = tmp_path / "back" / "feedback.age"
    write_feedback(supervisor, pack.id, "Lovely waiting in clip 1.", signed_off=True, out=out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    got_back = receive_feedback(trainee, out)
    assert (got_back.ref, got_back.cycle, got_back.signed_off) == (REF, 1, True)
    [sent] = packs_sent(trainee, REF)
    assert sent.feedback == "Lovely waiting in clip 1." and sent.signed_off
    assert sent.feedback_from == "Jo Patel" and sent.to_name == "Jo Patel"

    trainee_actions = {e.action for e in trainee.store.audit_events(REF)}
    assert {
        "supervision.pack",
        "document.export",
        "supervision.feedback.received",
    } <= trainee_actions
    sup_actions = {e.action for e in supervisor.store.audit_events()}
    assert {
        "supervision.open",
        "supervision.feedback",
        "supervision.feedback.export",
    } <= sup_actions
    assert trainee.store.audit_verify().ok and supervisor.store.audit_verify().ok


def test_a_sender_in_the_address_book_is_named_as_it_says(pair, tmp_path):
    trainee, supervisor = pair
    assert trainee.colleague is not None
    add_colleague(supervisor.store, "Sam T.", "trainee", trainee.colleague.recipient)
    assert open_pack(supervisor, _pack(trainee, tmp_path)).sender == "Sam T."


def test_names_are_kept_only_when_asked(pair, tmp_path):
    trainee, supervisor = pair
    pack = open_pack(supervisor, _pack(trainee, tmp_path, names=True))
    assert pack.content["moments"][0]["title"] == f"{PARENT} smiles and {BABY} looks up"


def test_chosen_moments_only(pair, tmp_path):
    trainee, supervisor = pair
    pack = open_pack(supervisor, _pack(trainee, tmp_path, moments=[2]))
    assert [m.number for m in pack.clips] == [2] and pack.stills == ()
    assert supervisor.vault.read_bytes(pack.clips[0].vault_id) == CLIP_2


def _nothing_held(home: Home) -> None:
    assert held(home) == []
    assert vault_files_on_disk(home.vault.root_dir) == {}
    assert home.store.conn.execute("SELECT count(*) FROM held_packs").fetchone()[0] == 0


def test_a_third_home_cannot_open_it(pair, make_home, tmp_path):
    trainee, _ = pair
    stranger = make_home("stranger")
    with pytest.raises(PackError, match="not made for this vigguide home"):
        open_pack(stranger, _pack(trainee, tmp_path))
    _nothing_held(stranger)


def test_the_trainees_own_home_does_not_open_its_pack(pair, tmp_path):
    trainee, _ = pair
    with pytest.raises(PackError, match="made in this home"):
        open_pack(trainee, _pack(trainee, tmp_path))


@pytest.mark.parametrize("how", ["flip", "cut", "empty"])
def test_tampered_or_truncated_packs_are_refused(pair, tmp_path, how):
    trainee, supervisor = pair
    path = _pack(trainee, tmp_path)
    data = bytearray(path.read_bytes())
    if how == "flip":
        data[len(data) // 2] ^= 0x01
    elif how == "cut":
        data = data[: len(data) - 100]
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    with pytest.raises(PackError, match=r"damaged|not a vigguide pack"):
        open_pack(supervisor, path)
    _nothing_held(supervisor)


def test_a_forged_pack_is_refused(pair, make_home, tmp_path):
    """Someone who knows both recipients (they are not secret) cannot pass a pack off as the
    trainee's: the manifest's MAC needs the trainee's own identity."""
    trainee, supervisor = pair
    forger = make_home("forger")
    assert trainee.colleague and supervisor.colleague and forger.colleague
    manifest = {
        "kind": "supervision", "pack_id": "f" * 32, "made_on": date.today().isoformat(),
        "destroy_by": (date.today() + timedelta(days=5)).isoformat(), "from_name": "Sam Trainee",
        "from_recipient": trainee.colleague.recipient,
        "to_recipient": supervisor.colleague.recipient, "content": {"cycle": 1},
    }  # fmt: skip
    sealed = seal(
        manifest,
        {"clip-1.mp4": b"not hers"},
        identity=forger.colleague.identity,
        to=[supervisor.colleague.recipient],
        mac_with=supervisor.colleague.recipient,
    )
    path = tmp_path / "forged.age"
    path.write_bytes(sealed)
    with pytest.raises(PackError, match="damaged or was changed"):
        open_pack(supervisor, path)
    _nothing_held(supervisor)


def test_opened_twice_is_refused(pair, tmp_path):
    trainee, supervisor = pair
    path = _pack(trainee, tmp_path)
    open_pack(supervisor, path)
    with pytest.raises(PackError, match="already opened"):
        open_pack(supervisor, path)
    assert len(held(supervisor)) == 1
    assert len(vault_files_on_disk(supervisor.vault.root_dir)) == 3


def test_destroy_by_is_enforced_when_the_clock_moves(pair, tmp_path):
    trainee, supervisor = pair
    path = _pack(trainee, tmp_path, days=7)
    until = date.today() + timedelta(days=7)
    with pytest.raises(PackError, match="past its destroy-by date"):
        open_pack(supervisor, path, today=until + timedelta(days=1))
    _nothing_held(supervisor)

    pack = open_pack(supervisor, path, today=until)
    assert len(held(supervisor, today=until)) == 1
    assert held(supervisor, today=until + timedelta(days=1)) == []
    assert vault_files_on_disk(supervisor.vault.root_dir) == {}
    [event] = [e for e in supervisor.store.audit_events() if e.action == "supervision.expired"]
    assert event.detail["pack_id"] == pack.pack_id and event.detail["files"] == 3
    assert supervisor.store.audit_verify().ok


def test_expired_packs_go_when_the_home_opens(pair, make_home, tmp_path):
    trainee, supervisor = pair
    made = date.today() - timedelta(days=40)
    path = _pack(trainee, tmp_path, today=made)  # destroy by: 12 days ago
    open_pack(supervisor, path, today=made + timedelta(days=1))
    supervisor.close()
    again = make_home("supervisor")
    assert held(again, today=made) == []  # gone at open, before anything was asked
    assert vault_files_on_disk(again.vault.root_dir) == {}
    assert any(e.action == "supervision.expired" for e in again.store.audit_events())


def test_destroying_by_hand_deletes_everything(pair, tmp_path):
    trainee, supervisor = pair
    pack = open_pack(supervisor, _pack(trainee, tmp_path))
    assert destroy(supervisor, pack.id) == 3
    assert held(supervisor) == []
    assert vault_files_on_disk(supervisor.vault.root_dir) == {}
    # Only the pack's id stays (so it cannot be opened again); its content is gone.
    row = supervisor.store.conn.execute("SELECT content, feedback, destroyed_at FROM held_packs")
    [(content, feedback, destroyed_at)] = row.fetchall()
    assert (content, feedback) == ("{}", "") and destroyed_at
    with pytest.raises(PackError, match="already opened"):
        open_pack(supervisor, tmp_path / "out" / "cycle1.age")
    assert any(e.action == "supervision.destroy" for e in supervisor.store.audit_events())


def test_withdrawn_consent_refuses_new_packs_and_lists_those_sent(pair, tmp_path):
    trainee, _ = pair
    _pack(trainee, tmp_path)
    trainee.store.withdraw_consent(REF, ConsentScope.SUPERVISION, date.today())
    with pytest.raises(ConsentError, match="withdrew consent") as refused:
        make_pack(trainee, REF, 1, "Jo Patel", tmp_path / "again.age")
    assert "vigguide supervision sent" in refused.value.hint
    assert not (tmp_path / "again.age").exists()
    [sent] = packs_sent(trainee, REF)
    assert sent.to_name == "Jo Patel" and sent.clips == 2
    [recall] = packs_to_recall(trainee, REF)
    assert "sent to Jo Patel" in recall and "ask them to delete it now" in recall
    assert packs_to_recall(trainee, REF, sent.destroy_by + timedelta(days=1)) == []


def test_no_consent_no_pack(make_home, tmp_path):
    trainee, supervisor = make_home("trainee"), make_home("supervisor")
    add_family(trainee, supervision=False)
    assert supervisor.colleague is not None
    with pytest.raises(ConsentError, match="no consent to show clips in supervision"):
        make_pack(trainee, REF, 1, supervisor.colleague.recipient, tmp_path / "p.age")
    assert list(tmp_path.glob("*.age")) == []


def test_nothing_personal_in_plaintext_in_either_home_or_the_pack(pair, tmp_path):
    trainee, supervisor = pair
    path = _pack(trainee, tmp_path, names=True)
    pack = open_pack(supervisor, path)
    out = tmp_path / "feedback.age"
    write_feedback(
        supervisor, pack.id, f"{PARENT} and {BABY} are lovely.", signed_off=False, out=out
    )
    receive_feedback(trainee, out)
    trainee.close()
    supervisor.close()
    words = [w.encode() for w in (PARENT, BABY, SURNAME, "Mum smiles", "Lovely waiting")]
    words += [w.lower() for w in words]
    for file in tmp_path.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            assert not any(w in data for w in words), file


def test_held_files_are_whole_for_vigguide_check_and_play_as_clips(pair, tmp_path):
    from vigguide.player.held import held_plan
    from vigguide.player.plan import PlayError
    from vigguide.services.check import check_home

    trainee, supervisor = pair
    pack = open_pack(supervisor, _pack(trainee, tmp_path))
    report = check_home(supervisor, read_data=True)
    assert report.ok, report
    plan = held_plan(pack, 2)
    [clip] = plan.clips
    assert (clip.start_s, clip.end_s, clip.title) == (0.0, 2.5, "Waiting together")
    assert supervisor.vault.read_bytes(clip.vault_id) == CLIP_2
    with pytest.raises(PlayError, match="has no clip 3"):
        held_plan(pack, 3)
    supervisor.vault.path_of(clip.vault_id).unlink()
    assert not check_home(supervisor).ok


def test_reflections_from_other_parts_of_vigguide_go_in_with_names_replaced(
    pair, tmp_path, monkeypatch
):
    from vigguide.services import supervision

    trainee, supervisor = pair

    def reflections(home, ref, cycle):
        assert (ref, cycle) == (REF, 1)
        return {"What went well": f"I waited while {PARENT} found her words."}

    monkeypatch.setattr(supervision, "REFLECTION_SOURCES", [reflections])
    pack = open_pack(supervisor, _pack(trainee, tmp_path))
    assert pack.content["reflections"] == {"What went well": "I waited while Mum found her words."}
