"""Where a vigguide home lives: the one module that asks platformdirs."""

from __future__ import annotations

import os
from pathlib import Path


def default_home(env: dict[str, str] | None = None) -> Path:
    """`VIGGUIDE_HOME` if set, else the platform's per-user data folder."""
    env = dict(os.environ) if env is None else env
    if env.get("VIGGUIDE_HOME"):
        return Path(env["VIGGUIDE_HOME"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("vigguide", appauthor=False))


def default_export_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "vigguide exports"
