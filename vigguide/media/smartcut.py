"""The clip fast path ("smart cut"): re-encode only the ends, copy the frames in between.

The frames before the clip's first keyframe (the head) are re-encoded with x264 using
parameter-set ids the source does not use; from that keyframe on, packets are copied untouched as
far as a prefix of them in decode order holds exactly the clip's next frames; the few frames left
after that (the tail) are re-encoded like the head. Both sets of parameter sets go into the one
`avcC` header, so the result is a plain, standard avc1 MP4 track. Every result is checked
(`seams.check_splice`) before it is accepted; on any doubt the caller re-encodes the whole clip.

Copied packets lose their SEI units (where cameras keep GPS, times and device names); nothing a
decoder needs is there. All of it happens in memory: ffmpeg reads the frames to re-encode on a
pipe and writes them to one, and the clip is assembled in memory.
"""

from __future__ import annotations

import concurrent.futures
import io
import threading
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

import av
import av.container
import ffmpeg

from vigguide.errors import CancelledError, MediaError
from vigguide.media.avc import (
    AvcConfig,
    NotSpliceable,
    combined,
    in_band_ids,
    starts_idr,
    without_sei,
)
from vigguide.media.ffmpeg_run import (
    SOUND_BITRATE,
    ProgressCallback,
    base_global_args,
    ffmpeg_exe,
    progress_value,
    run_ffmpeg,
)
from vigguide.media.mp4 import MP4_OPTIONS, faststart, sound_track
from vigguide.media.probe import ProbeInfo
from vigguide.media.seams import SpliceLayout, check_splice, decode_windows
from vigguide.media.span import Span, SpanFrame, clip_duration

_PROFILES = {66: "baseline", 77: "main", 100: "high"}
_TB = Fraction(1, 1000)  # the span is Matroska: millisecond timestamps
_PART_MOVFLAGS = "frag_keyframe+empty_moov+default_base_moof"  # an MP4 that can go down a pipe

VideoPacket: TypeAlias = "av.Packet[av.VideoStream]"  # generic only to the type checker


@dataclass(frozen=True)
class _Plan:
    """How the clip is put together: frames to re-encode around packets to copy."""

    head: list[SpanFrame]
    copied: list[VideoPacket]  # decode order, SEI taken out
    copied_idrs: list[int]  # positions in `copied` that start an IDR
    tail: list[SpanFrame]
    source: AvcConfig
    profile: str
    new_id: int


@dataclass(frozen=True)
class _Part:
    """A re-encoded head or tail: its parameter sets and one sample per frame."""

    config: AvcConfig
    samples: list[bytes]


