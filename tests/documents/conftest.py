"""Fixtures for the document tests: print-sized stills made once per session, and PDF readers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import docfixtures


@pytest.fixture(scope="session")
def stills(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return docfixtures.make_stills(tmp_path_factory.mktemp("stills"), 6)


@pytest.fixture(scope="session")
def logo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return docfixtures.make_logo(tmp_path_factory.mktemp("logo") / "logo.png")


@pytest.fixture
def export_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    return folder
