"""Any family's words print: Chinese, Urdu and Arabic (right to left), Punjabi (Gurmukhi), Bengali,
Polish and emoji, in the title, the body and the footer; anything that cannot print is named."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace

import docfixtures as fx
import pdfcheck
import pytest

from vigguide import documents
from vigguide.documents.scripts import direction
from vigguide.errors import DocumentError

CHINESE_NAME = "李明"
POLISH_BABY = "Zośka"
URDU = "میں بہت خوش ہوں"
ARABIC = "عندما أنتظر يخبرني بما يريد"
GURMUKHI = "ਮੈਂ ਦੇਖਿਆ ਕਿ ਉਹ ਮੇਰੇ ਵੱਲ ਦੇਖਦਾ ਹੈ"
BENGALI = "আমি খুব খুশি হয়েছিলাম"
CHINESE = "我很高兴，他笑了。"
POLISH = "Zażółć gęślą jaźń, śpiewałam mu piosenkę"
EMOJI = "😊 ❤️ 👍🏽"
PHONE = "01632 960 123"
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """pdftotext's text without the direction marks it adds around right-to-left runs."""
    return _BIDI_MARKS.sub("", text)


def letters(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) == "Lo")


def prints(text: str, words: str) -> bool:
    """`words` came back from the PDF. For Gurmukhi and Bengali only their letters are compared:
    a PDF maps each drawn shape back to one piece of text, and where a shape joins a letter and a
    vowel sign pdftotext can return the vowel sign of another place the shape was used."""
    if any(0x0980 <= ord(c) <= 0x0A7F for c in words):
        return letters(words) in letters(text)
    return pdfcheck.contains(text, words)


def family_summary(stills, logo):
    data = fx.summary(stills[:2], logo)
    first = replace(data.clips[0], title=f"Śpiewamy razem {EMOJI}", parent_words=URDU)
    second = replace(
        data.clips[1],
        parent_words=CHINESE,
        parent_noticed=GURMUKHI,
        feelings_parent=BENGALI,
        making_a_difference=POLISH,
    )
    service = replace(data.service, team="Perinatal Mental Health Team", phone=PHONE)
    return replace(
        data,
        parent_first_name=CHINESE_NAME,
        baby_name=POLISH_BABY,
        clips=[first, second],
        learned=ARABIC,
        service=service,
    )


def test_every_script_prints_as_text_with_no_warning(stills, logo, export_dir):
    warnings: list[str] = []
    data = family_summary(stills, logo)
    pdf = documents.render_summary(data, export_dir / "s.pdf", warnings=warnings)

    assert warnings == []
    text = plain(pdfcheck.body_text(pdf))
    whole = plain(pdfcheck.text_of(pdf))
    for words in (CHINESE, GURMUKHI, BENGALI, POLISH, "Śpiewamy razem", "😊", "👍"):
        assert prints(text, words), words
    for word in (URDU + " " + ARABIC).split():  # right-to-left lines come back word by word
        assert word in text, word
    # The title carries the baby's Polish name; the footer her Chinese name, on every page.
    assert pdfcheck.contains(whole, f"You and {POLISH_BABY}")
    footers = [line for line in whole.splitlines() if "Private" in line]
    assert footers and all(CHINESE_NAME in line for line in footers)
    assert "☐" not in whole and "\ufffd" not in whole
    fonts = pdfcheck.embedded_fonts(pdf)
    assert all(fonts.values())
    # Every run of text was set in a shipped font: nothing fell back to whatever this computer has
    # (a box, or a font another computer lacks).
    shipped = (
        "Plain-Zero",
        "Atkinson-Hyperlegible",
        "Noto-Sans-Arabic",
        "Noto-Sans-Gurmukhi",
        "Noto-Sans-Bengali",
        "Noto-Sans-SC",
        "Noto-Color-Emoji",
    )
    names = [name.lstrip("/").split("+", 1)[-1] for name in fonts]
    families = {next((f for f in shipped if n.startswith(f)), n) for n in names}
    assert families == set(shipped), families


