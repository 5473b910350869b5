"""The guidance ships in the wheel: built, unpacked elsewhere, and loaded from there."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="building the wheel offline needs hatchling")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copytree(
        ROOT / "vigguide", source / "vigguide", ignore=shutil.ignore_patterns("__pycache__")
    )
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", source / "templates")
    else:
        (source / "templates").mkdir()
    readme = ROOT / "README.md"
    (source / "README.md").write_text(readme.read_text() if readme.exists() else "vigguide\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(work / "dist"),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = (work / "dist").glob("vigguide-*.whl")
    target = work / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def test_the_wheel_holds_every_guidance_file(unpacked_wheel: Path) -> None:
    data = unpacked_wheel / "vigguide" / "prompts" / "data"
    shipped = sorted(p.name for p in data.glob("*.toml"))
    in_source = sorted(p.name for p in (ROOT / "vigguide" / "prompts" / "data").glob("*.toml"))
    assert shipped == in_source


def test_guidance_loads_and_validates_from_the_installed_package(unpacked_wheel: Path) -> None:
    script = (
        "import json, vigguide.prompts as p\n"
        "g = p.load_guidance()\n"
        "print(json.dumps({'file': p.__file__, 'problems': [str(x) for x in g.problems],\n"
        "  'principles': [x.id for x in g.principles], 'examples': len(g.examples),\n"
        "  'coach': [f.kind for f in p.coach_question('Why does he cry?')]}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(unpacked_wheel)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=unpacked_wheel,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert Path(report["file"]).is_relative_to(unpacked_wheel)
    assert report["problems"] == []
    assert report["principles"][0] == "attentive" and len(report["principles"]) == 6
    assert report["examples"] >= 30
    assert sorted(report["coach"]) == ["baby_only", "why"]
