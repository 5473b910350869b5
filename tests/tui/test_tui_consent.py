"""The consent screen: recording consent with a date, and withdrawing it after seeing what it
affects, with the deletions it requires carried out in the vault and the store."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, SelectionList, Static

from tests.tui.media_cases import notices
from vigguide.app import make_app
from vigguide.domain import CaseStatus, ConsentScope
from vigguide.services.consent import CLIP, FILM, consent_effects
from vigguide.store.home import Home

TODAY = date(2026, 11, 24)
PROBE = {"duration_s": 600.0, "width": 320, "height": 240, "fps": 25.0, "video_codec": "h264"}


def _case_with_film(home: Home) -> tuple[str, str]:
    """A case with filming consent, one film and one clip in the vault."""
    store = home.store
    store.create_case("CN-1", "Amira", "Noor", baby_born_on=date(2026, 8, 1))
    store.set_consent("CN-1", ConsentScope.FILMING, date(2026, 10, 1))
    store.set_consent("CN-1", ConsentScope.FAMILY_COPIES, date(2026, 10, 1))
    film = home.vault.put_bytes(b"not really a film, but a real vault file")
    recording = store.add_recording(
        "CN-1", vault_id=film.id, sha256=film.sha256, size_bytes=10, probe=PROBE, delete_by=None
    )
    clip = home.vault.put_bytes(b"a clip")
    moment = store.add_moment("CN-1", recording, 12.0, 18.0, title="First smile")
    store.update_moment("CN-1", moment, clip_vault_id=clip.id)
    return film.id, clip.id


def test_consent_effects_of_withdrawing_filming_list_the_films_and_clips(home: Home):
    _case_with_film(home)
    effects = consent_effects(home.store.load("CN-1"), ConsentScope.FILMING)
    assert any("importing a film is blocked" in b for b in effects.blocks)
    assert [item.kind for item in effects.deletions] == [FILM, CLIP]
    assert "First smile" in effects.deletions[1].label
    family = consent_effects(home.store.load("CN-1"), ConsentScope.FAMILY_COPIES)
    assert family.deletions == ()
    assert any("No family video" in b for b in family.blocks)


async def _open(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.open_screen("consent", "CN-1")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_table_shows_each_scope_with_its_dates(home: Home):
    _case_with_film(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 6
        assert table.get_row_at(5)[:2] == ["Filming the shared review", "Not recorded"]
        filming = table.get_row_at(0)
        assert filming[:4] == ["Filming at home", "Given", "1 Oct 2026", ""]
        assert filming[4] == "Sam Guider"
        assert table.get_row_at(2)[1] == "Not recorded"
        detail = str(app.screen.query_one("#consent-detail", Static).render())
        assert "importing a film is blocked" in detail
        assert "2 film(s) or clip(s) would be deleted" in detail


async def test_giving_consent_with_an_edited_date(home: Home):
    _case_with_film(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await pilot.press("down", "down", "g")  # supervision
        await pilot.pause()
        date_box = app.screen.query_one("#give-date")
        assert date_box.value == "24 Nov 2026"
        date_box.value = ""
        await pilot.press(*"31/2/2026", "enter")
        await pilot.pause()
        message = str(app.screen.query_one("#give-message", Static).render())
        assert "not a real date" in message and "day/month/year" in message
        date_box.value = ""
        await pilot.press(*"20/11/2026", "enter")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "ConsentScreen"
        assert app.screen.query_one(DataTable).get_row_at(2)[1] == "Given"
    consent = home.store.load("CN-1").consents[ConsentScope.SUPERVISION]
    assert consent.given_on == date(2026, 11, 20) and consent.recorded_by == "Sam Guider"


async def test_withdrawing_filming_shows_the_effect_then_deletes_the_media(home: Home):
    film_id, clip_id = _case_with_film(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("w")
        await pilot.pause()
        assert type(app.screen).__name__ == "WithdrawConsentDialog"
        blocks = str(app.screen.query_one("#wd-blocks", Static).render())
        assert "importing a film is blocked" in blocks
        offered = app.screen.query_one("#wd-deletions", SelectionList)
        labels = [str(offered.get_option_at_index(i).prompt) for i in range(offered.option_count)]
        assert "film imported" in labels[0] and "First smile" in labels[1]
        assert len(offered.selected) == 2  # the deletions the withdrawal requires are ticked
        await pilot.press("escape")  # keep consent: nothing changes
        await pilot.pause()
        assert home.store.load("CN-1").consent_active(ConsentScope.FILMING)

        await pilot.press("w")
        await pilot.pause()
        await pilot.click("#wd-ok")
        await _settle(app, pilot)
        assert app.screen.query_one(DataTable).get_row_at(0)[1] == "Withdrawn"
    case_file = home.store.load("CN-1")
    consent = case_file.consents[ConsentScope.FILMING]
    assert consent.withdrawn_on == TODAY
    assert not case_file.cycles[0].recordings[0].available
    assert case_file.cycles[0].moments[0].clip_vault_id is None
    assert not home.vault.exists(film_id) and not home.vault.exists(clip_id)
    actions = [e.action for e in home.store.audit_events("CN-1")]
    assert "consent.withdrawn" in actions and "recording.delete" in actions
    assert home.store.case("CN-1").status is CaseStatus.OPEN


async def test_withdrawing_nothing_given_is_refused_plainly(home: Home):
    _case_with_film(home)
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("down", "down", "w")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConsentScreen"
        assert any("no consent to withdraw" in n for n in notices(app))
