"""A real terminal: start `vigguide demo` in tmux, use it with keys, quit, and check the terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def _wait_for(session: str, text: str, timeout: float = 90.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


@pytest.mark.slow
def test_demo_in_tmux(tmp_path: Path):
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install tmux (see .ci/run)")
        pytest.skip("tmux is not installed")
    session = f"vig-{uuid.uuid4().hex[:8]}"
    home = tmp_path / "demo-home"
    env = {
        "VIGGUIDE_HOME": str(home),
        "VIGGUIDE_KEY_CUSTODY": "passphrase",
        "PYTHONPATH": str(REPO),
        "TERM": "xterm-256color",
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    exports = " ".join(f"{k}='{v}'" for k, v in env.items())
    command = f"{exports} {sys.executable} -m vigguide demo; echo VIGGUIDE-EXITED-$?; sleep 30"
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    try:
        screen = _wait_for(session, "DEMO-001")
        assert "Maya" in screen and "Leo" in screen
        assert "Open case" in screen  # the footer shows the keys that matter
        time.sleep(1.0)  # the terminal shows the table a moment before the app takes keys
        _tmux("send-keys", "-t", session, "/")
        time.sleep(0.3)
        _tmux("send-keys", "-t", session, "-l", "Priya")
        screen = _wait_for(session, "1 open case")
        assert "DEMO-002" in screen and "DEMO-001" not in screen
        _tmux("send-keys", "-t", session, "C-q")
        screen = _wait_for(session, "VIGGUIDE-EXITED-0")
        assert "Traceback" not in screen
        # The terminal is restored: the alternate screen is gone and the shell text is back.
        assert _tmux("display-message", "-p", "-t", session, "#{alternate_on}").strip() == "0"
    finally:
        _tmux("kill-session", "-t", session)
