"""The one rule between the layers: the headless packages never import Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HEADLESS = [
    "vigguide.domain",
    "vigguide.store",
    "vigguide.store.home",
    "vigguide.media",
    "vigguide.prompts",
    "vigguide.documents",
    "vigguide.services.recordings",
    "vigguide.services.analysis",
    "vigguide.cli",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_package_imports_no_textual(module: str):
    code = (
        "import importlib, sys; importlib.import_module(sys.argv[1]);"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'));"
        "print(','.join(bad))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, module], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert done.stdout.strip() == "", f"{module} pulls in Textual: {done.stdout}"
