"""Where the shipped templates and fonts are: inside the installed wheel, else the repository."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import vigguide
from vigguide.errors import DocumentError


def templates_dir() -> Path:
    """The folder of templates: inside the installed wheel, else the repository's `templates/`."""
    packaged = importlib.resources.files("vigguide") / "_templates"
    if packaged.is_dir():
        return Path(str(packaged))
    development = Path(vigguide.__file__).resolve().parent.parent / "templates"
    if development.is_dir():
        return development
    raise DocumentError(
        "The document templates are missing from this installation.",
        hint="Reinstall vigguide.",
    )


def fonts_dir() -> Path:
    return templates_dir() / "fonts"