def smart_cut(
    span: Span,
    info: ProbeInfo,
    chosen: list[SpanFrame],
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> bytes | None:
    """The clip (an MP4 in memory) by smart cut; None if that is not possible."""
    try:
        return _smart_cut(span, chosen, progress, cancel)
    except NotSpliceable:
        return None
    except CancelledError:
        raise
    except (MediaError, av.FFmpegError, ValueError, IndexError):
        return None


def _ms(frame: SpanFrame) -> int:
    return round(frame.span_s * 1000)


def _plan(container: av.container.InputContainer, chosen: list[SpanFrame]) -> _Plan:
    vin = container.streams.video[0]
    source = AvcConfig(bytes(vin.codec_context.extradata or b""))
    profile = _PROFILES.get(source.profile)
    if profile is None or source.length_size != 4:
        raise NotSpliceable
    first_key = next((i for i, f in enumerate(chosen) if f.keyframe), None)
    if first_key is None:
        raise NotSpliceable  # a clip inside one GOP: the full re-encode is as quick
    rest = [_ms(f) for f in chosen[first_key:]]
    wanted = set(rest)
    run: list[VideoPacket] = []
    for packet in container.demux(vin):
        if packet.pts is None or not packet.size:
            continue
        if not run:
            if packet.pts == rest[0] and packet.is_keyframe:
                run.append(packet)
            continue
        if packet.pts not in wanted:
            break  # a frame after the out-point (or one shown before the keyframe: open GOP)
        run.append(packet)
    if not run or not starts_idr(bytes(run[0]), source.length_size):
        raise NotSpliceable
    if len({p.pts for p in run}) != len(run):
        raise NotSpliceable  # two pictures at one time: the prefix test below would not hold
    # the longest decode-order prefix that holds exactly the clip's next frames can be copied:
    # its pictures refer only to pictures decoded before them, all inside it
    copy, highest = 0, -1
    for n, packet in enumerate(run, start=1):
        highest = max(highest, packet.pts or 0)
        if highest == rest[n - 1]:
            copy = n
    copied = [_without_sei(p, source.length_size) for p in run[:copy]]
    idrs = [
        i
        for i, p in enumerate(copied)
        if p.is_keyframe and starts_idr(bytes(p), source.length_size)
    ]
    tail = chosen[first_key + copy :]
    # the re-encoded ends need parameter-set ids that nothing copied uses, in its header or inline
    used = source.ids().union(*(in_band_ids(bytes(p), source.length_size) for p in copied))
    new_id = max(used) + 1
    if new_id > 31:
        raise NotSpliceable
    return _Plan(chosen[:first_key], copied, idrs, tail, source, profile, new_id)


def _without_sei(packet: VideoPacket, length_size: int) -> VideoPacket:
    clean = av.Packet(without_sei(bytes(packet), length_size))
    clean.pts, clean.dts, clean.time_base = packet.pts, packet.dts, packet.time_base
    clean.is_keyframe = packet.is_keyframe
    return clean  # type: ignore[return-value]  # a copy of a video packet is a video packet


def _smart_cut(
    span: Span,
    chosen: list[SpanFrame],
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> bytes | None:
    start_ms = _ms(chosen[0])
    with span.open() as container:
        plan = _plan(container, chosen)
        vin = container.streams.video[0]
        if progress is not None:
            progress(0.1)
        # the ends and the sound are separate ffmpeg runs: run them side by side
        with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
            jobs = {
                label: pool.submit(_encode_part, span, frames, plan, cancel)
                for label, frames in (("head", plan.head), ("tail", plan.tail))
                if frames
            }
            sound = pool.submit(encode_sound, span, chosen, cancel) if span.has_audio else None
            parts = {label: job.result() for label, job in jobs.items()}
            audio = sound.result() if sound is not None else None
        if progress is not None:
            progress(0.7)
        added = [part.config for part in parts.values()]
        if len(added) == 2 and added[0].parameter_sets() != added[1].parameter_sets():
            raise NotSpliceable  # head and tail must share their parameter sets (one id)
        extradata = combined(plan.source, added[0]) if added else None
        layout = _layout(plan, chosen, start_ms)
        made = _mux(vin, plan, parts, extradata, audio, start_ms)
    return made if check_splice(made, layout, cancel) else None


def _layout(plan: _Plan, chosen: list[SpanFrame], start_ms: int) -> SpliceLayout:
    head, tail, copied = plan.head, plan.tail, plan.copied
    pts = [_ms(f) - start_ms for f in head]
    pts += [(p.pts or 0) - start_ms for p in copied]
    pts += [_ms(f) - start_ms for f in tail]
    sizes: list[int | None] = [None] * len(head) + [p.size for p in copied] + [None] * len(tail)
    # the re-encoded ends start on their own IDR; copied packets keep the source's key flags
    keyframes = {len(head) + i for i, p in enumerate(copied) if p.is_keyframe}
    if head:
        keyframes.add(0)
    if tail:
        keyframes.add(len(head) + len(copied))
    windows = decode_windows(len(head), plan.copied_idrs, len(copied), len(tail))
    assert len(pts) == len(chosen)
    return SpliceLayout(tuple(pts), tuple(sizes), frozenset(keyframes), windows)


def _mux(
    vin: av.VideoStream,
    plan: _Plan,
    parts: dict[str, _Part],
    extradata: bytes | None,
    audio: bytes | None,
    start_ms: int,
) -> bytes:
    """The MP4: head samples, copied packets, tail samples, then the sound."""
    copied = plan.copied
    # Matroska keeps no decode times, so rebuild them: the sorted presentation times,
    # delayed just enough that no frame is decoded after it is shown
    in_order = sorted(p.pts or 0 for p in copied)
    reorder = max(0, *(t - (p.pts or 0) for t, p in zip(in_order, copied, strict=True)))
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4", options=MP4_OPTIONS) as result:
        vout = result.add_stream_from_template(vin)
        if extradata is not None:
            vout.codec_context.extradata = extradata
        vout.time_base = _TB
        vout.metadata.clear()
        with sound_track(result, audio) as write_sound:
            if "head" in parts:
                samples = parts["head"].samples
                for frame, data in zip(plan.head, samples, strict=True):
                    _mux_raw(
                        result, vout, data, _ms(frame) - start_ms, reorder, frame is plan.head[0]
                    )
            for packet, dts in zip(copied, in_order, strict=True):
                packet.pts = (packet.pts or 0) - start_ms
                packet.dts = dts - reorder - start_ms
                packet.stream = vout
                result.mux(packet)
            if "tail" in parts:
                samples = parts["tail"].samples
                for frame, data in zip(plan.tail, samples, strict=True):
                    _mux_raw(result, vout, data, _ms(frame) - start_ms, 0, frame is plan.tail[0])
            write_sound()
    return faststart(buffer.getvalue())


def _mux_raw(
    result: av.container.OutputContainer,
    stream: av.VideoStream,
    data: bytes,
    pts: int,
    reorder: int,
    key: bool,
) -> None:
    packet = av.Packet(data)
    packet.pts = pts
    packet.dts = pts - reorder
    packet.time_base = _TB
    packet.is_keyframe = key
    packet.stream = stream
    result.mux(packet)


def _encode_part(
    span: Span, frames: list[SpanFrame], plan: _Plan, cancel: threading.Event | None
) -> _Part:
    """Re-encode `frames` of the span with x264, under the parameter-set id `plan.new_id`."""
    slack = 0.0006
    # send only the packets from the keyframe before this part instead of the whole span;
    # trim below still picks the exact frames
    excerpt = span.excerpt(frames[0].span_s, frames[-1].span_s)
    src = ffmpeg.input("pipe:0", f="matroska", extra_options={"noautorotate": True})
    video = src.video.vfilter(
        name="trim", start=f"{frames[0].span_s - slack:.6f}", end=f"{frames[-1].span_s + slack:.6f}"
    ).vfilter(name="format", pix_fmts="yuv420p")
    command = ffmpeg.output(
        video,
        filename="pipe:1",
        extra_options={
            "c:v": "libx264",
            "preset": "superfast",  # a second or two of frames; a low CRF keeps the quality
            "crf": 16,
            "profile:v": plan.profile,
            "level": f"{plan.source.level / 10:.1f}",
            "bf": 0,
            "x264-params": f"sps-id={plan.new_id}",
            "fps_mode": "passthrough",
            "an": True,
            "bsf:v": "filter_units=remove_types=6",  # no SEI (x264 writes its settings there)
            "movflags": _PART_MOVFLAGS,
            "f": "mp4",
        },
    ).global_args(copyts=True, extra_options=base_global_args())
    run = run_ffmpeg(
        command.compile(cmd=ffmpeg_exe(), overwrite_output=True),
        feed=excerpt,
        cancel=cancel,
        what="the clip",
    )
    if int(progress_value(run.lines, "frame") or 0) != len(frames):
        raise NotSpliceable
    with av.open(io.BytesIO(run.output), mode="r", format="mp4") as part:
        stream = part.streams.video[0]
        config = AvcConfig(bytes(stream.codec_context.extradata or b""))
        samples = [without_sei(bytes(p), config.length_size) for p in part.demux(stream) if p.size]
    if len(samples) != len(frames) or config.length_size != 4:
        raise NotSpliceable
    return _Part(config, samples)


def encode_sound(span: Span, chosen: list[SpanFrame], cancel: threading.Event | None) -> bytes:
    """The sound under the chosen frames as AAC in MP4 bytes, padded with silence to the
    pictures' length."""
    first = chosen[0].span_s
    duration = clip_duration(span, chosen)
    sound = (
        ffmpeg.input("pipe:0", f="matroska")
        .audio.afilter(name="atrim", start=f"{first:.6f}", end=f"{first + duration:.6f}")
        .afilter(name="asetpts", expr="PTS-STARTPTS")
        .afilter(name="aformat", channel_layouts="stereo|mono")
        .afilter(name="apad", whole_dur=f"{duration:.6f}")
    )
    command = ffmpeg.output(
        sound,
        filename="pipe:1",
        extra_options={
            "c:a": "aac",
            "b:a": SOUND_BITRATE,
            "map_metadata": "-1",
            "movflags": _PART_MOVFLAGS,
            "f": "mp4",
        },
    ).global_args(copyts=True, extra_options=base_global_args())
    run = run_ffmpeg(
        command.compile(cmd=ffmpeg_exe(), overwrite_output=True),
        feed=span.data,
        cancel=cancel,
        what="the clip's sound",
    )
    return run.output
