"""Sound against picture, and pauses against the plan, measured on what the player puts out.

1. Sound and picture. A generated 1080p30 film flashes one white frame and starts a 1 kHz beep at
   every whole second (over a quiet 200 Hz tone, so the sound's restarts can be found). It goes
   into a vault and the real PlayerWindow plays a clip of it (`run()`, as the child process does),
   with a still in the middle (the sound stops for the hold and restarts after it).
   - The picture: the time each frame is flipped (a hook after `draw()`), on CLOCK_MONOTONIC.
   - The sound: SDL's `disk` audio driver writes every buffer the mixer produces to
     SDL_DISKAUDIOFILE. That file is a FIFO here, read by a separate process which stamps each
     read with CLOCK_MONOTONIC (the same clock, shared by processes), so a sample's position in
     the stream gives the moment SDL handed it over. A beep's onset (first sample over a threshold)
     is then timed as: its buffer's hand-over + its place in that buffer / 48 kHz.
   The disk driver paces itself with SDL_Delay(samples * 1000 // rate) = 21 ms per 21.33 ms buffer
   plus its own overhead, so its clock is not a sound card's. Two figures are given per beep:
   "as handed over" (the driver's own pace), and "on an exact device clock" (from the sound's last
   (re)start, one sample every 1/48000 s), which is what a sound card's crystal would do. Neither
   includes the device's own queue (a real card plays a buffer about one buffer after it is
   mixed), which is what the player's 21 ms compensation is for; a third column adds it.
2. Pauses. A numbered film (1280x720 at 29.97 fps, burned-in frame numbers and a grey block that
   encodes them) is played in real time as a plan of many clips, each with a planned pause; at
   each stop the frame number is read back from the window's own pixels and compared with the
   frame on screen at the planned time (the last frame not after it).

Usage: python benchmarks/player_timing.py [--sync-only | --pause-only] [--aac] [--repeat 3] [--slow]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from tests import media_videos as mv
from vigguide.media.ffmpeg_run import ffmpeg_exe
from vigguide.player.model import Mode
from vigguide.player.plan import PlayClip, PlayPlan, StillMark
from vigguide.store.keys import RootSecret
from vigguide.store.vault import Vault

RATE = 48000
BUFFER = 1024  # the player's mixer buffer (speaker.MIXER_BUFFER)
BEEP_LEVEL = 6000  # onset threshold: the beep peaks at 16384, the tone under it at 655


def clock() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-nostdin", "-v", "error", "-y", *args], check=True)


def make_flash_film(out: Path, seconds: float, aac: bool) -> Path:
    video = (
        f"color=c=0x303030:s=1920x1080:r=30:d={seconds},"
        "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(mod(n\\,30)\\,0)'"
    )
    sound = (
        "aevalsrc=exprs='0.02*sin(2*PI*200*t)+0.5*lt(mod(t\\,1)\\,0.06)*sin(2*PI*1000*t)'"
        f":s={RATE}:d={seconds}:c=stereo"
    )
    audio_codec = ["-c:a", "aac", "-b:a", "128k"] if aac else ["-c:a", "pcm_s16le"]
    ffmpeg(
        "-f", "lavfi", "-i", video, "-f", "lavfi", "-i", sound,
        "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-pix_fmt", "yuv420p",
        *audio_codec, "-shortest", str(out),
    )  # fmt: skip
    return out


_READER = """
import os, sys, time, json
fd = os.open(sys.argv[1], os.O_RDONLY)
data = bytearray(); log = []
while True:
    b = os.read(fd, 1 << 16)
    t = time.clock_gettime(time.CLOCK_MONOTONIC)
    if not b:
        break
    data += b
    log.append((t, len(data)))
