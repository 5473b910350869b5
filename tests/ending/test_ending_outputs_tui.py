"""The ending in the rest of the app: the overview says whether the ending review is recorded (and
its day) and the latest score of each measure; e with nothing to look back on is a plain
notification; the outputs screen prints the ending summary and the ending note once the ending is
recorded, and says what to do before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Label

from tests.documents import pdfcheck
from tests.ending.cases import REF, open_case, reviewed_case
from tests.tui.media_cases import notices, settle
from vigguide.app import make_app
from vigguide.domain import Ending
from vigguide.domain.measures import score
from vigguide.screens.case_overview import CaseOverviewScreen
from vigguide.screens.outputs import OutputsScreen
from vigguide.store.home import Home
from vigguide.store.measures import record_measure

TODAY = date(2026, 11, 24)


def _text(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector).render())


async def test_e_with_nothing_to_look_back_on_is_a_notification(home: Home):
    open_case(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_screen("overview", REF)
        await settle(app, pilot)
        assert "Ending review: not yet" in _text(app.screen, "#overview-course")
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, CaseOverviewScreen)  # no locked form opened
        assert any("no shared review yet" in n for n in notices(app, "warning"))
    assert home.store.ending(REF) is None


async def test_the_overview_shows_the_ending_and_the_latest_measures(home: Home):
    question_id = reviewed_case(home, ratings=(5, 7), baseline=3)
    s = home.store
    record_measure(
        s, REF, score("phq9", [2, 2, 1, 1, 1, 1, 1, 2, 1]), date(2026, 8, 2), risk_shown=True
    )
    record_measure(s, REF, score("phq9", [1, 1, 1, 1, 1, 0, 0, 0, 0]), date(2026, 11, 20))
    record_measure(s, REF, score("gad7", [1, 1, 1, 1, 0, 0, 0]), date(2026, 11, 20))
    s.save_ending(REF, Ending(held_on=date(2026, 11, 20), ratings={question_id: 8}))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("overview", REF)
        await settle(app, pilot)
        course = _text(app.screen, "#overview-course")
    assert "Ending review: recorded 20 Nov 2026" in course
    # the latest of each, with its band; the earlier risk answer is not the latest
    assert "PHQ-9 5 (mild) · GAD-7 4 (minimal)" in course
    assert "RISK" not in course


async def test_a_latest_risk_answer_is_marked_on_the_overview(home: Home):
    open_case(home)
    record_measure(
        home.store,
        REF,
        score("phq9", [1, 1, 1, 1, 1, 0, 0, 0, 1]),
        date(2026, 11, 20),
        risk_shown=True,
    )
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("overview", REF)
        await settle(app, pilot)
        assert "PHQ-9 6 (mild) ⚠ RISK ANSWER" in _text(app.screen, "#overview-course")


async def test_the_ending_documents_print_from_outputs_once_recorded(home: Home, tmp_path: Path):
    question_id = reviewed_case(home, ratings=(5, 7), baseline=3)
    exports = tmp_path / "exports"
    home.store.set_setting("export_dir", str(exports))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("outputs", REF)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OutputsScreen)
        for key in ("ending", "ending-note"):
            line = str(screen.query_one(f"#outputs-{key}", Label).render())
            assert "Not yet:" in line and "ending review, which is not recorded yet" in line
        await pilot.press("8")
        await settle(app, pilot)
        assert any("press e on the case overview" in n for n in notices(app, "warning"))
        assert not exports.exists() or not list(exports.iterdir())
    home.store.save_ending(
        REF,
        Ending(
            held_on=date(2026, 11, 20), what_changed="I read her cues", ratings={question_id: 8}
        ),
    )
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("outputs", REF)
        await settle(app, pilot)
        for key in ("6", "8"):
            await pilot.press(key)
            await settle(app, pilot, rounds=6)
        assert not notices(app, "error"), notices(app)
    (note,) = exports.glob("*ending-note*.pdf")
    assert pdfcheck.contains(
        pdfcheck.body_text(note), "baseline 3 → cycle 1: 5 → cycle 2: 7 → final 8"
    )
    summaries = [p for p in exports.glob("*ending*.pdf") if p != note]
    assert len(summaries) == 1
    assert pdfcheck.contains(pdfcheck.text_of(summaries[0]), "At the end you gave it 8 out of 10")