def test_right_to_left_answers_run_right_to_left_and_sit_on_the_right(stills, logo, export_dir):
    data = family_summary(stills, logo)
    pdf = documents.render_summary(data, export_dir / "s.pdf")

    boxes = [box for page in pdfcheck.word_boxes(pdf) for box in page]

    def box_of(word: str):
        # pdftotext -bbox lists the glyphs of a right-to-left word in drawing order
        return next(b for b in boxes if plain(b[0]).strip("«»“”") in (word, word[::-1]))

    first, second, last = ARABIC.split()[0], ARABIC.split()[1], ARABIC.split()[-1]
    assert box_of(first)[1] > box_of(second)[1]  # the first word is the rightmost
    page_width = 595.3
    right_margin = page_width - 20 / 25.4 * 72
    assert box_of(first)[3] > right_margin - 15  # the line starts at the right edge
    assert box_of(last)[1] > 62.4 + 20  # and does not run on to the left edge: it is short
    # Her Urdu words as a quotation: it opens at the right and closes at the left.
    opening = next(b for b in boxes if "«" in b[0])
    closing = next(b for b in boxes if "»" in b[0])
    assert opening[1] > closing[1]  # on one line: their middles within a few points
    assert abs((opening[2] + opening[4]) - (closing[2] + closing[4])) / 2 < 6
    assert direction(URDU) == "rtl" and direction(f"{URDU} Leo") == "rtl"
    assert direction(f"Leo {URDU}") == "ltr" and direction("😊") == "ltr"


def test_a_character_no_font_has_is_refused_naming_the_field(stills, logo, export_dir):
    """Never a silent box: the document is not written, and the message names the field."""
    data = fx.summary(stills[:1], logo)
    clip = replace(data.clips[0], caption="A moment 𓀀 to keep")
    warnings: list[str] = []

    with pytest.raises(DocumentError) as refused:
        documents.render_summary(
            replace(data, clips=[clip]), export_dir / "s.pdf", warnings=warnings
        )

    message = str(refused.value)
    assert "Moment 1: caption" in message and "U+13000" in message and "empty boxes" in message
    assert "nothing was printed" in refused.value.hint
    assert not (export_dir / "s.pdf").exists()


@pytest.mark.parametrize("size", ["A4", "A5"])
def test_the_insert_and_its_footer_print_other_scripts(stills, logo, export_dir, size):
    data = replace(
        fx.insert_like_demo(stills, logo, 2),
        parent_first_name=CHINESE_NAME,
        helps_us_connect=[GURMUKHI, BENGALI, POLISH],
        learned=URDU,
    )
    warnings: list[str] = []
    pdf = documents.render_insert(data, export_dir / "i.pdf", size, warnings=warnings)

    text = plain(pdfcheck.text_of(pdf))
    for words in (GURMUKHI, BENGALI, POLISH, CHINESE_NAME, *URDU.split()):
        assert prints(text, words), words
    assert not [w for w in warnings if "empty boxes" in w]


def test_missing_characters_ignores_marks_and_spaces_but_not_unknown_letters():
    assert documents.missing_characters(f"{URDU}\u200f {EMOJI}\u200d {CHINESE}") == []
    assert documents.missing_characters("Leo 𓀀 ꦲ") == ["𓀀", "ꦲ"]


def test_a_character_only_this_computer_has_is_named_as_a_risk(stills, logo, export_dir):
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list is not installed")
    found = subprocess.run(["fc-list", ":charset=2610", "family"], capture_output=True, text=True)
    if not found.stdout.strip():
        pytest.skip("no font on this computer has U+2610")
    data = replace(fx.summary(stills[:1], logo), next_steps="Tick ☐ when done.")
    warnings: list[str] = []

    documents.render_summary(data, export_dir / "s.pdf", warnings=warnings)

    named = [w for w in warnings if w.startswith("What happens next")]
    assert len(named) == 1 and "U+2610" in named[0] and "another computer" in named[0]