open(sys.argv[2], "wb").write(data)
open(sys.argv[3], "w").write(json.dumps(log))
"""


def onsets(pcm: bytes, channels: int = 2) -> list[int]:
    """Sample indices where a beep starts (first sample over the threshold after 0.5 s without)."""
    import array

    samples = array.array("h", pcm)[::channels]
    found: list[int] = []
    last = -RATE
    for i, v in enumerate(samples):
        if abs(v) > BEEP_LEVEL:
            if i - last > RATE // 2:
                found.append(i)
            last = i
    return found


def restarts(pcm: bytes) -> list[int]:
    """Sample indices where the sound starts after digital silence (the mixer playing nothing)."""
    import array

    samples = array.array("h", pcm)
    zeros, found = BUFFER, []
    for i in range(0, len(samples), 2):
        if samples[i] == 0 and samples[i + 1] == 0:
            zeros += 1
            continue
        if zeros >= BUFFER:
            found.append(i // 2)
        zeros = 0
    return found


def handed_over(log: list[tuple[float, int]], sample: int) -> float:
    """CLOCK_MONOTONIC time SDL handed `sample` to the 'device': the read holding its buffer,
    less the buffers after it in that read, plus its place in its buffer."""
    byte = 4 * sample
    for t, total in log:
        if total > byte:
            return t - (total - byte) / 4 / RATE + BUFFER / RATE
    raise ValueError("sample past the captured sound")


def sync_run(base: Path, aac: bool, size: tuple[int, int]) -> dict[str, object]:
    from vigguide.player.window import PlayerWindow

    base = Path(tempfile.mkdtemp(dir=base))
    film = make_flash_film(base / ("flash.mp4" if aac else "flash.mov"), 12.5, aac)
    vault = Vault(base / "home", RootSecret.generate())
    vault_id = vault.put_file(film).id
    film.unlink()
    clip = PlayClip(1, "Sync", vault_id, 0.5, 11.5, stills=(StillMark(5.5, "still"),))
    plan = PlayPlan("BENCH", 1, (clip,))

    fifo, raw, logf = base / "sound.fifo", base / "sound.raw", base / "sound.json"
    os.mkfifo(fifo)
    reader = subprocess.Popen([sys.executable, "-c", _READER, str(fifo), str(raw), str(logf)])
    os.environ["SDL_AUDIODRIVER"] = "disk"
    os.environ["SDL_DISKAUDIOFILE"] = str(fifo)
    shown: dict[float, tuple[float, bool, float]] = {}
    window = PlayerWindow(plan, vault.open, size=size, clock=clock)
    plain_draw = window.draw

    def draw() -> None:
        plain_draw()
        t = clock()
        frame = window.core.shown
        if frame.time_s not in shown:
            w, h = frame.image.size
            pixel = frame.image.getpixel((w // 2, h // 2))
            assert isinstance(pixel, tuple)
            model = window.core.model  # when the player's own clock meant this frame to show
            due = model._anchor_wall + (frame.time_s - model._anchor_pos) / model.speed
            shown[frame.time_s] = (t, pixel[0] > 200, t - due)
        if window.core.model.mode is Mode.ENDED:
            window.running = False

    window.draw = draw  # type: ignore[method-assign]
    window.run()  # plays, holds the still 3 s, plays on, ends; closes the mixer (EOF)
    reader.wait(timeout=30)
    os.unlink(fifo)
    pcm = raw.read_bytes()
    log = [(float(t), int(n)) for t, n in json.loads(logf.read_text())]
    sizes = [b - a for (_, a), (_, b) in zip([(0.0, 0), *log], log, strict=False)]
    pace = (log[-1][1] - log[0][1]) / 4 / (log[-1][0] - log[0][0])

    beeps = [k for k in range(1, 12) if clip.start_s < k < clip.end_s]
    found = onsets(pcm)
    starts = restarts(pcm)
    rows = []
    for k, sample in zip(beeps, found, strict=False):
        flash = shown.get(float(k)) or next(
            (v for t, v in shown.items() if abs(t - k) < 0.001), None
        )
        if flash is None or not flash[1]:
            rows.append({"beep_s": k, "missing_flash": True})
            continue
        start = max(s for s in starts if s <= sample)
        as_handed = handed_over(log, sample) - flash[0]
        exact = handed_over(log, start) + (sample - start) / RATE - flash[0]
        anchor = next(i for i, (_, total) in enumerate(log) if total > 4 * start)
        rows.append(
            {
                "beep_s": k,
                "as_handed_ms": as_handed * 1000,
                "exact_clock_ms": exact * 1000,
                "picture_late_ms": flash[2] * 1000,
                "anchor_read_one_buffer": sizes[anchor] <= 4 * BUFFER,
            }
        )
    return {
        "film": "AAC in MP4" if aac else "PCM in MOV",
        "beeps_heard": len(found),
        "beeps_planned": len(beeps),
        "restarts": len(starts),
        "restart_on_buffer_edge": [s % BUFFER == 0 for s in starts],
        "driver_pace_hz": pace,
        "reads": len(sizes),
        "reads_of_more_than_one_buffer": sum(1 for s in sizes if s > 4 * BUFFER),
        "dropped": window.core.dropped,
        "rows": rows,
    }


def decode_alignment(base: Path, aac: bool) -> list[float]:
    """Where each beep lies in the clip's decoded sound (decode_sound), against its film time, ms."""
    from vigguide.player.audio import decode_sound

    film = make_flash_film(base / ("check.mp4" if aac else "check.mov"), 12.5, aac)
    with film.open("rb") as fh:
        sound = decode_sound(fh, 0.5, 11.5, rate=RATE, channels=2)
    assert sound is not None
    return [
        (sound.start_s + s / RATE - k) * 1000
        for k, s in zip(range(1, 12), onsets(sound.pcm), strict=False)
    ]


