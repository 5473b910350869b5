"""The one rule between the layers: the headless code never imports Textual.

Checked two ways (as Harlequin does): import-linter contracts in pyproject.toml, run by `.ci/run`
(`lint-imports`), and this hygiene test, which imports *every* module of the headless packages in
a fresh interpreter and looks at what landed in `sys.modules` — so a Textual import hidden in a
module's body, not only in a package `__init__`, is caught.
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import vigguide

REPO = Path(__file__).resolve().parents[1]
HEADLESS_PACKAGES = ("domain", "store", "media", "prompts", "documents", "services", "player")
# Top-level modules that run without the TUI (the CLI imports the app only to open it).
HEADLESS_MODULES = (
    "cli",
    "cli_backup",
    "cli_play",
    "cli_measure",
    "durable",
    "demo",
    "demo_measures",
    "demo_ended",
    "doctor",
    "terminal",
    "paths",
    "errors",
    "__about__",
)
TUI = ("textual", "textual_image")
# The player's terminal fallback draws with textual-image's Rich renderables; Textual itself never.
ALLOWED = {"vigguide.player": ("textual_image",)}


def headless_modules() -> list[str]:
    found = [f"vigguide.{name}" for name in HEADLESS_MODULES]
    for package in HEADLESS_PACKAGES:
        path = [str(Path(vigguide.__file__).parent / package)]
        found.append(f"vigguide.{package}")
        found += [m.name for m in pkgutil.walk_packages(path, prefix=f"vigguide.{package}.")]
    return sorted(found)


def test_every_headless_module_is_walked():
    modules = headless_modules()
    # A sample of modules deep inside each layer: the walk must reach past the package __init__.
    for deep in ("vigguide.media.smartcut", "vigguide.store.vault", "vigguide.services.consent"):
        assert deep in modules
    assert not any(m.startswith(("vigguide.screens", "vigguide.widgets")) for m in modules)
    assert "vigguide.app" not in modules


def textual_leaks(modules: list[str], root: Path, forbidden: tuple[str, ...] = TUI) -> str:
    """Import each module in a fresh interpreter with `root` first on the path; name any that
    brings in Textual (or another of the `forbidden` packages)."""
    code = (
        "import importlib, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "for name in sys.argv[2:]:\n"
        "    before = set(sys.modules)\n"
        "    importlib.import_module(name)\n"
        "    bad = sorted(m for m in set(sys.modules) - before\n"
        f"                 if m.split('.')[0] in {forbidden!r})\n"
        "    if bad:\n"
        "        print(name, '->', ','.join(bad[:3]))\n"
        "        break\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(root), *modules],
        capture_output=True,
        text=True,
        cwd=root,
        check=True,
    )
    return done.stdout.strip()


def test_headless_modules_import_no_textual():
    modules = headless_modules()
    player = [m for m in modules if m.startswith("vigguide.player")]
    rest = [m for m in modules if m not in player]
    leaks = textual_leaks(rest, REPO)
    assert leaks == "", f"a headless module pulls in Textual: {leaks}"
    allowed = ALLOWED["vigguide.player"]
    leaks = textual_leaks(player, REPO, tuple(t for t in TUI if t not in allowed))
    assert leaks == "", f"the player pulls in Textual: {leaks}"


def test_the_check_catches_a_textual_import_deep_in_a_layer(tmp_path: Path):
    """Not hollow: a copy of the package with one Textual import in a leaf module fails it."""
    shutil.copytree(Path(vigguide.__file__).parent, tmp_path / "vigguide")
    with open(tmp_path / "vigguide/media/filters.py", "a", encoding="utf-8") as fh:
        fh.write("\nimport textual.app  # planted by the test\n")
    leaks = textual_leaks(headless_modules(), tmp_path)
    assert leaks.startswith("vigguide.")
    assert "textual" in leaks


def test_the_players_terminal_pictures_load_no_textual():
    """The player's terminal fallback draws through textual-image's Rich renderables only: after
    choosing its pictures, Textual itself is not loaded (the contract's one allowed import)."""
    code = (
        "import sys\n"
        "from vigguide.player.terminal import graphics_kind\n"
        "print(graphics_kind())\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    kind, loaded = done.stdout.split()[-2:]
    assert kind and loaded == "False"
