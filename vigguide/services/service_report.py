"""The de-identified service report: checked input, figures read from the store, a PDF and a CSV
written 0600 into the chosen folder the way every export is (intent first, private staging,
atomic rename, then the audit event) — both files or neither.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from vigguide.documents.service_report import (
    report_file_stem,
    service_report_csv,
    service_report_pdf,
)
from vigguide.domain.service_report import Period, ServiceFigures, service_figures
from vigguide.errors import VigGuideError
from vigguide.media.writing import make_export_folder, new_staging, place, staging_name
from vigguide.services.report_context import service_info
from vigguide.store.files import write_private
from vigguide.store.home import Home
from vigguide.store.intents import crash_point
from vigguide.store.service_rows import record_service_export, service_rows


def parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise VigGuideError(
            f'{what} "{text}" is not a date.', "Write dates as YYYY-MM-DD, e.g. 2026-03-31."
        ) from None


def figures_for(home: Home, period: Period) -> ServiceFigures:
    return service_figures(service_rows(home.store), period)


def _check_folder(folder: Path, names: list[str]) -> None:
    """Refuse now, before anything is written: a file where the folder should be, a folder that
    cannot be written, or a report of the same period already there (never replaced)."""
    folder = Path(folder).expanduser()
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        raise VigGuideError(f"{probe} is a file, not a folder.", "Give -o a folder.")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise VigGuideError(
            f"vigguide is not allowed to write in {probe}.", "Choose a folder you can write to."
        )
    for name in names:
        if (folder / name).exists() or (folder / name).is_symlink():
            raise VigGuideError(
                f"{folder / name} already exists.",
                "Move it away or choose another folder; nothing was written.",
            )


def write_service_report(
    home: Home, period: Period, out_dir: Path, *, today: date | None = None
) -> list[Path]:
    """Write `service-report-<from>-to-<to>.pdf` and `.csv` into `out_dir`; returns their paths."""
    today = today or date.today()
    figures = figures_for(home, period)
    stem = report_file_stem(figures)
    names = [f"{stem}.pdf", f"{stem}.csv"]
    _check_folder(out_dir, names)
    contents = [service_report_pdf(figures, service_info(home), today), service_report_csv(figures)]
    folder = make_export_folder(Path(out_dir).expanduser())
    return _export(home, folder, period, names, contents)


def _export(
    home: Home, folder: Path, period: Period, names: list[str], contents: list[bytes]
) -> list[Path]:
    ledger = home.vault.ledger
    kinds = ["service-report", "service-report-csv"]
    records = [
        {"ref": "", "kind": kind, "cycle": None, "from": period.start.isoformat(),
         "to": period.end.isoformat()}
        for kind in kinds
    ]  # fmt: skip
    stagings = [staging_name(folder) for _ in names]
    targets = [folder / name for name in names]
    intents: list[int] = []
    placed: list[Path] = []
    try:
        for staging, target, record, content in zip(
            stagings, targets, records, contents, strict=True
        ):
            if ledger is not None:
                intents.append(ledger.begin_export(staging, target, record))
            new_staging(folder, staging)
            write_private(staging / target.name, content)
        if ledger is not None:
            for intent in intents:
                ledger.export_placing(intent)
        crash_point("export-staged")
        for staging, target in zip(stagings, targets, strict=True):
            place(staging / target.name, target)
            placed.append(target)
        crash_point("export-placed")
        for record, target in zip(records, targets, strict=True):
            record_service_export(home.store, record, target.name)
    except BaseException:
        for target in placed:  # both or neither: one placed before a failure is taken back
            target.unlink(missing_ok=True)
        raise
    finally:
        for staging in stagings:
            shutil.rmtree(staging, ignore_errors=True)
        if ledger is not None:
            for intent in intents:
                ledger.finish(intent)
    return targets
