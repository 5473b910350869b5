"""Importing a film into a case's current cycle, and deleting films under the retention policy."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from vigguide.domain import Action, consent_blocker
from vigguide.domain.model import FilmKind
from vigguide.domain.wording import long_date
from vigguide.errors import AlreadyImportedError, ConsentError, VaultError, VigGuideError
from vigguide.media.probe import ProbeInfo, filmed_day, validate
from vigguide.media.writing import require_regular_file
from vigguide.services.review_film import check_review_filming, film_kind, review_film_days
from vigguide.store.home import Home
from vigguide.store.settings import load_settings

Progress = Callable[[float], None]


@dataclass(frozen=True)
class ImportResult:
    recording_id: int
    cycle_number: int
    info: ProbeInfo
    sha256: str
    delete_by: date | None


def retention_days(home: Home) -> int | None:
    return load_settings(home.store).retention_days or None


def import_recording(
    home: Home,
    ref: str,
    path: Path,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    kind: str = FilmKind.INTERACTION.value,
    again: bool = False,
) -> ImportResult:
    """Check consent and the file, stream it into the vault while hashing, then record it.

    The original is only read. If anything fails, no vault file and no database row remain. The
    same film (the same bytes) already in the cycle is refused unless `again` is true.
    """
    today = today or date.today()
    film = film_kind(kind)
    case_file = home.store.load(ref)
    if film is FilmKind.SHARED_REVIEW:
        check_review_filming(case_file, ref)
    else:
        blocker = consent_blocker(case_file, Action.IMPORT_RECORDING)
        if blocker is not None:
            raise ConsentError(f"{blocker.reason} for case {ref}.", blocker.fix + ", then import.")
    cycle = case_file.current_cycle
    assert cycle is not None  # every case is created with its first cycle
    require_regular_file(path)  # a pipe or device would hang the read while the home is locked
    info = validate(path)
    total = max(1, path.stat().st_size)
    on_bytes = (lambda n: progress(min(1.0, n / total))) if progress else None
    entry = home.vault.put_file(path, on_bytes, cancel, kind="recording")
    same = [
        r for r in cycle.recordings if r.available and r.kind is film and r.sha256 == entry.sha256
    ]
    if same and not again:
        home.vault.discard(entry)
        raise AlreadyImportedError(
            f"{path.name} is already in cycle {cycle.number} of case {ref} "
            f"(imported {long_date(same[0].imported_at.date())}).",
            "Nothing was imported again.",
        )
    days = retention_days(home) if film is FilmKind.INTERACTION else review_film_days(home.store)
    delete_by = today + timedelta(days=days) if days else None
    try:
        recording_id = home.store.add_recording(
            ref,
            vault_id=entry.id,
            sha256=entry.sha256,
            size_bytes=entry.size_bytes,
            probe=info.public() | {"size_bytes": entry.size_bytes},
            delete_by=delete_by,
            cycle=cycle.number,
            filmed_on=filmed_day(path, latest=today) or today,
            kind=film.value,
        )
    except BaseException:
        home.vault.discard(entry)
        raise
    home.vault.settle(entry)
    return ImportResult(recording_id, cycle.number, info, entry.sha256, delete_by)


def delete_recording(home: Home, ref: str, recording_id: int, reason: str) -> None:
    """Delete a film completely: the vault file goes, the record says when and why.

    The intent to delete is written first, so once the record says "deleted" the file goes even
    if vigguide is killed before the unlink, or the unlink fails (it is tried again at start).
    """
    vault_id = home.store.recording_vault_id(recording_id)
    home.vault.will_delete(vault_id, case_ref=ref)
    try:
        home.store.mark_recording_deleted(ref, recording_id, reason)
    except BaseException:
        home.vault.keep(vault_id)
        raise
    home.vault.delete(vault_id)


def delete_due_recordings(home: Home, today: date | None = None) -> int:
    """Apply the retention policy: films past their delete-by date are deleted."""
    due = home.store.recordings_due_for_deletion(today or date.today())
    failed: VaultError | None = None
    for ref, recording_id, _vault_id in due:
        try:
            delete_recording(home, ref, recording_id, "retention policy")
        except VaultError as exc:  # recorded as deleted; the file goes at the next start
            failed = exc
    if failed is not None:
        raise failed
    return len(due)


def remove_original(path: Path, sha256: str) -> None:
    """Delete the original from the card, but only while it is still exactly what was imported."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise VigGuideError(
            f"{path.name} could not be read again, so it was kept.", "Delete it by hand."
        ) from exc
    if digest.hexdigest() != sha256:
        raise VigGuideError(
            f"{path.name} has changed since it was imported, so it was kept.",
            "Check the file, and delete it by hand if it is no longer needed.",
        )
    try:
        path.unlink()
    except OSError as exc:
        raise VigGuideError(
            f"{path.name} could not be deleted (the card may be read-only).",
            "Delete it on the camera or phone instead.",
        ) from exc
