"""Backups: a demo home with films is backed up to a folder and restored on "a new machine" (another
keyring, another folder) with the recovery key only; a second backup copies nothing new; damage to
a backup is named before anything is restored; a backup stopped half-way is never taken for one.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.keyrings import MemoryKeyring
from vigguide.demo import build_demo
from vigguide.services.recordings import delete_recording
from vigguide.store.backup import create_backup
from vigguide.store.backup_files import BackupError
from vigguide.store.backup_manifest import MANIFEST, verify_backup
from vigguide.store.custody import KeyCustody
from vigguide.store.home import Home, open_home
from vigguide.store.keys import RootSecret
from vigguide.store.restore import restore_backup

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 20)
SECRETS = (b"I didn't know he did that for me", b"Riverside Perinatal", b"Maya")


@dataclass
class Demo:
    path: Path
    recovery_key: str
    keyring: MemoryKeyring

    def open(self) -> Home:
        return open_home(self.path, custody=KeyCustody(self.path, backend=self.keyring))

    def root(self) -> RootSecret:
        return KeyCustody(self.path, backend=self.keyring).unlock()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """One demo home with films, clips and stills, built once; each test gets a copy."""
    base = tmp_path_factory.mktemp("demo")
    keyring = MemoryKeyring()
    with pytest.MonkeyPatch.context() as mp:
        (base / "runtime").mkdir(mode=0o700)
        mp.setenv("XDG_RUNTIME_DIR", str(base / "runtime"))
        home = open_home(base / "home", custody=KeyCustody(base / "home", backend=keyring))
        try:
            assert home.setup is not None
            build_demo(home, TODAY)
            recovery_key = home.setup.recovery_key
        finally:
            home.close()
    yield Demo(base / "home", recovery_key, keyring)


@pytest.fixture
def demo(demo_template: Demo, tmp_path: Path) -> Demo:
    path = tmp_path / "home"
    shutil.copytree(demo_template.path, path)
    keyring = MemoryKeyring()
    keyring.secrets = dict(demo_template.keyring.secrets)
    return Demo(path, demo_template.recovery_key, keyring)


def backup(demo: Demo, folder: Path):  # type: ignore[no-untyped-def]
    with demo.open() as home:
        return create_backup(home, demo.root(), folder)


def vault_bytes(home_path: Path) -> dict[str, bytes]:
    return {
        p.relative_to(home_path).as_posix(): p.read_bytes()
        for p in (home_path / "vault").rglob("*.age")
    }


def cases_of(home: Home) -> dict[str, object]:
    refs = [r[0] for r in home.store.conn.execute("SELECT ref FROM cases ORDER BY ref")]
    return {ref: home.store.load(ref) for ref in refs}


def new_machine(tmp_path: Path, demo: Demo, folder: Path) -> tuple[Path, MemoryKeyring]:
    """Restore `folder` into a fresh home with an empty keyring, using only the recovery key."""
    target, keyring = tmp_path / "new-machine" / "home", MemoryKeyring()
    restore_backup(folder, target, demo.recovery_key, custody=KeyCustody(target, backend=keyring))
    return target, keyring


def test_backup_restores_on_a_new_machine_with_the_recovery_key_only(demo: Demo, tmp_path: Path):
    with demo.open() as home:
        before = cases_of(home)
    folder = tmp_path / "usb" / "vigguide-backup"
    (tmp_path / "usb").mkdir()
    result = backup(demo, folder)
    # DEMO-001: film, 3 clips, 3 stills + thumbs; DEMO-004: 3 films, 3 clips, 3 stills + thumbs
    assert result.files == len(vault_bytes(demo.path)) == 22
    assert result.copied == result.files and result.missing == 0

    # encrypted, private, nothing personal readable, and the key itself nowhere in it
    root = demo.root()
    key_forms = (root.value, root.value.hex().encode(), demo.recovery_key.encode())
    assert (folder.stat().st_mode & 0o777) == 0o700
    for path in folder.rglob("*"):
        assert (path.stat().st_mode & 0o777) == (0o700 if path.is_dir() else 0o600), path
        if path.is_file():
            data = path.read_bytes()
            assert not data.startswith(b"SQLite format 3"), path
            assert not any(secret in data for secret in (*SECRETS, *key_forms)), path
    assert verify_backup(folder, demo.root()) == []
    assert (folder / "home" / "audit.head").is_file()  # the trail's head travels with the snapshot

    target, keyring = new_machine(tmp_path, demo, folder)
    assert vault_bytes(target) == vault_bytes(demo.path)
    with open_home(target, custody=KeyCustody(target, backend=keyring)) as restored:
        assert cases_of(restored) == before
        assert restored.store.audit_verify().ok
        last = restored.store.audit_events(limit=1)[0]
        assert last.action == "backup.restore" and last.detail == {"files": 22, "cases": 4}
        film = restored.store.load("DEMO-001").cycles[0].recordings[0]
        assert len(restored.vault.read_bytes(film.vault_id)) == film.size_bytes
    assert keyring.secrets  # the key was put in the new machine's keyring
    with demo.open() as home:
        event = home.store.audit_events(limit=1)[0]
    assert event.action == "backup.create"
    assert event.detail == {"files": 22, "copied": 22, "removed": 0, "missing": 0}


def test_second_backup_copies_no_vault_file_and_deleted_films_leave_the_backup(
    demo: Demo, tmp_path: Path
):
    folder = tmp_path / "backup"
    first = backup(demo, folder)
    inodes = {p: p.stat().st_ino for p in (folder / "vault").rglob("*.age")}
    second = backup(demo, folder)
    assert (second.files, second.copied, second.copied_bytes) == (first.files, 0, 0)
    assert {p: p.stat().st_ino for p in (folder / "vault").rglob("*.age")} == inodes
    assert len(list((folder / "db").iterdir())) == 1  # only the newest snapshot is kept

    with demo.open() as home:
        film = home.store.load("DEMO-001").cycles[0].recordings[0]
        # deleted in the database while the unlink failed (the file is still in the home):
        home.store.mark_recording_deleted("DEMO-001", film.id, "retention policy")
    film_rel = f"vault/{film.vault_id[:2]}/{film.vault_id}.age"
    assert (demo.path / film_rel).exists()
    third = backup(demo, folder)
    assert (third.files, third.copied, third.removed) == (first.files - 1, 0, 1)
    assert not (folder / film_rel).exists()
    assert verify_backup(folder, demo.root()) == []


def _damage_manifest(folder: Path) -> None:
    path = folder / MANIFEST
    path.write_text(path.read_text().replace('"created_at": "', '"created_at": "1'))


def _vault_file(folder: Path) -> Path:
    return max((folder / "vault").rglob("*.age"), key=lambda p: p.stat().st_size)


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _truncate_db(folder: Path) -> None:
    snap = next((folder / "db").iterdir())
    with open(snap, "r+b") as fh:
        fh.truncate(snap.stat().st_size // 2)


DAMAGE = {
    "tampered manifest": (_damage_manifest, "was altered after it was written"),
    "missing vault file": (lambda f: _vault_file(f).unlink(), ".age is missing"),
    "altered vault file": (lambda f: _flip_byte(_vault_file(f)), ".age was altered"),
    "truncated db snapshot": (_truncate_db, "has the wrong size"),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_backup_is_named_and_not_restored(demo: Demo, tmp_path: Path, damage: str):
    folder = tmp_path / "backup"
    backup(demo, folder)
    plant, message = DAMAGE[damage]
    plant(folder)
    problems = verify_backup(folder, demo.root())
    assert problems and message in " ".join(problems)
    target = tmp_path / "restored"
    with pytest.raises(BackupError) as exc:
        restore_backup(folder, target, demo.recovery_key, custody=KeyCustody(target))
    assert message in str(exc.value)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".restored")] == []


def test_a_snapshot_cut_short_and_rehashed_fails_its_database_check(demo: Demo, tmp_path: Path):
    """Even when the sizes and hashes are made to fit, a damaged snapshot fails SQLCipher's check."""
    import hashlib
    import json

    from vigguide.store.backup_manifest import sign

    folder = tmp_path / "backup"
    backup(demo, folder)
    snap = next((folder / "db").iterdir())
    _flip_byte(snap)
    body = json.loads((folder / MANIFEST).read_text())
    body.pop("mac")
    body["database"]["sha256"] = hashlib.sha256(snap.read_bytes()).hexdigest()
    (folder / MANIFEST).write_bytes(sign(body, demo.root()))
    assert "damaged" in " ".join(verify_backup(folder, demo.root()))


