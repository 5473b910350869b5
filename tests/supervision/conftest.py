"""Homes for the supervision tests: a trainee with a family and a cycle ready for supervision, a
supervisor, and a stranger; each a real SQLCipher home with its own keyring."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.keyrings import MemoryKeyring
from vigguide.domain import ClipReview, ConsentScope, Practitioner, Role, SharedReview
from vigguide.store.custody import KeyCustody
from vigguide.store.home import Home, open_home

PARENT, BABY, SURNAME = "Amira", "Noor", "Khandaker"
CLIP_1, CLIP_2, STILL = b"clip one: not a real film", b"clip two", b"a still picture"
REF = "SUP-1"


@pytest.fixture
def make_home(tmp_path: Path) -> Iterator[Callable[[str, str], Home]]:
    opened: list[Home] = []
    keyrings: dict[str, MemoryKeyring] = {}

    def make(name: str, who: str = "") -> Home:
        folder = tmp_path / name
        ring = keyrings.setdefault(name, MemoryKeyring())
        home = open_home(folder, custody=KeyCustody(folder, backend=ring))
        if home.store.practitioner() is None:
            role = Role.QUALIFIED
            home.store.set_practitioner(
                Practitioner(who or name.title(), role, "Riverside Perinatal Team", "Jo Patel")
            )
        opened.append(home)
        return home

    yield make
    for home in opened:
        home.close()


def add_family(home: Home, *, supervision: bool = True) -> None:
    """A family with one cycle: two clips made, a still, a shared review record."""
    s = home.store
    s.create_case(REF, f"{PARENT} {SURNAME}", f"{BABY} {SURNAME}")
    s.set_consent(REF, ConsentScope.FILMING, date(2026, 10, 1))
    if supervision:
        s.set_consent(REF, ConsentScope.SUPERVISION, date(2026, 10, 1))
    film = home.vault.put_bytes(b"the whole film", kind="recording")
    probe = {"duration_s": 60.0, "width": 640, "height": 360, "fps": 25.0, "video_codec": "h264"}
    rec = s.add_recording(
        REF, vault_id=film.id, sha256="0" * 64, size_bytes=14, probe=probe, delete_by=None
    )
    home.vault.settle(film)
    first = s.add_moment(REF, rec, 1.0, 4.0, title=f"{PARENT} smiles and {BABY} looks up")
    second = s.add_moment(REF, rec, 10.0, 12.5, title="Waiting together")
    s.update_moment(REF, first, notes=f"{PARENT.upper()} waits for {BABY}'s turn")
    for moment, data in ((first, CLIP_1), (second, CLIP_2)):
        clip = home.vault.put_bytes(data, kind="clip")
        s.update_moment(REF, moment, clip_vault_id=clip.id)
        home.vault.settle(clip)
    still = home.vault.put_bytes(STILL, kind="still")
    s.add_still(REF, rec, 2.0, caption=f"{BABY} reaches for {PARENT}", vault_id=still.id)
    home.vault.settle(still)
    review = SharedReview(
        held_on=date(2026, 11, 2),
        clips={first: ClipReview(noticed=f"{PARENT} said {BABY} was telling her something")},
        learned=f"{PARENT} {SURNAME} saw that {BABY} waits for her",
        reflections="I could have waited longer before naming it.",
    )
    s.save_review(REF, review, 1)


REVIEW_CLIP, REVIEW_STILL = b"a clip of the review film", b"a still of the review film"


def add_review_film(home: Home, *, consent: bool = True) -> None:
    """A film of the shared review on cycle 1, one clip made and one still taken."""
    s = home.store
    if consent:
        s.set_consent(REF, ConsentScope.FILMING_REVIEW, date(2026, 10, 1))
    film = home.vault.put_bytes(b"the review film", kind="recording")
    probe = {"duration_s": 90.0, "width": 640, "height": 360, "fps": 25.0, "video_codec": "h264"}
    rec = s.add_recording(
        REF, vault_id=film.id, sha256="1" * 64, size_bytes=15, probe=probe, delete_by=None,
        kind="shared-review",
    )  # fmt: skip
    home.vault.settle(film)
    moment = s.add_moment(REF, rec, 5.0, 9.0, title=f"I wait and {PARENT} names it")
    s.update_moment(REF, moment, principles=("receiving_initiatives",))
    clip = home.vault.put_bytes(REVIEW_CLIP, kind="clip")
    s.update_moment(REF, moment, clip_vault_id=clip.id)
    still = home.vault.put_bytes(REVIEW_STILL, kind="still")
    s.add_still(REF, rec, 6.0, caption=f"{PARENT} points", vault_id=still.id, moment_id=moment)
    home.vault.settle(clip, still)
