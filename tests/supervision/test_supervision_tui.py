"""The two screens: p on the case overview makes a pack from chosen clips; v on the caseload shows
the packs held, and the feedback written there is kept and sent back."""

from __future__ import annotations

from textual.widgets import Button, Input, Select, SelectionList, Static, TextArea

from tests.supervision.conftest import REF, add_family, add_review_film
from vigguide.app import make_app
from vigguide.services.supervision import make_pack, packs_sent, receive_feedback
from vigguide.services.supervision_area import held, open_pack
from vigguide.store.colleagues import add_colleague


async def _settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_p_on_the_overview_makes_a_pack_of_the_chosen_clips(make_home, tmp_path):
    trainee, supervisor = make_home("trainee", "Sam Trainee"), make_home("supervisor", "Jo Patel")
    add_family(trainee)
    assert supervisor.colleague is not None
    add_colleague(trainee.store, "Jo Patel", "supervisor", supervisor.colleague.recipient)
    app = make_app(trainee)
    async with app.run_test(size=(120, 50)) as pilot:
        await _settle(app, pilot)
        app.open_screen("overview", REF)
        await _settle(app, pilot)
        await pilot.press("p")
        await _settle(app, pilot)
        screen = app.screen
        assert "agreed to showing clips" in str(screen.query_one("#pack-consent", Static).render())
        moments = screen.query_one("#pack-moments", SelectionList)
        assert moments.selected == [1, 2]
        moments.deselect(1)
        screen.query_one("#pack-to", Select).value = "Jo Patel"
        screen.query_one("#pack-questions", TextArea).text = "How do I wait longer?"
        out = tmp_path / "pack.age"
        screen.query_one("#pack-path", Input).value = str(out)
        screen.query_one("#pack-make", Button).press()
        await _settle(app, pilot)
        assert "Cycle 1: sent to Jo Patel" in str(screen.query_one("#pack-sent", Static).render())
    [sent] = packs_sent(trainee, REF)
    assert (sent.clips, sent.stills) == (1, 0)
    pack = open_pack(supervisor, out)
    assert [c.number for c in pack.clips] == [2]
    assert pack.content["questions_for_supervision"] == "How do I wait longer?"


async def test_v_on_the_caseload_shows_held_packs_and_keeps_feedback(make_home, tmp_path):
    trainee, supervisor = make_home("trainee", "Sam Trainee"), make_home("supervisor", "Jo Patel")
    add_family(trainee)
    assert supervisor.colleague is not None
    make_pack(trainee, REF, 1, supervisor.colleague.recipient, tmp_path / "p.age")
    open_pack(supervisor, tmp_path / "p.age")
    back = tmp_path / "back.age"
    app = make_app(supervisor)
    async with app.run_test(size=(120, 50)) as pilot:
        await _settle(app, pilot)
        await pilot.press("v")
        await _settle(app, pilot)
        screen = app.screen
        detail = str(screen.query_one("#area-detail", Static).render())
        assert "from Sam Trainee" in detail and "Clip 1: Mum smiles and baby looks up" in detail
        screen.query_one("#area-feedback", TextArea).text = "You waited beautifully."
        screen.query_one("#area-sign-off").value = True
        screen.query_one("#area-out", Input).value = str(back)
        screen.query_one("#area-save", Button).press()
        await _settle(app, pilot)
        assert "signed off" in str(screen.query_one("#area-message", Static).render())
    [pack] = held(supervisor)
    assert pack.feedback == "You waited beautifully." and pack.signed_off
    receive_feedback(trainee, back)
    [sent] = packs_sent(trainee, REF)
    assert sent.feedback == "You waited beautifully." and sent.signed_off


async def test_the_pack_screen_offers_the_review_films_clips_first(make_home, tmp_path):
    trainee, supervisor = make_home("trainee", "Sam Trainee"), make_home("supervisor", "Jo Patel")
    add_family(trainee)
    add_review_film(trainee)
    assert supervisor.colleague is not None
    add_colleague(trainee.store, "Jo Patel", "supervisor", supervisor.colleague.recipient)
    app = make_app(trainee)
    async with app.run_test(size=(120, 50)) as pilot:
        await _settle(app, pilot)
        app.open_screen("overview", REF)
        await _settle(app, pilot)
        await pilot.press("p")
        await _settle(app, pilot)
        screen = app.screen
        review = screen.query_one("#pack-review-moments", SelectionList)
        assert review.display and review.selected == [1]
        assert "I wait and" in str(review.get_option_at_index(0).prompt)
        screen.query_one("#pack-moments", SelectionList).deselect_all()
        screen.query_one("#pack-to", Select).value = "Jo Patel"
        out = tmp_path / "pack.age"
        screen.query_one("#pack-path", Input).value = str(out)
        screen.query_one("#pack-make", Button).press()
        await _settle(app, pilot)
    pack = open_pack(supervisor, out)
    assert [m["film"] for m in pack.content["moments"]] == ["shared review"]


async def test_without_consent_to_film_the_review_its_clips_are_not_offered(make_home):
    trainee = make_home("trainee", "Sam Trainee")
    add_family(trainee)
    add_review_film(trainee, consent=False)
    app = make_app(trainee)
    async with app.run_test(size=(120, 50)) as pilot:
        await _settle(app, pilot)
        app.open_screen("overview", REF)
        await _settle(app, pilot)
        await pilot.press("p")
        await _settle(app, pilot)
        review = app.screen.query_one("#pack-review-moments", SelectionList)
        assert not review.display and review.option_count == 0


async def test_the_overview_says_when_supervision_feedback_came_back(make_home, tmp_path):
    from vigguide.services.supervision_area import write_feedback
    from vigguide.store.supervision_rows import sent_packs

    trainee, supervisor = make_home("trainee", "Sam Trainee"), make_home("supervisor", "Jo Patel")
    add_family(trainee)
    assert supervisor.colleague is not None
    make_pack(trainee, REF, 1, supervisor.colleague.recipient, tmp_path / "p.age")
    app = make_app(trainee)
    async with app.run_test(size=(120, 50)) as pilot:
        await _settle(app, pilot)
        app.open_screen("overview", REF)
        await _settle(app, pilot)
        note = app.screen.query_one("#overview-supervision", Static)
        assert not note.display
    pack = open_pack(supervisor, tmp_path / "p.age")
    back = tmp_path / "back.age"
    write_feedback(supervisor, pack.id, "You waited well.", signed_off=True, out=back)
    receive_feedback(trainee, back)
    [sent] = sent_packs(trainee.store, REF)
    assert sent.feedback_on is not None
    day = f"{sent.feedback_on.day} {sent.feedback_on:%b %Y}"
    app = make_app(trainee)
    async with app.run_test(size=(120, 50)) as pilot:
        await _settle(app, pilot)
        app.open_screen("overview", REF)
        await _settle(app, pilot)
        note = app.screen.query_one("#overview-supervision", Static)
        text = str(note.render())
        assert note.display
        assert f"Cycle 1: supervision feedback from Jo Patel received {day}, signed off." in text
        assert "supervision screen (p)" in text
        await pilot.press("p")
        await _settle(app, pilot)
        sent_text = str(app.screen.query_one("#pack-sent", Static).render())
        assert "You waited well." in sent_text