def test_restore_refuses_a_wrong_key_and_an_existing_home(demo: Demo, tmp_path: Path):
    folder = tmp_path / "backup"
    backup(demo, folder)
    other_key = RootSecret.generate().recovery_key()
    with pytest.raises(BackupError, match="This key does not open the backup"):
        restore_backup(folder, tmp_path / "new", other_key, custody=KeyCustody(tmp_path / "new"))
    assert not (tmp_path / "new").exists()

    db_before = (demo.path / "vigguide.db").read_bytes()
    with pytest.raises(BackupError, match="already a vigguide home"):
        restore_backup(folder, demo.path, demo.recovery_key, custody=KeyCustody(demo.path))
    assert (demo.path / "vigguide.db").read_bytes() == db_before


def test_backup_folder_rules(demo: Demo, tmp_path: Path):
    with pytest.raises(BackupError, match="inside the vigguide home"):
        backup(demo, demo.path / "backups")
    assert not (demo.path / "backups").exists()
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "holiday.jpg").write_bytes(b"x")
    with pytest.raises(BackupError, match="already holds other files"):
        backup(demo, tmp_path / "photos")
    with pytest.raises(BackupError, match="does not exist"):
        backup(demo, tmp_path / "unplugged" / "backup")

    # a link planted where the manifest goes is replaced, never written through
    folder = tmp_path / "backup"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (folder / MANIFEST).symlink_to(victim)
    backup(demo, folder)
    assert victim.read_text() == "keep me"
    assert not (folder / MANIFEST).is_symlink()

    # a backup of another home is never overwritten
    other = tmp_path / "other"
    with open_home(other, custody=KeyCustody(other, backend=MemoryKeyring())) as home:
        root = home.custody.unlock()
        with pytest.raises(BackupError, match="backup of another vigguide home"):
            create_backup(home, root, folder)


