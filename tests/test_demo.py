"""`vigguide demo`: builds a fictional home without a prompt, prints its case, and the finished first
cycle prints its documents; nothing personal is readable in the home afterwards.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vigguide", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def test_demo_builds_prints_and_reports(tmp_path: Path, monkeypatch):
    import os

    home = tmp_path / "demo"
    env = {**os.environ, "VIGGUIDE_HOME": str(home), "VIGGUIDE_KEY_CUSTODY": "passphrase"}
    env.pop("VIGGUIDE_PASSPHRASE", None)
    done = run(["demo", "--no-tui"], env)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines())
    assert lines["case"] == "DEMO-001" and lines["parent"] == "Maya" and lines["baby"] == "Leo"
    assert "passphrase" in done.stderr  # it says how the demo home is locked

    again = run(["demo", "--no-tui"], env)  # reuses the home, does not build a second family
    assert again.returncode == 0 and again.stdout == done.stdout

    out = tmp_path / "out"
    env["VIGGUIDE_PASSPHRASE"] = "demo family, not a real one"
    report = run(["report", "DEMO-001", "--cycle", "1", "--insert", "--note", "-o", str(out)], env)
    assert report.returncode == 0, report.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        f"DEMO-001-cycle1-insert-a4-{date.today().isoformat()}.pdf",
        "DEMO-001-cycle1-note.pdf",
        "DEMO-001-cycle1-note.txt",
        "DEMO-001-cycle1-summary.pdf",
    ]
    summary = " ".join(p.extract_text() for p in PdfReader(out / names[-1]).pages)
    assert "I can do this." in summary and "Leo" in summary
    assert len(PdfReader(out / names[-1]).pages[0].images) >= 1  # a still is printed

    audit = run(["audit", "verify"], env)
    assert audit.returncode == 0 and "intact" in audit.stdout

    secrets = [
        b"I didn't know he did that for me",
        b"Riverside Perinatal",
        b"Waiting for his smile",
    ]
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not data.startswith(b"SQLite format 3"), path
            for secret in secrets:
                assert secret not in data, f"{secret!r} readable in {path}"
