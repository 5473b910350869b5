"""Importing typed-ffmpeg without writing inside an installed package.

typed-ffmpeg's core (`ffmpeg_core.common.cache`) makes an empty `cache` folder beside itself the
first time it is imported. On an install the user cannot write to (system-wide or IT-managed) that
fails with PermissionError, and no clip could be made. The folder is only ever read (the option
tables come from the ffmpeg-data package), so when it is not there the core is pointed, for that
one import, at an empty `cache` folder shipped inside vigguide. Nothing is written anywhere.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

_SHIPPED_BASE = Path(__file__).resolve().parent / "_typed_ffmpeg_base"  # holds an empty cache/
_CACHE_MODULE = "ffmpeg_core.common.cache"


def prepare() -> None:
    """Import typed-ffmpeg's cache module so that it never makes a folder in site-packages."""
    if _CACHE_MODULE in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(_CACHE_MODULE)
    except ModuleNotFoundError:
        return  # another typed-ffmpeg layout: nothing to prepare
    if spec is None or spec.origin is None or (Path(spec.origin).parent / "cache").is_dir():
        return
    importlib.import_module("ffmpeg_core.common.serialize")  # its own imports, done normally
    # The module takes its folder from PyInstaller's extraction folder when "frozen": that is the
    # one door it leaves open, so it is used for this single import and then closed again.
    saved = {name: getattr(sys, name) for name in ("frozen", "_MEIPASS") if hasattr(sys, name)}
    sys.frozen = True  # type: ignore[attr-defined]
    sys._MEIPASS = str(_SHIPPED_BASE)  # type: ignore[attr-defined]
    try:
        importlib.import_module(_CACHE_MODULE)
    finally:
        for name in ("frozen", "_MEIPASS"):
            if name in saved:
                setattr(sys, name, saved[name])
            elif hasattr(sys, name):
                delattr(sys, name)
