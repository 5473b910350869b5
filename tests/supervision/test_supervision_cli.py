"""The commands, in two homes: key recipient, the address book, pack, open, list, show, feedback,
receive, sent; bad input exits 2 with a plain message and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.supervision.conftest import PARENT, REF, add_family
from vigguide.cli import main
from vigguide.domain import Practitioner, Role
from vigguide.store.home import open_home


def _run(capsys, home: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def homes(tmp_path, passphrase_env):
    trainee, supervisor = tmp_path / "trainee", tmp_path / "supervisor"
    with open_home(trainee) as home:
        home.store.set_practitioner(Practitioner("Sam Trainee", Role.TRAINEE, "Team", "Jo"))
        add_family(home)
    with open_home(supervisor) as home:
        home.store.set_practitioner(Practitioner("Jo Patel", Role.QUALIFIED, "Team", ""))
    return trainee, supervisor


def test_a_pack_goes_there_and_feedback_comes_back(homes, tmp_path, capsys):
    trainee, supervisor = homes
    code, recipient, _ = _run(capsys, supervisor, "key", "recipient")
    recipient = recipient.strip()
    assert code == 0 and recipient.startswith("age1") and len(recipient) == 62
    assert _run(capsys, trainee, "colleague", "add", "Jo Patel", "--role", "supervisor",
                "--recipient", recipient)[0] == 0  # fmt: skip
    code, out, _ = _run(capsys, trainee, "colleague", "list")
    assert "Jo Patel\tsupervisor\t" + recipient in out

    trainee_recipient = _run(capsys, trainee, "key", "recipient")[1].strip()
    assert _run(capsys, supervisor, "colleague", "add", "Sam Trainee", "--recipient",
                trainee_recipient)[0] == 0  # fmt: skip
    pack = tmp_path / "p.age"
    code, out, err = _run(capsys, trainee, "supervision", "pack", REF, "--cycle", "1",
                          "--to", "Jo Patel", "-o", str(pack), "--moments", "1")  # fmt: skip
    assert code == 0, err
    assert "1 clip(s), 1 still(s), for Jo Patel" in out

    code, out, err = _run(capsys, supervisor, "supervision", "open", str(pack))
    assert code == 0, err and "Opened as held pack 1" in out
    code, out, _ = _run(capsys, supervisor, "supervision", "list")
    assert "1: from Sam Trainee, cycle 1, 1 clip(s), 1 still(s), destroy by" in out
    code, out, _ = _run(capsys, supervisor, "supervision", "show", "1")
    assert "Clip 1: Mum smiles and baby looks up" in out and PARENT not in out
    assert _run(capsys, supervisor, "supervision", "open", str(pack))[0] == 2

    back = tmp_path / "fb.age"
    code, out, err = _run(capsys, supervisor, "supervision", "feedback", "1", "--text",
                          "Well waited.", "--sign-off", "-o", str(back))  # fmt: skip
    assert code == 0, err
    code, out, err = _run(capsys, trainee, "supervision", "receive", str(back))
    assert code == 0, err
    assert f"attached to case {REF}, cycle 1" in out and "signed the session off" in out
    code, out, _ = _run(capsys, trainee, "supervision", "sent", REF)
    assert "to Jo Patel (p.age)" in out and "feedback received, signed off" in out
    assert _run(capsys, trainee, "supervision", "receive", str(back))[0] == 2


@pytest.mark.parametrize("garbled", ["age1nothing", "AGE-SECRET-KEY-1XYZ", "jo@example.org"])
def test_an_unknown_recipient_string_is_refused(homes, tmp_path, capsys, garbled):
    trainee, _ = homes
    code, _, err = _run(capsys, trainee, "colleague", "add", "Jo", "--recipient", garbled)
    assert code == 2 and "not an age recipient" in err and "Traceback" not in err
    assert "No colleagues yet" in _run(capsys, trainee, "colleague", "list")[1]
    if garbled.startswith("age1"):
        code, _, err = _run(capsys, trainee, "supervision", "pack", REF, "--cycle", "1",
                            "--to", garbled, "-o", str(tmp_path / "x.age"))  # fmt: skip
        assert code == 2 and "not an age recipient" in err
        assert not (tmp_path / "x.age").exists()


def test_a_pack_for_someone_else_exits_2(homes, tmp_path, capsys):
    trainee, supervisor = homes
    stranger = tmp_path / "stranger"
    open_home(stranger).close()
    recipient = _run(capsys, stranger, "key", "recipient")[1]
    pack = tmp_path / "p.age"
    assert _run(capsys, trainee, "supervision", "pack", REF, "--cycle", "1", "--to",
                recipient.strip(), "-o", str(pack))[0] == 0  # fmt: skip
    code, _, err = _run(capsys, supervisor, "supervision", "open", str(pack))
    assert code == 2 and "not made for this vigguide home" in err
    assert (
        "No supervision packs are held here." in _run(capsys, supervisor, "supervision", "list")[1]
    )
