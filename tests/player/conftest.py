"""Generated films for the player tests (made once per session with the bundled ffmpeg)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import media_videos as mv


@pytest.fixture(scope="session")
def film(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """320x240, 30 fps, 3 s, numbered frames, with sound."""
    return mv.make_h264_tagged(tmp_path_factory.mktemp("player-films"))


@pytest.fixture(scope="session")
def films(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("player-shapes")
    return {
        "hevc_hlg_rot90": mv.make_hevc_hlg_rot90(folder),
        "vfr_rot180": mv.make_vfr_rot180(folder),
    }
