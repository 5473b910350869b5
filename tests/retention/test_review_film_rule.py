"""Films of the shared review are their own kind of item: their own rule (180 days after import
unless changed, on the Settings screen or by `vigguide review-film-retention`), listed and deleted
by `vigguide retention` when the day comes, apart from the raw interaction films."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.retention.helpers import PROBE, case_with_media
from vigguide.cli import main
from vigguide.domain import ConsentScope
from vigguide.domain.retention import FILM, REVIEW_FILM
from vigguide.services.retention import apply_due, retention_schedule
from vigguide.store.home import Home, open_home
from vigguide.store.settings import load_settings, save_setting

TODAY = date.today()


def add_review_film(home: Home, ref: str = "RT-1") -> int:
    home.store.set_consent(ref, ConsentScope.FILMING_REVIEW, date(2026, 10, 1))
    film = home.vault.put_bytes(b"review film bytes", kind="recording")
    rec = home.store.add_recording(
        ref, vault_id=film.id, sha256=film.sha256, size_bytes=17, probe=PROBE, delete_by=None,
        kind="shared-review",
    )  # fmt: skip
    home.vault.settle(film)
    return rec


def _kinds(home: Home) -> dict[str, tuple[str, date | None, str]]:
    return {s.item.key: (s.item.kind, s.due_on, s.item.label) for s in retention_schedule(home)}


def test_the_review_film_has_its_own_rule_and_goes_when_its_day_comes(
    tmp_path: Path, passphrase_env
):
    with open_home(tmp_path / "home") as home:
        media = case_with_media(home)
        review = add_review_film(home)
        raw = f"film-{media['film'][0]}"
        kinds = _kinds(home)
        assert kinds[raw][:2] == (FILM, TODAY + timedelta(days=90))
        kind, due, label = kinds[f"film-{review}"]
        assert (kind, due) == (REVIEW_FILM, TODAY + timedelta(days=180))
        assert "film of the shared review" in label

        done = apply_due(home, TODAY + timedelta(days=100))
        assert f"film-{review}" not in {e.item.key for e in done.deleted}
        assert raw in {e.item.key for e in done.deleted}
        assert home.store.load("RT-1").cycles[0].review_films[0].available

        done = apply_due(home, TODAY + timedelta(days=181))
        assert [e.item.key for e in done.deleted] == [f"film-{review}"]
        assert home.store.load("RT-1").cycles[0].review_films[0].deleted_at is not None


def test_the_rule_is_set_like_the_others_and_keep_keeps(tmp_path: Path, passphrase_env):
    with open_home(tmp_path / "home") as home:
        media = case_with_media(home)
        review = add_review_film(home)
        settings = save_setting(home.store, "retention_review_film", "2 weeks after import")
        assert settings.retention_review_film == "14 days after import"
        assert _kinds(home)[f"film-{review}"][1] == TODAY + timedelta(days=14)
        save_setting(home.store, "retention_review_film", "keep")
        assert _kinds(home)[f"film-{review}"][1] is None
        gone = {e.item.key for e in apply_due(home, TODAY + timedelta(days=3000)).deleted}
        assert gone == {f"film-{media['film'][0]}"}  # the raw film only


def test_the_cli_shortcut_sets_the_same_rule_and_retention_lists_it(
    tmp_path: Path, passphrase_env, capsys
):
    home_dir = tmp_path / "home"
    with open_home(home_dir) as home:
        case_with_media(home)
        review = add_review_film(home)
    assert main(["--home", str(home_dir), "review-film-retention", "30"]) == 0
    assert "deleted 30 days after import" in capsys.readouterr().out
    with open_home(home_dir) as home:
        assert load_settings(home.store).retention_review_film == "30 days after import"
    later = (TODAY + timedelta(days=31)).isoformat()
    assert main(["--home", str(home_dir), "retention", "--as-of", later]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if f"film-{review}" in x)
    assert "film of the shared review" in line and "30 days after it was imported" in line
    assert main(["--home", str(home_dir), "review-film-retention", "0"]) == 0
    assert "kept until you delete them" in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["soon", "9999"])
def test_the_cli_shortcut_refuses_what_is_not_days(tmp_path: Path, passphrase_env, capsys, bad):
    home_dir = tmp_path / "home"
    with open_home(home_dir):
        pass
    assert main(["--home", str(home_dir), "review-film-retention", bad]) == 2
    err = capsys.readouterr().err
    assert "whole number of days" in err and "Traceback" not in err
    with open_home(home_dir) as home:
        assert load_settings(home.store).retention_review_film == "180 days after import"


async def test_the_settings_screen_edits_the_review_film_rule(home: Home):
    from textual.widgets import Input, Static

    from vigguide.app import make_app

    app = make_app(home)
    async with app.run_test(size=(120, 50)) as pilot:
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.open_screen("settings")
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        box = app.screen.query_one("#settings-retention_review_film", Input)
        assert box.value == "180 days after import"
        box.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"soon")
        message = app.screen.query_one("#settings-retention_review_film-message", Static)
        assert "is not a retention rule" in str(message.render())
        await pilot.press("ctrl+a", "ctrl+k", *"6 months after the end", "tab")
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
    rule = load_settings(home.store).retention_rules[REVIEW_FILM]
    assert (rule.months_after_end, rule.days_after_made) == (6, None)
