"""The first run and the recovery key: stopping at "Press Enter when you have stored it" keeps
nothing; the key is cleared from the terminal once stored and can be shown again (audited);
`key recover` does not greet a home that already exists as if it were new.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from tests.keyrings import MemoryKeyring
from vigguide import terminal
from vigguide.cli import main
from vigguide.store.custody import KeyCustody
from vigguide.store.home import open_home

REPO = Path(__file__).resolve().parents[1]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_ctrl_c_at_the_recovery_key_leaves_no_home_and_no_keyring_entry(tmp_path: Path):
    home_dir = tmp_path / "home"
    keyring = MemoryKeyring()

    def stop(_setup: object) -> None:
        raise KeyboardInterrupt  # Ctrl+C at "Press Enter when you have stored it"

    with pytest.raises(KeyboardInterrupt):
        open_home(home_dir, custody=KeyCustody(home_dir, backend=keyring), on_setup=stop)
    assert not home_dir.exists()
    assert keyring.secrets == {}


def test_ctrl_c_in_an_existing_empty_folder_leaves_it_empty(tmp_path: Path, monkeypatch, capsys):
    home_dir = tmp_path / "home"
    home_dir.mkdir(mode=0o700)
    monkeypatch.setenv("VIGGUIDE_KEY_CUSTODY", "passphrase")
    monkeypatch.setenv("VIGGUIDE_PASSPHRASE", "a passphrase only tests use")

    def stop(_setup: object, **_kw: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(terminal, "show_recovery_key", stop)
    monkeypatch.setattr("vigguide.app.run_app", lambda _home: pytest.fail("the app opened"))
    assert main(["--home", str(home_dir)]) == 130
    assert home_dir.is_dir() and list(home_dir.iterdir()) == []
    assert "Nothing half-done was kept" in capsys.readouterr().err


def test_the_recovery_key_is_cleared_from_the_terminal_once_stored(monkeypatch):
    err = _Tty()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdin", _Tty("\n"))
    monkeypatch.setattr("builtins.input", lambda *_a: "")
    terminal.show_key("vigguide-recovery-1abc", first_time=True)
    shown = err.getvalue()
    key_at = shown.index("vigguide-recovery-1abc")
    cleared_at = shown.index("\x1b[J")  # clear to the end of the screen, after moving up
    assert key_at < cleared_at and "\x1b[3J" in shown[cleared_at:]  # and the scrollback
    assert "To see it again: vigguide key show-recovery" in shown[cleared_at:]


def test_key_show_recovery_shows_the_same_key_and_is_audited(tmp_path: Path, passphrase_env):
    home_dir = tmp_path / "home"
    with open_home(home_dir) as home:
        assert home.setup is not None
        original = home.setup.recovery_key
    done = subprocess.run(
        [sys.executable, "-m", "vigguide", "--home", str(home_dir), "key", "show-recovery"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=passphrase_env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert original in done.stderr
    with open_home(home_dir, create=False) as home:
        actions = [event.action for event in home.store.audit_events()]
    assert "key.show_recovery" in actions


def test_key_recover_does_not_show_the_first_run_welcome(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", _Tty())
    monkeypatch.setattr(terminal.getpass, "getpass", lambda _prompt: "a passphrase only tests use")
    assert terminal.ask_passphrase_again(True) == "a passphrase only tests use"
    asked = capsys.readouterr().err
    assert "Welcome" not in asked and "Choose a passphrase" in asked
    terminal.ask_passphrase(True)
    assert "Welcome to vigguide" in capsys.readouterr().err


def test_ctrl_c_while_choosing_the_passphrase_leaves_no_folder(tmp_path: Path):
    home_dir = tmp_path / "home"

    def stop(_choosing: bool) -> str:
        raise KeyboardInterrupt

    custody = KeyCustody(home_dir, detect_backend=False, passphrase=stop, env={})
    with pytest.raises(KeyboardInterrupt):
        open_home(home_dir, custody=custody)
    assert not home_dir.exists()
