"""The consent screen records and shows consent in detail: declined, how, the form, the review
date and the other adults in the film."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Select, Static

from vigguide.app import make_app
from vigguide.domain import ConsentScope
from vigguide.store.home import Home

TODAY = date(2026, 11, 24)


async def _settle(app, pilot) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_consent_detail_is_recorded_and_shown(home: Home):
    home.store.create_case("CD-1", "Amira", "Noor")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("consent", "CD-1")
        await _settle(app, pilot)
        await pilot.press("g")  # filming, the first row
        await _settle(app, pilot)
        dialog = app.screen
        dialog.query_one("#give-form", Input).value = "VIG-CF-0042"
        dialog.query_one("#give-review", Input).value = "1/3/2027"
        dialog.query_one("#give-others", Input).value = "Partner, agreed in writing"
        dialog.query_one("#give-date", Input).focus()
        await pilot.press("enter")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "ConsentScreen"
        row = app.screen.query_one(DataTable).get_row_at(0)
        assert row[1] == "Given" and row[5:] == ["written", "VIG-CF-0042", "1 Mar 2027"]
        detail = str(app.screen.query_one("#consent-detail", Static).render())
        assert "Consent form: VIG-CF-0042." in detail
        assert "Other adults in the film: Partner, agreed in writing" in detail

        await pilot.press("down", "down", "down", "g")  # training
        await _settle(app, pilot)
        app.screen.query_one("#give-answer", Select).value = "declined"
        app.screen.query_one("#give-how", Select).value = "verbal"
        app.screen.query_one("#give-review", Input).value = "1/3/2027"
        app.screen.query_one("#give-date", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        message = str(app.screen.query_one("#give-message", Static).render())
        assert "declined consent has no review date" in message
        app.screen.query_one("#give-review", Input).value = ""
        app.screen.query_one("#give-date", Input).focus()
        await pilot.press("enter")
        await _settle(app, pilot)
        assert app.screen.query_one(DataTable).get_row_at(3)[1] == "Declined"
    consents = home.store.load("CD-1").consents
    filming, training = consents[ConsentScope.FILMING], consents[ConsentScope.TRAINING]
    assert (filming.how, filming.form_ref, filming.review_on) == (
        "written",
        "VIG-CF-0042",
        date(2027, 3, 1),
    )
    assert training.declined_on == TODAY and training.how == "verbal" and not training.active
    assert home.store.other_adults("CD-1") == "Partner, agreed in writing"


async def test_overview_says_when_a_consent_review_is_due(home: Home):
    home.store.create_case("CD-2", "Beth", "Ivy")
    home.store.set_consent(
        "CD-2", ConsentScope.FILMING, date(2026, 9, 1), review_on=date(2026, 11, 20)
    )
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        assert "Consent review due: CD-2" in str(
            app.screen.query_one("#caseload-reminders", Static).render()
        )
        app.open_screen("overview", "CD-2")
        await _settle(app, pilot)
        blocked = str(app.screen.query_one("#overview-blocked", Static).render())
        assert "Consent review due: filming at home (press c)." in blocked
