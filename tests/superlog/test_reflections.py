"""The guider's reflections per cycle: stored, read back, checked; and typed on their screen (g on
the case overview), saved as she goes and there again when the screen is opened afresh."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Select, Static, TextArea

from vigguide.app import make_app
from vigguide.errors import NotFoundError, VigGuideError
from vigguide.services.reflections import record_reflections, reflections_for
from vigguide.store.home import Home

TODAY = date(2026, 11, 24)


def test_reflections_are_stored_per_cycle_and_read_back(home: Home):
    home.store.create_case("RF-1", "Amira", "Noor")
    home.store.start_cycle("RF-1")
    assert reflections_for(home, "RF-1", 1).is_empty
    record_reflections(
        home,
        "RF-1",
        1,
        went_well="  She named her own smile at the second pause. ",
        activated_her="I waited and asked what she saw.",
        from_supervision="How to slow down when she rushes on.",
        self_assessment={"attentive": ("secure", "I gave her time"), "guiding": ("not yet", "")},
    )
    first = reflections_for(home, "RF-1", 1)
    assert first.went_well == "She named her own smile at the second pause."
    assert first.activated_her == "I waited and asked what she saw."
    assert first.from_supervision == "How to slow down when she rushes on."
    assert first.rating("attentive").rating == "secure"
    assert first.rating("attentive").note == "I gave her time"
    assert first.rating("guiding").rating == "not yet"
    assert first.rating("receiving_initiatives").rating == ""
    assert first.updated_at is not None
    assert reflections_for(home, "RF-1", 2).is_empty  # each cycle has its own
    event = home.store.audit_events("RF-1")[0]
    assert event.action == "reflections.update" and event.detail == {"cycle": 1}


def test_a_bad_rating_or_unknown_cycle_is_a_plain_message_and_saves_nothing(home: Home):
    home.store.create_case("RF-2", "Amira", "Noor")
    with pytest.raises(VigGuideError, match='"brilliant" is not a rating'):
        record_reflections(home, "RF-2", 1, self_assessment={"attentive": ("brilliant", "")})
    with pytest.raises(VigGuideError, match="is not a principle"):
        record_reflections(home, "RF-2", 1, self_assessment={"kindness": ("secure", "")})
    assert reflections_for(home, "RF-2", 1).is_empty
    with pytest.raises(NotFoundError, match="Case RF-2 has no cycle 4"):
        reflections_for(home, "RF-2", 4)


async def _settle(app, pilot) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_reflections_screen_saves_as_she_types(home: Home):
    home.store.create_case("RF-3", "Amira", "Noor")
    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("overview", "RF-3")
        await _settle(app, pilot)
        await pilot.press("g")
        await _settle(app, pilot)
        screen = app.screen
        assert type(screen).__name__ == "ReflectionsScreen"
        assert "Nothing written yet" in str(screen.query_one("#reflections-saved", Static).render())
        assert app.focused is screen.query_one("#reflections-went_well", TextArea)
        await pilot.press(*"She led the looking")
        screen.query_one("#rating-attentive", Select).value = "emerging"
        screen.query_one("#note-attentive", Input).focus()
        await pilot.press(*"I leaned in", "tab")
        await _settle(app, pilot)
        await pilot.press("escape")
        await _settle(app, pilot)
    saved = reflections_for(home, "RF-3", 1)
    assert saved.went_well == "She led the looking"
    assert saved.rating("attentive").rating == "emerging"
    assert saved.rating("attentive").note == "I leaned in"

    app = make_app(home, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_screen("reflections", "RF-3")
        await _settle(app, pilot)
        screen = app.screen
        assert screen.query_one("#reflections-went_well", TextArea).text == "She led the looking"
        assert screen.query_one("#rating-attentive", Select).value == "emerging"
        assert screen.query_one("#note-attentive", Input).value == "I leaned in"
        assert "Saved" in str(screen.query_one("#reflections-saved", Static).render())
