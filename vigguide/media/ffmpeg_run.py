"""Running the ffmpeg executable safely: locating it, pipes in and out, progress, cancelling, and
writing a deliberate export atomically."""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import re
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from vigguide.errors import CancelledError, MediaError
from vigguide.media import children
from vigguide.media.writing import check_folder, writing

ProgressCallback = Callable[[float], None]

# AAC at 128 kbit/s stereo: clear speech and baby sounds on any phone, and ffmpeg's encoder takes
# half the time it takes at 160 (its search slows at higher rates). Clips, their smart-cut sound and
# the family video share it, so joined parts carry the same sound settings.
SOUND_BITRATE = "128k"

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"


def ffmpeg_exe() -> str:
    """The ffmpeg to run: `VIGGUIDE_FFMPEG` if set, else the one bundled by imageio-ffmpeg."""
    chosen = os.environ.get("VIGGUIDE_FFMPEG")
    if chosen:
        return chosen
    return _bundled_ffmpeg()


@functools.cache
def _bundled_ffmpeg() -> str:
    """imageio-ffmpeg's own program, found in its package without running it.

    imageio-ffmpeg's lookup starts the program once (`ffmpeg -version`) to check it, which a
    short command such as `media clip` pays for at every start; the wheel's one program is used
    as it is, and the lookup stays for anything else (its IMAGEIO_FFMPEG_EXE, a system ffmpeg).
    """
    try:
        # imported by name: the package ships no type information, and only this one call is used
        bundled = importlib.import_module("imageio_ffmpeg")
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise MediaError(
            "No ffmpeg program was found.",
            "Reinstall vigguide, or set VIGGUIDE_FFMPEG to an ffmpeg program.",
        ) from exc
    if not os.environ.get("IMAGEIO_FFMPEG_EXE") and bundled.__file__:
        folder = Path(bundled.__file__).parent / "binaries"
        found = [
            p
            for p in sorted(folder.glob("ffmpeg*"))
            if p.is_file() and not p.name.endswith(".py") and os.access(p, os.X_OK)
        ]
        if len(found) == 1:
            return str(found[0])
    get_exe = cast(Callable[[], str], bundled.get_ffmpeg_exe)
    return str(get_exe())


def base_global_args() -> dict[str, object]:
    """Options every run gets: quiet, no keyboard, machine-readable progress on stderr.

    Errors only: the informational lines repeat the film's metadata (its title, the place it was
    filmed), which must never end up in a message. Progress shares stderr with the errors
    because stdout carries the result: nothing ffmpeg makes is ever a file.
    """
    return {
        "hide_banner": True,
        "nostdin": True,
        "nostats": True,
        "loglevel": "error",
        "progress": "pipe:2",
    }


def beside(out: Path) -> Path:
    """`out` with its folder made absolute, but a link planted at `out` itself not followed."""
    out = Path(out)
    return out.parent.resolve() / out.name


def write_export(out: Path, data: bytes) -> Path:
    """Write `data` to `out` (0600) through a private partial file renamed into place."""
    out = beside(out)
    with atomic_output(out) as tmp:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    return out


@contextlib.contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """Yield a temporary path beside `out`; rename it onto `out` only if the block succeeds.

    A full disk or a folder that cannot be written comes out as DiskFullError or MediaError.
    """
    out = beside(out)
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


@dataclass(frozen=True)
class FfmpegRun:
    """What a finished run gave: its `-progress` key=value lines and what it wrote to stdout."""

    lines: list[str]
    output: bytes


# a clip or a family video part is a few MB; far more means something is wrong
OUTPUT_LIMIT = 1 << 30
_PROGRESS_LINE = re.compile(r"^[a-z0-9_]+=")  # `-progress` lines; errors never start so


def _feed(stdin: IO[bytes], data: bytes) -> None:
    """Write `data` to the child's stdin, then close it; a child that stopped reading is fine."""
    view = memoryview(data)
    try:
        for pos in range(0, len(view), 1 << 20):
            stdin.write(view[pos : pos + (1 << 20)])
    except (BrokenPipeError, OSError, ValueError):
        pass
    finally:
        with contextlib.suppress(OSError, ValueError):
            stdin.close()


def _collect(
    stream: IO[bytes], sink: list[bytes], over: threading.Event, kill: Callable[[], None]
) -> None:
    size = 0
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        size += len(chunk)
        if size > OUTPUT_LIMIT:
            over.set()
            kill()
            return
        sink.append(chunk)


def run_ffmpeg(
    argv: Sequence[str],
    *,
    feed: bytes | None = None,
    duration_s: float | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    what: str = "the video",
) -> FfmpegRun:
    """Run an ffmpeg command line that reads `feed` on stdin (if given) and writes to stdout.

    `duration_s` scales `out_time` into a fraction for `progress`. When `cancel` is set the
    process is killed and CancelledError is raised. The child dies with this process.
    """
    if cancel is not None and cancel.is_set():
        raise CancelledError("Cancelled; nothing was saved.")
    try:
        proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL if feed is None else subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=children.preexec(),
        )
    except OSError as exc:
        raise MediaError(
            f"The ffmpeg program could not be started ({exc.strerror}).",
            "Check VIGGUIDE_FFMPEG, or reinstall vigguide.",
        ) from exc
    children.adopt(proc)
    threads: list[threading.Thread] = []
    if feed is not None:
        assert proc.stdin is not None
        threads.append(threading.Thread(target=_feed, args=(proc.stdin, feed), daemon=True))
    chunks: list[bytes] = []
    over = threading.Event()
    assert proc.stdout is not None
    threads.append(
        threading.Thread(target=_collect, args=(proc.stdout, chunks, over, proc.kill), daemon=True)
    )
    if cancel is not None:

        def watch() -> None:
            while proc.poll() is None:
                if cancel.wait(0.1):
                    proc.kill()
                    return

        threads.append(threading.Thread(target=watch, daemon=True))
    for thread in threads:
        thread.start()
    lines: list[str] = []
    errors: list[str] = []
    assert proc.stderr is not None
    for raw in iter(proc.stderr.readline, b""):
        line = raw.decode("utf-8", "replace").strip()
        if not _PROGRESS_LINE.match(line):
            if line:
                errors.append(line)
                del errors[:-50]  # keep the tail only: the error is at the end
            continue
        lines.append(line)
        if progress is not None and duration_s and line.startswith("out_time_us="):
            with contextlib.suppress(ValueError):
                done = int(line.split("=", 1)[1]) / 1e6
                progress(max(0.0, min(1.0, done / duration_s)))
    code = proc.wait()
    for thread in threads:
        thread.join(timeout=5)
    if cancel is not None and cancel.is_set():
        raise CancelledError("Cancelled; nothing was saved.")
    if over.is_set():
        raise MediaError(
            f"{what[:1].upper()}{what[1:]} came out far too big.", "Choose a shorter part."
        )
    if code != 0:
        tail = " ".join(errors[-3:])
        raise MediaError(f"ffmpeg could not make {what}: {_short(tail)}")
    if progress is not None:
        progress(1.0)
    return FfmpegRun(lines, b"".join(chunks))


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else "…" + text[-limit:]


def progress_value(lines: Sequence[str], key: str) -> str | None:
    """The last value `-progress` reported for `key` (e.g. `frame`)."""
    for line in reversed(lines):
        if line.startswith(key + "="):
            return line.split("=", 1)[1]
    return None
