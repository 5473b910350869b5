"""The media vault: standard age files, random-access reads checked against pyrage, damage found."""

from __future__ import annotations

import os
import stat
import tracemalloc
from pathlib import Path

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigguide.errors import VaultError
from vigguide.store.home import Home
from vigguide.store.keys import RootSecret
from vigguide.store.vault import Vault

DATA = os.urandom(3 * 65536 + 1234)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Vault, str, RootSecret]:
    root = RootSecret.generate()
    vault = Vault(tmp_path_factory.mktemp("vault"), root)
    return vault, vault.put_bytes(DATA).id, root


def test_a_vault_file_is_a_standard_age_file_the_recovery_key_opens(sample):
    vault, vault_id, root = sample
    raw = vault.path_of(vault_id).read_bytes()
    assert raw.startswith(b"age-encryption.org/v1\n")
    assert DATA[:64] not in raw
    # IT's path: recovery key -> age identity -> plain age tools (pyrage is the age library).
    recovered = RootSecret.from_recovery_key(root.recovery_key())
    identity = pyrage.x25519.Identity.from_str(recovered.age_identity())
    assert pyrage.decrypt(raw, [identity]) == DATA


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(offset=st.integers(0, len(DATA) + 10), length=st.integers(0, 3 * 65536))
def test_random_access_reads_match_pyrage(sample, offset: int, length: int):
    vault, vault_id, root = sample
    identity = pyrage.x25519.Identity.from_str(root.age_identity())
    plain = pyrage.decrypt(vault.path_of(vault_id).read_bytes(), [identity])
    with vault.open(vault_id) as fh:
        fh.seek(offset)
        assert fh.read(length) == plain[offset : offset + length]


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 131072])
def test_chunk_boundaries_round_trip(tmp_path: Path, size: int):
    vault = Vault(tmp_path, RootSecret.generate())
    data = os.urandom(size)
    entry = vault.put_bytes(data)
    assert entry.size_bytes == size
    assert vault.read_bytes(entry.id) == data
    with vault.open(entry.id) as fh:
        assert fh.seek(0, os.SEEK_END) == size


def test_sha256_is_recorded_in_the_same_pass(tmp_path: Path):
    import hashlib

    vault = Vault(tmp_path, RootSecret.generate())
    src = tmp_path / "film.bin"
    src.write_bytes(DATA)
    entry = vault.put_file(src)
    assert entry.sha256 == hashlib.sha256(DATA).hexdigest()
    mode = stat.S_IMODE(vault.path_of(entry.id).stat().st_mode)
    assert mode == 0o600


def test_truncated_file_is_refused_with_a_plain_message(tmp_path: Path):
    vault = Vault(tmp_path, RootSecret.generate())
    entry = vault.put_bytes(DATA)
    path = vault.path_of(entry.id)
    path.write_bytes(path.read_bytes()[: -65536 - 16])  # a whole chunk gone: still "aligned"
    with pytest.raises(VaultError, match="damaged"):
        vault.open(entry.id)


def test_altered_byte_is_detected_when_that_chunk_is_read(tmp_path: Path):
    vault = Vault(tmp_path, RootSecret.generate())
    entry = vault.put_bytes(DATA)
    path = vault.path_of(entry.id)
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(VaultError, match="altered"), vault.open(entry.id) as fh:
        fh.read()


def test_altered_header_is_detected_at_open(tmp_path: Path):
    vault = Vault(tmp_path, RootSecret.generate())
    entry = vault.put_bytes(b"hello")
    path = vault.path_of(entry.id)
    raw = path.read_bytes().replace(
        b"age-encryption.org/v1\n-> X25519 ", b"age-encryption.org/v1\n-> X25519 A", 1
    )
    path.write_bytes(raw)
    with pytest.raises(VaultError):
        vault.open(entry.id)


def test_another_homes_file_is_refused(tmp_path: Path):
    ours = Vault(tmp_path / "a", RootSecret.generate())
    theirs = Vault(tmp_path / "b", RootSecret.generate())
    entry = theirs.put_bytes(b"not yours")
    target = ours.path_of(entry.id)
    target.parent.mkdir(parents=True)
    target.write_bytes(theirs.path_of(entry.id).read_bytes())
    with pytest.raises(VaultError, match="not made for this vigguide home"):
        ours.open(entry.id)


def test_memory_stays_flat_reading_a_large_file(tmp_path: Path):
    vault = Vault(tmp_path, RootSecret.generate())
    size = 64 * 1024 * 1024
    src = tmp_path / "big.bin"
    with open(src, "wb") as fh:
        fh.truncate(size)  # sparse: cheap to make, still 64 MiB to encrypt
    tracemalloc.start()
    entry = vault.put_file(src)
    with vault.open(entry.id) as fh:
        for offset in range(0, size, size // 50):
            fh.seek(offset)
            assert fh.read(1 << 20).count(0) >= 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, f"peak {peak} bytes"


def test_working_directory_is_private_and_wiped(home: Home):
    with home.vault.workdir() as work:
        assert stat.S_IMODE(work.stat().st_mode) == 0o700
        assert str(work).startswith(os.environ["XDG_RUNTIME_DIR"])
        (work / "span.mp4").write_bytes(b"x")
    assert not work.exists()


def test_leftovers_are_swept_at_start_up(home: Home):
    with home.vault.workdir() as work:
        pass
    leftover = work.parent / "work-crashed"
    leftover.mkdir()
    (leftover / "span.mp4").write_bytes(b"plaintext span")
    part = home.vault.root_dir / "ab" / ".abc.age.1234.part"
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(b"half")
    assert home.vault.sweep() == 2
    assert not leftover.exists() and not part.exists()


def test_delete_removes_the_file(home: Home):
    entry = home.vault.put_bytes(b"clip")
    assert home.vault.delete(entry.id)
    assert not home.vault.exists(entry.id)
    with pytest.raises(VaultError, match="missing"):
        home.vault.open(entry.id)


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from vigguide.store.keys import RootSecret
from vigguide.store.vault import Vault
from vigguide.errors import DiskFullError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG, like a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
vault = Vault(Path(sys.argv[1]), RootSecret.generate())
try:
    vault.put_file(Path(sys.argv[2]))
except Exception as exc:
    print(type(exc).__name__, exc)
"""


def test_a_write_that_fails_half_way_leaves_nothing_behind(tmp_path: Path):
    import subprocess
    import sys

    src = tmp_path / "film.bin"
    src.write_bytes(os.urandom(150_000))
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(400_000))
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(tmp_path / "home"), str(big)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("DiskFullError The disk is full"), done.stdout + done.stderr
    assert not [p for p in (tmp_path / "home").rglob("*") if p.is_file()]


def test_a_bound_file_replaced_on_disk_is_refused_plainly(home: Home):
    clip = home.vault.put_bytes(b"the family's clip", kind="clip")
    other = home.vault.put_bytes(b"another clip", kind="clip")
    home.vault.settle(clip, other)
    assert home.vault.read_bytes(clip.id) == b"the family's clip"
    path = home.vault.path_of(clip.id)
    path.write_bytes(home.vault.path_of(other.id).read_bytes())  # a valid age file, not its own
    with pytest.raises(VaultError, match="This clip's file has been replaced or swapped") as err:
        home.vault.open(clip.id)
    assert "vigguide check" in err.value.hint
    path.write_bytes(b"not even an age file")
    with pytest.raises(VaultError, match="This clip's file has been replaced or swapped"):
        home.vault.read_bytes(clip.id)