# a backup stopped half-way ----------------------------------------------------------------

_KILLER = """
import os, signal, sys
from pathlib import Path
from vigguide.store.backup import RememberingCustody, create_backup
from vigguide.store.home import open_home

home_path, folder = Path(sys.argv[1]), Path(sys.argv[2])
custody = RememberingCustody(home_path)
home = open_home(home_path, custody=custody, create=False)

def progress(fraction):
    if fraction > 0.3:  # in the middle of copying the big film
        os.kill(os.getpid(), signal.SIGKILL)

create_backup(home, custody.unlock(), folder, progress)
"""


def _killed_backup(home_path: Path, folder: Path, env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _KILLER, str(home_path), str(folder)],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_a_backup_killed_before_its_manifest_is_never_taken_for_one(
    tmp_path: Path, passphrase_env: dict[str, str]
):
    home_path = tmp_path / "home"
    with open_home(home_path) as home:
        assert home.setup is not None
        recovery_key = home.setup.recovery_key
        home.store.create_case("BIG-1", "Amira", "Noor")
        film = tmp_path / "film.bin"
        film.write_bytes(os.urandom(24 << 20))
        entry = home.vault.put_file(film)
        probe = {"duration_s": 1, "width": 2, "height": 2, "fps": 25, "video_codec": "h264"}
        home.store.add_recording(
            "BIG-1",
            vault_id=entry.id,
            sha256=entry.sha256,
            size_bytes=entry.size_bytes,
            probe=probe,
            delete_by=None,
        )
    folder = tmp_path / "backup"
    _killed_backup(home_path, folder, passphrase_env)
    assert not (folder / MANIFEST).exists() and (folder / "db").is_dir()
    target = tmp_path / "restored"
    with pytest.raises(BackupError, match="unfinished backup"):
        restore_backup(folder, target, recovery_key)
    assert not target.exists()

    # finished the next time; then a second run killed half-way leaves the first one good
    with open_home(home_path) as home:
        root = KeyCustody(home_path).unlock()
        first = create_backup(home, root, folder)
        assert first.files == 1
        home.store.create_case("BIG-2", "Bea", "Kit")
        entry2 = home.vault.put_file(film)
        home.store.add_recording(
            "BIG-2",
            vault_id=entry2.id,
            sha256=entry2.sha256,
            size_bytes=entry2.size_bytes,
            probe=probe,
            delete_by=None,
        )
    _killed_backup(home_path, folder, passphrase_env)
    assert verify_backup(folder, root) == []
    restore_backup(folder, target, recovery_key)
    with open_home(target) as restored:
        assert restored.store.count_cases(status=None) == 1  # the first backup, whole
        assert restored.store.audit_verify().ok


def test_delete_then_restore_keeps_the_film_deleted(demo: Demo, tmp_path: Path):
    with demo.open() as home:
        film = home.store.load("DEMO-001").cycles[0].recordings[0]
        delete_recording(home, "DEMO-001", film.id, "retention policy")
    folder = tmp_path / "backup"
    backup(demo, folder)
    target, keyring = new_machine(tmp_path, demo, folder)
    with open_home(target, custody=KeyCustody(target, backend=keyring)) as restored:
        assert not restored.vault.exists(film.vault_id)
        assert restored.store.load("DEMO-001").cycles[0].recordings[0].deleted_at is not None


_RESTORE_KILLER = """
import os, signal, sys
from pathlib import Path
from vigguide.store.restore import restore_backup

def progress(fraction):
    if fraction > 0.3:
        os.kill(os.getpid(), signal.SIGKILL)

restore_backup(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], progress=progress)
"""


def test_a_restore_killed_half_way_leaves_no_home_and_is_tidied_next_time(
    demo: Demo, tmp_path: Path
):
    folder = tmp_path / "backup"
    backup(demo, folder)
    target = tmp_path / "machine" / "home"
    done = subprocess.run(
        [sys.executable, "-c", _RESTORE_KILLER, str(folder), str(target), demo.recovery_key],
        cwd=REPO,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert not target.exists()
    assert [p.name[:16] for p in target.parent.iterdir()] == [".home.restoring-"]

    restore_backup(
        folder, target, demo.recovery_key, custody=KeyCustody(target, backend=MemoryKeyring())
    )
    assert sorted(p.name for p in target.parent.iterdir()) == ["home"]
    assert vault_bytes(target) == vault_bytes(demo.path)
