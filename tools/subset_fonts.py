"""Build the shipped script fonts from Debian's Noto packages (SIL OFL 1.1).

Usage: dpkg-deb -x each of fonts-noto-core, fonts-noto-cjk and fonts-noto-color-emoji into one
folder SRC, then `python tools/subset_fonts.py SRC templates/fonts`.
"""

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

src, out = Path(sys.argv[1]), Path(sys.argv[2])
noto = src / "usr/share/fonts/truetype/noto"
cjk = src / "usr/share/fonts/opentype/noto"


def hanzi():
    chars = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([hi, lo]).decode("gb2312"))
    return chars


def run(font, unicodes, target, keep_layout=True):
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = False
    opts.desubroutinize = False
    s = subset.Subsetter(opts)
    s.populate(unicodes=unicodes)
    s.subset(font)
    font.flavor = None
    font.save(target)
    print(target.name, target.stat().st_size)


basic = [
    *list(range(32, 127)),
    160,
    171,
    187,
    8208,
    8211,
    8212,
    8216,
    8217,
    8220,
    8221,
    8230,
    8204,
    8205,
    8206,
    8207,
    9676,
]
for name, ranges in {
    "NotoSansArabic": [(0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)],
    "NotoSansGurmukhi": [(0x0A00, 0x0A7F)],
    "NotoSansBengali": [(0x0980, 0x09FF)],
}.items():
    for weight in ("Regular", "Bold"):
        codes = basic + [c for lo, hi in ranges for c in range(lo, hi + 1)] + [0x0964, 0x0965]
        run(TTFont(noto / f"{name}-{weight}.ttf"), codes, out / f"{name}-{weight}.ttf")

# Simplified Chinese: the 6,763 characters of GB 2312, CJK punctuation and full-width forms.
# Regular only (2.8 MB): bold Chinese prints in the regular weight.
codes = (
    [ord(c) for c in hanzi()] + list(range(0x3000, 0x3040)) + list(range(0xFF00, 0xFFF0)) + basic
)
run(TTCollection(cjk / "NotoSansCJK-Regular.ttc").fonts[2], codes, out / "NotoSansSC-Regular.otf")

# Emoji (colour bitmaps): faces, hearts, hands, babies and a few happy symbols, with skin tones.
codes = (
    list(range(0x1F600, 0x1F650))
    + list(range(0x1F90D, 0x1F91F))
    + list(range(0x1F44A, 0x1F451))
    + list(range(0x1F493, 0x1F4A0))
    + [
        0x2764,
        0x2763,
        0x263A,
        0x2600,
        0x2B50,
        0x2728,
        0x1F31F,
        0x1F308,
        0x1F389,
        0x1F476,
        0x1F37C,
        0x1F6C1,
        0x1F6BC,
        0x1F49C,
        0x1F970,
        0x1F973,
        0x1F917,
        0x1F914,
        0x1F60D,
        0x1F618,
        0x1F44F,
        0x1F64C,
        0x1F64F,
        0x1F44B,
        0x1F495,
        0x1F496,
        0x1F497,
        0x1F498,
        0x1F49B,
        0x1F49A,
        0x1F499,
        0x1F5A4,
        0x1F90D,
        0x1F90E,
        0x1F9E1,
        0x1F31E,
        0x1F33C,
        0x1F338,
        0x1F33B,
        0x1F381,
        0x1F388,
        0x1F3B6,
        0x1F3B5,
        0x1F4AA,
        0x1F44C,
        0x270C,
        0x1F91D,
        0x1F932,
        0x1F60A,
        0xFE0F,
        0x200D,
    ]
    + [c for c in range(0x1F3FB, 0x1F400)]
)
run(TTFont(noto / "NotoColorEmoji.ttf"), codes, out / "NotoColorEmoji.ttf")

# A plain (unslashed) zero, used for U+0030 only: Atkinson Hyperlegible's zero is slashed.
for weight in ("Regular", "Bold"):
    run(TTFont(noto / f"NotoSans-{weight}.ttf"), [0x20, 0x30], out / f"PlainZero-{weight}.ttf")
