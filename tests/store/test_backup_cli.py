"""`vigguide backup DIR [--verify]` and `vigguide restore DIR --home NEW` as a person runs them:
plain messages, exit 0 / 1 (problems found) / 2 (cannot be done), never a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from vigguide.store.custody import KeyCustody
from vigguide.store.home import open_home

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vigguide", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        input=stdin,
        timeout=120,
    )


def test_backup_verify_and_restore_from_the_command_line(
    tmp_path: Path, passphrase_env: dict[str, str]
):
    home = tmp_path / "home"
    with open_home(home) as opened:
        assert opened.setup is not None
        recovery_key = opened.setup.recovery_key
        opened.store.create_case("CLI-1", "Amira", "Noor")
        opened.vault.put_bytes(b"a leftover no row names")  # not backed up
    folder = tmp_path / "backup"

    done = run("--home", str(home), "backup", str(folder), env=passphrase_env)
    assert done.returncode == 0, done.stderr
    assert "0 vault file(s)" in done.stdout and "recovery key" in done.stdout
    again = run("--home", str(home), "backup", str(folder), "--verify", env=passphrase_env)
    assert again.returncode == 0 and "complete" in again.stdout
    checked = run("--home", str(home), "check", "--backup", str(folder), env=passphrase_env)
    assert checked.returncode == 0 and "complete" in checked.stdout  # `check` pointed at it

    # restore on a new machine: another passphrase, the recovery key on stdin
    new_env = {**passphrase_env, "VIGGUIDE_PASSPHRASE": "the new laptop's passphrase"}
    target = tmp_path / "new" / "home"
    restored = run("restore", str(folder), "--home", str(target), env=new_env, stdin=recovery_key)
    assert restored.returncode == 0, restored.stderr
    assert "1 case(s)" in restored.stdout
    verify = run("--home", str(target), "audit", "verify", env=new_env)
    assert verify.returncode == 0 and "intact" in verify.stdout
    with open_home(target, custody=KeyCustody(target, env=new_env)) as new_home:
        assert new_home.store.case("CLI-1").parent_name == "Amira"

    # an existing home is not overwritten
    twice = run("restore", str(folder), "--home", str(target), env=new_env, stdin=recovery_key)
    assert twice.returncode == 2 and "never overwrites" in twice.stderr

    # damage: problems listed, exit 1; then restore refuses with exit 2
    snap = next((folder / "db").iterdir())
    snap.write_bytes(snap.read_bytes()[:4096])
    bad = run("--home", str(home), "backup", str(folder), "--verify", env=passphrase_env)
    assert bad.returncode == 1 and "has the wrong size" in bad.stdout
    bad_check = run("--home", str(home), "check", "--backup", str(folder), env=passphrase_env)
    assert bad_check.returncode == 1 and "has the wrong size" in bad_check.stdout
    other = tmp_path / "other"
    refused = run("restore", str(folder), "--home", str(other), env=new_env, stdin=recovery_key)
    assert refused.returncode == 2 and "nothing was restored" in refused.stderr
    assert not other.exists()

    for result in (done, again, checked, restored, twice, bad, bad_check, refused):
        assert "Traceback" not in result.stderr


def test_plain_refusals_exit_2(tmp_path: Path, passphrase_env: dict[str, str]):
    home = tmp_path / "home"
    with open_home(home) as opened:
        assert opened.setup is not None
        recovery_key = opened.setup.recovery_key
    (tmp_path / "empty").mkdir()
    cases = [
        (("backup", str(home / "inside")), "inside the vigguide home"),
        (("backup", str(tmp_path / "empty"), "--verify"), "not a vigguide backup"),
        (("backup", str(tmp_path / "nowhere"), "--verify"), "There is no folder"),
    ]
    for args, message in cases:
        done = run("--home", str(home), *args, env=passphrase_env)
        assert done.returncode == 2, (args, done.stderr)
        assert message in done.stderr and "Traceback" not in done.stderr
    done = run(
        "restore",
        str(tmp_path / "empty"),
        "--home",
        str(tmp_path / "r"),
        env=passphrase_env,
        stdin=recovery_key,
    )
    assert done.returncode == 2 and "not a vigguide backup" in done.stderr
