"""Moment titles and still captions that reach the parent: plain words, spoken to her."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from vigguide.cli_coach import add_commands
from vigguide.prompts import coach_parent_caption, load_guidance


def kinds(text: str) -> list[str]:
    return sorted(f.kind for f in coach_parent_caption(text))


@pytest.mark.parametrize(
    "caption",
    [
        "You wait, and Ava smiles back",
        "I lean in and she coos",
        "We laugh together at teatime",
        "Bath time giggles",
        "Your voice helps him settle",
        "You and Mum sing together",  # to a dad: Mum is someone else here
        "",
    ],
)
def test_plain_captions_spoken_to_her_read_well(caption: str) -> None:
    assert coach_parent_caption(caption) == []


@pytest.mark.parametrize(
    ("caption", "word", "plain"),
    [
        ("Receiving Leo's initiative", "initiative", "when your baby starts something"),
        ("A lovely attuned moment", "attuned", "tuning in to each other"),
        ("Your reception of her smile", "reception", "noticing and answering"),
        ("Contingent reply to a coo", "Contingent", "answering what your baby does"),
        ("Scaffolding at the shape sorter", "Scaffolding", "building on what your baby does"),
        ("Being attentive at bath time", "Being attentive", "Noticing your baby"),
        ("Developing attuned interactions", "Developing attuned interactions", "Taking turns"),
    ],
)
def test_practice_words_get_the_plain_words(caption: str, word: str, plain: str) -> None:
    (finding,) = coach_parent_caption(caption)
    assert (finding.kind, finding.text) == ("jargon", word)
    assert plain in finding.suggestion


@pytest.mark.parametrize(
    ("caption", "who", "rewrite"),
    [
        ("Mum waits and baby smiles back", "Mum", "You wait and your baby smiles back"),
        ("The mother holds the baby close", "The mother", "You hold your baby close"),
        ("Daddy watches Sam explore", "Daddy", "You watch Sam explore"),
        ("Mum's calm voice", "Mum's", "Your calm voice"),
        ("Ruby reaches for Mum", "Mum", "Ruby reaches for you"),
        ("Ava reaches for her mum", "her mum", "Ava reaches for you"),
    ],
)
def test_the_parent_in_the_third_person_is_spoken_to(caption: str, who: str, rewrite: str) -> None:
    (finding,) = coach_parent_caption(caption)
    assert (finding.kind, finding.text) == ("third_person", who)
    assert finding.suggestion == f'Try: "{rewrite}"'
    assert coach_parent_caption(rewrite) == []


def test_no_clumsy_rewrite_when_the_parent_is_inside_a_phrase() -> None:
    (finding,) = coach_parent_caption("Attentive mum at bathtime")
    assert finding.kind == "third_person"
    assert finding.suggestion == 'Speak to her: "You …".'


def test_judging_words_and_long_captions_are_found() -> None:
    assert kinds("You never give up, even when it goes wrong") == ["avoid_word", "avoid_word"]
    long = " ".join(["You smile and she smiles back"] * 4)
    (finding,) = coach_parent_caption(long)
    assert finding.kind == "too_long" and "glance" in finding.explanation


def test_the_parents_own_quoted_words_are_hers() -> None:
    assert coach_parent_caption('"I can do this," you said') == []


def test_a_services_own_words_reach_the_caption_coach(tmp_path: Path) -> None:
    (tmp_path / "words.toml").write_text(
        '[[plain_word]]\nterm = "sensitive responding"\nplain = "answering your baby gently"\n',
        encoding="utf-8",
    )
    guidance = load_guidance(tmp_path)
    assert coach_parent_caption("Sensitive responding at bath time") == []
    (finding,) = coach_parent_caption("Sensitive responding at bath time", guidance)
    assert finding.kind == "jargon"
    assert "answering your baby gently" in finding.suggestion


@pytest.fixture(autouse=True)
def _own_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VIGGUIDE_HOME", str(tmp_path / "home"))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="vigguide")
    add_commands(parser.add_subparsers())
    args = parser.parse_args(argv)
    code = args.func(args)
    return code, capsys.readouterr().out


def test_cli_caption_explains_and_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["coach", "--caption", "Mum waits for baby's initiative"], capsys)
    assert code == 0
    assert '"Mum": "Mum" talks about the parent' in out
    assert 'Try: "You wait for your baby\'s initiative"' in out
    assert "when your baby starts something" in out


def test_cli_caption_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["coach", "--caption", "--json", "Attuned moment"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert [(r["kind"], r["text"]) for r in rows] == [("jargon", "Attuned")]
    code, out = run(["coach", "--caption", "--json", "You wait and he smiles"], capsys)
    assert (code, json.loads(out)) == (0, [])


def test_cli_caption_that_reads_well(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["coach", "--caption", "You wait and he smiles"], capsys)
    assert code == 0 and out.startswith("This caption reads well")
    code, out = run(["coach", "--caption", "  "], capsys)
    assert code == 0 and out == "There is no caption yet.\n"


def test_cli_caption_and_parent_text_are_one_or_the_other(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["coach", "--caption", "--parent-text", "Hello"], capsys)
    assert exit_info.value.code == 2
