-- Schema version 5: entry with history. Storno of status changes, the district history, modules
-- and refreshers recognised without a course session of the app, and the pass mark in force stored
-- with each test attempt.

-- A Storno cancels one status change; the change stays (append-only) and is shown as cancelled.
-- Every rule reads the history without the cancelled changes.
CREATE TABLE status_cancellations (
    change_id   INTEGER PRIMARY KEY REFERENCES status_changes(id),
    pilot_id    INTEGER NOT NULL REFERENCES pilots(id),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    who         TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX status_cancellations_pilot ON status_cancellations (pilot_id);
CREATE TRIGGER status_cancellations_no_update BEFORE UPDATE ON status_cancellations
BEGIN
    SELECT RAISE(ABORT, 'Ein Storno kann nicht geändert werden.');
END;
CREATE TRIGGER status_cancellations_no_delete BEFORE DELETE ON status_cancellations
BEGIN
    SELECT RAISE(ABORT, 'Ein Storno kann nicht gelöscht werden.');
END;

-- Append-only like the status history: the district on a day is the one of the latest change by
-- then; pilots.district_id holds the current district (from the latest change on).
CREATE TABLE district_changes (
    id               INTEGER PRIMARY KEY,
    pilot_id         INTEGER NOT NULL REFERENCES pilots(id),
    from_district_id INTEGER REFERENCES districts(id),
    to_district_id   INTEGER NOT NULL REFERENCES districts(id),
    effective_on     TEXT NOT NULL CHECK (date(effective_on) = effective_on),
    note             TEXT NOT NULL DEFAULT '',
    who              TEXT NOT NULL DEFAULT '',
    recorded_at      TEXT NOT NULL
);
CREATE INDEX district_changes_pilot ON district_changes (pilot_id, effective_on, id);
CREATE TRIGGER district_changes_no_update BEFORE UPDATE ON district_changes
BEGIN
    SELECT RAISE(ABORT, 'Die Altkreis-Historie kann nicht geändert werden.');
END;
CREATE TRIGGER district_changes_no_delete BEFORE DELETE ON district_changes
BEGIN
    SELECT RAISE(ABORT, 'Die Altkreis-Historie kann nicht gelöscht werden.');
END;

-- Done outside the courses of the app and recognised ("anerkannt"): module 1–5, or NULL for a
-- refresher. Counts like attending a session of it on that day.
CREATE TABLE module_credits (
    id          INTEGER PRIMARY KEY,
    pilot_id    INTEGER NOT NULL REFERENCES pilots(id),
    module      INTEGER CHECK (module IS NULL OR module BETWEEN 1 AND 5),
    credited_on TEXT NOT NULL CHECK (date(credited_on) = credited_on),
    note        TEXT NOT NULL DEFAULT '',
    who         TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX module_credits_pilot ON module_credits (pilot_id);

-- A test keeps the pass mark in force on its day; attempts stored before take the mark set now.
ALTER TABLE test_attempts ADD COLUMN pass_mark_percent INTEGER NOT NULL DEFAULT 60
    CHECK (pass_mark_percent BETWEEN 1 AND 100);
UPDATE test_attempts SET pass_mark_percent = coalesce(
    (SELECT json_extract(value, '$.lifecycle.pass_mark_percent') FROM settings WHERE key = 'app_settings'
       AND json_valid(value)),
    60);

-- The audit triggers of the new tables (listed in AUDITED_TABLES) and of test_attempts with its
-- new column are generated from the schema after this step (db/audit_triggers.rs).
