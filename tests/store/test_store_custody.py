"""Key custody: a real keyring or a passphrase, never plaintext; wrong secrets are refused plainly."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.keyrings import MemoryKeyring, PlaintextLookalike
from vigguide.cli import main
from vigguide.errors import UnlockError
from vigguide.store.custody import KeyCustody, real_backend
from vigguide.store.db import DB_FILE
from vigguide.store.home import open_home, recover_home
from vigguide.store.keys import RootSecret

REPO = Path(__file__).resolve().parents[2]
PASS = "a passphrase only tests use"


def test_keyring_custody_keeps_nothing_secret_in_the_key_file(tmp_path: Path):
    backend = MemoryKeyring()
    with open_home(tmp_path, custody=KeyCustody(tmp_path, backend=backend)) as home:
        assert home.setup is not None and home.setup.custody == "keyring"
        root_hex = next(iter(backend.secrets.values()))
    record = json.loads((tmp_path / "key.json").read_text())
    assert record["custody"] == "keyring"
    assert root_hex not in (tmp_path / "key.json").read_text()
    with open_home(tmp_path, custody=KeyCustody(tmp_path, backend=backend)) as home:
        assert home.setup is None


def test_plaintext_keyring_lookalikes_are_refused():
    assert real_backend(PlaintextLookalike()) is None
    assert real_backend(MemoryKeyring()) is None  # trusted only when a test injects it


def test_without_a_real_keyring_a_passphrase_wraps_the_key(tmp_path: Path, monkeypatch):
    import keyring

    monkeypatch.setattr(keyring, "get_keyring", lambda: PlaintextLookalike())
    custody = KeyCustody(tmp_path, passphrase=lambda choosing: PASS)
    assert custody.backend is None
    with open_home(tmp_path, custody=custody) as home:
        assert home.setup is not None
        assert home.setup.custody == "passphrase"
        assert "no system keyring" in home.setup.note
        assert RootSecret.from_recovery_key(home.setup.recovery_key)
    record = json.loads((tmp_path / "key.json").read_text())
    assert record["kdf"]["name"] == "argon2id"
    assert PASS not in json.dumps(record)


def test_short_passphrase_is_refused_before_anything_is_written(tmp_path: Path):
    custody = KeyCustody(tmp_path, backend=None, detect_backend=False, passphrase=lambda c: "short")
    with pytest.raises(UnlockError, match="too short"):
        open_home(tmp_path, custody=custody)
    assert not (tmp_path / "key.json").exists() and not (tmp_path / DB_FILE).exists()


def test_wrong_passphrase_on_the_cli_exit_2_no_traceback_nothing_written(
    tmp_path: Path, passphrase_env
):
    home_dir = tmp_path / "home"
    with open_home(home_dir) as home:
        home.store.create_case("W-1", "Amira", "Noor")
    before = {p.name: p.read_bytes() for p in home_dir.iterdir() if p.is_file()}
    env = {**passphrase_env, "VIGGUIDE_PASSPHRASE": "not the right passphrase"}
    done = subprocess.run(
        [sys.executable, "-m", "vigguide", "--home", str(home_dir), "audit", "verify"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert "That passphrase does not unlock this vigguide home." in done.stderr
    assert "Traceback" not in done.stderr and "hmac" not in done.stderr.lower()
    after = {p.name: p.read_bytes() for p in home_dir.iterdir() if p.is_file()}
    assert after == before


def test_recovery_key_unlocks_and_rewraps(tmp_path: Path, passphrase_env, monkeypatch):
    home_dir = tmp_path / "home"
    with open_home(home_dir) as home:
        recovery = home.setup.recovery_key
        home.store.create_case("R-1", "Amira", "Noor")
    (home_dir / "key.json").unlink()  # the key is lost
    with pytest.raises(Exception, match="key file of this vigguide home is missing"):
        open_home(home_dir)
    monkeypatch.setenv("VIGGUIDE_PASSPHRASE", "a brand new passphrase")
    with pytest.raises(UnlockError, match="does not open this vigguide home"):
        recover_home(home_dir, RootSecret.generate().recovery_key())
    assert recover_home(home_dir, recovery.lower())
    with open_home(home_dir) as home:
        assert home.store.case("R-1").parent_name == "Amira"
        assert home.store.audit_events()[0].action == "key.recover"


def test_key_recover_cli_reads_the_key_from_stdin(tmp_path: Path, passphrase_env):
    home_dir = tmp_path / "home"
    with open_home(home_dir) as home:
        recovery = home.setup.recovery_key
    done = subprocess.run(
        [sys.executable, "-m", "vigguide", "--home", str(home_dir), "key", "recover"],
        input="VIG1-AAAAAA-BBBBBB\n",
        capture_output=True,
        text=True,
        env=passphrase_env,
        cwd=REPO,
    )
    assert done.returncode == 2 and "recovery key is not right" in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "vigguide", "--home", str(home_dir), "key", "recover"],
        input=recovery + "\n",
        capture_output=True,
        text=True,
        env=passphrase_env,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert "unlocked again" in done.stdout


def test_no_passphrase_and_no_terminal_says_what_to_do(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("VIGGUIDE_KEY_CUSTODY", "passphrase")
    assert main(["--home", str(tmp_path / "h"), "audit", "verify"]) == 2


SECRET_SERVICE_SCRIPT = """
import json, sys
from pathlib import Path
import keyring
from vigguide.store.custody import KeyCustody
from vigguide.store.home import open_home
home_dir = Path(sys.argv[1])
custody = KeyCustody(home_dir)
print(json.dumps({"backend": type(custody.backend).__module__ if custody.backend else None}))
with open_home(home_dir, custody=custody) as home:
    home.store.create_case("SS-1", "Amira", "Noor")
    print(json.dumps({"custody": home.setup.custody}))
