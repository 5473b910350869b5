"""HEVC (H.265) in MP4, as phones record it: its units without SEI, and its `hvcC` header.

Copied HEVC frames keep everything a decoder needs and lose their SEI units, where cameras may
keep times, places and device details, the same as copied H.264 frames do (`avc.without_sei`).
"""

from __future__ import annotations

from vigguide.media.avc import NotSpliceable, without_units

# NAL unit types (ITU-T H.265 table 7-1): supplemental enhancement information, before and after
_SEI_TYPES = frozenset({39, 40})
_PARAMETER_SET_TYPES = frozenset({32, 33, 34})  # VPS, SPS, PPS
_HVCC_ARRAYS_AT = 22  # the fixed part of an HEVCDecoderConfigurationRecord


def unit_type(unit: bytes) -> int:
    """The type of one NAL unit (from its two-byte header)."""
    return (unit[0] >> 1) & 0x3F


def without_sei(sample: bytes, length_size: int = 4) -> bytes:
    """`sample` without its SEI units. A sample that is not a clean sequence of length-prefixed
    units is refused (NotSpliceable) rather than copied with its SEI."""
    return without_units(
        sample, length_size, lambda unit: len(unit) < 2 or unit_type(unit) in _SEI_TYPES
    )


def has_parameter_sets(sample: bytes, length_size: int = 4) -> bool:
    """Whether `sample` carries parameter sets in the stream (an `hev1` track), not only in
    its header (`hvc1`, which Apple's players require)."""
    pos = 0
    while pos + length_size <= len(sample):
        size = int.from_bytes(sample[pos : pos + length_size], "big")
        unit = sample[pos + length_size : pos + length_size + size]
        if len(unit) >= 2 and unit_type(unit) in _PARAMETER_SET_TYPES:
            return True
        pos += length_size + max(size, 1)
    return False


class HvcConfig:
    """An `hvcC` record: its unit length size, and the same record without SEI arrays."""

    def __init__(self, record: bytes) -> None:
        if len(record) < _HVCC_ARRAYS_AT + 1 or record[0] != 1:
            raise NotSpliceable
        self.record = record
        self.length_size = (record[21] & 0x03) + 1
        arrays: list[tuple[int, bytes]] = []
        pos = _HVCC_ARRAYS_AT + 1
        for _ in range(record[_HVCC_ARRAYS_AT]):
            if pos + 3 > len(record):
                raise NotSpliceable
            kind = record[pos] & 0x3F
            count = int.from_bytes(record[pos + 1 : pos + 3], "big")
            end = pos + 3
            for _ in range(count):
                if end + 2 > len(record):
                    raise NotSpliceable
                end += 2 + int.from_bytes(record[end : end + 2], "big")
            if end > len(record):
                raise NotSpliceable
            arrays.append((kind, record[pos:end]))
            pos = end
        if pos != len(record):
            raise NotSpliceable
        self.kinds = [kind for kind, _ in arrays]
        self._arrays = arrays

    def without_sei(self) -> bytes:
        """The record with its SEI arrays left out (a camera may keep its details there too)."""
        kept = [raw for kind, raw in self._arrays if kind not in _SEI_TYPES]
        head = bytearray(self.record[:_HVCC_ARRAYS_AT])
        return bytes(head + bytes([len(kept)]) + b"".join(kept))
