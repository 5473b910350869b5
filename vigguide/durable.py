"""Making a rename durable, and the name of vigguide's private export staging folders: shared by
the store (recovery at start-up) and media (writing an export), so it sits below both.
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable before the database says it happened (POSIX only)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


STAGING_PREFIX = ".vigguide-export-"


def is_staging_dir(path: Path) -> bool:
    """Whether `path` is one of vigguide's own private export staging folders (never a link)."""
    return path.name.startswith(STAGING_PREFIX) and path.is_dir() and not path.is_symlink()
