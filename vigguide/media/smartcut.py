"""The clip fast path ("smart cut"): re-encode only the ends, copy the frames in between.

The frames before the first keyframe of the clip (the head) and from the last keyframe on (the
tail) are re-encoded with x264 using parameter-set ids the source does not use; everything between
is copied untouched. Both sets of parameter sets go into the one `avcC` header, so the result is a
plain, standard avc1 MP4 track. Every result is decoded end to end before it is accepted; on any
doubt the caller re-encodes the whole clip instead.
"""

from __future__ import annotations

import threading
from fractions import Fraction
from pathlib import Path

import av
import ffmpeg

from vigguide.errors import CancelledError, MediaError
from vigguide.media.ffmpeg_run import (
    ProgressCallback,
    base_global_args,
    ffmpeg_exe,
    progress_value,
    run_ffmpeg,
)
from vigguide.media.probe import ProbeInfo
from vigguide.media.span import Span, SpanFrame

_PROFILES = {66: "baseline", 77: "main", 100: "high"}
_TB = Fraction(1, 1000)  # the span file is Matroska: millisecond timestamps


class _NotHere(Exception):
    """The fast path does not apply to this clip; re-encode it instead."""


def _ue(data: bytes, bit: int) -> tuple[int, int]:
    """Read one unsigned Exp-Golomb number starting at `bit`; return (value, next bit)."""

    def at(i: int) -> int:
        return (data[i // 8] >> (7 - i % 8)) & 1

    zeros = 0
    while at(bit) == 0:
        zeros += 1
        bit += 1
    bit += 1
    value = 0
    for _ in range(zeros):
        value = (value << 1) | at(bit)
        bit += 1
    return (1 << zeros) - 1 + value, bit


class AvcConfig:
    """The parts of an `avcC` record the splice needs."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 7 or data[0] != 1:
            raise _NotHere
        self.profile, self.compat, self.level = data[1], data[2], data[3]
        self.length_size = (data[4] & 3) + 1
        pos = 5
        self.sps: list[bytes] = []
        self.pps: list[bytes] = []
        for target, mask in ((self.sps, 0x1F), (self.pps, 0xFF)):
            count = data[pos] & mask
            pos += 1
            for _ in range(count):
                size = int.from_bytes(data[pos : pos + 2], "big")
                target.append(data[pos + 2 : pos + 2 + size])
                pos += 2 + size
        self.trailer = data[pos:]

    def ids(self) -> set[int]:
        used = {_ue(sps, 24)[0] for sps in self.sps}
        used |= {_ue(pps, 8)[0] for pps in self.pps}
        return used


def _combined(source: AvcConfig, head: AvcConfig) -> bytes:
    out = bytearray([1, source.profile, source.compat, max(source.level, head.level)])
    out.append(0xFC | (source.length_size - 1))
    sps = source.sps + head.sps
    pps = source.pps + head.pps
    out.append(0xE0 | len(sps))
    for unit in sps:
        out += len(unit).to_bytes(2, "big") + unit
    out.append(len(pps))
    for unit in pps:
        out += len(unit).to_bytes(2, "big") + unit
    return bytes(out + source.trailer)


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
    """Write the clip to `out` by smart cut; False (nothing promised in `out`) if not possible."""
    try:
        return _smart_cut(span, info, chosen, out, workdir, progress, cancel)
    except _NotHere:
        return False
    except CancelledError:
        raise
    except (MediaError, av.FFmpegError, ValueError, IndexError):
        return False


def _smart_cut(
    span: Span,
    info: ProbeInfo,
    chosen: list[SpanFrame],
    out: Path,
    workdir: Path,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> bool:
    keys = [i for i, frame in enumerate(chosen) if frame.keyframe]
    if len(keys) < 2 and not (keys and keys[0] == 0):
        raise _NotHere
    first_key, last_key = keys[0], keys[-1]
    if last_key == first_key:
        last_key = len(chosen)  # copy to the end of the clip? only safe up to a keyframe
        raise _NotHere
    head, middle, tail = chosen[:first_key], chosen[first_key:last_key], chosen[last_key:]
    start_ms = round(chosen[0].span_s * 1000)

    with av.open(str(span.path)) as container:
        vin = container.streams.video[0]
        source = AvcConfig(bytes(vin.codec_context.extradata or b""))
        profile = _PROFILES.get(source.profile)
        if profile is None or source.length_size != 4:
            raise _NotHere
        new_id = max(source.ids()) + 1
        if new_id > 31:
            raise _NotHere
        wanted = {round(f.span_s * 1000) for f in middle}
        copied: list[av.Packet] = []
        collecting = False
        k1, k2 = round(middle[0].span_s * 1000), round(chosen[last_key].span_s * 1000)
        for packet in container.demux(vin):
            if packet.pts is None or not packet.size:
                continue
            if packet.pts == k1 and packet.is_keyframe:
                collecting = True
            elif packet.pts == k2 and packet.is_keyframe:
                break
            if collecting:
                copied.append(packet)
        if {p.pts for p in copied} != wanted or len(copied) != len(middle):
            raise _NotHere  # open GOPs or reordered frames across the cut: not safe to copy
        # Matroska keeps no decode times, so rebuild them: the sorted presentation times,
        # delayed just enough that no frame is decoded after it is shown
        in_order = sorted(p.pts for p in copied if p.pts is not None)
        reorder = max(0, *(t - (p.pts or 0) for t, p in zip(in_order, copied, strict=True)))
        decode_times = [t - reorder for t in in_order]

        parts = [("head", head), ("tail", tail)]
        encoded: dict[str, tuple[AvcConfig | None, list[av.Packet]]] = {}
        total = len(chosen)
        for label, frames in parts:
            if not frames:
                encoded[label] = (None, [])
                continue
            path = Path(workdir) / f"{label}.mp4"
            _encode_part(span, frames, path, profile, source.level, new_id, cancel)
            with av.open(str(path)) as part:
                pv = part.streams.video[0]
                config = AvcConfig(bytes(pv.codec_context.extradata or b""))
                packets = [p for p in part.demux(pv) if p.size]
                if len(packets) != len(frames) or config.length_size != 4:
                    raise _NotHere
                encoded[label] = (config, [bytes(p) for p in packets])  # type: ignore[misc]
            if progress is not None:
                progress(min(0.9, (len(head) + (len(frames) if label == "tail" else 0)) / total))
        head_config = encoded["head"][0] or encoded["tail"][0]
        extradata = (
            _combined(source, head_config) if head_config is not None else bytes(source.trailer)
        )
        audio_path = _encode_audio(span, chosen, Path(workdir), cancel) if span.has_audio else None

        with av.open(
            str(out),
            mode="w",
            format="mp4",
            options={"movflags": "+faststart", "fflags": "+bitexact"},
        ) as result:
            vout = result.add_stream_from_template(vin)
            vout.codec_context.extradata = extradata
            vout.time_base = _TB
            vout.metadata.clear()
            aout = None
            audio_in = None
            if audio_path is not None:
                audio_in = av.open(str(audio_path))
                aout = result.add_stream_from_template(audio_in.streams.audio[0])
            for frame, data in zip(head, encoded["head"][1], strict=True):
                _mux_raw(result, vout, data, frame, start_ms, reorder, key=frame is head[0])
            for packet, dts in zip(copied, decode_times, strict=True):
                packet.pts = (packet.pts or 0) - start_ms
                packet.dts = dts - start_ms
                packet.stream = vout
                result.mux(packet)
            for frame, data in zip(tail, encoded["tail"][1], strict=True):
                _mux_raw(result, vout, data, frame, start_ms, 0, key=frame is tail[0])
            if audio_in is not None and aout is not None:
                for packet in audio_in.demux(audio_in.streams.audio[0]):
                    if packet.dts is None:
                        continue
                    packet.stream = aout
                    result.mux(packet)
                audio_in.close()
    return _verify(out, total, cancel)


def _mux_raw(
    result: av.container.OutputContainer,
    stream: av.VideoStream,
    data: bytes,
    frame: SpanFrame,
    start_ms: int,
    reorder: int,
    *,
    key: bool,
) -> None:
    packet = av.Packet(data)
    pts = round(frame.span_s * 1000) - start_ms
    packet.pts = pts
    packet.dts = pts - reorder
    packet.time_base = _TB
    packet.is_keyframe = key
    packet.stream = stream
    result.mux(packet)


def _encode_part(
    span: Span,
    frames: list[SpanFrame],
    path: Path,
    profile: str,
    level: int,
    new_id: int,
    cancel: threading.Event | None,
) -> None:
    slack = 0.0006
    # jump straight to the keyframe that starts this part instead of decoding the span before it;
    # trim below still picks the exact frames
    src = ffmpeg.input(
        str(span.path),
        ss=f"{max(0.0, frames[0].span_s - 0.002):.6f}",
        extra_options={"noautorotate": True, "noaccurate_seek": True, "seek_timestamp": 1},
    )
    video = src.video.vfilter(
        name="trim", start=f"{frames[0].span_s - slack:.6f}", end=f"{frames[-1].span_s + slack:.6f}"
    ).vfilter(name="format", pix_fmts="yuv420p")
    command = ffmpeg.output(
        video,
        filename=str(path),
        extra_options={
            "c:v": "libx264",
            "preset": "superfast",  # a second or two of frames; a low CRF keeps the quality
            "crf": 16,
            "profile:v": profile,
            "level": f"{level / 10:.1f}",
            "bf": 0,
            "x264-params": f"sps-id={new_id}",
            "fps_mode": "passthrough",
            "an": True,
            "f": "mp4",
        },
    ).global_args(copyts=True, extra_options=base_global_args())
    lines = run_ffmpeg(
        command.compile(cmd=ffmpeg_exe(), overwrite_output=True),
        cancel=cancel,
        partial=path,
        what="the clip",
    )
    if int(progress_value(lines, "frame") or 0) != len(frames):
        raise _NotHere


def _encode_audio(
    span: Span, chosen: list[SpanFrame], workdir: Path, cancel: threading.Event | None
) -> Path:
    from vigguide.media.clips import clip_duration

    first = chosen[0].span_s
    duration = clip_duration(span, chosen)
    path = workdir / "audio.m4a"
    sound = (
        ffmpeg.input(str(span.path))
        .audio.afilter(name="atrim", start=f"{first:.6f}", end=f"{first + duration:.6f}")
        .afilter(name="asetpts", expr="PTS-STARTPTS")
        .afilter(name="aformat", channel_layouts="stereo|mono")
        .afilter(name="apad", whole_dur=f"{duration:.6f}")
    )
    command = ffmpeg.output(
        sound,
        filename=str(path),
        extra_options={"c:a": "aac", "b:a": "160k", "map_metadata": "-1", "f": "mp4"},
    ).global_args(copyts=True, extra_options=base_global_args())
    run_ffmpeg(
        command.compile(cmd=ffmpeg_exe(), overwrite_output=True),
        cancel=cancel,
        partial=path,
        what="the clip's sound",
    )
    return path


def _verify(out: Path, expected: int, cancel: threading.Event | None) -> bool:
    """Decode the whole clip, stopping at the first error; accept only the exact frame count."""
    command = ffmpeg.output(
        ffmpeg.input(str(out), extra_options={"err_detect": "explode"}).video,
        filename="-",
        extra_options={"f": "null"},
    ).global_args(xerror=True, extra_options=base_global_args())
    try:
        lines = run_ffmpeg(command.compile(cmd=ffmpeg_exe(), overwrite_output=True), cancel=cancel)
    except CancelledError:
        raise
    except MediaError:
        return False
    return int(progress_value(lines, "frame") or 0) == expected
