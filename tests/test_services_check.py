"""`vigguide check` on a real home with a real film, clip and still: a pass when all is well, and
each planted fault found and named with what to do."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from tests.media_videos import make_h264_tagged
from vigguide.cli import main
from vigguide.domain import ConsentScope
from vigguide.errors import VaultError
from vigguide.services.analysis import make_moment_clip, take_still
from vigguide.services.check import check_home, report_lines
from vigguide.services.recordings import import_recording
from vigguide.store.home import Home, open_home

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_h264_tagged(tmp_path_factory.mktemp("films"))


def _fill(home: Home, film: Path, ref: str = "F-1") -> dict[str, str]:
    home.store.create_case(ref, "Amira", "Noor")
    home.store.set_consent(ref, ConsentScope.FILMING, TODAY)
    result = import_recording(home, ref, film, today=TODAY)
    moment = home.store.add_moment(ref, result.recording_id, 0.5, 1.5, title="A smile")
    clip = make_moment_clip(home, ref, moment)
    take_still(home, ref, result.recording_id, 1.0, moment_id=moment)
    cycle = home.store.load(ref).cycles[0]
    return {
        "film": cycle.recordings[0].vault_id,
        "clip": clip,
        "still": cycle.stills[0].vault_id or "",
        "recording": str(result.recording_id),
        "moment": str(moment),
    }


def _problems(home: Home, read_data: bool = False) -> list[str]:
    return [p.what for p in check_home(home, read_data=read_data).problems]


def _cli_check(home_dir: Path, *extra: str) -> int:
    return main(["--home", str(home_dir), "check", *extra])


@pytest.fixture
def cli_home(tmp_path: Path, passphrase_env, film: Path) -> tuple[Path, dict[str, str]]:
    home_dir = tmp_path / "cli-home"
    with open_home(home_dir) as home:
        ids = _fill(home, film)
    return home_dir, ids


def test_a_whole_home_passes_and_every_file_is_read(cli_home, capsys):
    home_dir, _ = cli_home
    assert _cli_check(home_dir, "--read-data") == 0
    out = capsys.readouterr().out
    assert "No problems found." in out
    assert "The vault holds 4 files, each bound to its record." in out
    assert "each decrypts and matches its record" in out
    assert "The audit trail is intact" in out


def test_a_missing_film_is_named_with_its_case(cli_home, capsys):
    home_dir, ids = cli_home
    (home_dir / "vault" / ids["film"][:2] / f"{ids['film']}.age").unlink()
    assert _cli_check(home_dir) == 1
    out = capsys.readouterr().out
    assert "PROBLEM: The film of case F-1, cycle 1 is missing from the vault." in out
    assert "What to do: Restore the home from your latest backup" in out


def test_swapped_films_are_refused_and_reported(home: Home, film: Path):
    one = _fill(home, film, "F-1")
    two = _fill(home, film, "F-2")
    a, b = home.vault.path_of(one["film"]), home.vault.path_of(two["film"])
    swap = a.with_name("swap")
    os.rename(a, swap)
    os.rename(b, a)
    os.rename(swap, b)
    with pytest.raises(VaultError, match="This film's file has been replaced or swapped"):
        take_still(home, "F-1", int(one["recording"]), 1.0)
    with pytest.raises(VaultError, match="This film's file has been replaced or swapped"):
        make_moment_clip(home, "F-2", int(two["moment"]))
    assert _problems(home) == [
        "The film of case F-1, cycle 1 has been replaced or swapped with another file.",
        "The film of case F-2, cycle 1 has been replaced or swapped with another file.",
    ]
    # what was made before the swap is untouched and still opens
    assert home.vault.read_bytes(one["clip"]).startswith(b"\x00\x00\x00 ftyp")


def test_a_stray_file_is_reported_and_never_removed_by_a_start(
    home: Home, film: Path, home_dir: Path, keyring_backend
):
    from vigguide.store.custody import KeyCustody

    ids = _fill(home, film)
    stray_id = "ab" + "0" * 30
    stray = home.vault.root_dir / "ab" / f"{stray_id}.age"
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(home.vault.path_of(ids["clip"]).read_bytes())
    other = home.vault.root_dir / "notes.txt"
    other.write_text("not vigguide's")
    assert _problems(home) == ["1 vault file(s) belong to no record."]
    home.close()
    with open_home(home_dir, custody=KeyCustody(home_dir, backend=keyring_backend)) as again:
        assert stray.exists() and other.exists()  # not known to this store: only reported
        assert _problems(again) == ["1 vault file(s) belong to no record."]


def test_an_unfinished_deletion_is_reported_then_finished_at_the_next_start(
    home: Home, film: Path, home_dir: Path, keyring_backend
):
    from vigguide.store.custody import KeyCustody

    ids = _fill(home, film)
    # the deletion as a crash after the commit and before the unlink leaves it
    home.vault.will_delete(ids["film"], case_ref="F-1")
    home.store.mark_recording_deleted("F-1", int(ids["recording"]), "test")
    assert _problems(home) == [
        "The deleted film of case F-1, cycle 1 is still on disk.",
        "An unfinished deletion of a vault file is waiting (it could not be completed yet).",
    ]
    home.close()
    with open_home(home_dir, custody=KeyCustody(home_dir, backend=keyring_backend)) as again:
        assert not again.vault.path_of(ids["film"]).exists()
        assert again.vault.recovered == {"deletes_finished": 1}
        assert again.store.audit_events(limit=1)[0].action == "vault.recover"
        report = check_home(again)
        assert report.ok, report_lines(report)
        assert "1 interrupted deletion(s) completed" in report_lines(report)[0]


def test_a_damaged_chunk_is_found_only_by_read_data(cli_home, capsys):
    home_dir, ids = cli_home
    path = home_dir / "vault" / ids["film"][:2] / f"{ids['film']}.age"
    raw = bytearray(path.read_bytes())
    assert len(raw) > 2 * 65536 + 1000  # more than one chunk: the first is not checked at open
    raw[1000] ^= 0x01
    path.write_bytes(bytes(raw))
    assert _cli_check(home_dir) == 0
    capsys.readouterr()
    assert _cli_check(home_dir, "--read-data") == 1
    out = capsys.readouterr().out
    assert "PROBLEM: 1 vault file(s) are damaged" in out


def test_a_tampered_audit_event_is_reported(home: Home, film: Path):
    _fill(home, film)
    with home.store.lock:
        home.store.conn.execute("UPDATE audit SET actor = 'someone else' WHERE seq = 2")
    problems = _problems(home)
    assert len(problems) == 1 and problems[0].startswith("The audit trail has been altered")


def test_a_home_that_cannot_be_opened_exits_2(tmp_path: Path, passphrase_env, capsys):
    assert _cli_check(tmp_path / "nowhere") == 2
    assert "There is no vigguide home" in capsys.readouterr().err
