"""The supervisor's side: packs from colleagues opened into a supervision area kept apart from her
own caseload, their clips and stills in the vault until the destroy-by date (then deleted, and the
deletion audited), her feedback and sign-off, and the feedback pack that goes back encrypted.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from vigguide.domain.supervision import is_expired
from vigguide.errors import VigGuideError
from vigguide.media.writing import staged_output
from vigguide.store.colleagues import colleague_named_for
from vigguide.store.home import Home
from vigguide.store.packfile import PackError, seal, unseal
from vigguide.store.rows import d
from vigguide.store.supervision_rows import (
    HeldPack,
    destroy_held,
    expire_held,
    held_pack,
    held_packs,
    opened_on,
    record_held,
    save_held_feedback,
)
from vigguide.store.vault import VaultEntry


def _today(home: Home, today: date | None) -> date:
    return today or home.store._clock().date()


def open_pack(home: Home, path: Path, *, today: date | None = None) -> HeldPack:
    """Check the pack at `path` and bring it into the supervision area; nothing is kept unless
    all of it is (the pack, every clip and still)."""
    assert home.colleague is not None
    today = _today(home, today)
    expire(home, today)
    path = Path(path)
    pack = unseal(path, home.colleague.identity, home.colleague.recipient)
    m = pack.manifest
    if m.get("kind") != "supervision":
        raise PackError(
            f"{path.name} is feedback on a pack, not a supervision pack.",
            "Receive it in the guider's home: vigguide supervision receive.",
        )
    if m.get("to_recipient") != home.colleague.recipient:
        raise PackError(
            f"{path.name} was made in this home, for a colleague.",
            "It opens in the home of the supervisor it was made for.",
        )
    until = d(str(m.get("destroy_by")))
    if until is None or is_expired(until, today):
        raise PackError(
            f"{path.name} is past its destroy-by date ({until or 'unknown'}), so it was not opened.",
            "Delete the file; ask the guider for a new pack if you still need it.",
        )
    pack_id = str(m.get("pack_id", ""))
    before = opened_on(home.store, pack_id)
    if before is not None:
        raise PackError(
            f"{path.name} was already opened here on {before:%d %b %Y}.",
            "See vigguide supervision list; a pack is opened once.",
        )
    content = m.get("content")
    if not isinstance(content, dict):
        raise PackError(f"{path.name} is not a supervision pack vigguide understands.", "")
    media: list[tuple[str, int, str, float | None, str]] = []
    entries: list[VaultEntry] = []
    moments = {int(x["number"]): x for x in content.get("moments", [])}
    stills = {int(x["number"]): x for x in content.get("stills", [])}
    try:
        for name in sorted(pack.files):
            kind, _, number_text = name.partition(".")[0].partition("-")
            number = int(number_text)
            if kind not in ("clip", "still"):
                raise ValueError("not a clip or still")
            entry = home.vault.put_bytes(pack.files[name], kind=f"held {kind}")
            entries.append(entry)
            if kind == "clip":
                about = moments.get(number, {})
                media.append((kind, number, entry.id, about.get("seconds"), about.get("title", "")))
            else:
                media.append(
                    (kind, number, entry.id, None, stills.get(number, {}).get("caption", ""))
                )
        sender = str(m.get("from_recipient"))
        values = {
            "pack_id": pack_id,
            "sender": colleague_named_for(home.store, sender)
            or f"{m.get('from_name') or 'A colleague'} (not in your address book)",
            "sender_recipient": sender,
            "content": content,
            "destroy_by": until.isoformat(),
        }
        held_id = record_held(home.store, values, media)
    except BaseException as exc:
        home.vault.discard(*entries)
        if isinstance(exc, (ValueError, KeyError, TypeError)):
            raise PackError(
                f"{path.name} is not a supervision pack vigguide understands.", ""
            ) from None
        raise
    home.vault.settle(*entries)
    return held_pack(home.store, held_id)


def destroy(home: Home, held_id: int) -> int:
    """Delete a held pack now (the supervisor's choice); how many files went."""
    return destroy_held(home.store, home.vault, held_id)


def expire(home: Home, today: date | None = None) -> int:
    """Delete every held pack past its destroy-by date (each deletion audited)."""
    return expire_held(home.store, home.vault, today)


def held(home: Home, *, today: date | None = None) -> list[HeldPack]:
    """What the supervision area holds now (expired packs are deleted first)."""
    expire(home, today)
    return held_packs(home.store)


def held_one(home: Home, held_id: int, *, today: date | None = None) -> HeldPack:
    """One held pack (expired packs are deleted first, so an expired one is not found)."""
    expire(home, today)
    return held_pack(home.store, held_id)


@dataclass(frozen=True)
class FeedbackSent:
    path: Path | None
    signed_off: bool


def write_feedback(
    home: Home,
    held_id: int,
    text: str,
    *,
    signed_off: bool,
    out: Path | None = None,
    today: date | None = None,
) -> FeedbackSent:
    """Keep the supervisor's feedback with the held pack; with `out`, also write the feedback
    pack, encrypted to the guider who sent it (0600, atomically, audited)."""
    assert home.colleague is not None
    text = text.strip()
    if not text:
        raise VigGuideError(
            "The feedback is empty.", "Write what you want the guider to take away."
        )
    pack = held_pack(home.store, held_id)
    if out is not None and (Path(out).exists() or Path(out).is_symlink()):
        raise VigGuideError(
            f"There is already a file at {out}.", "Choose another name, or move that file first."
        )
    save_held_feedback(home.store, held_id, text, signed_off)
    if out is None:
        return FeedbackSent(None, signed_off)
    practitioner = home.store.practitioner()
    manifest = {
        "kind": "feedback",
        "feedback_id": secrets.token_hex(16),
        "pack_id": pack.pack_id,
        "from_name": practitioner.name if practitioner else "",
        "from_recipient": home.colleague.recipient,
        "to_recipient": pack.sender_recipient,
        "text": text,
        "signed_off": signed_off,
        "written_on": _today(home, today).isoformat(),
    }
    sealed = seal(
        manifest,
        {},
        identity=home.colleague.identity,
        to=[pack.sender_recipient],
        mac_with=pack.sender_recipient,
    )
    out = Path(out)
    with staged_output(out) as staged:
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(sealed)
            fh.flush()
            os.fsync(fh.fileno())
    with home.store.action("supervision.feedback.export", detail={"pack_id": pack.pack_id}):
        pass
    return FeedbackSent(out, signed_off)
