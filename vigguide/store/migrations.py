"""The schema, as an append-only list of migrations. Never edit a released migration: add one."""

from __future__ import annotations

_V1 = (
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE practitioner (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL, role TEXT NOT NULL, service TEXT NOT NULL, supervisor TEXT NOT NULL
    )""",
    """CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        parent_name TEXT NOT NULL,
        baby_name TEXT NOT NULL,
        baby_born_on TEXT, baby_due_on TEXT,
        practitioner TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open',
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE consents (
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        scope TEXT NOT NULL,
        given_on TEXT, recorded_by TEXT NOT NULL DEFAULT '', withdrawn_on TEXT,
        PRIMARY KEY (case_id, scope)
    )""",
    """CREATE TABLE helping_questions (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        text TEXT NOT NULL, created_on TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active'
    )""",
    """CREATE TABLE ratings (
        question_id INTEGER NOT NULL REFERENCES helping_questions(id) ON DELETE CASCADE,
        cycle_number INTEGER NOT NULL,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
        PRIMARY KEY (question_id, cycle_number)
    )""",
    """CREATE TABLE cycles (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        filming_plan TEXT NOT NULL DEFAULT '{}',
        review TEXT NOT NULL DEFAULT '{}',
        UNIQUE (case_id, number)
    )""",
    """CREATE TABLE recordings (
        id INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        vault_id TEXT NOT NULL, sha256 TEXT NOT NULL, size_bytes INTEGER NOT NULL,
        duration_s REAL NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,
        fps REAL NOT NULL, video_codec TEXT NOT NULL, audio_codec TEXT,
        probe TEXT NOT NULL DEFAULT '{}',
        imported_at TEXT NOT NULL, delete_by TEXT, deleted_at TEXT
    )""",
    """CREATE TABLE moments (
        id INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        recording_id INTEGER NOT NULL REFERENCES recordings(id),
        start_s REAL NOT NULL, end_s REAL NOT NULL,
        title TEXT NOT NULL DEFAULT '', principles TEXT NOT NULL DEFAULT '[]',
        question_ids TEXT NOT NULL DEFAULT '[]', notes TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0, pause_at_s REAL,
        review_prompts TEXT NOT NULL DEFAULT '[]', highlight TEXT NOT NULL DEFAULT '',
        clip_vault_id TEXT
    )""",
    """CREATE TABLE stills (
        id INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        recording_id INTEGER NOT NULL REFERENCES recordings(id),
        at_s REAL NOT NULL, caption TEXT NOT NULL DEFAULT '',
        principles TEXT NOT NULL DEFAULT '[]',
        moment_id INTEGER REFERENCES moments(id) ON DELETE SET NULL,
        vault_id TEXT, thumb_vault_id TEXT
    )""",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        cycle_id INTEGER REFERENCES cycles(id) ON DELETE CASCADE,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, created_at TEXT NOT NULL, file_name TEXT NOT NULL
    )""",
    """CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        case_ref TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '{}',
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL
    )""",
)

# Version 2: service settings kept inside the encrypted store (export folder, idle lock, retention
# policy), and an index so the caseload pages quickly through thousands of cases.
_V2 = (
    """CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE INDEX cases_by_status ON cases (status, updated_at DESC)""",
    """CREATE INDEX audit_by_case ON audit (case_ref)""",
    """INSERT INTO settings (key, value) VALUES ('retention_days_raw', '90')""",
)

# Version 3: crash consistency and binding. `vault_files` binds each vault file to the record that
# made it (a fingerprint of its age header, checked at every open, and the SHA-256 of its content,
# checked by `vigguide check --read-data`); `vault_intents` is the write-ahead list of vault writes,
# deletions and exports not yet finished, completed or rolled back at the next start. A home that
# already holds data gets its existing files bound at its first start after the upgrade.
_V3 = (
    """CREATE TABLE vault_files (
        vault_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        sha256 TEXT, size_bytes INTEGER,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE vault_intents (
        id INTEGER PRIMARY KEY,
        op TEXT NOT NULL CHECK (op IN ('create', 'delete', 'export')),
        vault_id TEXT,
        kind TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'open',
        detail TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
    )""",
    """INSERT INTO meta (key, value)
        SELECT 'vault_backfill', 'pending' WHERE EXISTS (SELECT 1 FROM audit)""",
)

