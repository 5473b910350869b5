"""The clip fast path ("smart cut"): re-encode only the ends, copy the frames in between.

The frames before the clip's first keyframe (the head) are re-encoded with x264 using
parameter-set ids the source does not use; from that keyframe on, packets are copied untouched as
far as a prefix of them in decode order holds exactly the clip's next frames; the few frames left
after that (the tail) are re-encoded like the head. Both sets of parameter sets go into the one
`avcC` header, so the result is a plain, standard avc1 MP4 track. Every result is checked
(`seams.check_splice`) before it is accepted; on any doubt the caller re-encodes the whole clip.
"""

from __future__ import annotations

import concurrent.futures
import threading
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TypeAlias

import av
import av.container
import ffmpeg

from vigguide.errors import CancelledError, MediaError
from vigguide.media.avc import AvcConfig, NotSpliceable, combined, in_band_ids, starts_idr
from vigguide.media.ffmpeg_run import (
    ProgressCallback,
    base_global_args,
    ffmpeg_exe,
    progress_value,
    run_ffmpeg,
)
from vigguide.media.probe import ProbeInfo
from vigguide.media.seams import SpliceLayout, check_splice, decode_windows
from vigguide.media.span import Span, SpanFrame
from vigguide.media.writing import writing

_PROFILES = {66: "baseline", 77: "main", 100: "high"}
_TB = Fraction(1, 1000)  # the span file is Matroska: millisecond timestamps

VideoPacket: TypeAlias = "av.Packet[av.VideoStream]"  # generic only to the type checker


@dataclass(frozen=True)
class _Plan:
    """How the clip is put together: frames to re-encode around packets to copy."""

    head: list[SpanFrame]
    copied: list[VideoPacket]  # decode order
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
    out: Path,
    workdir: Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> bool:
    """Write the clip to `out` by smart cut; False (nothing promised in `out`) if not possible."""
    try:
        return _smart_cut(span, chosen, out, workdir, progress, cancel)
    except NotSpliceable:
        return False
    except CancelledError:
        raise
    except (MediaError, av.FFmpegError, ValueError, IndexError):
        return False


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
    copied = run[:copy]
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


def _smart_cut(
    span: Span,
    chosen: list[SpanFrame],
    out: Path,
    workdir: Path,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> bool:
    start_ms = _ms(chosen[0])
    with av.open(str(span.path)) as container:
        plan = _plan(container, chosen)
        vin = container.streams.video[0]
        if progress is not None:
            progress(0.1)
        # the ends and the sound are separate ffmpeg runs: run them side by side
        with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
            jobs = {
                label: pool.submit(
                    _encode_part, span, frames, Path(workdir) / f"{label}.mp4", plan, cancel
                )
                for label, frames in (("head", plan.head), ("tail", plan.tail))
                if frames
            }
            sound = (
                pool.submit(_encode_audio, span, chosen, Path(workdir), cancel)
                if span.has_audio
                else None
            )
            parts = {label: job.result() for label, job in jobs.items()}
            audio_path = sound.result() if sound is not None else None
        if progress is not None:
            progress(0.7)
        added = [part.config for part in parts.values()]
        if len(added) == 2 and added[0].parameter_sets() != added[1].parameter_sets():
            raise NotSpliceable  # head and tail must share their parameter sets (one id)
        extradata = combined(plan.source, added[0]) if added else None
        layout = _layout(plan, chosen, start_ms)
        with writing(out):
            _mux(out, vin, plan, parts, extradata, audio_path, start_ms)
    return check_splice(out, layout, cancel)


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
    out: Path,
    vin: av.VideoStream,
    plan: _Plan,
    parts: dict[str, _Part],
    extradata: bytes | None,
    audio_path: Path | None,
    start_ms: int,
) -> None:
    """Write the MP4: head samples, copied packets, tail samples, then the sound."""
    copied = plan.copied
    # Matroska keeps no decode times, so rebuild them: the sorted presentation times,
    # delayed just enough that no frame is decoded after it is shown
    in_order = sorted(p.pts or 0 for p in copied)
    reorder = max(0, *(t - (p.pts or 0) for t, p in zip(in_order, copied, strict=True)))
    with av.open(
        str(out), mode="w", format="mp4", options={"movflags": "+faststart", "fflags": "+bitexact"}
    ) as result:
        vout = result.add_stream_from_template(vin)
        if extradata is not None:
            vout.codec_context.extradata = extradata
        vout.time_base = _TB
        vout.metadata.clear()
        audio_in = av.open(str(audio_path)) if audio_path is not None else None
        try:
            aout = (
                result.add_stream_from_template(audio_in.streams.audio[0])
                if audio_in is not None
                else None
            )
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
            if audio_in is not None and aout is not None:
                for apacket in audio_in.demux(audio_in.streams.audio[0]):
                    if apacket.dts is None:
                        continue
                    apacket.stream = aout
                    result.mux(apacket)
        finally:
            if audio_in is not None:
                audio_in.close()


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
    span: Span, frames: list[SpanFrame], path: Path, plan: _Plan, cancel: threading.Event | None
) -> _Part:
    """Re-encode `frames` of the span with x264, under the parameter-set id `plan.new_id`."""
    slack = 0.0006
    # jump straight to the keyframe before this part instead of decoding the span before it;
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
            "profile:v": plan.profile,
            "level": f"{plan.source.level / 10:.1f}",
            "bf": 0,
            "x264-params": f"sps-id={plan.new_id}",
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
        raise NotSpliceable
    with av.open(str(path)) as part:
        stream = part.streams.video[0]
        config = AvcConfig(bytes(stream.codec_context.extradata or b""))
        samples = [bytes(p) for p in part.demux(stream) if p.size]
    if len(samples) != len(frames) or config.length_size != 4:
        raise NotSpliceable
    return _Part(config, samples)


def _encode_audio(
    span: Span, chosen: list[SpanFrame], workdir: Path, cancel: threading.Event | None
) -> Path:
    """The sound under the chosen frames as AAC, padded with silence to the pictures' length."""
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
