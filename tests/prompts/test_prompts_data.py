"""The built-in guidance files: they load from the package, validate and read well for parents."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from vigguide.prompts import (
    PRINCIPLE_IDS,
    REVIEW_STAGES,
    age_band,
    check_parent_text,
    filming_ideas,
    load_guidance,
    plain_word,
    principle_label,
)

GUIDANCE = load_guidance()
DATA = resources.files("vigguide.prompts").joinpath("data")


def test_every_data_file_is_valid_toml_from_the_package() -> None:
    names = sorted(item.name for item in DATA.iterdir() if item.name.endswith(".toml"))
    assert names == [
        "filming.toml",
        "helping_questions.toml",
        "principles.toml",
        "shared_review.toml",
        "words.toml",
    ]
    for name in names:
        assert tomllib.loads(DATA.joinpath(name).read_text(encoding="utf-8"))


def test_built_in_guidance_has_no_problems() -> None:
    assert GUIDANCE.problems == ()


def test_principles_are_the_six_in_order() -> None:
    assert tuple(p.id for p in GUIDANCE.principles) == PRINCIPLE_IDS
    assert [principle_label(i) for i in PRINCIPLE_IDS] == [
        "Being attentive",
        "Encouraging initiatives",
        "Receiving initiatives",
        "Developing attuned interactions",
        "Guiding",
        "Deepening discussion",
    ]


def test_principles_say_how_they_show_up_with_a_baby() -> None:
    for principle in GUIDANCE.principles:
        assert principle.meaning and principle.with_baby and principle.for_parent
        assert len(principle.behaviours) >= 4
        assert principle.baby_cues and principle.parent_responses


def test_no_entry_anywhere_is_empty() -> None:
    def walk(value: object) -> None:
        if isinstance(value, str):
            assert value.strip()
        elif isinstance(value, tuple):
            assert value
            for item in value:
                walk(item)

    for name in ("principles", "stems", "themes", "examples", "co_creation", "age_bands"):
        for entry in getattr(GUIDANCE, name):
            for field_value in vars(entry).values():
                walk(field_value)
    for name in ("filming_ideas", "review_prompts", "plain_words", "avoid_words", "spellings"):
        assert getattr(GUIDANCE, name)


def test_ids_are_unique() -> None:
    for name in ("principles", "stems", "themes", "co_creation", "filming_ideas", "checklist"):
        ids = [entry.id for entry in getattr(GUIDANCE, name)]
        assert len(ids) == len(set(ids)), name
    texts = [e.text for e in GUIDANCE.examples]
    assert len(texts) == len(set(texts))


def test_helping_question_stems_and_themes() -> None:
    stems = [s.text for s in GUIDANCE.stems]
    assert "What am I doing when …" in stems
    assert "What am I already doing well to …" in stems
    assert "… and what is the impact on my baby?" in stems
    assert [t.id for t in GUIDANCE.themes] == [
        "enjoying",
        "connecting",
        "understanding_cues",
        "play",
        "feeding",
        "calm",
        "confidence",
    ]


def test_thirty_or_more_examples_and_every_theme_has_some() -> None:
    assert len(GUIDANCE.examples) >= 30
    for theme in GUIDANCE.themes:
        assert len(GUIDANCE.examples_for(theme.id)) >= 4, theme.id


def test_co_creation_covers_hopes_difference_and_what_we_would_see() -> None:
    ids = {p.id for p in GUIDANCE.co_creation}
    assert {"hopes", "different", "would_see"} <= ids


def test_shared_review_prompts_come_in_stages() -> None:
    for stage in REVIEW_STAGES:
        assert GUIDANCE.prompts_for(stage), stage
    ids = {p.id for p in GUIDANCE.review_prompts}
    assert {
        "opening.revisit",
        "clip.notice",
        "clip.still",
        "clip.feeling_parent",
        "clip.feeling_baby",
        "clip.difference",
        "clip.link",
        "closing.learned",
        "closing.other_places",
        "closing.rating",
        "closing.next_filming",
    } <= ids
    assert any("0 to 10" in p.text for p in GUIDANCE.prompts_for("closing"))


def test_every_postnatal_age_band_has_an_idea_for_every_theme() -> None:
    for band in GUIDANCE.age_bands:
        assert len([i for i in GUIDANCE.filming_ideas if band.id in i.age_bands]) >= 3, band.id
        if band.id == "pregnancy":
            continue
        for theme in GUIDANCE.themes:
            assert any(
                band.id in i.age_bands and theme.id in i.themes for i in GUIDANCE.filming_ideas
            ), (band.id, theme.id)


def test_filming_set_up_keeps_both_faces_in_view() -> None:
    text = " ".join(" ".join(i.set_up) for i in GUIDANCE.filming_ideas).lower()
    assert "both faces" in text and "steady" in text and "light" in text
    groups = {item.group for item in GUIDANCE.checklist}
    assert groups == {"consent", "equipment", "space", "timing", "after"}
    ids = {item.id for item in GUIDANCE.checklist}
    assert {"consent_filming", "battery", "storage_space", "timing_feeds_sleep"} <= ids


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (-4, "pregnancy"),
        (-20, "pregnancy"),
        (0, "0-3m"),
        (2.9, "0-3m"),
        (3, "3-6m"),
        (7.5, "6-9m"),
        (11.9, "9-12m"),
        (14, "9-12m"),
    ],
)
def test_age_band(age: float, band: str) -> None:
    found = age_band(age)
    assert found is not None and found.id == band


def test_a_14_month_old_is_not_called_9_to_12_months() -> None:
    found = age_band(14)
    assert found is not None and found.label == "9 months and over"


def test_age_band_unknown() -> None:
    assert age_band(None) is None


def test_filming_ideas_by_age_and_theme() -> None:
    feeding_young = filming_ideas(1, "feeding")
    assert feeding_young and all(
        "0-3m" in i.age_bands and "feeding" in i.themes for i in feeding_young
    )
    assert {i.id for i in filming_ideas(8, "feeding")} == {"first_foods"}
    assert {i.id for i in filming_ideas(-3, None)} == {
        "talking_to_bump",
        "getting_ready",
        "quiet_rest_bump",
    }
    assert len(filming_ideas(None, None)) == len(GUIDANCE.filming_ideas)


def test_filming_ideas_fall_back_to_the_age_when_no_theme_fits() -> None:
    assert filming_ideas(-3, "no-such-theme") == filming_ideas(-3, None)


@pytest.mark.parametrize(
    ("term", "plain"),
    [
        ("attunement", "tuning in to each other"),
        ("Initiative", "when your baby starts something"),
        ("micro analysis", "looking closely at the film"),
        ("Micro-analysis", "looking closely at the film"),
        ("dyad", "you and your baby"),
        ("a word nobody listed", None),
    ],
)
def test_plain_word(term: str, plain: str | None) -> None:
    assert plain_word(term) == plain


def _parent_facing() -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    texts += [(f"plain word for {w.term}", w.plain) for w in GUIDANCE.plain_words]
    texts += [(f"principle {p.id}", p.plain_label) for p in GUIDANCE.principles]
    texts += [(f"principle {p.id}", p.for_parent) for p in GUIDANCE.principles]
    texts += [(f"filming idea {i.id}", i.for_parent) for i in GUIDANCE.filming_ideas]
    texts += [(f"checklist {c.id}", c.for_parent) for c in GUIDANCE.checklist if c.for_parent]
    texts += [(f"review prompt {p.id}", p.text) for p in GUIDANCE.review_prompts]
    texts += [(f"co-creation {p.id}", p.text) for p in GUIDANCE.co_creation]
    return texts


@pytest.mark.parametrize(("where", "text"), _parent_facing())
def test_parent_facing_wording_passes_the_checker(where: str, text: str) -> None:
    report = check_parent_text(text)
    assert report.findings == (), where


def test_parent_facing_wording_is_easy_to_read() -> None:
    everything = " ".join(text for _, text in _parent_facing() if text.endswith((".", "?", "!")))
    assert check_parent_text(everything).reading_ease >= 75
