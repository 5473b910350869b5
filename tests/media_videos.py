"""Generators for the small test videos (every camera shape plus broken inputs), made with ffmpeg.

Each `make_*` function writes one file into `directory` (if it is not there already) and returns its
path. Frames carry their number three ways: burned-in text for people, and a flat grey block in the
top-left corner (luma 40 + 6 * (n mod 30)) that tests read back numerically; a red block marks the
top-right corner so orientation can be checked.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from PIL import Image, ImageStat

from vigguide.media.ffmpeg_run import FONT_PATH, ffmpeg_exe

BLOCK = 48  # side of the frame-number block and the red orientation block, in source pixels
LEVEL_BASE = 40
LEVEL_STEP = 6
LEVEL_WRAP = 30


def _run(args: list[str]) -> None:
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-hide_banner", "-v", "error", "-y", *args],
        check=True,
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )


def numbered(size: str, rate: str | int, seconds: float, *, odd_mjpeg: bool = False) -> str:
    """A lavfi graph of numbered frames: testsrc2 background, grey number block, red corner."""
    if odd_mjpeg:
        # testsrc2 rounds odd heights to even; testsrc keeps them when the format allows it
        src = f"testsrc=size={size}:rate={rate}:duration={seconds},format=yuvj422p"
    else:
        src = f"testsrc2=size={size}:rate={rate}:duration={seconds},format=yuv420p"
    inside = f"lt(X,{BLOCK}*SW)*lt(Y,{BLOCK}*SH)"
    level = f"{LEVEL_BASE}+{LEVEL_STEP}*mod(N,{LEVEL_WRAP})"
    geq = f"geq=lum='if({inside},{level},lum(X,Y))':cb='if({inside},128,cb(X,Y))':cr='if({inside},128,cr(X,Y))'"
    red = f"drawbox=x=iw-{BLOCK}:y=0:w={BLOCK}:h={BLOCK}:color=red:t=fill"
    text = (
        f"drawtext=fontfile='{FONT_PATH}':text='%{{frame_num}}':x={BLOCK + 8}:y=8:"
        "fontsize=20:fontcolor=white:box=1:boxcolor=black"
    )
    return f"{src},{geq},{red},{text}"


def tone(seconds: float, rate: int = 48000, layout: str = "stereo") -> list[str]:
    return ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate={rate}:duration={seconds}"] + (
        ["-ac", "2"] if layout == "stereo" else ["-ac", "1"]
    )


def _make(path: Path, args: list[str]) -> Path:
    if not path.exists():
        tmp = path.with_name(".tmp-" + path.name)
        _run([*args[:-1], str(tmp)] if args[-1] == "OUT" else args)
        os.replace(tmp, path)
    return path


def make_h264_tagged(d: Path) -> Path:
    """H.264 + AAC in MP4, 320x240 30 fps 3 s, keyframe every 15 frames, with B-frames, and
    carrying a location, a title and a device in its metadata (like a phone film)."""
    return _make(
        d / "tagged h264.mp4",
        ["-f", "lavfi", "-i", numbered("320x240", 30, 3), *tone(3),
         "-c:v", "libx264", "-preset", "veryfast", "-g", "15", "-keyint_min", "15", "-bf", "2",
         "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-shortest",
         "-metadata", "title=Amy bath time at home",
         "-metadata", "location=+51.5074-000.1278/",
         "-metadata", "com.apple.quicktime.location.ISO6709=+51.5074-000.1278/",
         "-metadata", "com.apple.quicktime.make=Apple",
         "-metadata", "com.apple.quicktime.model=iPhone 15",
         "-metadata", "creation_time=2024-05-01T10:00:00Z",
         "-movflags", "use_metadata_tags", "OUT"],
    )  # fmt: skip


def make_hevc_hlg_rot90(d: Path) -> Path:
    """HEVC 10-bit HLG in MOV with a 90° (clockwise) rotation flag, like an iPhone portrait film."""
    plain = d / ".hevc-unrotated.mov"
    _make(
        plain,
        ["-f", "lavfi", "-i", numbered("320x240", 30, 2), *tone(2),
         "-vf", "format=yuv420p10le,setparams=color_primaries=bt2020:color_trc=arib-std-b67:"
         "colorspace=bt2020nc:range=tv",
         "-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p10le", "-tag:v", "hvc1",
         "-x265-params", "log-level=error:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc",
         "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc",
         "-c:a", "aac", "-b:a", "64k", "-shortest", "OUT"],
    )  # fmt: skip
    # display_rotation is counter-clockwise: -90 means "turn 90° clockwise to show upright"
    return _make(
        d / "iphone hlg.mov",
        ["-display_rotation", "-90", "-i", str(plain), "-c", "copy", "OUT"],
    )


def make_vfr_rot180(d: Path) -> Path:
    """H.264 with a truly variable frame rate, a 180° rotation flag and mono 44.1 kHz audio."""
    plain = d / ".vfr-unrotated.mp4"
    _make(
        plain,
        ["-f", "lavfi", "-i", numbered("320x240", 30, 3), *tone(3, 44100, "mono"),
         # alternate 1/20 s and 1/60 s frame gaps; the fine time base keeps them distinct
         "-vf", "settb=1/90000,setpts='N*3000+mod(N,2)*1500'",
         "-fps_mode", "passthrough", "-enc_time_base", "1/90000", "-video_track_timescale", "90000",
         "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "48k", "OUT"],
    )  # fmt: skip
    return _make(
        d / "android vfr.mp4",
        ["-display_rotation", "180", "-i", str(plain), "-c", "copy", "OUT"],
    )


def make_interlaced_ts(d: Path) -> Path:
    """Interlaced H.264 (top field first) with AC-3 audio in MPEG-TS, like an AVCHD camcorder."""
    return _make(
        d / "camcorder.mts",
        ["-f", "lavfi", "-i", numbered("320x240", 25, 2), *tone(2),
         "-vf", "setfield=tff", "-c:v", "libx264", "-preset", "veryfast",
         "-flags", "+ildct+ilme", "-x264-params", "tff=1", "-g", "25", "-pix_fmt", "yuv420p",
         "-c:a", "ac3", "-b:a", "96k", "-f", "mpegts", "OUT"],
    )  # fmt: skip


def make_vp9_webm(d: Path) -> Path:
    """VP9 + Opus in WebM, like a webcam recording."""
    return _make(
        d / "webcam.webm",
        ["-f", "lavfi", "-i", numbered("320x240", 30, 2), *tone(2),
         "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "400k",
         "-g", "30", "-c:a", "libopus", "-b:a", "48k", "OUT"],
    )  # fmt: skip


def make_mjpeg_odd(d: Path) -> Path:
    """MJPEG + PCM in AVI with an odd height (320x239), like an old compact camera."""
    return _make(
        d / "oldcamera.avi",
        ["-f", "lavfi", "-i", numbered("320x239", 25, 2, odd_mjpeg=True), *tone(2),
         "-c:v", "mjpeg", "-q:v", "3", "-c:a", "pcm_s16le", "OUT"],
    )  # fmt: skip


def make_no_audio(d: Path) -> Path:
    """H.264 in MP4 without any audio track."""
    return _make(
        d / "silent.mp4",
        ["-f", "lavfi", "-i", numbered("320x240", 30, 2),
         "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-pix_fmt", "yuv420p", "OUT"],
    )  # fmt: skip


def make_inband_headers(d: Path) -> Path:
    """H.264 that repeats its SPS and PPS inside every keyframe (as some Android phones do)."""
    return _make(
        d / "android inband.mp4",
        ["-f", "lavfi", "-i", numbered("320x240", 30, 2),
         "-c:v", "libx264", "-preset", "veryfast", "-g", "15", "-bf", "2",
         "-x264-params", "repeat-headers=1", "-pix_fmt", "yuv420p", "OUT"],
    )  # fmt: skip


def make_uhd60(d: Path) -> Path:
    """A 4K (3840x2160) 60 fps H.264 film, 1 s long."""
    return _make(
        d / "uhd60.mp4",
        ["-f", "lavfi", "-i", numbered("320x180", 60, 1) + ",scale=3840:2160:flags=neighbor",
         *tone(1), "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "64k", "-shortest", "OUT"],
    )  # fmt: skip


def make_single_frame(d: Path) -> Path:
    """A film of exactly one frame."""
    return _make(
        d / "one frame.mp4",
        ["-f", "lavfi", "-i", numbered("320x240", 30, 1), "-frames:v", "1",
         "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "OUT"],
    )  # fmt: skip


def make_weird_name(d: Path) -> Path:
    """A valid film whose name starts with '-' and has spaces, quotes and an emoji."""
    path = d / '-baby\'s "first" bath 🛁.mp4'
    if not path.exists():
        path.write_bytes(make_no_audio(d).read_bytes())
    return path


def make_long_h264(d: Path, seconds: float, size: str = "1920x1080", rate: int = 30) -> Path:
    """A longer plain H.264 + AAC film (keyframe every second, like a phone), for benchmarks."""
    return _make(
        d / f"long-{size}-{rate}-{seconds:g}s.mp4",
        ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}:duration={seconds}",
         *tone(seconds), "-c:v", "libx264", "-preset", "veryfast", "-g", str(rate),
         "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest", "OUT"],
    )  # fmt: skip


# -- broken inputs ---------------------------------------------------------------------------


def make_broken(d: Path) -> dict[str, Path]:
    """Broken inputs by kind: empty, text, random, truncated, audio_only, missing."""
    empty = d / "empty.mp4"
    empty.write_bytes(b"")
    text = d / "notes.mp4"
    text.write_text("This is a shopping list, not a film.\nMilk\nNappies\n")
    rnd = d / "random.mp4"
    rnd.write_bytes(bytes((i * 7919 + 13) % 251 for i in range(64 * 1024)))
    # the MP4 index (moov) is written at the end by default, so half a file has no index
    whole = _make(
        d / ".whole-for-truncation.mp4",
        ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=2",
         "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "OUT"],
    )  # fmt: skip
    truncated = d / "truncated.mp4"
    data = whole.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    audio_only = _make(d / "voice memo.m4a", [*tone(1), "-c:a", "aac", "-b:a", "48k", "OUT"])
    return {
        "empty": empty,
        "text": text,
        "random": rnd,
        "truncated": truncated,
        "audio_only": audio_only,
        "missing": d / "not here.mp4",
    }


# -- reading frame numbers and corners back --------------------------------------------------


def frame_number(img: Image.Image, corner: str = "tl", scale: float = 1.0) -> int:
    """Read the frame number (mod 60) from the grey block of an RGB/L image in full range.

    `corner` says where the source's top-left block ended up (tl, tr, bl, br) after rotation;
    `scale` is output size / source size.
    """
    box = _corner_box(img, corner, scale)
    luma = ImageStat.Stat(img.convert("L").crop(box)).mean[0]
    limited = luma * 219 / 255 + 16
    return round((limited - LEVEL_BASE) / LEVEL_STEP) % LEVEL_WRAP


def is_red(img: Image.Image, corner: str, scale: float = 1.0) -> bool:
    """Whether the red orientation block is in `corner` of the image."""
    r, g, b = ImageStat.Stat(img.convert("RGB").crop(_corner_box(img, corner, scale))).mean[:3]
    return r > 150 and g < 90 and b < 90


def _corner_box(img: Image.Image, corner: str, scale: float) -> tuple[int, int, int, int]:
    w, h = img.size
    side = BLOCK * scale
    inset = side * 0.2
    x0 = inset if corner[1] == "l" else w - side + inset
    y0 = inset if corner[0] == "t" else h - side + inset
    return (round(x0), round(y0), round(x0 + side - 2 * inset), round(y0 + side - 2 * inset))


def expected_frame(seconds: float, fps: float) -> int:
    """The frame number (mod 60) shown at `seconds` in a constant-rate numbered film."""
    return int(seconds * fps + 1e-6) % LEVEL_WRAP


ALL_MAKERS = {
    "h264_tagged": make_h264_tagged,
    "hevc_hlg_rot90": make_hevc_hlg_rot90,
    "vfr_rot180": make_vfr_rot180,
    "interlaced_ts": make_interlaced_ts,
    "vp9_webm": make_vp9_webm,
    "mjpeg_odd": make_mjpeg_odd,
    "no_audio": make_no_audio,
    "inband_headers": make_inband_headers,
    "uhd60": make_uhd60,
    "single_frame": make_single_frame,
    "weird_name": make_weird_name,
}
