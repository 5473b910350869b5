"""Reading and joining H.264 `avcC` headers and NAL units, as far as the smart cut needs them."""

from __future__ import annotations

from collections.abc import Callable, Iterator

_NAL_IDR = 5
_NAL_SLICE = 1
_NAL_SPS = 7
_NAL_PPS = 8


class NotSpliceable(Exception):
    """This stream cannot be spliced safely; the clip is re-encoded instead."""


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
    """The parts of an `avcC` record (the MP4 decoder configuration) that the splice needs."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 7 or data[0] != 1:
            raise NotSpliceable
        self.profile, self.compat, self.level = data[1], data[2], data[3]
        self.length_size = (data[4] & 3) + 1
        pos = 5
        self.sps: list[bytes] = []
        self.pps: list[bytes] = []
        try:
            for target, mask in ((self.sps, 0x1F), (self.pps, 0xFF)):
                count = data[pos] & mask
                pos += 1
                for _ in range(count):
                    size = int.from_bytes(data[pos : pos + 2], "big")
                    target.append(data[pos + 2 : pos + 2 + size])
                    pos += 2 + size
        except IndexError as exc:
            raise NotSpliceable from exc
        self.trailer = data[pos:]

    def ids(self) -> set[int]:
        """The SPS and PPS ids this configuration uses."""
        return {_sps_id(sps) for sps in self.sps} | {_pps_id(pps) for pps in self.pps}

    def parameter_sets(self) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
        return tuple(self.sps), tuple(self.pps)


def _sps_id(unit: bytes) -> int:
    # after the NAL header byte, profile_idc, the constraint flags and level_idc
    try:
        return _ue(unit, 32)[0]
    except IndexError as exc:
        raise NotSpliceable from exc


def _pps_id(unit: bytes) -> int:
    try:
        return _ue(unit, 8)[0]  # right after the NAL header byte
    except IndexError as exc:
        raise NotSpliceable from exc


def combined(source: AvcConfig, added: AvcConfig) -> bytes:
    """One `avcC` holding the source's parameter sets and the re-encoded parts' (other ids)."""
    out = bytearray([1, source.profile, source.compat, max(source.level, added.level)])
    out.append(0xFC | (source.length_size - 1))
    sps = source.sps + added.sps
    pps = source.pps + added.pps
    out.append(0xE0 | len(sps))
    for unit in sps:
        out += len(unit).to_bytes(2, "big") + unit
    out.append(len(pps))
    for unit in pps:
        out += len(unit).to_bytes(2, "big") + unit
    return bytes(out + source.trailer)


def nal_units(sample: bytes, length_size: int = 4) -> Iterator[bytes]:
    """The NAL units in one length-prefixed (MP4-style) H.264 sample."""
    pos = 0
    while pos + length_size < len(sample):
        size = int.from_bytes(sample[pos : pos + length_size], "big")
        pos += length_size
        if size <= 0 or pos + size > len(sample):
            raise NotSpliceable
        yield sample[pos : pos + size]
        pos += size


def nal_types(sample: bytes, length_size: int = 4) -> Iterator[int]:
    """The NAL unit types in one length-prefixed (MP4-style) H.264 sample."""
    for unit in nal_units(sample, length_size):
        yield unit[0] & 0x1F


def in_band_ids(sample: bytes, length_size: int = 4) -> set[int]:
    """Ids of SPS and PPS units carried inside a sample (some cameras repeat them there)."""
    ids: set[int] = set()
    for unit in nal_units(sample, length_size):
        kind = unit[0] & 0x1F
        if kind == _NAL_SPS:
            ids.add(_sps_id(unit))
        elif kind == _NAL_PPS:
            ids.add(_pps_id(unit))
    return ids


def starts_idr(sample: bytes, length_size: int = 4) -> bool:
    """Whether the picture in `sample` is an IDR: nothing after it refers to anything before it.

    A keyframe flag alone is not enough: an open-GOP I picture is flagged too, and the pictures
    after it may still point back past it.
    """
    for kind in nal_types(sample, length_size):
        if _NAL_SLICE <= kind <= _NAL_IDR:
            return kind == _NAL_IDR
    return False


_NAL_SEI = 6


def without_sei(sample: bytes, length_size: int = 4) -> bytes:
    """`sample` without its SEI units, where cameras keep GPS, times and device names.

    Nothing a decoder needs to rebuild the pictures is in SEI. A sample that is not a clean
    sequence of length-prefixed units is refused rather than copied with its SEI.
    """
    return without_units(sample, length_size, lambda unit: unit[0] & 0x1F == _NAL_SEI)


def without_units(sample: bytes, length_size: int, drop: Callable[[bytes], bool]) -> bytes:
    """`sample` (length-prefixed NAL units, as in MP4) without the units `drop` picks; refused
    (NotSpliceable) if it is not a clean sequence of units or nothing would be left."""
    out = bytearray()
    pos = 0
    while pos < len(sample):
        if pos + length_size > len(sample):
            raise NotSpliceable
        size = int.from_bytes(sample[pos : pos + length_size], "big")
        unit = sample[pos + length_size : pos + length_size + size]
        if size <= 0 or len(unit) != size:
            raise NotSpliceable
        if not drop(unit):
            out += sample[pos : pos + length_size + size]
        pos += length_size + size
    if not out:
        raise NotSpliceable
    return bytes(out)
