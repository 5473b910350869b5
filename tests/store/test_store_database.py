"""The encrypted case store: wrong keys, migrations, one process at a time, crash safety, canary."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from tests.keyrings import MemoryKeyring
from vigguide.domain import ConsentScope
from vigguide.errors import StoreBusyError
from vigguide.store.custody import KeyCustody
from vigguide.store.db import DB_FILE, open_database, schema_version
from vigguide.store.home import Home, open_home
from vigguide.store.keys import RootSecret
from vigguide.store.migrations import MIGRATIONS

REPO = Path(__file__).resolve().parents[2]


def test_wrong_key_is_a_plain_error_and_sqlcipher_prints_nothing(tmp_path: Path):
    db = tmp_path / DB_FILE
    open_database(db, RootSecret.generate().database_key()).close()
    before = db.read_bytes()
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from vigguide.store.db import open_database
        from vigguide.errors import UnlockError
        try:
            open_database(Path({str(db)!r}), bytes(32))
        except UnlockError as exc:
            print("refused:", exc)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert done.stdout.startswith("refused: The key does not open this case store.")
    assert done.stderr == ""  # no "ERROR CORE ... hmac check failed" over the terminal
    assert db.read_bytes() == before


def test_a_store_made_by_migration_1_upgrades_and_keeps_its_data(tmp_path: Path):
    key = RootSecret.generate().database_key()
    db = tmp_path / DB_FILE
    conn = open_database(db, key, upgrade_to=1)
    assert schema_version(conn) == 1
    conn.execute(
        "INSERT INTO cases (ref, parent_name, baby_name, created_at, updated_at)"
        " VALUES ('OLD-1', 'Beth', 'Ivy', '2026-01-01', '2026-01-01')"
    )
    conn.execute(
        "INSERT INTO cases (ref, parent_name, baby_name, status, created_at, updated_at)"
        " VALUES ('OLD-2', 'Ada', 'Max', 'closed', '2026-01-01', '2026-03-04T10:00:00')"
    )
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'settings'").fetchone() is None
    conn.close()
    conn = open_database(db, key)
    assert schema_version(conn) == len(MIGRATIONS) >= 4
    # Version 4: a case closed before the upgrade counts its retention from the day it closed.
    closed = conn.execute("SELECT closed_on FROM cases WHERE ref = 'OLD-2'").fetchone()
    assert closed == ("2026-03-04",)
    assert conn.execute("SELECT parent_name FROM cases WHERE ref = 'OLD-1'").fetchone() == ("Beth",)
    assert conn.execute("SELECT value FROM settings WHERE key = 'retention_days_raw'").fetchone()
    conn.close()


def test_second_process_gets_a_clear_message(home: Home, home_dir: Path):
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from vigguide.store.home import open_home
        from vigguide.errors import StoreBusyError
        try:
            open_home(Path({str(home_dir)!r}))
        except StoreBusyError as exc:
            print(exc)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert "already open in another window" in done.stdout
    assert f"process {os.getpid()}" in done.stdout


def test_same_process_second_open_is_refused_too(home: Home, home_dir: Path):
    with pytest.raises(StoreBusyError):
        open_home(home_dir, custody=KeyCustody(home_dir, backend=MemoryKeyring()))


def test_every_action_is_one_transaction(home: Home):
    home.store.create_case("T-1", "Amira", "Noor")
    events_before = len(home.store.audit_events())
    with pytest.raises(RuntimeError), home.store.action("case.update", "T-1") as conn:
        conn.execute("UPDATE cases SET parent_name = 'Changed' WHERE ref = 'T-1'")
        raise RuntimeError("power cut")
    assert home.store.case("T-1").parent_name == "Amira"
    assert len(home.store.audit_events()) == events_before


WRITER = """
import sys
from pathlib import Path
from tests.keyrings import MemoryKeyring
from vigguide.store.custody import KeyCustody
from vigguide.store.home import open_home
home_dir = Path(sys.argv[1])
home = open_home(home_dir, custody=KeyCustody(home_dir))
i = 0
print("ready", flush=True)
while True:
    i += 1
    home.store.create_case(f"K-{i}", "Parent %d" % i, "Baby")
    home.store.add_question(f"K-{i}", "What am I doing when we play together?")
"""


def test_kill_9_mid_write_leaves_a_store_that_opens_and_verifies(tmp_path: Path, passphrase_env):
    home_dir = tmp_path / "home"
    open_home(home_dir).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home_dir)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        env=passphrase_env,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_home(home_dir) as home:
        assert home.store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        report = home.store.audit_verify()
        assert report.ok, report.problem
        cases = home.store.count_cases()
        assert cases > 0
        # each case's creation and its audit event landed together
        created = [e for e in home.store.audit_events(limit=100000) if e.action == "case.create"]
        assert len(created) == cases


def test_canary_nothing_personal_is_readable_on_disk(home: Home, home_dir: Path):
    canaries = ["Zephyrine-Canary-7731", "Quillon-Babyname-4410", "note-canary-ultraviolet-9921"]
    home.store.create_case("CAN-1", canaries[0], canaries[1], baby_born_on=date(2026, 6, 1))
    home.store.add_question("CAN-1", f"What am I doing when {canaries[2]} happens?")
    home.store.set_consent("CAN-1", ConsentScope.FILMING, date(2026, 7, 1))
    vault_bytes = b"vault-canary-bytes-5582" * 1000
    home.vault.put_bytes(vault_bytes)
    with home.vault.workdir() as work:
        (work / "x").write_bytes(b"transient")
    home.store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    needles = [c.encode() for c in canaries] + [c.encode("utf-16-le") for c in canaries]
    needles.append(b"vault-canary-bytes-5582")
    roots = [home_dir, Path(os.environ["XDG_RUNTIME_DIR"])]
    seen = 0
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                seen += 1
                assert not data.startswith(b"SQLite format 3"), path
                for needle in needles:
                    assert needle not in data, f"{needle!r} readable in {path}"
    assert seen >= 3  # database, WAL and the vault file at least


def test_a_rating_cleared_in_the_review_is_removed(home: Home):
    from vigguide.domain import SharedReview

    home.store.create_case("RT-1", "Amira", "Noor")
    q1 = home.store.add_question("RT-1", "What am I doing when we play?")
    q2 = home.store.add_question("RT-1", "What am I doing when she settles?")
    home.store.save_review("RT-1", SharedReview(date(2026, 10, 1), ratings={q1: 6, q2: 4}))
    home.store.save_review("RT-1", SharedReview(date(2026, 10, 1), ratings={q1: 7}))
    ratings = {q.id: q.ratings for q in home.store.load("RT-1").questions}
    assert ratings == {q1: {1: 7}, q2: {}}


def test_case_references_are_safe_file_names(home: Home):
    from vigguide.errors import VigGuideError

    with pytest.raises(VigGuideError, match="no spaces"):
        home.store.create_case("Amira Khan", "Amira", "Noor")
    with pytest.raises(VigGuideError):
        home.store.create_case("../etc", "Amira", "Noor")
