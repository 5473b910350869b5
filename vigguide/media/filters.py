"""The picture filter chain (deinterlace, HDR to SDR, upright, resize) shared by PyAV and ffmpeg.

The same steps run inside PyAV for previews and stills and inside the ffmpeg program for clips, so
what the practitioner sees on screen is what ends up in the clip. The HDR step is built from
`lutrgb` and `colorchannelmixer` because PyAV's own libavfilter has no zscale.
"""

from __future__ import annotations

from vigguide.media.probe import ProbeInfo

Step = tuple[str, dict[str, str]]

# HLG inverse OETF (ITU-R BT.2100), then the HLG OOTF for a 1000 cd/m² display (gamma 1.2)
_HLG_NITS = (
    "1000*pow(if(lte(val/maxval,0.5),pow(val/maxval,2)/3,"
    "(exp((val/maxval-0.55991073)/0.17883277)+0.28466892)/12),1.2)"
)
# PQ EOTF (SMPTE ST 2084)
_PQ_NITS = (
    "10000*pow(max(pow(val/maxval,1/78.84375)-0.8359375,0)/"
    "(18.8515625-18.6875*pow(val/maxval,1/78.84375)),1/0.1593017578125)"
)
_REFERENCE_WHITE_NITS = 203.0
_KNEE = 0.8
# BT.2020 to BT.709 primaries, applied to linear light
_BT2020_TO_BT709 = {
    "rr": "1.6605", "rg": "-0.5876", "rb": "-0.0728",
    "gr": "-0.1246", "gg": "1.1329", "gb": "-0.0083",
    "br": "-0.0182", "bg": "-0.1006", "bb": "1.1187",
}  # fmt: skip


def _tone_expr(nits: str) -> str:
    """Linear SDR (0..maxval) from HDR: reference white to 1.0 with a soft knee for highlights."""
    x = f"({nits}/{_REFERENCE_WHITE_NITS})"
    k = _KNEE
    return f"maxval*if(lte({x},{k}),{x},{k}+{1 - k}*(1-exp(-({x}-{k})/{1 - k})))"


def even_fit(width: int, height: int, long_edge: int | None) -> tuple[int, int]:
    """Scale (width, height) so the long edge is at most `long_edge`, both sides even."""
    w, h = float(width), float(height)
    if long_edge and max(w, h) > long_edge:
        factor = long_edge / max(w, h)
        w, h = w * factor, h * factor
    return max(2, round(w / 2) * 2), max(2, round(h / 2) * 2)


def fit(width: int, height: int, long_edge: int | None) -> tuple[int, int]:
    """Like even_fit but sides may be odd (for still pictures)."""
    w, h = float(width), float(height)
    if long_edge and max(w, h) > long_edge:
        factor = long_edge / max(w, h)
        w, h = w * factor, h * factor
    return max(1, round(w)), max(1, round(h))


def picture_steps(
    info: ProbeInfo, size: tuple[int, int], *, for_video: bool, scaler: str = "bicubic"
) -> list[Step]:
    """Filters that turn decoded frames upright, SDR, progressive and `size` (display) pixels.

    `for_video` ends in 8-bit BT.709 limited-range yuv420p for H.264; otherwise in rgb24.
    For video the picture is resized first, while it still lies as it was filmed, so the tone
    mapping and the turn upright work on the small picture (a phone's big frame is the cost).
    """
    steps: list[Step] = []
    if info.interlaced:
        # one output frame per input frame keeps frame numbers and timestamps unchanged
        steps.append(("bwdif", {"mode": "send_frame", "parity": "auto", "deint": "all"}))
    w, h = size
    if not for_video:
        if info.hdr:
            steps += [("scale", {"in_color_matrix": "bt2020", "in_range": "tv"}), *_tone(info)]
        steps += _upright(info.rotation)
        scale = {"w": str(w), "h": str(h), "flags": "bicubic"}
        return [*steps, ("scale", scale), ("setsar", {"r": "1"}), ("format", {"pix_fmts": "rgb24"})]
    coded = (h, w) if info.rotation in (90, 270) else (w, h)
    resize = {"w": str(coded[0]), "h": str(coded[1]), "flags": scaler}
    to_bt709 = {"out_color_matrix": "bt709", "out_range": "tv"}
    if info.hdr:
        steps += [("scale", resize | {"in_color_matrix": "bt2020", "in_range": "tv"})]
        steps += [
            *_tone(info, "gbrp16le"),
            *_upright(info.rotation),
            ("scale", to_bt709 | {"flags": scaler}),
        ]
    elif _is_bt709_8bit(info):
        # already the clip's colours: only the size changes
        steps += [("scale", resize), *_upright(info.rotation)]
    else:
        steps += [("scale", resize | to_bt709), *_upright(info.rotation)]
    return [
        *steps,
        ("setsar", {"r": "1"}),
        ("format", {"pix_fmts": "yuv420p"}),
        # tag the pictures so the encoder writes BT.709 SDR into the stream
        (
            "setparams",
            {
                "range": "tv",
                "color_primaries": "bt709",
                "color_trc": "bt709",
                "colorspace": "bt709",
            },
        ),
    ]


def _tone(info: ProbeInfo, pixels: str = "rgb48le") -> list[Step]:
    """HDR (HLG or PQ, BT.2020) to SDR BT.709 in 16-bit RGB, by lookup tables and a matrix.

    Clips use planar `gbrp16le`: the same arithmetic, about a third less time than packed RGB.
    """
    nits = _PQ_NITS if info.transfer == "pq" else _HLG_NITS
    linear = _tone_expr(nits)
    gamma = "maxval*pow(val/maxval,1/2.4)"
    return [
        ("format", {"pix_fmts": pixels}),
        ("lutrgb", {"r": linear, "g": linear, "b": linear}),
        ("colorchannelmixer", dict(_BT2020_TO_BT709)),
        ("lutrgb", {"r": gamma, "g": gamma, "b": gamma}),
    ]


def _upright(rotation: int) -> list[Step]:
    if rotation == 90:
        return [("transpose", {"dir": "clock"})]
    if rotation == 270:
        return [("transpose", {"dir": "cclock"})]
    if rotation == 180:
        return [("hflip", {}), ("vflip", {})]
    return []


def _is_bt709_8bit(info: ProbeInfo) -> bool:
    """Pictures already in the clip's colours: 8-bit 4:2:0, BT.709, limited range."""
    return info.pixel_format == "yuv420p" and info.matrix == "bt709" and not info.full_range
