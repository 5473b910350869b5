"""The supervision log and accreditation progress: sessions checked and logged, the initial
course date, progress counted against the AVIGuk stages, and the log written as a PDF that names
no family (0600, staged and placed the way every export is, then audited)."""

from __future__ import annotations

import math
import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from vigguide.documents.accreditation import LogPerson, accreditation_pdf
from vigguide.domain.accreditation import Accreditation, Session, count
from vigguide.errors import VigGuideError
from vigguide.media.writing import make_export_folder, new_staging, place, staging_name
from vigguide.services.report_context import service_info
from vigguide.store import supervision_log as log
from vigguide.store.files import write_private
from vigguide.store.home import Home
from vigguide.store.intents import crash_point
from vigguide.store.service_rows import record_service_export, stage_history

MAX_HOURS = 12.0
"""Longer than any one supervision session could be: more is taken for a slip of the keyboard."""
EXPORT_KIND = "accreditation-log"


@dataclass(frozen=True)
class Progress:
    """What the screen and the terminal show: the counts, the sessions, and each family's case
    reference (for the practitioner's own eyes; the PDF uses labels instead)."""

    accreditation: Accreditation
    sessions: list[Session]
    refs: dict[int, str]


def parse_date(text: str, what: str, today: date) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise VigGuideError(
            f'{what} "{text}" is not a date.', "Write dates as YYYY-MM-DD, e.g. 2026-03-31."
        ) from None
    if day > today:
        raise VigGuideError(
            f"{what} {day.isoformat()} is in the future.", "Log a session once it has been held."
        )
    return day


def parse_hours(text: str) -> float:
    try:
        hours = float(text.strip())
    except ValueError:
        hours = math.nan
    if not math.isfinite(hours) or hours <= 0 or hours > MAX_HOURS:
        raise VigGuideError(
            f'"{text}" is not a length of session.',
            f"Give the hours as a number above 0 and at most {MAX_HOURS:g}, e.g. 1.5.",
        )
    return round(hours, 2)


def parse_cycles(text: str) -> list[tuple[str, int]]:
    """`REF:N,REF:N` as (reference, cycle number) pairs; empty text is no cycles."""
    found: list[tuple[str, int]] = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        ref, sep, number = (p.strip() for p in item.rpartition(":"))
        if not sep or not ref or not number.isdigit() or int(number) < 1:
            raise VigGuideError(
                f'"{item}" is not a cycle.', "Name each cycle as CASE:NUMBER, e.g. VIG-7:2."
            )
        found.append((ref, int(number)))
    return found


def add_session(
    home: Home,
    *,
    on: str,
    hours: str,
    supervisor: str,
    cycles: str = "",
    group: bool = False,
    today: date | None = None,
) -> int:
    """Check everything, then log the session in one transaction; returns its number."""
    today = today or date.today()
    held_on = parse_date(on, "The session date", today)
    length = parse_hours(hours)
    who = " ".join(supervisor.split())
    if not who or len(who) > 100:
        raise VigGuideError(
            "Name the supervisor (up to 100 letters).", "e.g. --supervisor 'Jo Patel'"
        )
    ids = log.cycle_ids(home.store, parse_cycles(cycles))
    return log.add_session(home.store, held_on, length, who, group=group, cycles=ids)


def delete_session(home: Home, session_id: int) -> None:
    log.delete_session(home.store, session_id)


def set_course_date(home: Home, text: str, today: date | None = None) -> date:
    day = parse_date(text, "The initial course date", today or date.today())
    log.set_course_date(home.store, day)
    return day


def progress(home: Home, today: date | None = None) -> Progress:
    """Progress against each stage, from the cycles and sessions in this home."""
    today = today or date.today()
    store = home.store
    sessions = log.sessions(store)
    counted = count(
        log.completed_cycles(store), sessions, stage_history(store), log.course_date(store), today
    )
    ids = list(dict.fromkeys([*counted.clients, *(c for s in sessions for c, _ in s.cycles)]))
    return Progress(counted, sessions, log.client_refs(store, ids))


def _check_target(target: Path) -> None:
    if target.suffix.lower() != ".pdf":
        raise VigGuideError(
            f"{target.name} does not end in .pdf.", "Give -o a file name like log.pdf."
        )
    if target.exists() or target.is_symlink():
        raise VigGuideError(
            f"{target} already exists.", "Choose another name or move it away; nothing was written."
        )
    probe = target.parent
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        raise VigGuideError(f"{probe} is a file, not a folder.", "Give -o a path in a folder.")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise VigGuideError(
            f"vigguide is not allowed to write in {probe}.", "Choose a folder you can write to."
        )


def write_log_pdf(home: Home, target: Path, *, today: date | None = None) -> Path:
    """Write the accreditation log to `target` (a new .pdf, mode 0600), audited; returns it."""
    today = today or date.today()
    target = Path(target).expanduser()
    _check_target(target)
    found = progress(home, today)
    p = home.store.practitioner()
    person = LogPerson(p.name if p else "", p.supervisor if p else "")
    content = accreditation_pdf(
        found.accreditation, found.sessions, person, service_info(home), today
    )
    folder = make_export_folder(target.parent)
    target = folder / target.name
    course = found.accreditation.course_on
    record = {
        "ref": "",
        "kind": EXPORT_KIND,
        "cycle": None,
        "from": course.isoformat() if course else "",
        "to": today.isoformat(),
    }
    ledger = home.vault.ledger
    staging = staging_name(folder)
    intent = ledger.begin_export(staging, target, record) if ledger is not None else None
    placed = False
    try:
        new_staging(folder, staging)
        write_private(staging / target.name, content)
        if ledger is not None and intent is not None:
            ledger.export_placing(intent)
        crash_point("export-staged")
        place(staging / target.name, target)
        placed = True
        record_service_export(home.store, record, target.name)
    except BaseException:
        if placed:
            target.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if ledger is not None and intent is not None:
            ledger.finish(intent)
    return target
