"""Phone films for the clip tests and benchmarks: HEVC as iPhones record it, upright on screen.

Each `make_*` writes one film into a folder (once) and returns its path. The pictures carry the
numbered frames of `tests.media_videos` (grey block top left, red block top right), so a clip can
be checked for its first frame and for being upright.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.media_videos import _make, numbered, tone
from vigguide.media.ffmpeg_run import ffmpeg_exe
from vigguide.media.filters import picture_steps
from vigguide.media.probe import probe

_X265 = ["-c:v", "libx265", "-preset", "ultrafast", "-tag:v", "hvc1"]
_BT709 = ["-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709"]


def _turned(plain: Path, out: Path) -> Path:
    """The film flagged to be turned 90° clockwise to show upright (an iPhone held upright)."""
    return _make(out, ["-display_rotation", "-90", "-i", str(plain), "-c", "copy", "OUT"])


def make_hevc_portrait(d: Path, seconds: float = 2, size: str = "1600x900") -> Path:
    """HEVC 8-bit BT.709 + AAC in MOV, stored 1600x900 and shown upright (900x1600)."""
    plain = d / f".hevc8-{size}-{seconds:g}.mov"
    _make(
        plain,
        ["-f", "lavfi", "-i", numbered(size, 30, seconds), *tone(seconds),
         *_X265, "-x265-params", "log-level=error:keyint=30", "-pix_fmt", "yuv420p", *_BT709,
         "-c:a", "aac", "-b:a", "64k", "-shortest", "OUT"],
    )  # fmt: skip
    return _turned(plain, d / f"iphone hevc {size} {seconds:g}s.mov")


def make_hevc_hlg_portrait(d: Path, seconds: float = 2, size: str = "1600x900") -> Path:
    """HEVC 10-bit HLG (BT.2020) + AAC in MOV, stored 1600x900 and shown upright."""
    plain = d / f".hlg-{size}-{seconds:g}.mov"
    _make(
        plain,
        ["-f", "lavfi", "-i", numbered(size, 30, seconds) + ",format=yuv420p10le,"
         "setparams=color_primaries=bt2020:color_trc=arib-std-b67:colorspace=bt2020nc:range=tv",
         *tone(seconds), *_X265, "-pix_fmt", "yuv420p10le",
         "-x265-params", "log-level=error:keyint=30:colorprim=bt2020:transfer=arib-std-b67:"
         "colormatrix=bt2020nc",
         "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc",
         "-c:a", "aac", "-b:a", "64k", "-shortest", "OUT"],
    )  # fmt: skip
    return _turned(plain, d / f"iphone hlg {size} {seconds:g}s.mov")


def make_hevc_vfr_portrait(d: Path) -> Path:
    """HEVC 8-bit with a variable frame rate (gaps of 1/20 s and 1/60 s by turns), upright."""
    plain = d / ".hevc-vfr.mov"
    _make(
        plain,
        ["-f", "lavfi", "-i", numbered("640x360", 30, 3), *tone(3),
         "-vf", "settb=1/90000,setpts='N*3000+mod(N,2)*1500'", "-fps_mode", "passthrough",
         "-enc_time_base", "1/90000", "-video_track_timescale", "90000",
         *_X265, "-x265-params", "log-level=error:keyint=30", "-pix_fmt", "yuv420p", *_BT709,
         "-c:a", "aac", "-b:a", "64k", "OUT"],
    )  # fmt: skip
    return _turned(plain, d / "iphone vfr hevc.mov")


def ssim(film: Path, start_s: float, clip: Path) -> float:
    """SSIM (ffmpeg's filter, all planes, mean over frames) of `clip` against the film's span.

    The film is made upright, SDR and the clip's size by the same picture steps the clip uses,
    but with the bicubic scaler and no encoding: what is measured is what the clip's speed costs.
    """
    info = probe(film)
    with_size = probe(clip)
    steps = picture_steps(info, (with_size.width, with_size.height), for_video=True)
    chain = ",".join(
        name
        + ("=" + ":".join(f"{k}={v}".replace(",", r"\,") for k, v in opts.items()) if opts else "")
        for name, opts in steps
    )
    graph = f"[0:v]{chain},setpts=PTS-STARTPTS[ref];[1:v]setpts=PTS-STARTPTS[clip];[clip][ref]ssim=shortest=1"
    run = subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-hide_banner", "-noautorotate", "-ss", f"{start_s - 0.0005}",
         "-i", str(film), "-noautorotate", "-i", str(clip), "-filter_complex", graph,
         "-fps_mode", "passthrough", "-f", "null", "-"],
        capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    found = re.findall(r"All:([0-9.]+)", run.stderr)
    if not found:
        raise AssertionError("ffmpeg's ssim filter reported nothing")
    return float(found[-1])


def make_benchmark_film(d: Path, *, hlg: bool, seconds: float = 30) -> Path:
    """A phone-like portrait HEVC film for benchmarks: 1920x1080 stored, 30 fps, about
    8.5 Mbit/s (an iPhone's 1080p HEVC: 640 MB for 10 minutes), grain so it is not too easy to
    compress, AAC sound. Twenty seconds are encoded and repeated (stream copy) up to `seconds`.
    """
    kind = "hlg" if hlg else "hevc8"
    piece = d / f".bench-{kind}-piece.mov"
    picture = "testsrc2=size=1920x1080:rate=30:duration=20,noise=alls=6:allf=t"
    if hlg:
        picture += (
            ",format=yuv420p10le,setparams=color_primaries=bt2020:color_trc=arib-std-b67:"
            "colorspace=bt2020nc:range=tv"
        )
        colour = ["-pix_fmt", "yuv420p10le", "-x265-params",
                  "log-level=error:keyint=30:colorprim=bt2020:transfer=arib-std-b67:"
                  "colormatrix=bt2020nc", "-color_primaries", "bt2020",
                  "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc"]  # fmt: skip
    else:
        colour = ["-pix_fmt", "yuv420p", "-x265-params", "log-level=error:keyint=30", *_BT709]
    _make(
        piece,
        ["-f", "lavfi", "-i", picture, *tone(20), *_X265, "-b:v", "8500k", *colour,
         "-c:a", "aac", "-b:a", "128k", "-shortest", "OUT"],
    )  # fmt: skip
    repeats = max(1, int(-(-seconds // 20)))
    listing = d / f".bench-{kind}-list.txt"
    listing.write_text("".join(f"file '{piece.name}'\n" for _ in range(repeats)))
    plain = _make(
        d / f".bench-{kind}-{seconds:g}.mov",
        ["-f", "concat", "-safe", "0", "-i", str(listing), "-t", f"{seconds}", "-c", "copy", "OUT"],
    )
    return _turned(plain, d / f"phone {kind} {seconds:g}s.mov")


def ssim_between(a: Path, a_start: float, b: Path, b_start: float, seconds: float) -> float:
    """SSIM of `seconds` of video `a` from `a_start` against `b` from `b_start`, both shown as
    players show them (upright), `b` resized to `a`'s size if it differs."""
    shown = probe(a)
    graph = (
        f"[0:v]setpts=PTS-STARTPTS[a];[1:v]scale={shown.width}:{shown.height}:flags=bicubic,"
        "setpts=PTS-STARTPTS[b];[a][b]ssim=shortest=1"
    )
    run = subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-hide_banner", "-ss", f"{a_start}", "-t", f"{seconds}",
         "-i", str(a), "-ss", f"{b_start}", "-t", f"{seconds}", "-i", str(b),
         "-filter_complex", graph, "-f", "null", "-"],
        capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    found = re.findall(r"All:([0-9.]+)", run.stderr)
    if not found:
        raise AssertionError("ffmpeg's ssim filter reported nothing")
    return float(found[-1])


def with_sei(film: Path, out: Path, text: bytes) -> Path:
    """`film` (HEVC in MOV) with `text` in an SEI user-data unit at the front of every frame, as
    a camera may keep its place and time; the picture, sound and upright flag are unchanged."""
    import av

    uuid = bytes.fromhex("5c1a9e7b3d2f4a6b8c9d1e2f3a4b5c6d")  # no two zero bytes in a row
    payload = uuid + text
    sei = bytes([39 << 1, 1, 5, len(payload)]) + payload + b"\x80"  # prefix SEI, user data
    unit = len(sei).to_bytes(4, "big") + sei
    with av.open(str(film)) as src, av.open(str(out), "w", format="mov") as dst:
        vin, ain = src.streams.video[0], src.streams.audio[0]
        vout, aout = dst.add_stream_from_template(vin), dst.add_stream_from_template(ain)
        for packet in src.demux(vin, ain):
            if packet.dts is None:
                continue
            if packet.stream is vin:
                tagged = av.Packet(unit + bytes(packet))
                tagged.pts, tagged.dts, tagged.time_base = packet.pts, packet.dts, packet.time_base
                tagged.is_keyframe = packet.is_keyframe
                tagged.stream = vout
                dst.mux(tagged)
            else:
                packet.stream = aout
                dst.mux(packet)
    return out
