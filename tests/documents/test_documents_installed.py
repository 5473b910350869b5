"""The built wheel renders a document on its own: `_templates/` and the fonts ship and are found."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docfixtures as fx
import pdfcheck
import pytest

REPO = Path(__file__).resolve().parents[2]

RENDER = """
import json, sys
from datetime import date
from pathlib import Path
import vigguide
from vigguide import documents as docs

still, out = Path(sys.argv[1]), Path(sys.argv[2])
data = docs.ReviewSummaryData(
    parent_first_name="Amy",
    baby_name="Leo",
    cycle_number=1,
    review_date=date(2025, 3, 12),
    helping_questions=[docs.HelpingQuestionResult("What am I doing to enjoy my baby?", [(1, 6)])],
    clips=[docs.ClipForReview("Singing on the mat", still, "You sing and Leo smiles.")],
    learned="When I slow down, he tells me what he wants.",
    other_places="At bath time.",
    next_steps="Next time we will film bath time.",
    practitioner=docs.PractitionerInfo("Jo Okafor", "VIG practitioner", "Perinatal team"),
    service=docs.ServiceInfo("Riverside Perinatal Mental Health Service"),
)
docs.render_summary(data, out)
print(json.dumps({"package": vigguide.__file__, "templates": str(docs.templates_dir())}))
"""


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, offline, unzipped as an installer would lay it out."""
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling is not installed (it comes with the test extras)")
    wheels = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
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
            str(wheels),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("vigguide-*.whl")
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def test_the_installed_layout_renders_a_summary_with_its_own_templates_and_fonts(
    unpacked_wheel: Path, stills: list[Path], tmp_path: Path
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "summary.pdf"
    env = {**os.environ, "PYTHONPATH": str(unpacked_wheel)}
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(stills[0]), str(out)],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)

    package = Path(found["package"]).resolve().parent
    assert package == (unpacked_wheel / "vigguide").resolve(), "imported the checkout instead"
    assert Path(found["templates"]).resolve() == package / "_templates"
    fonts = pdfcheck.embedded_fonts(out)
    assert fonts and all(fonts.values())
    assert all("Atkinson-Hyperlegible" in name or "Plain-Zero" in name for name in fonts), fonts
    text = pdfcheck.text_of(out)
    assert pdfcheck.contains(text, "Moments from your film")
    assert pdfcheck.contains(text, "Today you gave this 6 out of 10")
    assert (1600, 900) in pdfcheck.unique_images(out).values()
    pages = pdfcheck.render_pages(out, tmp_path / "png")
    assert pdfcheck.colours_seen(pages, [fx.STILL_COLOURS[0]]) == {0}
