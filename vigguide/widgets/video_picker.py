"""The film picker's parts: a folder tree that shows only video files, the plain summary of a
probed film shown before it is imported, and the choice of which film it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import DirectoryTree, Select

if TYPE_CHECKING:
    from vigguide.media.probe import ProbeInfo

VIDEO_SUFFIXES = frozenset(
    {".mp4", ".mov", ".m4v", ".mts", ".m2ts", ".avi", ".webm", ".mkv", ".3gp"}
)


FILM_KINDS = [
    ("The interaction film (the parent with her baby)", "interaction"),
    ("The film of the shared review (you with the parent, for supervision)", "shared-review"),
]


def film_kind_choice() -> Select[str]:
    """Which film this is; shown only when the parent agreed to filming the shared review."""
    return Select(FILM_KINDS, allow_blank=False, id="import-kind")


def is_video_name(path: Path) -> bool:
    return path.suffix.lower() in VIDEO_SUFFIXES


class VideoTree(DirectoryTree):
    """A folder tree that shows only folders and video files (hidden ones left out)."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        shown = []
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                if path.is_dir() or is_video_name(path):
                    shown.append(path)
            except OSError:
                continue
        return shown


def human_size(size: int | None) -> str:
    if size is None:
        return "unknown"
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"


def human_duration(seconds: float) -> str:
    whole = round(seconds)
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def probe_summary(name: str, info: ProbeInfo) -> str:
    """What the practitioner needs to know before importing, in plain lines."""
    shape = "portrait" if info.height > info.width else "landscape"
    if info.height == info.width:
        shape = "square"
    turned = f", turned {info.rotation}° to stand upright" if info.rotation else ""
    rate = f"{info.fps:.2f}".rstrip("0").rstrip(".") + " frames a second"
    if info.variable_frame_rate:
        rate += " (variable, as phones film)"
    audio = f"{info.audio_codec} sound" if info.audio_codec else "no sound track"
    lines = [
        f"[b]{escape_markup(name)}[/b]",
        "",
        f"Length      {human_duration(info.duration_s)}",
        f"Size        {human_size(info.size_bytes)}",
        f"Picture     {info.width} × {info.height}, {shape}{turned}",
        f"Frame rate  {rate}",
        f"Codecs      {info.video_codec} video, {audio}",
        "Colour      "
        + (
            f"HDR ({info.transfer.upper()}); clips and stills come out in normal colour"
            if info.hdr
            else "standard (SDR)"
        ),
    ]
    if info.interlaced:
        lines.append("Interlaced  yes (camcorder); smoothed in clips and stills")
    return "\n".join(lines)


def escape_markup(text: str) -> str:
    from rich.markup import escape

    return escape(text)
