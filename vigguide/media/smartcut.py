"""The clip fast path: re-encode only the frames before the first keyframe, copy the rest."""

from __future__ import annotations

import threading
from pathlib import Path

from vigguide.media.ffmpeg_run import ProgressCallback
from vigguide.media.probe import ProbeInfo
from vigguide.media.span import Span, SpanFrame


def smart_cut(
    span: Span,
    info: ProbeInfo,
    chosen: list[SpanFrame],
    out: Path,
    workdir: Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> bool:
    return False
