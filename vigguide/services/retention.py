"""Retention in practice: what is due for deletion and why, deleting it completely (vault file,
record, audit event per item), holds, the export register, and what closing a case schedules.

Nothing held and nothing a later cycle still uses is ever deleted; exports outside the vault are
only listed for the practitioner, who confirms each deletion (vigguide removes the file only when
asked to).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from vigguide.domain import CaseStatus
from vigguide.domain.retention import (
    EXPORT,
    FAMILY_VIDEO,
    KIND_LABELS,
    CaseDates,
    Held,
    Schedule,
    media_in_use,
    schedule,
)
from vigguide.domain.wording import show_date
from vigguide.errors import VigGuideError
from vigguide.services.consent import MediaItem, delete_media
from vigguide.store import retention as store_retention
from vigguide.store.home import Home
from vigguide.store.settings import load_settings

EXPORT_KINDS = (EXPORT, FAMILY_VIDEO)


def is_export(entry: Schedule) -> bool:
    return entry.item.kind in EXPORT_KINDS


def retention_schedule(
    home: Home, ref: str | None = None, *, closing_on: date | None = None
) -> list[Schedule]:
    """Every item held (of one case, or all) with its deletion date and the rule that sets it.

    `closing_on` asks what the dates would be if case `ref` closed that day."""
    store = home.store
    rules = load_settings(store).retention_rules
    items = store_retention.held_media(store, ref)
    items += [e for e in store_retention.export_register(store) if ref in (None, e.case_ref)]
    dates = store_retention.case_dates(store)
    if ref is not None and closing_on is not None:
        dates[ref] = replace(dates.get(ref, CaseDates()), closed_on=closing_on)
    in_use: dict[str, str] = {}
    for case_ref in sorted({i.case_ref for i in items if i.kind not in EXPORT_KINDS}):
        in_use |= media_in_use(store.load(case_ref))
    return schedule(items, rules, dates, in_use)


def due_now(home: Home, today: date) -> list[Schedule]:
    """Items whose date has come and that nothing keeps (no hold, no later cycle using them)."""
    return [s for s in retention_schedule(home) if s.due(today)]


def held_back(home: Home, today: date) -> list[Schedule]:
    """Items whose date has come but that must stay for now (on hold, or still in use)."""
    return [
        s
        for s in retention_schedule(home)
        if s.blocked and s.due_on is not None and s.due_on <= today
    ]


@dataclass
class Applied:
    """What applying the rules did: deleted, kept (and why), and exports left to confirm."""

    deleted: list[Schedule] = field(default_factory=list)
    kept: list[Schedule] = field(default_factory=list)
    exports: list[Schedule] = field(default_factory=list)


def _media_item(entry: Schedule) -> MediaItem:
    store_kind, _, number = entry.item.key.partition("-")
    return MediaItem(store_kind, entry.item.cycle or 0, int(number), entry.item.label, "")


def _delete(home: Home, entry: Schedule, reason: str) -> None:
    _, vault_ids = store_retention.vault_ids_of(home.store, entry.item.key)
    item = replace(_media_item(entry), vault_id=vault_ids[0])
    delete_media(home, entry.item.case_ref, [item], reason)


def apply_due(home: Home, today: date) -> Applied:
    """Delete every film, clip and still that is due and not kept; list the rest."""
    done = Applied()
    for entry in retention_schedule(home):
        if entry.due_on is None or entry.due_on > today:
            continue
        if entry.blocked:
            done.kept.append(entry)
        elif is_export(entry):
            done.exports.append(entry)
        else:
            _delete(home, entry, f"retention: {entry.why}")
            done.deleted.append(entry)
    return done


def find(home: Home, key: str) -> Schedule:
    key = key.strip().lower()
    for entry in retention_schedule(home):
        if entry.item.key == key:
            return entry
    store_retention.vault_ids_of(home.store, key)  # says plainly what is wrong with the name
    raise VigGuideError(f"{key} is not held any more.", "vigguide retention lists what is held.")


def delete_now(home: Home, key: str) -> Schedule:
    """Delete one film, clip or still now (the practitioner chose it); refused, with nothing
    changed, when it is on hold or a later cycle still uses it."""
    entry = find(home, key)
    if is_export(entry):
        raise VigGuideError(
            f"{key} is an export outside the vault.",
            "Delete the file yourself, or confirm it deleted (it can remove a file still there).",
        )
    if entry.blocked:
        fix = (
            "Release the hold first if it is no longer needed."
            if entry.item.hold is not None
            else "Finish with it there first (or remove it from that cycle)."
        )
        raise VigGuideError(f"{key} cannot be deleted: {entry.blocked}.", fix)
    _delete(home, entry, "deleted by hand under the retention rules")
    return entry


def hold(home: Home, key: str, reason: str) -> str:
    """Keep an item whatever the rules say, for a reason; returns the case reference."""
    return store_retention.set_hold(home.store, key.strip().lower(), reason)


def release(home: Home, key: str) -> str:
    return store_retention.set_hold(home.store, key.strip().lower(), None)


def _export_id(text: str | int) -> int:
    value = str(text).strip().lower().removeprefix("export-")
    if not value.isdigit():
        raise VigGuideError(
            f'"{text}" is not an export number.', "Use the number shown, e.g. 5 or export-5."
        )
    return int(value)


def export_still_there(home: Home, export_id: str | int) -> Path | None:
    """The export's file, if it is still where it was written."""
    _ref, path, _done = store_retention.export_row(home.store, _export_id(export_id))
    found = Path(path) if path else None
    return found if found is not None and found.is_file() and not found.is_symlink() else None


