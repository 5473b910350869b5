"""The service's own guidance (`<home>/guidance/*.toml`) reaches every place its words appear:
review preparation, the shared review, review mode, micro-analysis, the review plan and the
progress note."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import SelectionList

from tests.tui.media_cases import REF, TODAY, case_with_clips, film, settle
from vigguide.app import make_app
from vigguide.domain import ClipReview, SharedReview
from vigguide.store.home import Home

RENAMED = "Tuning in together"
OWN_PROMPT = "What catches your eye here?"


@pytest.fixture(scope="session")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return film(tmp_path_factory.mktemp("guidance-film"))


def _service_guidance(home: Home, video: Path) -> tuple[int, list[int]]:
    """A case with two clips, the first tagged "attentive", and a service file that renames that
    principle and rewords the first clip prompt."""
    question_id, _rec, moments = case_with_clips(home, video)
    home.store.update_moment(REF, moments[0], principles=("attentive",))
    folder = home.path / "guidance"
    folder.mkdir()
    (folder / "our-words.toml").write_text(
        f'[[principle]]\nid = "attentive"\nlabel = "{RENAMED}"\n\n'
        f'[[review_prompt]]\nid = "clip.notice"\ntext = "{OWN_PROMPT}"\n',
        encoding="utf-8",
    )
    return question_id, moments


def _text(widget) -> str:  # type: ignore[no-untyped-def]
    return str(widget.render())


async def _open(app, pilot, name: str):  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    app.open_screen(name, REF)
    await settle(app, pilot, rounds=4)
    return app.screen


async def test_review_prep_and_its_plan_use_the_services_words(home: Home, video: Path):
    _service_guidance(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, "review_prep")
        clips = "\n".join(_text(label) for label in screen.query("#prep-clips Label"))
        assert RENAMED in clips
        prompts = screen.query_one("#prep-prompts", SelectionList)
        offered = [str(prompts.get_option_at_index(i).prompt) for i in range(prompts.option_count)]
        assert OWN_PROMPT in offered and "What do you see here?" not in offered
        plan = screen.plan_text()
        assert f"Principles: {RENAMED}" in plan


async def test_shared_review_and_review_mode_use_the_services_words(home: Home, video: Path):
    _service_guidance(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, "shared_review")
        clips = "\n".join(_text(label) for label in screen.query("#sr-clips Label"))
        assert RENAMED in clips
        assert OWN_PROMPT in _text(screen.query_one("#sr-prompts"))
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert app.screen.query_one("#calm-question").render().plain == OWN_PROMPT


async def test_micro_analysis_uses_the_services_words(home: Home, video: Path):
    _service_guidance(home, video)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, "micro_analysis")
        moments = "\n".join(_text(label) for label in screen.query("#analysis-moments Label"))
        assert RENAMED in moments


def test_the_progress_note_uses_the_services_words(home: Home, video: Path, tmp_path: Path):
    from vigguide.services.reports import generate

    question_id, moments = _service_guidance(home, video)
    said = {moments[0]: ClipReview(noticed="He smiles")}
    home.store.save_review(REF, SharedReview(held_on=TODAY, clips=said, ratings={question_id: 6}))
    paths = generate(home, REF, 1, ["note"], tmp_path / "out", today=TODAY)
    note = next(p for p in paths if p.suffix == ".txt").read_text(encoding="utf-8")
    assert RENAMED in note
    assert "Being attentive" not in note
