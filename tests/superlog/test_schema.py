"""The supervision migration on a store made before it: films already imported are interaction
films, and the new tables are there and empty."""

from __future__ import annotations

from pathlib import Path

from vigguide.store.db import DB_FILE, open_database
from vigguide.store.keys import RootSecret


def test_an_older_store_upgrades_its_films_to_interaction_films(tmp_path: Path):
    key = RootSecret.generate().database_key()
    db = tmp_path / DB_FILE
    conn = open_database(db, key, upgrade_to=4)
    conn.execute(
        "INSERT INTO cases (id, ref, parent_name, baby_name, created_at, updated_at)"
        " VALUES (1, 'OLD-1', 'Beth', 'Ivy', '2026-01-01', '2026-01-01')"
    )
    conn.execute("INSERT INTO cycles (id, case_id, number) VALUES (1, 1, 1)")
    conn.execute(
        "INSERT INTO recordings (cycle_id, vault_id, sha256, size_bytes, duration_s, width,"
        " height, fps, video_codec, imported_at) VALUES (1, 'v', 's', 1, 1, 2, 2, 25, 'h264',"
        " '2026-01-01')"
    )
    conn.close()
    conn = open_database(db, key)
    assert conn.execute("SELECT kind FROM recordings").fetchall() == [("interaction",)]
    for table in ("reflections", "supervision_sessions", "supervision_cycles"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    conn.close()
