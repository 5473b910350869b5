"""Her own questionnaire scores reach her ending summary only when the guider chooses: the choice
is stored with the ending (off by default), the summary then says each score at the start and now
in plain words (no instrument names, no bands), and the service report still reads the ratings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Checkbox

from tests.documents import pdfcheck
from tests.ending.cases import REF, reviewed_case
from tests.tui.media_cases import settle
from vigguide.app import make_app
from vigguide.domain import Ending
from vigguide.domain.measures import score
from vigguide.services.reports import generate
from vigguide.store.home import Home
from vigguide.store.measures import record_measure
from vigguide.store.service_rows import service_rows

ENDING_DAY = date(2026, 11, 20)
CLINICAL = ("PHQ-9", "GAD-7", "moderate", "mild", "minimal", "depression", "anxiety", "band")


def _measured(home: Home) -> int:
    question_id = reviewed_case(home, ratings=(5, 7), baseline=3)
    s = home.store
    record_measure(s, REF, score("phq9", [2, 2, 1, 1, 2, 1, 2, 2, 0]), date(2026, 8, 2))  # 13
    record_measure(s, REF, score("gad7", [2, 2, 2, 2, 2, 1, 1]), date(2026, 8, 2))  # 12
    record_measure(s, REF, score("phq9", [1, 1, 1, 1, 1, 0, 0, 0, 0]), ENDING_DAY)  # 5
    record_measure(s, REF, score("gad7", [1, 1, 1, 1, 0, 0, 0]), ENDING_DAY)  # 4
    record_measure(s, REF, score("pbq", total=20), ENDING_DAY)  # once only: nothing to compare
    return question_id


def _summary(home: Home, out: Path) -> str:
    (pdf,) = generate(home, REF, 2, ["ending"], out, today=ENDING_DAY)
    return pdfcheck.text_of(pdf)


def test_the_choice_is_stored_with_the_ending_and_off_by_default(home: Home):
    question_id = reviewed_case(home)
    home.store.save_ending(REF, Ending(held_on=ENDING_DAY, ratings={question_id: 8}))
    ending = home.store.ending(REF)
    assert ending is not None and not ending.share_scores
    home.store.save_ending(
        REF, Ending(held_on=ENDING_DAY, ratings={question_id: 8}, share_scores=True)
    )
    ending = home.store.ending(REF)
    assert ending is not None and ending.share_scores and ending.ratings == {question_id: 8}
    # the service report reads the final rating and nothing else from the ratings
    finals = [(r.question_id, r.rating) for r in service_rows(home.store).ratings if r.at_ending]
    assert finals == [(question_id, 8)]


def test_her_summary_has_no_scores_unless_chosen(home: Home, tmp_path: Path):
    question_id = _measured(home)
    home.store.save_ending(REF, Ending(held_on=ENDING_DAY, ratings={question_id: 8}))
    text = _summary(home, tmp_path / "off")
    assert not pdfcheck.contains(text, "questionnaires")
    assert not pdfcheck.contains(text, "13 at the start")
    assert not any(pdfcheck.contains(text, word) for word in ("PHQ-9", "GAD-7"))


def test_chosen_her_summary_says_each_score_start_and_now_in_plain_words(
    home: Home, tmp_path: Path
):
    question_id = _measured(home)
    home.store.save_ending(
        REF, Ending(held_on=ENDING_DAY, ratings={question_id: 8}, share_scores=True)
    )
    text = _summary(home, tmp_path / "on")
    assert pdfcheck.contains(text, "The questionnaires you filled in")
    assert pdfcheck.contains(
        text, "Your score on the mood questions went from 13 at the start to 5 now."
    )
    assert pdfcheck.contains(
        text, "Your score on the worry questions went from 12 at the start to 4 now."
    )
    assert pdfcheck.contains(text, "a lower score means things have been feeling easier")
    assert not pdfcheck.contains(text, "you and Noor")  # the PBQ was taken once: no line
    for word in CLINICAL:
        assert not pdfcheck.contains(text, word), word


async def test_the_ending_review_screen_stores_the_choice(home: Home):
    reviewed_case(home)
    app = make_app(home, today=date(2026, 11, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_screen("ending_review", REF)
        await settle(app, pilot)
        box = app.screen.query_one("#er-share", Checkbox)
        assert box.value is False
        box.focus()
        await pilot.press("space")
        await pilot.pause(1.0)
        await settle(app, pilot)
        app.screen.flush_saves(wait=True)
        await settle(app, pilot)
    ending = home.store.ending(REF)
    assert ending is not None and ending.share_scores
