"""The address book of colleagues' age recipients (name, role), entered once, and the check that
a recipient string really is an age X25519 recipient."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from vigguide.errors import NotFoundError, VigGuideError
from vigguide.store import rows
from vigguide.store.keys import bech32_decode

if TYPE_CHECKING:
    from vigguide.store.cases import CaseStore


class RecipientError(VigGuideError):
    """A string that is not an age recipient, or a name not in the address book."""


@dataclass(frozen=True)
class Colleague:
    id: int
    name: str
    role: str
    recipient: str


def check_recipient(text: str) -> str:
    """The recipient, tidied, or RecipientError: it must be a whole `age1…` X25519 recipient."""
    cleaned = text.strip()
    try:
        if len(bech32_decode("age", cleaned)) != 32:
            raise ValueError("wrong length")
    except ValueError:
        raise RecipientError(
            "That is not an age recipient: it should start age1 and be 62 characters long.",
            "Ask your colleague to run vigguide key recipient and send you exactly what it prints.",
        ) from None
    return cleaned.lower()


def add_colleague(store: CaseStore, name: str, role: str, recipient: str) -> Colleague:
    name = " ".join(name.split())
    if not name:
        raise RecipientError("Give the colleague a name.", "For example: --name 'Jo Patel'.")
    recipient = check_recipient(recipient)
    for known in colleagues(store):
        if known.name.lower() == name.lower():
            raise RecipientError(
                f"{known.name} is already in the address book.",
                "Remove the old entry first (vigguide colleague remove) to change it.",
            )
        if known.recipient == recipient:
            raise RecipientError(
                f"That recipient is already in the address book, as {known.name}.", ""
            )
    with store.action("colleague.add", detail={"role": role}) as c:
        row_id = c.execute(
            "INSERT INTO colleagues (name, role, recipient, added_at) VALUES (?, ?, ?, ?)",
            (name, role, recipient, rows.iso(store._clock())),
        ).lastrowid
    return Colleague(row_id, name, role, recipient)


def colleagues(store: CaseStore) -> list[Colleague]:
    found = store.conn.execute(
        "SELECT id, name, role, recipient FROM colleagues ORDER BY name COLLATE NOCASE"
    ).fetchall()
    return [Colleague(*r) for r in found]


def find_colleague(store: CaseStore, name: str) -> Colleague:
    for known in colleagues(store):
        if known.name.lower() == " ".join(name.split()).lower():
            return known
    raise NotFoundError(
        f"There is no colleague called {name} in the address book.",
        "See vigguide colleague list, or add them: vigguide colleague add NAME --recipient age1….",
    )


def remove_colleague(store: CaseStore, name: str) -> None:
    known = find_colleague(store, name)
    with store.action("colleague.remove", detail={"role": known.role}) as c:
        c.execute("DELETE FROM colleagues WHERE id = ?", (known.id,))


def colleague_named_for(store: CaseStore, recipient: str) -> str:
    """The address-book name of a recipient, or '' when it is not there."""
    row = store.conn.execute(
        "SELECT name FROM colleagues WHERE recipient = ?", (recipient,)
    ).fetchone()
    return str(row[0]) if row else ""


def resolve_recipient(store: CaseStore, to: str) -> tuple[str, str]:
    """`--to NAME|age1…` as (recipient, the colleague's name or '')."""
    if to.strip().lower().startswith("age1"):
        recipient = check_recipient(to)
        return recipient, colleague_named_for(store, recipient)
    known = find_colleague(store, to)
    return known.recipient, known.name
