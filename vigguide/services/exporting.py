"""Writing an export (a PDF, the family video) outside the home, crash-safely and audited.

The intent is written down first (where the file will be staged and placed); the file is made in a
private hidden folder beside its destination, put in place by an atomic rename that never follows
a link planted at the destination, and only then recorded in the audit trail. A crash at any point
is finished or cleaned up at the next start (see vigguide.store.recovery).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vigguide.media.writing import make_export_folder, new_staging, place, staging_name
from vigguide.store.home import Home
from vigguide.store.intents import crash_point


def export_folder(folder: Path) -> Path:
    """The folder, created 0700 if missing; an existing folder is left exactly as it is."""
    return make_export_folder(folder)


@contextmanager
def exporting(home: Home, target: Path, kind: str, cycle: int | None, ref: str) -> Iterator[Path]:
    """Yields the private path to write; on success the file is placed at `target` and recorded
    as document `kind` of the case (its audit event). On failure nothing is left behind."""
    ledger = home.vault.ledger
    staging = staging_name(target.parent)
    record = {"ref": ref, "kind": kind, "cycle": cycle}
    intent = ledger.begin_export(staging, target, record) if ledger is not None else None
    placed = False
    try:
        new_staging(target.parent, staging)
        yield staging / target.name
        if intent is not None and ledger is not None:
            ledger.export_placing(intent)
        crash_point("export-staged")
        place(staging / target.name, target)
        placed = True
        crash_point("export-placed")
        home.store.record_document(ref, kind, target.name, cycle, str(target))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        # Once placed, the intent stays so the next start records the export it finds.
        if intent is not None and ledger is not None and not placed:
            ledger.finish(intent)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    if intent is not None and ledger is not None:
        ledger.finish(intent)
