"""At every start, under the home lock: finish or undo what a crash interrupted.

- a vault file written but never recorded is removed; one recorded is bound to its record;
- a deletion whose record change was committed is completed (the file unlinked), one whose record
  change never happened is dropped (the file stays, as the record says);
- an export whose file was already put in place gets its audit event; a half-made one is removed
  with its private staging folder;
- files the records no longer point at are removed, and files from before the upgrade are bound.

What was done is written to the audit trail as one `vault.recover` event (counts only).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from vigguide.errors import VigGuideError
from vigguide.store.files import is_staging_dir
from vigguide.store.intents import BoundFile, Intent, Ledger, header_fingerprint
from vigguide.store.service_rows import EXPORT_KINDS, record_service_export

if TYPE_CHECKING:
    from vigguide.store.vault import Vault

VAULT_NAME = re.compile(r"[0-9a-f]{32}\.age")


def vault_files_on_disk(root_dir: Path) -> dict[str, Path]:
    """vault id -> path, for files that follow the vault's own naming (`ab/ab….age`) only."""
    found: dict[str, Path] = {}
    if not root_dir.is_dir():
        return found
    for folder in root_dir.iterdir():
        if len(folder.name) != 2 or not folder.is_dir() or folder.is_symlink():
            continue
        for path in folder.iterdir():
            named = VAULT_NAME.fullmatch(path.name) and path.name.startswith(folder.name)
            if named and path.is_file() and not path.is_symlink():
                found[path.name[:-4]] = path
    return found


def _unlink(path: Path) -> bool:
    """True once the file is gone; False if it could not be removed (tried again next start)."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        return False
    return True


def _remove_partial(ledger: Ledger, intent: Intent, done: Counter[str]) -> None:
    """A decrypted copy cut short: remove its hidden partial file (never anything else)."""
    partial = Path(str(intent.detail["partial"]))
    named = partial.name.startswith(".") and partial.name.endswith(".part")
    if named and partial.is_file() and not partial.is_symlink():
        partial.unlink(missing_ok=True)
        done["exports_removed"] += 1
    ledger.finish(intent.id)


def _finish_export(ledger: Ledger, intent: Intent, done: Counter[str]) -> None:
    if "partial" in intent.detail:
        _remove_partial(ledger, intent, done)
        return
    staging = Path(str(intent.detail.get("staging", "")))
    target = Path(str(intent.detail.get("target", "")))
    record = intent.detail.get("record", {})
    staged = staging / target.name
    if intent.state == "placing" and not staged.exists() and target.is_file():
        # The rename happened before the crash: the export is real, so it is audited now.
        try:
            if record.get("kind") in EXPORT_KINDS:  # the service report belongs to no case
                record_service_export(ledger.store, record, target.name)
            else:
                ledger.store.record_document(
                    str(record.get("ref", "")),
                    str(record.get("kind", "")),
                    target.name,
                    record.get("cycle"),
                    str(target),
                )
            done["exports_audited"] += 1
        except VigGuideError:
            done["exports_unrecorded"] += 1
    else:
        done["exports_removed"] += 1
    if is_staging_dir(staging):
        shutil.rmtree(staging, ignore_errors=True)
    ledger.finish(intent.id)


def _bind(vault: Vault, ledger: Ledger, vault_id: str, kind: str) -> bool:
    fingerprint = header_fingerprint(vault.path_of(vault_id))
    if fingerprint is None:
        return False  # missing or damaged: `vigguide check` names it
    sha256, size = ledger.recording_hashes().get(vault_id, (None, None))
    ledger.settle(BoundFile(vault_id, kind, fingerprint, sha256, size))
    return True


def recover(vault: Vault) -> Counter[str]:
    """Finish or undo every interrupted vault write, delete and export; returns what was done."""
    ledger = vault.ledger
    assert ledger is not None
    done: Counter[str] = Counter()
    live = ledger.live_references()
    for intent in ledger.intents():
        if intent.op == "export":
            _finish_export(ledger, intent, done)
        elif intent.vault_id is None:
            ledger.finish(intent.id)
        elif intent.op == "create":
            if intent.vault_id in live:
                _bind(vault, ledger, intent.vault_id, live[intent.vault_id])
                ledger.finish(intent.id)
                done["writes_kept"] += 1
            elif _unlink(vault.path_of(intent.vault_id)):
                ledger.forget(intent.vault_id)
                done["writes_undone"] += 1
        elif intent.op == "delete":
            if intent.vault_id in live:
                ledger.cancel_delete([intent.vault_id])
                done["deletes_undone"] += 1
            elif _unlink(vault.path_of(intent.vault_id)):
                ledger.forget(intent.vault_id)
                done["deletes_finished"] += 1
            else:
                done["deletes_failed"] += 1
    pending = {i.vault_id for i in ledger.intents() if i.vault_id}
    bound = ledger.all_bound()
    for vault_id in bound.keys() - live.keys() - pending:
        # Its record let go of it (a deletion that crashed before the unlink): finish the job.
        if _unlink(vault.path_of(vault_id)):
            ledger.forget(vault_id)
            done["deletes_finished"] += 1
        else:
            done["deletes_failed"] += 1
    for vault_id in live.keys() - bound.keys():
        if _bind(vault, ledger, vault_id, live[vault_id]):
            done["files_bound"] += 1
    if ledger.backfill_pending():
        # The first start after the upgrade: files no record points at were left by crashes of
        # older versions (which had no intents). Only files named as the vault names them.
        for vault_id, path in vault_files_on_disk(vault.root_dir).items():
            if vault_id not in live and vault_id not in pending and _unlink(path):
                done["strays_removed"] += 1
        ledger.backfill_done()
    if done.keys() - {"files_bound"}:
        with ledger.store.action("vault.recover", detail=dict(done)):
            pass
    return done
