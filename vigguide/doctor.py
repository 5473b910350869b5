"""`vigguide doctor`: what the program needs on this computer, whether it works, and how to fix it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vigguide.errors import DocumentError
from vigguide.oshints import keyring_hint, pango_hint, player_hint, private_home_hint


@dataclass(frozen=True)
class Check:
    name: str
    usable: bool
    detail: str
    fix: str = ""
    warning: bool = False


def _ffmpeg() -> Check:
    from vigguide.media.ffmpeg_run import ffmpeg_exe

    try:
        exe = ffmpeg_exe()
        version = subprocess.run(
            [exe, "-hide_banner", "-version"],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=20,
            check=False,
        ).stdout.splitlines()[0]
        encoders = subprocess.run(
            [exe, "-hide_banner", "-encoders"],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=20,
            check=False,
        ).stdout
    except Exception as exc:
        return Check(
            "ffmpeg", False, f"cannot run ({exc})", "Reinstall vigguide, or set VIGGUIDE_FFMPEG."
        )
    x264 = "libx264" in encoders
    detail = f"{exe} — {version.split(' Copyright')[0]}; libx264 {'yes' if x264 else 'no'}"
    fix = "" if x264 else "Use an ffmpeg built with libx264 (set VIGGUIDE_FFMPEG)."
    return Check("ffmpeg", x264, detail, fix)


def _pyav() -> Check:
    try:
        import av

        codecs = av.codecs_available
        ok = "h264" in codecs and "hevc" in codecs
        return Check(
            "PyAV",
            ok,
            f"PyAV {av.__version__}, FFmpeg libraries {av.ffmpeg_version_info}; "
            f"H.264 and HEVC decoders {'present' if ok else 'missing'}",
            "" if ok else "Reinstall PyAV: pip install --force-reinstall av",
        )
    except Exception as exc:
        return Check("PyAV", False, f"cannot load ({exc})", "pip install --force-reinstall av")


def _weasyprint() -> Check:
    try:
        import weasyprint  # type: ignore[import-untyped]

        pdf = weasyprint.HTML(string="<p>vigguide doctor</p>").write_pdf()
        ok = bool(pdf) and pdf.startswith(b"%PDF")
        return Check(
            "WeasyPrint",
            ok,
            f"WeasyPrint {weasyprint.__version__}, Pango renders a one-line PDF ({len(pdf)} bytes)",
        )
    except Exception as exc:
        return Check(
            "WeasyPrint",
            False,
            f"cannot render a PDF ({type(exc).__name__})",
            pango_hint(),
        )


def require_pdf_engine() -> None:
    """DocumentError now, with what to install on this computer, if WeasyPrint cannot load (it
    needs the Pango library, which pip cannot install)."""
    try:
        import weasyprint  # noqa: F401
    except Exception as exc:  # OSError from the missing library, or ImportError
        raise DocumentError(
            "vigguide cannot print documents on this computer: WeasyPrint cannot load "
            f"({type(exc).__name__}), usually because the Pango library is missing.",
            f"{pango_hint()} Then run vigguide doctor to check.",
        ) from None


def _keyring() -> Check:
    from vigguide.store.custody import backend_name, default_backend

    backend = default_backend()
    if backend is not None:
        return Check("keyring", True, f"system keyring: {backend_name(backend)}")
    return Check(
        "keyring",
        True,
        "no system keyring found: a passphrase will protect the key (Argon2id)",
        keyring_hint(),
        warning=True,
    )


def _data_dir(home: Path) -> Check:
    target = home if home.exists() else home.parent
    while not target.exists() and target != target.parent:
        target = target.parent
    writable = os.access(target, os.W_OK)
    detail = str(home)
    if home.exists() and os.name == "posix":
        mode = home.stat().st_mode & 0o777
        detail += f" (permissions {mode:o})"
        if mode & 0o077:
            return Check(
                "data folder",
                False,
                detail + ": others can look inside",
                private_home_hint(home),
            )
    if not writable:
        return Check("data folder", False, detail + ": not writable", "Choose another --home.")
    return Check("data folder", True, detail)


def _disk(home: Path) -> Check:
    target = home
    while not target.exists() and target != target.parent:
        target = target.parent
    free = shutil.disk_usage(target).free
    gb = free / 1e9
    ok = gb >= 1.0
    return Check(
        "free disk",
        ok,
        f"{gb:.1f} GB free",
        "" if ok else "Free at least 1 GB: a 10-minute phone film can be 1 GB.",
    )


def _workdir() -> Check:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Check("working folder", True, f"{runtime} (memory-backed, never written to disk)")
    return Check(
        "working folder",
        True,
        f"inside the home (no XDG_RUNTIME_DIR); cleaned after each use. Temp: {tempfile.gettempdir()}",
        warning=True,
    )


def _player() -> Check:
    """A display, sound and terminal pictures, and what the player will use (never a failure)."""
    try:
        from vigguide.player.env import player_report

        *parts, (_, _usable, uses) = player_report()
    except Exception as exc:
        return Check(
            "Player", False, f"cannot load ({exc})", "pip install --force-reinstall pygame-ce"
        )
    found = "; ".join(f"{name.lower()}: {detail}" for name, _, detail in parts)
    missing = not all(ok for _, ok, _ in parts)
    fix = player_hint()
    return Check("Player", True, f"will use {uses} ({found})", fix if missing else "", missing)


def run_checks(home: Path) -> list[Check]:
    checks: list[Callable[[], Check]] = [
        _ffmpeg,
        _pyav,
        _weasyprint,
        _keyring,
        lambda: _data_dir(home),
        lambda: _disk(home),
        _workdir,
        _player,
    ]
    return [check() for check in checks]


def print_report(checks: list[Check]) -> None:
    width = max(len(c.name) for c in checks)
    for c in checks:
        mark = "ok  " if c.usable and not c.warning else ("note" if c.usable else "FAIL")
        print(f"{mark}  {c.name:<{width}}  {c.detail}")
        if c.fix and (not c.usable or c.warning):
            print(f"      {'':<{width}}  → {c.fix}")
    bad = [c for c in checks if not c.usable]
    print()
    if bad:
        print(f"{len(bad)} problem(s) to fix before vigguide can do everything.", file=sys.stdout)
    else:
        print("Everything vigguide needs works here.")