def confirm_deleted(home: Home, export_id: str | int, *, remove_file: bool = False) -> str:
    """Record that an export is gone. A file still at its path is refused, unless `remove_file`
    (then vigguide removes it first); returns what was done, in words."""
    number = _export_id(export_id)
    there = export_still_there(home, number)
    if there is not None and not remove_file:
        raise VigGuideError(
            f"Export {number} is still at {there}.",
            "Delete it first, or ask vigguide to delete it (--delete-file).",
        )
    if there is not None:
        try:
            there.unlink()
        except OSError as exc:
            raise VigGuideError(
                f"{there} could not be deleted ({exc.strerror}).", "Delete it by hand."
            ) from None
    store_retention.confirm_export_deleted(home.store, number, removed_now=there is not None)
    removed = f" ({there} removed)" if there is not None else ""
    return f"Export {number} confirmed deleted{removed}."


def describe(entry: Schedule, today: date) -> str:
    """One line for a list: the item, its date and reason, or what keeps it."""
    item = entry.item
    if entry.due_on is None:
        when = entry.why
    elif entry.due_on <= today:
        when = f"due since {show_date(entry.due_on)} ({entry.why})"
    else:
        when = f"due {show_date(entry.due_on)} ({entry.why})"
    kept = f"; kept: {entry.blocked}" if entry.blocked else ""
    where = f" at {item.path}" if item.path and is_export(entry) else ""
    return f"{item.key}  {item.case_ref}  {item.label}{where}: {when}{kept}"


def closing_schedule(home: Home, ref: str, today: date) -> list[str]:
    """What closing case `ref` today would schedule: per kind, the deletion dates that apply."""
    home.store.case(ref)  # a plain message for a reference that does not exist
    grouped: dict[tuple[str, date | None, str], list[Held]] = defaultdict(list)
    for entry in retention_schedule(home, ref, closing_on=today):
        grouped[(entry.item.kind, entry.due_on, entry.why)].append(entry.item)
    lines = []
    for (kind, when, why), items in sorted(
        grouped.items(), key=lambda kv: (kv[0][1] or date.max, kv[0][0])
    ):
        day = show_date(when) if when is not None else "no date"
        lines.append(f"{KIND_LABELS[kind]} ({len(items)}): {day} ({why})")
    return lines or ["Nothing is held for this case in the vault or the export register."]


def close_case(home: Home, ref: str, today: date) -> None:
    """Close the case today: the end of involvement the rules count from."""
    home.store.update_case(ref, status=CaseStatus.CLOSED, closed_on=today)


def reopen_case(home: Home, ref: str) -> None:
    home.store.update_case(ref, status=CaseStatus.OPEN, closed_on=None)