def pause_run(base: Path, size: tuple[int, int], slow: bool) -> tuple[int, int, list[str]]:
    """Play many clips with planned pauses (at ½× if `slow`); (right, total, the wrong ones)."""
    import pygame
    from PIL import Image

    from vigguide.player.window import PlayerWindow

    os.environ["SDL_AUDIODRIVER"] = "dummy"
    fps = 30000 / 1001
    film = base / "numbered.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", mv.numbered("1280x720", "30000/1001", 62),
        "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-pix_fmt", "yuv420p", str(film),
    )  # fmt: skip
    vault = Vault(base / "home-pause", RootSecret.generate())
    vault_id = vault.put_file(film).id
    film.unlink()
    clips = []
    for i in range(24):
        start = round(1.0 + 2.4 * i + 0.037 * i, 3)
        if i % 3 == 0:  # as review preparation stores it: start + seconds typed (0.1 s steps)
            pause = round(start + 0.3 + 0.1 * (i % 9), 3)
        elif i % 3 == 1:  # exactly a frame's own time, rounded to the millisecond
            pause = round((int((start + 0.6) * fps) + 1) / fps, 3)
        else:  # a frame's time less 0.4 ms (rounding down): still that frame
            pause = (int((start + 0.9) * fps) + 1) / fps - 0.0004
        clips.append(PlayClip(i + 1, f"P{i}", vault_id, start, start + 1.6, pause, "Question?"))
    plan = PlayPlan("BENCH", 1, tuple(clips))
    window = PlayerWindow(plan, vault.open, size=size, clock=clock)
    window.pump(clock())
    window.perform("toggle", clock())
    if slow:
        window.perform("slower", clock())
    right, wrong = 0, []
    while True:
        window.pump(clock())
        mode = window.core.model.mode
        if mode is Mode.AT_PAUSE:
            clip = window.core.clip
            assert clip.pause_at_s is not None
            rect = window.picture_rect
            shot = window.screen.subsurface(rect)
            img = Image.frombytes("RGB", rect.size, pygame.image.tobytes(shot, "RGB"))
            seen = mv.frame_number(img, scale=rect.width / 1280)
            expected = int((clip.pause_at_s + 0.0005) * fps) % mv.LEVEL_WRAP
            core_n = round(window.core.shown.time_s * fps) % mv.LEVEL_WRAP
            if seen == expected == core_n:
                right += 1
            else:
                wrong.append(
                    f"pause {clip.pause_at_s}: screen {seen}, core {core_n}, plan {expected}"
                )
            if window.core.index + 1 >= len(clips):
                break
            window.perform("next_clip", clock())
            window.perform("toggle", clock())
            if slow:
                window.perform("slower", clock())
        elif mode is Mode.ENDED:
            wrong.append(f"clip {window.core.clip.number} ended without pausing")
            break
        else:
            pygame.time.wait(2)
    window.close()
    return right, len(clips), wrong


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sync-only", action="store_true")
    parser.add_argument("--pause-only", action="store_true")
    parser.add_argument("--aac", action="store_true", help="also the AAC film")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slow", action="store_true", help="pauses played at half speed")
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    print(f"video: {os.environ.get('SDL_VIDEODRIVER') or 'X11 ' + os.environ['DISPLAY']}, "
          f"window {w}x{h}, load {os.getloadavg()[0]:.1f}")  # fmt: skip
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        base = Path(tmp)
        if not args.pause_only:
            for aac in (False, True) if args.aac else (False,):
                kind = "AAC" if aac else "PCM"
                align = decode_alignment(base, aac)
                print(f"{kind}: beeps in the decoded clip sound vs film time (ms): "
                      + ", ".join(f"{a:+.2f}" for a in align))  # fmt: skip
                good: list[dict[str, float]] = []
                for n in range(args.repeat):
                    result = sync_run(base, aac, (w, h))
                    rows = result.pop("rows")
                    assert isinstance(rows, list)
                    print(f"{kind} run {n + 1}, load {os.getloadavg()[0]:.1f}:", json.dumps(result))
                    for row in rows:
                        print("  ", {k: round(v, 1) if isinstance(v, float) else v
                                     for k, v in row.items()})  # fmt: skip
                    good += [r for r in rows if "as_handed_ms" in r]
                queue_ms = 1000 * BUFFER / RATE
                for key in ("as_handed_ms", "exact_clock_ms", "picture_late_ms"):
                    vals = [r[key] for r in good]
                    print(
                        f"{kind} {key}: median {statistics.median(vals):+.1f}, "
                        f"worst {max(vals, key=abs):+.1f} (n={len(vals)})"
                    )
                heard = [r["exact_clock_ms"] + queue_ms for r in good]
                print(
                    f"{kind} heard vs seen on an exact device clock with a one-buffer queue: "
                    f"median {statistics.median(heard):+.1f}, worst {max(heard, key=abs):+.1f}, "
                    f"within 40 ms: {sum(abs(v) <= 40 for v in heard)} of {len(heard)}"
                )
        if not args.sync_only:
            right, total, wrong = pause_run(base, (w, h), args.slow)
            speed = "½×" if args.slow else "1×"
            print(f"pauses on the planned frame at {speed}: {right} of {total}")
            for line in wrong:
                print("  WRONG", line)


if __name__ == "__main__":
    main()
