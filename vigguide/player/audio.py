"""A clip's sound, decoded with PyAV into memory in the mixer's format (16-bit interleaved PCM).

A clip is seconds long, so its whole sound fits in memory (15 s of 48 kHz stereo is under 3 MB);
playing from any point is then a slice of that buffer, in step with the picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import BinaryIO

import av
import av.audio
import av.audio.resampler

from vigguide.media.source import open_input


@dataclass(frozen=True)
class ClipSound:
    """Signed 16-bit interleaved samples from `start_s` (film time) at `rate` Hz."""

    pcm: bytes
    rate: int
    channels: int
    start_s: float

    @property
    def frame_bytes(self) -> int:
        return 2 * self.channels

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / self.frame_bytes / self.rate

    def from_time(self, t: float) -> bytes:
        """The samples from film time `t` on (empty past the end)."""
        offset = max(0, round((t - self.start_s) * self.rate)) * self.frame_bytes
        return self.pcm[offset:]


def decode_sound(
    source: BinaryIO, start_s: float, end_s: float, *, rate: int, channels: int
) -> ClipSound | None:
    """The sound between two film times, or None when the film has no sound track."""
    with open_input(source) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        tb: Fraction = stream.time_base or Fraction(1, rate)
        offset = float(container.start_time or 0) / av.time_base
        layout = "stereo" if channels == 2 else "mono"
        resampler = av.audio.resampler.AudioResampler(format="s16", layout=layout, rate=rate)
        container.seek(max(0, int((start_s + offset - 1.0) / tb)), stream=stream, backward=True)
        out = bytearray()
        first: float | None = None
        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.InvalidDataError:
                continue
            for frame in frames:
                if frame.pts is None:
                    continue
                t = float(frame.pts * (frame.time_base or tb)) - offset
                if t >= end_s:
                    break
                for chunk in resampler.resample(frame):
                    if first is None:
                        first = t
                    out += bytes(chunk.planes[0])[: chunk.samples * 2 * channels]
            else:
                continue
            break
        if first is None:
            return None
        # trim to the clip's start and end exactly
        frame_bytes = 2 * channels
        skip = max(0, round((start_s - first) * rate)) * frame_bytes
        keep = max(0, round((end_s - max(first, start_s)) * rate)) * frame_bytes
        start = max(first, start_s)
        return ClipSound(bytes(out[skip : skip + keep]), rate, channels, start)
