"""A damaged home is named as damaged: a missing, empty, cut or foreign case store is refused with
its own message, never recreated, and left byte for byte as it was found; a wrong key and a full
disk each get a different message."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.keyrings import MemoryKeyring
from vigguide.cli import main
from vigguide.errors import DiskFullError, UnlockError
from vigguide.store.custody import KeyCustody
from vigguide.store.db import DB_FILE, DamagedStoreError, open_database
from vigguide.store.home import open_home, recover_home
from vigguide.store.keys import RootSecret


def _made_home(home_dir: Path, custody: KeyCustody) -> None:
    with open_home(home_dir, custody=custody) as home:
        for i in range(40):  # enough rows for a store of several pages
            home.store.create_case(f"D-{i}", f"Parent {i}", "Baby")
            home.store.add_question(f"D-{i}", "What do I do that helps my baby settle? " * 4)


@pytest.fixture
def made(home_dir: Path, keyring_backend: MemoryKeyring) -> KeyCustody:
    custody = KeyCustody(home_dir, backend=keyring_backend)
    _made_home(home_dir, custody)
    assert (home_dir / DB_FILE).stat().st_size > 60_000
    return custody


def _cut(size: int) -> Callable[[Path], None]:
    return lambda db: os.truncate(db, size)


def _plain_sqlite(db: Path) -> None:
    db.unlink()
    with sqlite3.connect(db) as plain:
        plain.execute("CREATE TABLE t (x)")


DAMAGE = {
    "empty": (_cut(0), "it is empty (0 bytes)"),
    "cut to 4 KB": (_cut(4096), "its first page opens but the rest cannot be read"),
    "cut to 50 KB": (_cut(50 * 1024), "it is cut short (51200 bytes"),
    "not encrypted": (_plain_sqlite, "it is not encrypted"),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_store_is_refused_named_and_left_untouched(
    kind: str, made: KeyCustody, home_dir: Path
):
    damage, words = DAMAGE[kind]
    db = home_dir / DB_FILE
    damage(db)
    before = sorted(p.name for p in home_dir.iterdir())
    data = db.read_bytes()
    with pytest.raises(DamagedStoreError) as caught:
        open_home(home_dir, custody=made)
    message = str(caught.value)
    assert f"The case store {db} is damaged: {words}" in message
    assert "vigguide restore" in message
    assert "recovery key" not in message and "does not open" not in message
    assert db.read_bytes() == data  # never recreated, not a byte written
    assert sorted(p.name for p in home_dir.iterdir()) == before


def test_a_missing_store_is_not_made_again_when_the_home_has_a_key(
    made: KeyCustody, home_dir: Path
):
    (home_dir / DB_FILE).unlink()
    with pytest.raises(DamagedStoreError) as caught:
        open_home(home_dir, custody=made)
    assert "is missing" in str(caught.value) and "vigguide restore" in str(caught.value)
    assert not (home_dir / DB_FILE).exists()
    assert not any(p.name.startswith(DB_FILE) for p in home_dir.iterdir())


def test_a_wrong_key_and_a_cut_file_get_different_messages(made: KeyCustody, home_dir: Path):
    db = home_dir / DB_FILE
    with pytest.raises(UnlockError) as wrong:
        open_database(db, RootSecret.generate().database_key(), create=False)
    os.truncate(db, 4096)
    with pytest.raises(DamagedStoreError) as cut:
        open_home(home_dir, custody=made)
    assert "The key does not open this case store" in str(wrong.value)
    assert "damaged" in cut.value.message and "does not open" not in cut.value.message
    assert wrong.value.message != cut.value.message


def test_recovery_does_not_take_a_damaged_store_for_a_wrong_key(
    made: KeyCustody, home_dir: Path, keyring_backend: MemoryKeyring
):
    home_id = KeyCustody(home_dir, backend=keyring_backend)._read()["home_id"]
    root = RootSecret(bytes.fromhex(keyring_backend.secrets[("vigguide", f"home-{home_id}")]))
    os.truncate(home_dir / DB_FILE, 4096)
    with pytest.raises(DamagedStoreError):
        recover_home(home_dir, root.recovery_key(), custody=made)


def test_cli_audit_verify_on_an_emptied_store_exits_2_with_the_damaged_message(
    tmp_path: Path, passphrase_env: dict[str, str], capsys: pytest.CaptureFixture[str]
):
    home_dir = tmp_path / "home"
    open_home(home_dir).close()
    db = home_dir / DB_FILE
    os.truncate(db, 0)
    assert main(["--home", str(home_dir), "audit", "verify"]) == 2
    out, err = capsys.readouterr()
    assert "intact" not in out
    assert f"The case store {db} is damaged: it is empty (0 bytes)" in err
    assert "vigguide restore" in err
    assert db.stat().st_size == 0


# a full disk: a real tiny file system (tmpfs), where the system allows mounting one ----------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("this system does not allow mounting a tmpfs")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill_disk(mount: Path, leave: int = 0) -> Path:
    filler = mount / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def test_a_full_disk_gets_its_own_message_and_nothing_half_saved(
    tiny_disk: Path, keyring_backend: MemoryKeyring
):
    home_dir = tiny_disk / "home"
    custody = KeyCustody(home_dir, backend=keyring_backend)
    with open_home(home_dir, custody=custody) as home:
        home.store.create_case("F-1", "Parent", "Baby")
        filler = _fill_disk(tiny_disk)
        with pytest.raises(DiskFullError) as caught:
            for i in range(200):
                home.store.add_question("F-1", f"Question {i} " + "words " * 200)
        assert caught.value.message.startswith("The disk is full")
        assert "damaged" not in str(caught.value) and "does not open" not in str(caught.value)
        filler.unlink()
        saved = home.store.load("F-1").questions
    with open_home(home_dir, custody=custody) as home:
        assert home.store.load("F-1").questions == saved  # the refused change left no trace
        assert home.store.audit_verify().ok


def test_opening_a_home_on_a_disk_with_4_kb_free_says_the_disk_is_full(
    tiny_disk: Path, keyring_backend: MemoryKeyring
):
    home_dir = tiny_disk / "home"
    custody = KeyCustody(home_dir, backend=keyring_backend)
    with open_home(home_dir, custody=custody) as home:
        for i in range(20):
            home.store.create_case(f"F-{i}", "Parent", "Baby")
    data = (home_dir / DB_FILE).read_bytes()
    filler = _fill_disk(tiny_disk, leave=4096)
    with pytest.raises(DiskFullError) as caught:
        open_home(home_dir, custody=custody).close()
    assert caught.value.message.startswith("The disk is full")
    assert (home_dir / DB_FILE).read_bytes() == data
    filler.unlink()
    with open_home(home_dir, custody=custody) as home:
        assert home.store.count_cases() == 20 and home.store.audit_verify().ok


def test_a_set_up_that_cannot_make_its_store_leaves_no_key_behind(
    tiny_disk: Path, keyring_backend: MemoryKeyring
):
    home_dir = tiny_disk / "home"
    filler = _fill_disk(tiny_disk, leave=8192)
    with pytest.raises(DiskFullError):
        open_home(home_dir, custody=KeyCustody(home_dir, backend=keyring_backend))
    assert not home_dir.exists()  # the folder this set-up made goes too: nothing half-made
    assert keyring_backend.secrets == {}
    filler.unlink()  # with room again, the next start simply sets the home up
    with open_home(home_dir, custody=KeyCustody(home_dir, backend=keyring_backend)) as home:
        assert home.store.audit_verify().ok


def test_a_partial_left_by_a_kill_while_replacing_the_audit_head_is_swept(tmp_path: Path) -> None:
    """The head file is replaced atomically; a kill in between leaves only a hidden partial, which
    the next start removes (the head itself is whole, so the trail still verifies)."""
    from tests.keyrings import MemoryKeyring
    from vigguide.store.custody import KeyCustody
    from vigguide.store.home import open_home

    keyring = MemoryKeyring()
    folder = tmp_path / "home"
    with open_home(folder, custody=KeyCustody(folder, backend=keyring)):
        pass
    partial = folder / ".audit.head.0badc0de.part"
    partial.write_text("1:00")
    with open_home(folder, custody=KeyCustody(folder, backend=keyring)) as home:
        assert home.store.audit_verify().ok
    assert not partial.exists()
    assert (folder / "audit.head").is_file()
