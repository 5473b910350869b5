"""`vigguide measure add|list`: what is stored, what is printed, and exit 2 for anything refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigguide.cli import main
from vigguide.store.home import open_home
from vigguide.store.measures import list_measures
from vigguide.store.settings import save_setting

OWN_PROCEDURE = "Ring the duty worker on 01632 960 555 now and complete the risk form."


@pytest.fixture
def home_dir(tmp_path: Path, passphrase_env: dict[str, str]) -> Path:
    path = tmp_path / "home"
    with open_home(path) as home:
        home.store.create_case("CLI-7", "Beth", "Ivy")
        save_setting(home.store, "risk_procedure", OWN_PROCEDURE)
    return path


def _cli(home_dir: Path, *args: str) -> int:
    return main(["--home", str(home_dir), "measure", *args])


def _stored(home_dir: Path) -> list[tuple[str, str, int, bool]]:
    with open_home(home_dir) as home:
        return [
            (m.kind, m.taken_on.isoformat(), m.total, m.risk)
            for m in list_measures(home.store, "CLI-7")
        ]


def test_add_and_list(home_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def add(*args: str) -> int:
        return _cli(home_dir, "add", "CLI-7", *args)

    assert add("--kind", "phq9", "--answers=2,2,1,2,1,1,0,0,0", "--on", "2026-01-05") == 0
    assert "CLI-7: PHQ-9 on 2026-01-05: 9/27 (mild)." in capsys.readouterr().out
    assert add("--kind", "phq9", "--answers", "1,0,0,1,0,0,0,0,0", "--on", "2026-03-05") == 0
    assert add("--kind", "pbq", "--total", "18", "--on", "2026-01-05") == 0
    assert add("--kind", "epds", "--total", "13", "--item10", "0", "--on", "2026-01-05") == 0
    capsys.readouterr()
    assert _cli(home_dir, "list", "CLI-7") == 0
    out = capsys.readouterr().out
    assert "PHQ-9 (0–27)  ▃▂" in out
    assert "2026-01-05    9  mild" in out and "2026-03-05    2  minimal" in out
    assert "2026-01-05   18" in out
    assert "2026-01-05   13  probable depression" in out
    assert _stored(home_dir) == [
        ("phq9", "2026-01-05", 9, False),
        ("pbq", "2026-01-05", 18, False),
        ("epds", "2026-01-05", 13, False),
        ("phq9", "2026-03-05", 2, False),
    ]


def test_a_risk_answer_without_risk_shown_prints_the_procedure_and_stores_nothing(
    home_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("add", "CLI-7", "--kind", "epds", "--total", "15", "--item10", "1")
    assert _cli(home_dir, *args) == 2
    err = capsys.readouterr().err
    assert "RISK: EPDS item 10" in err and OWN_PROCEDURE in err and "Nothing was stored" in err
    assert _stored(home_dir) == []
    assert _cli(home_dir, *args, "--risk-shown", "--on", "2026-02-01") == 0
    assert "risk answer recorded" in capsys.readouterr().out
    assert _stored(home_dir) == [("epds", "2026-02-01", 15, True)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--kind", "phq9", "--answers", "1,2,3"), "The PHQ-9 has 9 answers; 3 were given."),
        (("--kind", "gad7", "--answers", "1,2,3,4,0,0,0"), "GAD-7 answer 4 must be a whole"),
        (("--kind", "phq9", "--answers", "one,two"), "is not a list of whole numbers"),
        (("--kind", "pbq", "--total", "130"), "The PBQ total must be a whole number from 0 to 125"),
        (("--kind", "epds", "--total", "12"), "The EPDS needs item 10's own score too"),
        (("--kind", "epds", "--total", "x", "--item10", "0"), "--total must be a whole number"),
        (("--kind", "k10", "--total", "12"), "There is no measure called 'k10'."),
        (("--kind", "pbq", "--total", "12", "--on", "5/1/26"), "--on '5/1/26' is not a date."),
    ],
)
def test_bad_input_exits_2_with_a_plain_message(
    home_dir: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    assert _cli(home_dir, "add", "CLI-7", *args) == 2
    err = capsys.readouterr().err
    assert err.startswith("vigguide: ") and message in err and "Traceback" not in err
    assert _stored(home_dir) == []


def test_twice_on_one_day_and_an_unknown_case(
    home_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("--kind", "pbq", "--total", "12", "--on", "2026-02-01")
    assert _cli(home_dir, "add", "CLI-7", *args) == 0
    assert (
        _cli(home_dir, "add", "CLI-7", "--kind", "pbq", "--total", "40", "--on", "2026-02-01") == 2
    )
    assert "already has a PBQ on 2026-02-01" in capsys.readouterr().err
    assert _stored(home_dir) == [("pbq", "2026-02-01", 12, False)]
    assert _cli(home_dir, "add", "NOPE-1", *args) == 2
    assert "There is no case NOPE-1." in capsys.readouterr().err
    assert _cli(home_dir, "list", "NOPE-1") == 2
