"""`vigguide demo` in a temp folder leaves nothing behind (no home, no keyring entry), says where
its home is while it runs, and its lock screen says the passphrase is the demo's."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.keyrings import MemoryKeyring
from vigguide import app as app_module
from vigguide.cli import main
from vigguide.demo import DEMO_PASSPHRASE, demo_passphrase, open_demo
from vigguide.store.db import HomeLock


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """A system keyring is there (as on a desktop): the demo must still leave nothing in it."""
    backend = MemoryKeyring()
    monkeypatch.setattr("vigguide.store.custody.default_backend", lambda: backend)
    return backend


@pytest.mark.parametrize("args", [["demo"], ["demo", "--trainee"]])
def test_the_demo_removes_its_temp_home_and_leaves_no_keyring_entry(
    args: list[str], temp_dir: Path, keyring: MemoryKeyring, monkeypatch, capsys
):
    seen: dict[str, object] = {}

    def run(self: app_module.VigGuideApp) -> None:  # the practitioner looks, then quits
        seen["title"] = self.title
        seen["passphrase"] = self.demo_passphrase
        seen["home"] = self.home.path
        assert self.home.path.is_dir()

    monkeypatch.setattr(app_module.VigGuideApp, "run", run)
    assert main(args) == 0
    home = seen["home"]
    assert isinstance(home, Path) and home.parent == temp_dir
    assert seen["title"] == f"vigguide demo · {home} (removed on quit)"
    assert seen["passphrase"] == DEMO_PASSPHRASE
    assert list(temp_dir.iterdir()) == []
    assert keyring.secrets == {}
    assert DEMO_PASSPHRASE in capsys.readouterr().err


def test_a_demo_home_left_by_a_stopped_demo_is_swept_but_one_in_use_is_not(
    temp_dir: Path, monkeypatch
):
    left = temp_dir / "vigguide-demo-stopped"
    in_use = temp_dir / "vigguide-demo-open"
    for folder in (left, in_use):
        folder.mkdir()
        (folder / "vigguide.db").write_bytes(b"x")
        os.utime(folder, (0, 0))  # long ago, not a demo that is just starting
    lock = HomeLock(in_use)
    lock.acquire()
    monkeypatch.setattr(app_module.VigGuideApp, "run", lambda self: None)
    try:
        assert main(["demo"]) == 0
    finally:
        lock.release()
    assert not left.exists()
    assert in_use.is_dir()


async def test_the_demo_lock_screen_shows_the_demo_passphrase(tmp_path: Path):
    home, _family = open_demo(tmp_path / "demo")
    try:
        assert demo_passphrase(home) == DEMO_PASSPHRASE
        app = app_module.make_app(home)
        app.demo_passphrase = demo_passphrase(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert type(app.screen).__name__ == "LockScreen"
            shown = str(app.screen.query_one("#lock-demo").render())
            assert f'This is the demo: its passphrase is "{DEMO_PASSPHRASE}".' in shown
    finally:
        home.close()