# Version 4: the whole course of work (issue 14). The parent's starting ("baseline") rating when a
# helping question is agreed; the ending review, once per case; outcome measures by date; consent
# in detail (declined, how it was given, the form, when to review it, other adults in the film);
# the actual date a film was made; when a case closed (retention counts from the end of
# involvement); where each export went and when its deletion was confirmed; a hold on any vault file.
_V4 = (
    """ALTER TABLE helping_questions ADD COLUMN baseline INTEGER
        CHECK (baseline IS NULL OR baseline BETWEEN 0 AND 10)""",
    """ALTER TABLE helping_questions ADD COLUMN baseline_on TEXT""",
    """ALTER TABLE cases ADD COLUMN closed_on TEXT""",
    """UPDATE cases SET closed_on = substr(updated_at, 1, 10) WHERE status = 'closed'""",
    """ALTER TABLE cases ADD COLUMN other_adults TEXT NOT NULL DEFAULT ''""",
    """ALTER TABLE consents ADD COLUMN declined_on TEXT""",
    """ALTER TABLE consents ADD COLUMN how TEXT NOT NULL DEFAULT ''""",
    """ALTER TABLE consents ADD COLUMN form_ref TEXT NOT NULL DEFAULT ''""",
    """ALTER TABLE consents ADD COLUMN review_on TEXT""",
    """ALTER TABLE recordings ADD COLUMN filmed_on TEXT""",
    """ALTER TABLE documents ADD COLUMN path TEXT NOT NULL DEFAULT ''""",
    """ALTER TABLE documents ADD COLUMN confirmed_deleted_at TEXT""",
    """ALTER TABLE vault_files ADD COLUMN hold TEXT""",
    """CREATE TABLE endings (
        case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        held_on TEXT NOT NULL,
        reflections TEXT NOT NULL DEFAULT '',
        what_changed TEXT NOT NULL DEFAULT '',
        keep_doing TEXT NOT NULL DEFAULT '',
        plan_after TEXT NOT NULL DEFAULT '',
        ratings TEXT NOT NULL DEFAULT '{}',
        recorded_at TEXT NOT NULL
    )""",
    """CREATE TABLE measures (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        taken_on TEXT NOT NULL,
        answers TEXT NOT NULL DEFAULT '[]',
        total INTEGER NOT NULL,
        risk INTEGER NOT NULL DEFAULT 0,
        recorded_at TEXT NOT NULL,
        UNIQUE (case_id, kind, taken_on)
    )""",
    """CREATE INDEX measures_by_case ON measures (case_id, kind, taken_on)""",
)

# Version 6 (issue 15, supervision and accreditation): two kinds of film in a cycle (the
# interaction film and the film of the shared review itself, each under its own consent scope);
# the guider's reflections and self-assessment per cycle; the supervision log, with the cycles
# each session discussed. Written as its own step so it applies after any other in either order.
_V6 = (
    """ALTER TABLE recordings ADD COLUMN kind TEXT NOT NULL DEFAULT 'interaction'""",
    """CREATE TABLE reflections (
        cycle_id INTEGER PRIMARY KEY REFERENCES cycles(id) ON DELETE CASCADE,
        notes TEXT NOT NULL DEFAULT '{}',
        self_assessment TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE supervision_sessions (
        id INTEGER PRIMARY KEY,
        held_on TEXT NOT NULL,
        hours REAL NOT NULL CHECK (hours > 0),
        supervisor TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'individual' CHECK (kind IN ('individual', 'group')),
        recorded_at TEXT NOT NULL
    )""",
    """CREATE TABLE supervision_cycles (
        session_id INTEGER NOT NULL REFERENCES supervision_sessions(id) ON DELETE CASCADE,
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        PRIMARY KEY (session_id, cycle_id)
    )""",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V6)
