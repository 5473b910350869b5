"""`vigguide check`: prove a home is whole, the way restic checks a repository.

- the database: SQLCipher's own page check and SQLite's structure check;
- the audit trail: every event still linked to the one before (through the store's own verify);
- every record <-> its vault file: the file is there and is the one the record made (fingerprint);
- nothing left over: no vault file without a record, no deleted film on disk, no unfinished
  write, deletion or export;
- with `read_data`: every vault file decrypted in full and its content hashed against its record.

`check_home` works on any open home (the CLI's, or one restored from a backup).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from vigguide.errors import VigGuideError
from vigguide.store.home import Home
from vigguide.store.intents import BoundFile, Ledger, header_fingerprint
from vigguide.store.recovery import vault_files_on_disk

Progress = Callable[[float], None]

_RESTORE = "Restore the home from your latest backup (vigguide restore), then run vigguide check."


@dataclass(frozen=True)
class Problem:
    what: str
    fix: str


@dataclass
class Report:
    passed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    recovered: dict[str, int] = field(default_factory=dict)
    files: int = 0
    bytes_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, what: str, fix: str) -> None:
        self.problems.append(Problem(what, fix))


def _database(home: Home, report: Report) -> None:
    try:
        with home.store.lock:
            conn = home.store.conn
            cipher = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
            structure = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except Exception:  # sqlcipher3.DatabaseError: the file is too damaged to check
        report.problem("The case store is damaged: it could not be checked.", _RESTORE)
        return
    if cipher:
        report.problem(
            f"The case store has {len(cipher)} damaged page(s): their encryption check fails.",
            _RESTORE,
        )
    elif structure != ["ok"]:
        report.problem(
            f"The case store's structure is damaged ({len(structure)} fault(s) found).", _RESTORE
        )
    else:
        report.passed.append("The case store is intact (every page and its structure).")


def _audit(home: Home, report: Report) -> None:
    result = home.store.audit_verify()
    if result.ok:
        report.passed.append(f"The audit trail is intact: {result.events} events.")
    else:
        report.problem(
            f"The audit trail has been altered: {result.problem}.",
            "Report this to your information governance lead; keep this home as it is.",
        )


def _where(what: str, ref: str, cycle: int) -> str:
    if not ref:  # a supervision pack held for a colleague (number = the held pack)
        return f"The {what} of held pack {cycle}"
    return f"The {what} of case {ref}, cycle {cycle}"


def _files(home: Home, ledger: Ledger, report: Report) -> list[tuple[str, BoundFile | None]]:
    """Check each record against its file; returns the files whose content can be read."""
    vault = home.vault
    bound = ledger.all_bound()
    on_disk = vault_files_on_disk(vault.root_dir)
    readable: list[tuple[str, BoundFile | None]] = []
    live: set[str] = set()
    faults = 0
    for vault_id, what, ref, cycle in ledger.references():
        if what == "deleted film":
            if vault_id in on_disk:
                faults += 1
                report.problem(
                    f"{_where(what, ref, cycle)} is still on disk.",
                    "Open vigguide once more (it finishes deletions when it starts); if this"
                    " stays, ask IT to check the vault folder's permissions.",
                )
            continue
        live.add(vault_id)
        record = bound.get(vault_id)
        if vault_id not in on_disk:
            faults += 1
            report.problem(f"{_where(what, ref, cycle)} is missing from the vault.", _RESTORE)
            continue
        if record is None:
            faults += 1
            report.problem(
                f"{_where(what, ref, cycle)} is not bound to its record.",
                "Open vigguide once more (it binds files when it starts), then check again.",
            )
            continue
        if header_fingerprint(on_disk[vault_id]) != record.fingerprint:
            faults += 1
            report.problem(
                f"{_where(what, ref, cycle)} has been replaced or swapped with another file.",
                _RESTORE,
            )
            continue
        readable.append((vault_id, record))
    pending = ledger.intents()
    waiting = {i.vault_id for i in pending if i.op == "create"}
    strays = on_disk.keys() - live - waiting - {v for v, w, _, _ in ledger.references()}
    if strays:
        report.problem(
            f"{len(strays)} vault file(s) belong to no record.",
            "If this home's database was restored from an older backup, restore its vault"
            " folder from the same backup; otherwise ask IT to remove them.",
        )
    for intent in pending:
        what = {"create": "write", "delete": "deletion", "export": "export"}.get(intent.op, "")
        report.problem(
            f"An unfinished {what} of a vault file is waiting (it could not be completed yet).",
            "Open vigguide once more; if this stays, ask IT to check the vault folder's"
            " permissions.",
        )
    if not faults and not strays and not pending:
        report.passed.append(f"The vault holds {len(live)} files, each bound to its record.")
    report.files = len(live)
    return readable


def _matches(record: BoundFile | None, sha256: str, size: int) -> bool:
    if record is None:
        return True
    if record.sha256 and record.sha256 != sha256:
        return False
    return record.size_bytes is None or record.size_bytes == size


def _read_data(
    home: Home, files: list[tuple[str, BoundFile | None]], report: Report, progress: Progress | None
) -> None:
    sizes = {}
    for vault_id, _ in files:
        try:
            sizes[vault_id] = home.vault.path_of(vault_id).stat().st_size
        except OSError:
            sizes[vault_id] = 0
    total = max(1, sum(sizes.values()))
    done = 0
    damaged = 0
    buffer = bytearray(1 << 20)
    view = memoryview(buffer)
    for vault_id, record in files:
        digest = hashlib.sha256()
        count = 0
        try:
            with home.vault.open_unchecked(vault_id) as fh:
                while n := fh.readinto(buffer):
                    digest.update(view[:n])
                    count += n
        except (VigGuideError, OSError):
            damaged += 1
        else:
            damaged += not _matches(record, digest.hexdigest(), count)
        report.bytes_read += count
        done += sizes[vault_id]
        if progress is not None:
            progress(min(1.0, done / total))
    if damaged:
        report.problem(
            f"{damaged} vault file(s) are damaged: their content does not decrypt or does not"
            " match its record.",
            _RESTORE,
        )
    else:
        report.passed.append(
            f"Every vault file was read in full ({report.bytes_read / 1e6:.1f} MB):"
            " each decrypts and matches its record."
        )


def check_home(home: Home, read_data: bool = False, progress: Progress | None = None) -> Report:
    """Check an open home; the report names each problem with what to do."""
    report = Report(recovered=dict(home.vault.recovered))
    _database(home, report)
    _audit(home, report)
    ledger = home.vault.ledger or Ledger(home.store)
    readable = _files(home, ledger, report)
    if read_data:
        _read_data(home, readable, report, progress)
    return report


_RECOVERED = {
    "writes_undone": "unfinished write(s) undone",
    "writes_kept": "interrupted write(s) completed",
    "deletes_finished": "interrupted deletion(s) completed",
    "deletes_undone": "deletion(s) that never happened undone",
    "exports_audited": "export(s) recorded in the audit trail",
    "exports_removed": "half-made export(s) removed",
    "strays_removed": "file(s) left over by an older version removed",
}


def report_lines(report: Report) -> list[str]:
    """The report in plain words, one line each (problems with what to do)."""
    lines = []
    done = [f"{n} {_RECOVERED[k]}" for k, n in report.recovered.items() if k in _RECOVERED]
    if done:
        lines.append(
            "When it opened, vigguide finished what a crash interrupted: " + ", ".join(done) + "."
        )
    lines += [f"ok: {text}" for text in report.passed]
    for problem in report.problems:
        lines.append(f"PROBLEM: {problem.what}")
        lines.append(f"  What to do: {problem.fix}")
    if report.ok:
        lines.append("No problems found.")
    else:
        lines.append(f"{len(report.problems)} problem(s) found.")
    return lines
