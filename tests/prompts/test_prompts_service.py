"""A service's own guidance files: additions, rewordings, and broken files named with their line."""

from __future__ import annotations

from pathlib import Path

from vigguide.prompts import GuidanceProblem, coach_question, load_guidance
from vigguide.prompts.model import Guidance

BUILT_IN = load_guidance()


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def same_content(a: Guidance, b: Guidance) -> bool:
    names = ("principles", "stems", "themes", "examples", "co_creation", "filming_ideas")
    more = ("checklist", "review_prompts", "plain_words", "avoid_words", "spellings", "age_bands")
    return all(getattr(a, n) == getattr(b, n) for n in names + more)


def test_no_folder_means_the_built_in_guidance(tmp_path: Path) -> None:
    guidance = load_guidance(tmp_path / "guidance")
    assert guidance.problems == ()
    assert same_content(guidance, BUILT_IN)


def test_a_service_adds_examples_ideas_and_words_and_rewords_prompts(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    write(
        folder,
        "local.toml",
        """
[[theme]]
id = "outdoors"
label = "Out and about"

[[example]]
theme = "outdoors"
text = "What am I doing when we walk in the park together?"

[[example]]
theme = "feeding"
text = "What am I doing when we share a snack and chat?"

[[filming_idea]]
id = "park_walk"
activity = "A short walk in the local park, chatting to the baby in the pram"
age_bands = ["6-9m", "9-12m"]
themes = ["outdoors", "connecting"]
set_up = ["choose a quiet path, away from other people"]
chance_to_see = "How the parent shares the world with the baby."
for_parent = "Take your baby for a short walk and chat about what you see."

[[review_prompt]]
id = "clip.notice"
text = "What catches your eye here?"

[[principle]]
id = "guiding"
meaning = "Helping your baby take the next little step."

[[plain_word]]
term = "sensory regulation"
plain = "feeling settled"
""",
    )
    guidance = load_guidance(folder)
    assert guidance.problems == ()
    assert guidance.theme_label("outdoors") == "Out and about"
    outdoors = guidance.examples_for("outdoors")
    assert [e.text for e in outdoors] == ["What am I doing when we walk in the park together?"]
    assert outdoors[0].source == "local.toml"
    assert len(guidance.examples_for("feeding")) == len(BUILT_IN.examples_for("feeding")) + 1
    park = [i for i in guidance.ideas_for(10, "outdoors")]
    assert [i.id for i in park] == ["park_walk"]
    assert park[0].source == "local.toml"
    notice = next(p for p in guidance.review_prompts if p.id == "clip.notice")
    assert notice.text == "What catches your eye here?"
    assert notice.stage == "clip" and notice.purpose  # the fields it did not give are kept
    assert guidance.principle("guiding").meaning == "Helping your baby take the next little step."
    assert guidance.principle("guiding").label == "Guiding"
    assert guidance.plain_word("sensory regulation") == "feeling settled"
    (finding,) = coach_question("What am I doing to help sensory regulation?", guidance)
    assert finding.kind == "jargon"


def test_later_files_override_earlier_ones(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    write(folder, "a.toml", '[[review_prompt]]\nid = "clip.notice"\ntext = "From a."\n')
    write(folder, "b.toml", '[[review_prompt]]\nid = "clip.notice"\ntext = "From b."\n')
    write(folder, "notes.txt", "not guidance at all [[[")
    guidance = load_guidance(folder)
    assert guidance.problems == ()
    assert next(p for p in guidance.review_prompts if p.id == "clip.notice").text == "From b."


def test_a_file_that_is_not_toml_names_the_line_and_is_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    path = write(
        folder,
        "broken.toml",
        '[[example]]\ntheme = "play"\ntext = "What am I doing when we play?\n',
    )
    write(folder, "good.toml", '[[review_prompt]]\nid = "clip.notice"\ntext = "Still used."\n')
    guidance = load_guidance(folder)
    (problem,) = guidance.problems
    assert problem.file == path
    assert problem.line == 3
    assert "left out" in problem.problem
    assert str(problem).startswith("broken.toml, line 3: ")
    assert guidance.examples == BUILT_IN.examples
    assert next(p for p in guidance.review_prompts if p.id == "clip.notice").text == "Still used."


def test_an_unknown_section_is_named_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    write(folder, "typo.toml", '# local examples\n\n[[exampel]]\ntheme = "play"\ntext = "x"\n')
    (problem,) = load_guidance(folder).problems
    assert problem.line == 3
    assert "'exampel' is not a known section" in problem.problem
    assert "example" in problem.problem


def test_a_single_table_is_not_taken_for_a_list(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    write(folder, "single.toml", '[example]\ntheme = "play"\ntext = "What am I doing?"\n')
    (problem,) = load_guidance(folder).problems
    assert problem.line == 1
    assert "[[example]]" in problem.problem


def test_a_broken_entry_is_left_out_and_the_rest_of_the_file_is_used(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    write(
        folder,
        "mixed.toml",
        """[[example]]
theme = "play"
text = "What am I doing when we build towers together?"

[[example]]
theme = "play"

[[example]]
theme = "singing"
text = "What am I doing when we sing?"

[[example]]
theme = "calm"
txt = "What am I doing when we rock together?"

[[example]]
theme = "calm"
text = "   "

[[example]]
theme = "calm"
text = 42
""",
    )
    guidance = load_guidance(folder)
    problems = {p.line: p.problem for p in guidance.problems}
    assert set(problems) == {5, 9, 14, 18, 22}
    assert "missing 'text'" in problems[5]
    assert '"singing", which is not one of' in problems[9] and "play" in problems[9]
    assert "'txt' is not a field" in problems[14]
    assert "'text' is empty" in problems[18]
    assert "must be text" in problems[22]
    assert all("left out" in p for p in problems.values())
    added = [e.text for e in guidance.examples if e.source == "mixed.toml"]
    assert added == ["What am I doing when we build towers together?"]


def test_a_broken_rewording_keeps_the_built_in_wording(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    write(
        folder,
        "reword.toml",
        '[[review_prompt]]\nid = "closing.rating"\nstage = "finale"\ntext = "Rate it."\n',
    )
    guidance = load_guidance(folder)
    (problem,) = guidance.problems
    assert problem.line == 3 and "'stage'" in problem.problem
    assert guidance.review_prompts == BUILT_IN.review_prompts


def test_a_service_cannot_add_a_seventh_principle(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    write(
        folder,
        "principles.toml",
        '[[principle]]\nid = "being_kind"\nlabel = "Being kind"\nmeaning = "Kindness."\n',
    )
    guidance = load_guidance(folder)
    (problem,) = guidance.problems
    assert problem.line == 2
    assert "being_kind" in problem.problem and "attentive" in problem.problem
    assert guidance.principles == BUILT_IN.principles


def test_a_filming_idea_with_an_unknown_age_band(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    write(
        folder,
        "ideas.toml",
        """[[filming_idea]]
id = "swimming"
activity = "Baby swimming"
age_bands = ["12-18m"]
themes = ["play"]
set_up = ["film from the side of the pool"]
chance_to_see = "Shared fun in the water."
for_parent = "Take your baby swimming."
""",
    )
    guidance = load_guidance(folder)
    (problem,) = guidance.problems
    assert problem.line == 4
    assert "12-18m" in problem.problem and "9-12m" in problem.problem
    assert guidance.filming_ideas == BUILT_IN.filming_ideas


def test_a_file_not_saved_as_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    write(
        folder,
        "latin1.toml",
        '# ok\n\n[[example]]\ntheme = "play"\ntext = "caf\xe9"\n'.encode("latin-1"),
    )
    (problem,) = load_guidance(folder).problems
    assert problem.line == 5
    assert "UTF-8" in problem.problem


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    text = '[[review_prompt]]\nid = "clip.notice"\ntext = "From Notepad."\n'
    write(folder, "notepad.toml", b"\xef\xbb\xbf" + text.encode())
    guidance = load_guidance(folder)
    assert guidance.problems == ()
    assert next(p for p in guidance.review_prompts if p.id == "clip.notice").text == "From Notepad."


def test_a_guidance_path_that_is_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, "guidance", "not a folder")
    guidance = load_guidance(path)
    assert guidance.problems == (
        GuidanceProblem(path, None, "this should be a folder of .toml files"),
    )
    assert str(guidance.problems[0]) == "guidance: this should be a folder of .toml files"
    assert same_content(guidance, BUILT_IN)


def test_an_age_band_rewording_must_keep_its_order(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    write(
        folder,
        "bands.toml",
        '[[age_band]]\nid = "3-6m"\nfrom_months = 6\nto_months = 3\nlabel = "Three to six"\n',
    )
    guidance = load_guidance(folder)
    (problem,) = guidance.problems
    assert problem.line == 4 and "from_months" in problem.problem
    assert guidance.age_bands == BUILT_IN.age_bands


def test_the_example_in_the_service_guide_loads_cleanly(tmp_path: Path) -> None:
    guide = Path(__file__).resolve().parents[2] / "vigguide" / "prompts" / "SERVICE_GUIDANCE.md"
    example = guide.read_text(encoding="utf-8").split("```toml\n")[1].split("```")[0]
    folder = tmp_path / "guidance"
    write(folder, "from_the_guide.toml", example)
    guidance = load_guidance(folder)
    assert guidance.problems == ()
    assert [i.id for i in guidance.ideas_for(7, "outdoors")] == ["park_walk"]
