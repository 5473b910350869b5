"""Words a practitioner reads in her first week: an empty caseload says what to press; help lists
keys without internal ids in each line; the overview names made documents in plain words and does
not say "Cycle 1 of 1"; the next filming focus from a review reaches the next cycle's plan."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Markdown, OptionList, Static, TextArea

from vigguide.app import make_app
from vigguide.domain import SharedReview
from vigguide.domain.wording import long_date
from vigguide.store.home import Home

TODAY = date(2026, 11, 24)


async def _settle(app, pilot) -> None:
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_an_empty_caseload_says_press_n(home: Home):
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        assert _text(app, "#caseload-summary") == "No open cases yet. Press n to add a new case."
        app.screen.query_one("#caseload-search", Input).value = "zz"
        await _settle(app, pilot)
        assert _text(app, "#caseload-summary") == "0 open cases"  # a search that finds nothing


async def test_help_lines_have_no_internal_ids(home: Home):
    home.store.create_case("HW-1", "Amira", "Noor")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("overview", "HW-1")
        await _settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        source = app.screen.query_one(Markdown).source
        key_lines = [line for line in source.splitlines() if line.startswith("- **")]
        assert key_lines and not any("(id" in line or "overview." in line for line in key_lines)
        assert "*To change a key in Settings:*" in source  # the ids, apart, for the keymap


async def test_overview_names_documents_in_plain_words_and_one_cycle_is_just_cycle_1(home: Home):
    home.store.create_case("HW-2", "Amira", "Noor", baby_born_on=date(2026, 8, 1))
    for kind in ("family-video", "note-text", "summary"):
        home.store.record_document("HW-2", kind, f"HW-2-{kind}", 1)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("overview", "HW-2")
        await _settle(app, pilot)
        cycles = _text(app, "#overview-cycles")
        assert cycles.startswith("Cycle 1") and "of 1" not in cycles
        timeline = app.screen.query_one("#overview-timeline", OptionList)
        lines = [str(timeline.get_option_at_index(i).prompt) for i in range(timeline.option_count)]
        outputs = next(line for line in lines if "review summary" in line)
        assert "family video" in outputs and "progress note (text)" in outputs
        assert "family-video" not in outputs and "note-text" not in outputs


async def test_the_next_filming_focus_from_the_review_reaches_the_next_plan(home: Home):
    home.store.create_case("HW-3", "Amira", "Noor", baby_born_on=date(2025, 9, 20))
    focus = "Bath time: how we enjoy the water together."
    home.store.save_review("HW-3", SharedReview(held_on=date(2026, 11, 1), next_focus=focus), 1)
    home.store.start_cycle("HW-3")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("filming_plan", "HW-3")
        await _settle(app, pilot)
        heading = _text(app, "#plan-heading")
        assert f"Next filming focus from the last review: {focus}" in heading
        assert "9 months and over" in heading  # a 14-month-old, not "9 to 12 months"
        assert app.screen.query_one("#plan-look-for", TextArea).text == focus


async def test_at_80x24_the_add_moment_form_shows_add_without_scrolling(home: Home, tmp_path):
    from tests.tui.media_cases import case_with_film, film
    from tests.tui.test_tui_analysis import _keys, _open, wait_frames
    from vigguide.widgets import frame_view

    frame_view.pin_renderer("unicode")
    try:
        case_with_film(home, film(tmp_path))
        app = make_app(home, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open(app, pilot)
            await wait_frames(app, pilot)
            await _keys(app, pilot, "shift+right", "i", *["right"] * 15, "o")
            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            assert type(form).__name__ == "MomentForm"
            assert form.query_one("VerticalScroll").max_scroll_y == 0
            add = form.query_one("#moment-ok")
            assert str(add.label) == "Add moment" and add.region.bottom <= 24
            await pilot.press(*"You wait, and he smiles", "enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "MicroAnalysisScreen"
    finally:
        frame_view.pin_renderer(None)


async def test_review_prep_examples_use_this_familys_baby(home: Home):
    home.store.create_case("HW-4", "Hana", "Ayaan", baby_born_on=date(2026, 8, 1))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("review_prep", "HW-4")
        await _settle(app, pilot)
        own = app.screen.query_one("#prep-own", Input)
        assert own.placeholder == "e.g. What is Ayaan telling you here?"


async def test_settings_shows_the_service_name_the_documents_will_print(home: Home):
    from vigguide.screens.settings import box_id

    app = make_app(home, today=TODAY)  # the profile says "Riverside Perinatal Team"
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("settings")
        await _settle(app, pilot)
        service = app.screen.query_one(f"#{box_id('service_name')}", Input)
        assert service.value == ""
        assert service.placeholder == "Riverside Perinatal Team (from your profile)"


async def test_every_confirm_dialog_starts_on_the_safe_choice(home: Home):
    from textual.widgets import Button

    from vigguide.widgets.case_dialogs import ConfirmDialog as CaseConfirm
    from vigguide.widgets.review_dialogs import ConfirmDialog as ReviewConfirm

    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        answers: list[bool | None] = []
        for dialog in (
            CaseConfirm("Start cycle 2?", "", yes="Start cycle 2", no="Keep it"),
            ReviewConfirm("Delete the original?", "", yes="Delete original", no="Keep it"),
        ):
            app.push_screen(dialog, answers.append)
            await pilot.pause()
            assert isinstance(app.focused, Button) and str(app.focused.label) == "Keep it"
            await pilot.press("enter")  # Enter alone never says yes
            await pilot.pause()
        assert answers == [False, False]


async def test_ticks_show_by_shape_not_only_by_colour(home: Home):
    from textual.widgets import SelectionList

    from vigguide.domain import FilmingPlan

    home.store.create_case("HW-5", "Hana", "Ayaan", baby_born_on=date(2026, 8, 1))
    home.store.set_filming_plan("HW-5", FilmingPlan(checklist_done=("battery",)))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("filming_plan", "HW-5")
        await _settle(app, pilot)
        checklist = app.screen.query_one("#plan-checklist", SelectionList)
        rows = {}
        for y in range(checklist.option_count):
            option = checklist.get_option_at_index(y)
            rows[option.value] = checklist.render_line(y).text
        assert rows["battery"].startswith("▐X▌")
        assert all(text.startswith("▐ ▌") for value, text in rows.items() if value != "battery")


async def test_outputs_remembers_what_was_made_when_you_come_back(home: Home):
    home.store.create_case("HW-6", "Hana", "Ayaan", baby_born_on=date(2026, 8, 1))
    home.store.record_document("HW-6", "summary", "HW-6-cycle1-summary.pdf", 1)
    home.store.record_document("HW-6", "insert", "HW-6-cycle1-insert-a5-2026-11-24.pdf", 1)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("outputs", "HW-6")
        await _settle(app, pilot)

        def line(key: str) -> str:
            return str(app.screen.query_one(f"#outputs-{key}").render())

        made = long_date(date.today())
        assert f"Made {made}: HW-6-cycle1-summary.pdf" in line("summary")
        assert f"Made {made}: HW-6-cycle1-insert-a5-2026-11-24.pdf" in line("insert-a5")
        assert "Made" not in line("insert")  # the A4 insert was not made


async def test_a_weak_question_asks_before_it_is_added_and_keeps_the_advice(home: Home):
    from vigguide.widgets.coach_panel import CoachFindings, DraftArea

    home.store.create_case("HW-7", "Hana", "Ayaan", baby_born_on=date(2026, 8, 1))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("helping_questions", "HW-7")
        await _settle(app, pilot)
        await pilot.press(*"Why does he cry so much?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        asked = str(app.screen.query_one("#dialog-message").render())
        assert "A helping question is about you and your baby together" in asked
        assert "Try:" in asked and "Try: Try:" not in asked
        await pilot.press("enter")  # Enter keeps working on it
        await _settle(app, pilot)
        assert home.store.load("HW-7").questions == ()
        assert app.screen.query_one(DraftArea).text == "Why does he cry so much?"
        await pilot.pause(0.4)
        await _settle(app, pilot)
        advice = str(app.screen.query_one(CoachFindings).render())
        assert "you and your baby together" in advice  # the advice is still there
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")  # add it as it is, knowingly
        await _settle(app, pilot)
        texts = [q.text for q in home.store.load("HW-7").questions]
        assert texts == ["Why does he cry so much?"]


async def test_reordering_clips_in_review_prep_keeps_the_focus_on_the_clips(home: Home, tmp_path):
    from tests.tui.media_cases import REF, case_with_clips, film, settle
    from vigguide.widgets.moment_list import MomentList

    case_with_clips(home, film(tmp_path))
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_screen("review_prep", REF)
        await settle(app, pilot, rounds=4)
        clips = app.screen.query_one(MomentList)
        clips.focus()
        await pilot.press("down")
        await settle(app, pilot)
        await pilot.press("shift+up")  # move the second clip first
        await settle(app, pilot)
        assert app.focused is clips
        moments = sorted(home.store.load(REF).cycles[0].moments, key=lambda m: m.position)
        assert moments[0].title == "Waiting for her turn"
        await pilot.press("shift+down")
        await settle(app, pilot)
        assert app.focused is clips