with open_home(home_dir, custody=KeyCustody(home_dir)) as home:
    print(json.dumps({"reopened": home.store.case("SS-1").parent_name}))
"""


@pytest.mark.secretservice
def test_real_secret_service_keeps_the_key(tmp_path: Path):
    """gnome-keyring in a private D-Bus session, as on a Linux desktop."""
    needed = ("dbus-run-session", "gnome-keyring-daemon")
    if not all(shutil.which(tool) for tool in needed):
        if os.environ.get("CI"):
            pytest.fail("CI must install gnome-keyring and dbus (see .ci/run)")
        pytest.skip("gnome-keyring and dbus are not installed here")
    script = tmp_path / "ss.py"
    script.write_text(SECRET_SERVICE_SCRIPT)
    fake_home = tmp_path / "user"
    fake_home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS", "VIGGUIDE"))}
    env.update(HOME=str(fake_home), PYTHONPATH=str(REPO), XDG_RUNTIME_DIR=str(tmp_path / "runtime"))
    inner = (
        "echo -n unlock-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        f"{sys.executable} {script} {tmp_path / 'home'}"
    )
    done = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", inner],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines[0]["backend"] == "keyring.backends.SecretService"
    assert lines[1]["custody"] == "keyring"
    assert lines[2]["reopened"] == "Amira"
    assert json.loads((tmp_path / "home" / "key.json").read_text())["custody"] == "keyring"


# a damaged key.json: a plain message, never a traceback, a MemoryError or a hang --------------


def _edit_key_file(home_dir: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = home_dir / "key.json"
    record = json.loads(path.read_text())
    path.write_text(json.dumps(change(record)))


KEY_FILE_DAMAGE = {
    "a list": lambda r: [r],
    "a string": lambda r: "vigguide",
    "a number": lambda r: 7,
    "null": lambda r: None,
    "no home id": lambda r: {k: v for k, v in r.items() if k != "home_id"},
    "a home id that is a list": lambda r: {**r, "home_id": [r["home_id"]]},
    "no kdf": lambda r: {k: v for k, v in r.items() if k != "kdf"},
    "kdf is a string": lambda r: {**r, "kdf": "argon2id"},
    "huge memory": lambda r: {**r, "kdf": {**r["kdf"], "memory_kib": 2**40}},
    "memory as text": lambda r: {**r, "kdf": {**r["kdf"], "memory_kib": "65536"}},
    "huge iterations": lambda r: {**r, "kdf": {**r["kdf"], "iterations": 10**9}},
    "zero lanes": lambda r: {**r, "kdf": {**r["kdf"], "lanes": 0}},
    "huge lanes": lambda r: {**r, "kdf": {**r["kdf"], "lanes": 2**24}},
    "salt not base64": lambda r: {**r, "kdf": {**r["kdf"], "salt": "not base64!"}},
    "short nonce": lambda r: {**r, "nonce": "AAAA"},
    "wrapped cut": lambda r: {**r, "wrapped": r["wrapped"][:20]},
    "wrapped a number": lambda r: {**r, "wrapped": 12},
}


@pytest.mark.parametrize("kind", list(KEY_FILE_DAMAGE))
def test_a_damaged_key_file_is_named_on_the_cli_exit_2(
    kind: str, tmp_path: Path, passphrase_env, capsys
):
    home_dir = tmp_path / "home"
    open_home(home_dir).close()
    _edit_key_file(home_dir, KEY_FILE_DAMAGE[kind])
    db_before = (home_dir / DB_FILE).read_bytes()
    assert main(["--home", str(home_dir), "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert f"The key file {home_dir / 'key.json'} is damaged." in err
    assert "vigguide key recover" in err
    assert "Traceback" not in err
    assert (home_dir / DB_FILE).read_bytes() == db_before


def test_a_key_file_of_another_kind_is_not_understood(tmp_path: Path, passphrase_env, capsys):
    home_dir = tmp_path / "home"
    open_home(home_dir).close()
    _edit_key_file(home_dir, lambda r: {**r, "custody": "plaintext"})
    assert main(["--home", str(home_dir), "audit", "verify"]) == 2
    assert "is not one vigguide understands" in capsys.readouterr().err


def test_a_damaged_key_file_can_be_replaced_with_the_recovery_key(tmp_path: Path, passphrase_env):
    home_dir = tmp_path / "home"
    seen: list[str] = []
    open_home(home_dir, on_setup=lambda s: seen.append(s.recovery_key)).close()
    (home_dir / "key.json").write_text("[]")
    recover_home(home_dir, seen[0])
    with open_home(home_dir) as home:
        assert home.store.audit_verify().ok
