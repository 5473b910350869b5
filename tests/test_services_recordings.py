"""Importing a film into a case and deleting it under the retention policy, through the real vault."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.media_videos import make_h264_tagged
from vigguide.domain import ConsentScope
from vigguide.errors import CancelledError, ConsentError, VaultError
from vigguide.media.probe import probe
from vigguide.services.analysis import make_moment_clip, take_still
from vigguide.services.recordings import delete_due_recordings, import_recording
from vigguide.store.home import Home

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_h264_tagged(tmp_path_factory.mktemp("films"))


def _case(home: Home, *, filming: bool = True) -> None:
    home.store.create_case("F-1", "Amira", "Noor")
    if filming:
        home.store.set_consent("F-1", ConsentScope.FILMING, TODAY)


def _vault_files(home: Home) -> list[Path]:
    return [p for p in home.vault.root_dir.rglob("*.age")] if home.vault.root_dir.exists() else []


def test_import_stores_the_film_encrypted_and_records_what_it_is(home: Home, film: Path):
    _case(home)
    original = film.read_bytes()
    seen: list[float] = []
    result = import_recording(home, "F-1", film, today=TODAY, progress=seen.append)
    assert film.read_bytes() == original  # the original is never modified
    assert seen and seen[-1] == pytest.approx(1.0)
    rec = home.store.load("F-1").cycles[0].recordings[0]
    assert rec.sha256 == hashlib.sha256(original).hexdigest() == result.sha256
    assert rec.delete_by == TODAY + timedelta(days=90)
    with home.vault.open(rec.vault_id) as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == rec.sha256
        fh.seek(0)
        info = probe(fh)  # PyAV reads straight from the vault by random access
    assert info.duration_s == pytest.approx(rec.duration_s, abs=0.05)
    assert home.store.audit_events("F-1")[0].action == "recording.import"


def test_import_without_consent_touches_nothing(home: Home, film: Path):
    _case(home, filming=False)
    with pytest.raises(ConsentError, match="No consent to film yet"):
        import_recording(home, "F-1", film, today=TODAY)
    assert _vault_files(home) == []


def test_cancelled_import_leaves_no_vault_file_and_no_row(home: Home, film: Path):
    _case(home)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(CancelledError):
        import_recording(home, "F-1", film, today=TODAY, cancel=cancel)
    assert _vault_files(home) == []
    assert not list(home.vault.root_dir.rglob("*.part"))
    assert home.store.load("F-1").cycles[0].recordings == ()


def test_clip_and_still_from_the_vault_then_retention_deletes_the_film_completely(
    home: Home, film: Path
):
    _case(home)
    result = import_recording(home, "F-1", film, today=TODAY)
    moment = home.store.add_moment("F-1", result.recording_id, 0.5, 1.5, title="A smile")
    clip_id = make_moment_clip(home, "F-1", moment)
    still = take_still(home, "F-1", result.recording_id, 1.0, caption="You smile", moment_id=moment)
    cycle = home.store.load("F-1").cycles[0]
    assert cycle.moments[0].clip_vault_id == clip_id
    with home.vault.open(clip_id) as fh:
        clip = probe(fh)
    assert clip.video_codec == "h264" and clip.duration_s == pytest.approx(1.0, abs=0.1)
    assert cycle.stills[0].id == still and cycle.stills[0].vault_id
    film_vault_id = cycle.recordings[0].vault_id

    assert delete_due_recordings(home, TODAY + timedelta(days=89)) == 0
    assert delete_due_recordings(home, TODAY + timedelta(days=90)) == 1
    assert not home.vault.exists(film_vault_id)
    with pytest.raises(VaultError):
        home.vault.open(film_vault_id)
    rec = home.store.load("F-1").cycles[0].recordings[0]
    assert rec.deleted_at is not None
    deleted = [e for e in home.store.audit_events("F-1") if e.action == "recording.delete"]
    assert deleted and deleted[0].detail["reason"] == "retention policy"
    assert home.vault.exists(clip_id)  # clips are kept with the record


def test_the_age_tool_opens_a_vault_file_with_the_recovery_key(home: Home, tmp_path: Path):
    if shutil.which("age") is None:
        pytest.skip("the age command is not installed")
    from vigguide.store.keys import RootSecret

    entry = home.vault.put_bytes(b"a clip IT needs to recover")
    identity = RootSecret.from_recovery_key(home.setup.recovery_key).age_identity()
    key_file = tmp_path / "identity.txt"
    key_file.write_text(identity + "\n")
    done = subprocess.run(
        ["age", "-d", "-i", str(key_file), str(home.vault.path_of(entry.id))],
        capture_output=True,
        check=True,
    )
    assert done.stdout == b"a clip IT needs to recover"


def test_the_original_is_removed_only_while_it_is_what_was_imported(tmp_path: Path, film: Path):
    from vigguide.errors import VigGuideError
    from vigguide.services.recordings import remove_original

    copy = tmp_path / "MOV_0001.MP4"
    copy.write_bytes(film.read_bytes())
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    copy.write_bytes(copy.read_bytes() + b"changed on the card")
    with pytest.raises(VigGuideError, match="has changed since it was imported, so it was kept"):
        remove_original(copy, digest)
    assert copy.exists()
    copy.write_bytes(film.read_bytes())
    remove_original(copy, digest)
    assert not copy.exists()
