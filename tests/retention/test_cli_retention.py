"""`vigguide retention`: lists what is due, --apply deletes it (not what is held), holds and
releases, confirms exports deleted; bad input is a plain message and exit 2."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.retention.helpers import case_with_media
from vigguide.cli import main
from vigguide.services.exporting import exporting
from vigguide.store.home import open_home

LATER = (date.today() + timedelta(days=100)).isoformat()


@pytest.fixture
def cli_home(tmp_path: Path, passphrase_env) -> tuple[Path, dict[str, object]]:
    home_dir = tmp_path / "home"
    with open_home(home_dir) as home:
        media = case_with_media(home)
        target = tmp_path / "out" / "RT-1-summary.pdf"
        target.parent.mkdir(mode=0o700)
        with exporting(home, target, "summary", 1, "RT-1") as staged:
            staged.write_bytes(b"%PDF")
    return home_dir, media


def _run(capsys, home_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--home", str(home_dir), "retention", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_lists_then_applies_keeping_what_is_held(cli_home, capsys):
    home_dir, media = cli_home
    film = f"film-{media['film'][0]}"
    code, out, _ = _run(capsys, home_dir)
    assert code == 0 and "Nothing is due for deletion." in out
    code, out, _ = _run(capsys, home_dir, "--as-of", LATER)
    assert code == 0
    assert film in out and "90 days after it was imported" in out
    assert "export-1" in out and "RT-1-summary.pdf" in out

    code, out, _ = _run(capsys, home_dir, "--hold", film, "--reason", "court request")
    assert code == 0 and "on hold" in out
    code, out, _ = _run(capsys, home_dir, "--apply", "--as-of", LATER)
    assert code == 0
    assert f"kept: {film}" in out and "on hold: court request" in out
    assert "0 item(s) deleted, 1 kept, 1 export(s) to confirm deleted." in out

    assert _run(capsys, home_dir, "--release", film)[0] == 0
    code, out, _ = _run(capsys, home_dir, "--apply", "--as-of", LATER)
    assert f"deleted: {film}" in out and "1 item(s) deleted" in out
    with open_home(home_dir) as home:
        assert not home.vault.exists(media["film"][1])
        actions = [e.action for e in home.store.audit_events("RT-1")]
        assert {"retention.hold", "retention.release", "recording.delete"} <= set(actions)


def test_confirming_an_export_deleted(cli_home, capsys, tmp_path: Path):
    home_dir, _media = cli_home
    code, _, err = _run(capsys, home_dir, "--confirm-deleted", "1")
    assert code == 2 and "still at" in err and "--delete-file" in err
    code, out, _ = _run(capsys, home_dir, "--confirm-deleted", "export-1", "--delete-file")
    assert code == 0 and "Export 1 confirmed deleted" in out
    assert not (tmp_path / "out" / "RT-1-summary.pdf").exists()
    code, out, _ = _run(capsys, home_dir, "--as-of", LATER)
    assert "export-1" not in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--hold", "film-1"), "--hold needs --reason"),
        (("--as-of", "next week"), "is not a date"),
        (("--release", "film-1"), "not on hold"),
        (("--hold", "banana", "--reason", "x"), "does not name an item"),
        (("--hold", "clip-99", "--reason", "x"), "no clip 99"),
        (("--hold", "export-1", "--reason", "x"), "export outside the vault"),
        (("--confirm-deleted", "abc"), "not an export number"),
        (("--confirm-deleted", "42"), "no export 42"),
        (("--delete-file",), "goes with --confirm-deleted"),
    ],
)
def test_bad_input_is_a_plain_message_and_exit_2(cli_home, capsys, args, says):
    home_dir, _media = cli_home
    code, out, err = _run(capsys, home_dir, *args)
    assert code == 2, out + err
    assert says in err and "Traceback" not in err
