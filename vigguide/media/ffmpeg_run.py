"""Running the ffmpeg executable safely: locating it, progress, cancelling, atomic output."""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, cast

from vigguide.errors import CancelledError, MediaError
from vigguide.media.writing import check_folder, ffmpeg_write_error, writing

ProgressCallback = Callable[[float], None]

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"


def ffmpeg_exe() -> str:
    """The ffmpeg to run: `VIGGUIDE_FFMPEG` if set, else the one bundled by imageio-ffmpeg."""
    chosen = os.environ.get("VIGGUIDE_FFMPEG")
    if chosen:
        return chosen
    try:
        # imported by name: the package ships no type information, and only this one call is used
        bundled = importlib.import_module("imageio_ffmpeg")
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise MediaError(
            "No ffmpeg program was found.",
            "Reinstall vigguide, or set VIGGUIDE_FFMPEG to an ffmpeg program.",
        ) from exc
    get_exe = cast(Callable[[], str], bundled.get_ffmpeg_exe)
    return str(get_exe())


def base_global_args() -> dict[str, object]:
    """Options every run gets: quiet, no stdin, machine-readable progress on stdout.

    Errors only on stderr: the informational lines repeat the film's metadata (its title, the
    place it was filmed), which must never end up in a message.
    """
    return {
        "hide_banner": True,
        "nostdin": True,
        "nostats": True,
        "loglevel": "error",
        "progress": "pipe:1",
    }


@contextlib.contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """Yield a temporary path beside `out`; rename it onto `out` only if the block succeeds.

    A full disk or a folder that cannot be written comes out as DiskFullError or MediaError.
    """
    out = out.resolve()
    check_folder(out.parent)
    tmp = out.with_name(f".{out.stem}.partial-{os.getpid()}-{threading.get_ident()}{out.suffix}")
    try:
        with writing(tmp):
            yield tmp
            if not tmp.exists():
                raise MediaError(f"Nothing was written for {out.name}.")
            os.chmod(tmp, 0o600)
            os.replace(tmp, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _drain(stream: IO[bytes], sink: list[str]) -> None:
    for raw in iter(stream.readline, b""):
        sink.append(raw.decode("utf-8", "replace").rstrip())
        if len(sink) > 200:  # keep the tail only: the error is at the end
            del sink[:100]


def run_ffmpeg(
    argv: Sequence[str],
    *,
    duration_s: float | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    partial: Path | None = None,
    what: str = "the video",
) -> list[str]:
    """Run an ffmpeg command line to completion and return its `-progress` key=value lines.

    `duration_s` scales `out_time` into a fraction for `progress`. When `cancel` is set the
    process is killed, `partial` is removed and CancelledError is raised.
    """
    if cancel is not None and cancel.is_set():
        raise CancelledError("Cancelled; nothing was saved.")
    try:
        proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as exc:
        raise MediaError(
            f"The ffmpeg program could not be started ({exc.strerror}).",
            "Check VIGGUIDE_FFMPEG, or reinstall vigguide.",
        ) from exc
    errors: list[str] = []
    err_thread = threading.Thread(target=_drain, args=(proc.stderr, errors), daemon=True)
    err_thread.start()
    lines: list[str] = []
    watcher: threading.Thread | None = None
    if cancel is not None:

        def watch() -> None:
            while proc.poll() is None:
                if cancel.wait(0.1):
                    proc.kill()
                    return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
    assert proc.stdout is not None
    for raw in iter(proc.stdout.readline, b""):
        line = raw.decode("utf-8", "replace").strip()
        lines.append(line)
        if progress is not None and duration_s and line.startswith("out_time_us="):
            with contextlib.suppress(ValueError):
                done = int(line.split("=", 1)[1]) / 1e6
                progress(max(0.0, min(1.0, done / duration_s)))
    code = proc.wait()
    err_thread.join(timeout=5)
    if watcher is not None:
        watcher.join(timeout=1)
    if cancel is not None and cancel.is_set():
        if partial is not None:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        raise CancelledError("Cancelled; nothing was saved.")
    if code != 0:
        if partial is not None:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        tail = " ".join(errors[-3:])
        # a process over its file-size limit is stopped by SIGXFSZ before it can say so
        said = " ".join(errors) + (" File too large" if code == -signal.SIGXFSZ else "")
        failed_write = ffmpeg_write_error(said, partial)
        if failed_write is not None:
            raise failed_write
        raise MediaError(f"ffmpeg could not make {what}: {_short(tail)}")
    if progress is not None:
        progress(1.0)
    return lines


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else "…" + text[-limit:]


def progress_value(lines: Sequence[str], key: str) -> str | None:
    """The last value `-progress` reported for `key` (e.g. `frame`)."""
    for line in reversed(lines):
        if line.startswith(key + "="):
            return line.split("=", 1)[1]
    return None
