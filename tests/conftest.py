"""Shared fixtures: an unlocked home in a temporary folder, with a trusted in-memory keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.keyrings import MemoryKeyring
from vigguide.domain import Practitioner, Role
from vigguide.store.custody import KeyCustody
from vigguide.store.home import Home, open_home

TEST_PASSPHRASE = "a passphrase only tests use"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's real home, keyring or passphrase."""
    for name in ("VIGGUIDE_HOME", "VIGGUIDE_PASSPHRASE", "VIGGUIDE_KEY_CUSTODY", "VIGGUIDE_FFMPEG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "runtime"))
    (tmp_path / "runtime").mkdir(mode=0o700)


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def home_dir(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def home(home_dir: Path, keyring_backend: MemoryKeyring) -> Iterator[Home]:
    opened = open_home(home_dir, custody=KeyCustody(home_dir, backend=keyring_backend))
    opened.store.set_practitioner(
        Practitioner("Sam Guider", Role.QUALIFIED, "Riverside Perinatal Team", "Jo Patel")
    )
    yield opened
    opened.close()


@pytest.fixture
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment a script or CI job uses: passphrase custody from VIGGUIDE_PASSPHRASE."""
    monkeypatch.setenv("VIGGUIDE_KEY_CUSTODY", "passphrase")
    monkeypatch.setenv("VIGGUIDE_PASSPHRASE", TEST_PASSPHRASE)
    return dict(os.environ)
