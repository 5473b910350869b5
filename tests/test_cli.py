"""The command line: version, doctor, and plain messages with exit code 2 for bad input."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from vigguide import __version__
from vigguide.cli import main
from vigguide.domain import ConsentScope
from vigguide.store.home import open_home

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, env=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vigguide", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_version_is_single_sourced():
    done = run("--version")
    assert done.stdout.strip() == f"vigguide {__version__}"
    toml = (REPO / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in toml and "__version__" not in toml


def test_doctor_reports_each_need(tmp_path: Path, passphrase_env):
    done = run("--home", str(tmp_path / "home"), "doctor", env=passphrase_env)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("ffmpeg", "PyAV", "WeasyPrint", "keyring", "data folder", "free disk"):
        assert name in done.stdout
    assert "libx264 yes" in done.stdout


def test_doctor_flags_a_home_others_can_read(tmp_path: Path, passphrase_env):
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    done = run("--home", str(home), "doctor", env=passphrase_env)
    assert done.returncode == 1
    assert "chmod 700" in done.stdout


def _home_with_case(home_dir: Path, *, filming: bool = True) -> None:
    with open_home(home_dir) as home:
        home.store.create_case("IMP-1", "Amira", "Noor")
        if filming:
            home.store.set_consent("IMP-1", ConsentScope.FILMING, date(2026, 10, 1))


def _vault_files(home_dir: Path) -> list[Path]:
    return (
        [p for p in (home_dir / "vault").rglob("*") if p.is_file()]
        if (home_dir / "vault").exists()
        else []
    )


def test_import_of_bad_files_exit_2_one_line_and_nothing_half_imported(
    tmp_path: Path, passphrase_env, capsys
):
    home_dir = tmp_path / "home"
    _home_with_case(home_dir)
    text = tmp_path / "notes.mp4"
    text.write_text("This is a text file, not a film.\n" * 20)
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    noise = tmp_path / "noise.mov"
    noise.write_bytes(bytes(range(256)) * 64)
    cases = {
        tmp_path / "missing.mp4": "was not found",
        text: "text file",
        empty: "empty",
        noise: noise.name,
    }
    for path, words in cases.items():
        assert main(["--home", str(home_dir), "import", "IMP-1", str(path)]) == 2
        err = capsys.readouterr().err
        assert words in err, err
        assert "Traceback" not in err
        assert err.splitlines()[0].startswith("vigguide: ")
    assert _vault_files(home_dir) == []
    with open_home(home_dir) as home:
        assert home.store.load("IMP-1").cycles[0].recordings == ()


def test_import_without_filming_consent_is_refused(tmp_path: Path, passphrase_env, capsys):
    home_dir = tmp_path / "home"
    _home_with_case(home_dir, filming=False)
    film = tmp_path / "film.mp4"
    film.write_bytes(b"\x00" * 100)
    assert main(["--home", str(home_dir), "import", "IMP-1", str(film)]) == 2
    err = capsys.readouterr().err
    assert "No consent to film yet" in err
    assert _vault_files(home_dir) == []


def test_unknown_case_is_a_plain_message(tmp_path: Path, passphrase_env, capsys):
    home_dir = tmp_path / "home"
    _home_with_case(home_dir)
    assert main(["--home", str(home_dir), "import", "NOPE-9", str(tmp_path / "x.mp4")]) == 2
    assert "There is no case NOPE-9." in capsys.readouterr().err


def test_guidance_check_names_the_broken_file_and_line(tmp_path: Path):
    home = tmp_path / "home"
    assert run("--home", str(home), "guidance", "check").returncode == 0
    (home / "guidance").mkdir(parents=True)
    (home / "guidance" / "local.toml").write_text(
        '[[example]]\ntheme = "play"\ntext = "What am I doing\n'
    )
    done = run("--home", str(home), "guidance", "check")
    assert done.returncode == 1
    assert "local.toml, line" in done.stdout


def test_home_may_come_after_the_command_and_a_mistyped_one_makes_nothing(
    tmp_path: Path, passphrase_env
):
    home = tmp_path / "home"
    _home_with_case(home)
    after = run("audit", "verify", "--home", str(home), env=passphrase_env)
    assert after.returncode == 0 and "intact" in after.stdout, after.stderr

    typo = tmp_path / "hoem" / "deeper"
    missing = run("--home", str(typo), "audit", "verify", env=passphrase_env)
    assert missing.returncode == 2
    assert f"There is no vigguide home at {typo}" in missing.stderr
    assert not (tmp_path / "hoem").exists()  # no folder chain, no lock file

    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a home")
    refused = run("--home", str(a_file), "audit", "verify", env=passphrase_env)
    assert refused.returncode == 2 and "is a file, not a vigguide home folder" in refused.stderr
    assert a_file.read_text() == "not a home"
    for done in (after, missing, refused):
        assert "Traceback" not in done.stderr
