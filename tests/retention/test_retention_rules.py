"""Retention with the clock moved: media deleted completely when its rule says, held items and
media a later cycle uses kept, every deletion audited, and closing a case scheduling its dates."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.retention.helpers import add_cycle_media, case_with_media
from vigguide.domain.retention import RetentionRule, add_months, parse_rule, rule_text
from vigguide.errors import VigGuideError
from vigguide.services import retention as svc
from vigguide.services.exporting import exporting
from vigguide.store.home import Home
from vigguide.store.settings import load_settings, save_setting

TODAY = date.today()


def _keys(entries) -> set[str]:
    return {e.item.key for e in entries}


def test_rules_read_back_as_typed_and_bad_ones_are_explained():
    rule = parse_rule("once summarised or 90 days after import")
    assert rule == RetentionRule(90, None, True)
    assert parse_rule(rule_text(rule)) == rule
    assert parse_rule("2 months after the end of involvement") == RetentionRule(None, 2, False)
    assert parse_rule("keep").keeps
    with pytest.raises(VigGuideError, match="not a retention rule"):
        parse_rule("soonish")
    with pytest.raises(VigGuideError, match="Count months from the end"):
        parse_rule("2 months after import")
    assert add_months(date(2026, 12, 31), 2) == date(2027, 2, 28)


def test_settings_hold_a_rule_per_kind_and_keep_the_old_film_days(home: Home):
    rules = load_settings(home.store).retention_rules
    assert rules["film"] == RetentionRule(90, 2, True)  # whichever comes first
    assert rules["clip"] == rules["still"] == RetentionRule(None, 2, False)
    save_setting(home.store, "retention_clip", "6 weeks after import or 1 month after the end")
    save_setting(home.store, "retention_days", "30")
    settings = load_settings(home.store)
    assert settings.retention_clip == "42 days after it was made or 1 months after the end"
    assert settings.retention_rules["film"].days_after_made == 30
    assert home.store.setting("retention_days_raw") == "30"
    with pytest.raises(VigGuideError, match="not a retention rule"):
        save_setting(home.store, "retention_still", "when she says")
    assert load_settings(home.store).retention_still == "2 months after the end"


def test_raw_film_goes_after_90_days_completely_and_audited(home: Home):
    media = case_with_media(home)
    rec, film_id = media["film"]
    assert svc.due_now(home, TODAY + timedelta(days=89)) == []
    later = TODAY + timedelta(days=90)
    assert _keys(svc.due_now(home, later)) == {f"film-{rec}"}

    done = svc.apply_due(home, later)
    assert _keys(done.deleted) == {f"film-{rec}"}
    assert not home.vault.exists(film_id)
    assert not home.store.load("RT-1").cycles[0].recordings[0].available
    events = [e for e in home.store.audit_events("RT-1") if e.action == "recording.delete"]
    assert events[0].detail["reason"] == "retention: 90 days after it was imported"
    assert home.store.audit_verify().ok
    # the clip and still have no date while the case is open
    assert svc.due_now(home, TODAY + timedelta(days=400)) == []


def test_a_progress_note_makes_the_raw_film_due_at_once(home: Home, tmp_path: Path):
    media = case_with_media(home)
    target = tmp_path / "out" / "RT-1-note.pdf"
    target.parent.mkdir(mode=0o700)
    with exporting(home, target, "note", 1, "RT-1") as staged:
        staged.write_bytes(b"%PDF note")
    due = svc.due_now(home, TODAY)
    assert _keys(due) == {f"film-{media['film'][0]}"}
    assert due[0].why == "summarised in the record"


def test_closing_schedules_clips_and_stills_two_months_after_the_end(home: Home):
    media = case_with_media(home)
    lines = svc.closing_schedule(home, "RT-1", TODAY)
    end = add_months(TODAY, 2)
    assert any(line.startswith("Clips (1):") and "months after the end" in line for line in lines)
    assert any(line.startswith("Stills (1):") for line in lines)
    assert home.store.case("RT-1").status.value == "open"  # asking changes nothing

    svc.close_case(home, "RT-1", TODAY)
    assert _keys(svc.due_now(home, end)) == {
        f"film-{media['film'][0]}",
        f"clip-{media['clip'][0]}",
        f"still-{media['still'][0]}",
    }
    done = svc.apply_due(home, end)
    assert len(done.deleted) == 3
    for vault_id in (media["film"][1], media["clip"][1], *media["still"][1:]):
        assert not home.vault.exists(vault_id)
    actions = [e.action for e in home.store.audit_events("RT-1")]
    assert {"recording.delete", "clip.delete", "still.delete"} <= set(actions)
    assert home.store.load("RT-1").cycles[0].moments[0].clip_vault_id is None


def test_a_held_item_is_kept_until_released(home: Home):
    media = case_with_media(home)
    key = f"film-{media['film'][0]}"
    svc.hold(home, key, "asked for by the safeguarding lead")
    later = TODAY + timedelta(days=100)
    done = svc.apply_due(home, later)
    assert done.deleted == [] and _keys(done.kept) == {key}
    assert "on hold: asked for by the safeguarding lead" in done.kept[0].blocked
    assert home.vault.exists(media["film"][1])
    with pytest.raises(VigGuideError, match="on hold"):
        svc.delete_now(home, key)
    svc.release(home, key)
    assert _keys(svc.apply_due(home, later).deleted) == {key}
    actions = [e.action for e in home.store.audit_events("RT-1")]
    assert "retention.hold" in actions and "retention.release" in actions
    with pytest.raises(VigGuideError, match="needs a reason"):
        svc.hold(home, f"clip-{media['clip'][0]}", "  ")


def test_media_a_later_cycle_uses_is_never_deleted(home: Home):
    media = case_with_media(home)
    rec = media["film"][0]
    home.store.start_cycle("RT-1")
    add_cycle_media(home, "RT-1", 2)
    home.store.add_moment("RT-1", rec, 40.0, 44.0, title="Looking back", cycle=2)
    later = TODAY + timedelta(days=100)
    done = svc.apply_due(home, later)
    assert f"film-{rec}" in _keys(done.kept)
    assert (
        "cycle 2 still uses it" in next(e for e in done.kept if e.item.key == f"film-{rec}").blocked
    )
    before = home.store.audit_events("RT-1", limit=1000)
    with pytest.raises(VigGuideError, match="cycle 2 still uses it"):
        svc.delete_now(home, f"film-{rec}")
    assert home.vault.exists(media["film"][1])
    assert len(home.store.audit_events("RT-1", limit=1000)) == len(before)


def test_export_register_lists_where_it_went_and_confirms_deletion(home: Home, tmp_path: Path):
    case_with_media(home)
    target = tmp_path / "out" / "RT-1-summary.pdf"
    target.parent.mkdir(mode=0o700)
    with exporting(home, target, "summary", 1, "RT-1") as staged:
        staged.write_bytes(b"%PDF summary")
    entry = next(e for e in svc.retention_schedule(home) if svc.is_export(e))
    assert entry.item.path == str(target)
    assert entry.due_on == TODAY + timedelta(days=30)
    later = TODAY + timedelta(days=31)
    assert _keys(svc.apply_due(home, later).exports) == {entry.item.key}
    assert target.exists()  # apply never touches files outside the vault

    with pytest.raises(VigGuideError, match="still at"):
        svc.confirm_deleted(home, entry.item.key)
    said = svc.confirm_deleted(home, entry.item.key, remove_file=True)
    assert "confirmed deleted" in said and not target.exists()
    assert not any(svc.is_export(e) for e in svc.retention_schedule(home))
    event = next(e for e in home.store.audit_events("RT-1") if "confirmed" in e.action)
    assert event.detail["removed_by_vigguide"] is True
    with pytest.raises(VigGuideError, match="already confirmed"):
        svc.confirm_deleted(home, entry.item.key)


def test_the_family_video_export_counts_from_the_end_of_involvement(home: Home, tmp_path: Path):
    case_with_media(home)
    target = tmp_path / "out" / "RT-1-family-video.mp4"
    target.parent.mkdir(mode=0o700)
    with exporting(home, target, "family-video", 1, "RT-1") as staged:
        staged.write_bytes(b"mp4")
    video = next(e for e in svc.retention_schedule(home) if e.item.kind == "family_video")
    assert video.due_on is None and video.why == "no date yet"  # the case is still open
    closing = svc.closing_schedule(home, "RT-1", TODAY)
    assert any(line.startswith("Family videos (exported) (1):") for line in closing)
    svc.close_case(home, "RT-1", TODAY)
    video = next(e for e in svc.retention_schedule(home) if e.item.kind == "family_video")
    assert video.due_on == add_months(TODAY, 2) and video.item.path == str(target)
    svc.reopen_case(home, "RT-1")
    assert home.store.conn.execute("SELECT closed_on FROM cases").fetchone()[0] is None


def test_keep_leaves_only_the_day_limit_for_raw_films(home: Home):
    media = case_with_media(home)
    save_setting(home.store, "retention_film", "keep")
    save_setting(home.store, "retention_days", "0")
    svc.close_case(home, "RT-1", TODAY)
    far = TODAY + timedelta(days=4000)
    assert f"film-{media['film'][0]}" not in _keys(svc.due_now(home, far))
    entry = next(e for e in svc.retention_schedule(home) if e.item.kind == "film")
    assert entry.why == "kept until deleted by hand"
