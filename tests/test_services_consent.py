"""Withdrawing consent to film: the films, clips and stills go completely, and the audit says so."""

from __future__ import annotations

from datetime import date

from vigguide.domain import ConsentScope
from vigguide.services.consent import CLIP, FILM, STILL, consent_effects, delete_media
from vigguide.store.home import Home


def test_withdrawing_filming_deletes_films_clips_and_stills(home: Home):
    s = home.store
    s.create_case("WD-1", "Amira", "Noor")
    s.set_consent("WD-1", ConsentScope.FILMING, date(2026, 10, 1))
    film = home.vault.put_bytes(b"film")
    probe = {"duration_s": 9.0, "width": 640, "height": 360, "fps": 25.0, "video_codec": "h264"}
    rec = s.add_recording(
        "WD-1", vault_id=film.id, sha256="0" * 64, size_bytes=4, probe=probe, delete_by=None
    )
    moment = s.add_moment("WD-1", rec, 1.0, 3.0, title="First smile")
    clip = home.vault.put_bytes(b"clip")
    s.update_moment("WD-1", moment, clip_vault_id=clip.id)
    still, thumb = home.vault.put_bytes(b"jpeg"), home.vault.put_bytes(b"thumb")
    s.add_still("WD-1", rec, 2.0, caption="Smile", vault_id=still.id, thumb_vault_id=thumb.id)

    effects = consent_effects(s.load("WD-1"), ConsentScope.FILMING)
    assert [i.kind for i in effects.deletions] == [FILM, CLIP, STILL]
    s.withdraw_consent("WD-1", ConsentScope.FILMING, date(2026, 11, 1))
    assert delete_media(home, "WD-1", effects.deletions, "consent withdrawn") == 3

    for vault_id in (film.id, clip.id, still.id, thumb.id):
        assert not home.vault.exists(vault_id)
    cycle = s.load("WD-1").cycles[0]
    assert not cycle.recordings[0].available
    assert cycle.moments[0].clip_vault_id is None and cycle.stills == ()
    actions = {e.action for e in s.audit_events("WD-1")}
    assert {"recording.delete", "clip.delete", "still.delete", "consent.withdrawn"} <= actions
    assert s.audit_verify().ok
