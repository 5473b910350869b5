"""A case with real vault files for the retention tests: a film, a clip and a still per cycle."""

from __future__ import annotations

from datetime import date

from vigguide.domain import ConsentScope
from vigguide.store.home import Home

PROBE = {"duration_s": 600.0, "width": 320, "height": 240, "fps": 25.0, "video_codec": "h264"}


def add_cycle_media(home: Home, ref: str, cycle: int) -> dict[str, object]:
    """One film, one clip and one still (with thumbnail) in `cycle`, all bound to the vault."""
    store = home.store
    film = home.vault.put_bytes(b"film bytes", kind="recording")
    rec = store.add_recording(
        ref, vault_id=film.id, sha256=film.sha256, size_bytes=10, probe=PROBE, delete_by=None,
        cycle=cycle,
    )  # fmt: skip
    clip = home.vault.put_bytes(b"clip bytes", kind="clip")
    moment = store.add_moment(ref, rec, 12.0, 18.0, title="First smile", cycle=cycle)
    store.update_moment(ref, moment, clip_vault_id=clip.id)
    still = home.vault.put_bytes(b"jpeg", kind="still")
    thumb = home.vault.put_bytes(b"thumb", kind="thumb")
    sid = store.add_still(
        ref, rec, 30.0, caption="Looking", vault_id=still.id, thumb_vault_id=thumb.id, cycle=cycle
    )
    home.vault.settle(film, clip, still, thumb)
    return {
        "film": (rec, film.id),
        "clip": (moment, clip.id),
        "still": (sid, still.id, thumb.id),
    }


def case_with_media(home: Home, ref: str = "RT-1") -> dict[str, object]:
    store = home.store
    store.create_case(ref, "Amira", "Noor", baby_born_on=date(2026, 8, 1))
    store.set_consent(ref, ConsentScope.FILMING, date(2026, 10, 1))
    return add_cycle_media(home, ref, 1)
