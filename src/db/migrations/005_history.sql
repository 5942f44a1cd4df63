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

-- Triggers of the audit log for the new tables and for test_attempts with its new column
-- (generated with scripts/audit_triggers.py).
DROP TRIGGER audit_test_attempts_insert;
DROP TRIGGER audit_test_attempts_update;
DROP TRIGGER audit_test_attempts_delete;
-- test_attempts
CREATE TRIGGER audit_test_attempts_insert AFTER INSERT ON test_attempts
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'test_attempts', NEW.id, NEW.pilot_id, 'insert', NULL, NULL,
           json_object('id', NEW.id, 'pilot_id', NEW.pilot_id, 'taken_on', NEW.taken_on, 'points', NEW.points,
               'max_points', NEW.max_points, 'interview_passed', NEW.interview_passed, 'interviewer', NEW.interviewer, 'created_at', NEW.created_at,
               'pass_mark_percent', NEW.pass_mark_percent), ''
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_test_attempts_update AFTER UPDATE ON test_attempts
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'test_attempts', NEW.id, NEW.pilot_id, 'update', ch.f, ch.o, ch.n, ''
    FROM (SELECT 'id' AS f, OLD.id AS o, NEW.id AS n
              UNION ALL SELECT 'pilot_id', OLD.pilot_id, NEW.pilot_id
              UNION ALL SELECT 'taken_on', OLD.taken_on, NEW.taken_on
              UNION ALL SELECT 'points', OLD.points, NEW.points
              UNION ALL SELECT 'max_points', OLD.max_points, NEW.max_points
              UNION ALL SELECT 'interview_passed', OLD.interview_passed, NEW.interview_passed
              UNION ALL SELECT 'interviewer', OLD.interviewer, NEW.interviewer
              UNION ALL SELECT 'created_at', OLD.created_at, NEW.created_at
              UNION ALL SELECT 'pass_mark_percent', OLD.pass_mark_percent, NEW.pass_mark_percent) AS ch
    LEFT JOIN audit_context c ON c.id = 1
    WHERE ch.o IS NOT ch.n;
END;
CREATE TRIGGER audit_test_attempts_delete AFTER DELETE ON test_attempts
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'test_attempts', OLD.id, OLD.pilot_id, 'delete', NULL,
           json_object('id', OLD.id, 'pilot_id', OLD.pilot_id, 'taken_on', OLD.taken_on, 'points', OLD.points,
               'max_points', OLD.max_points, 'interview_passed', OLD.interview_passed, 'interviewer', OLD.interviewer, 'created_at', OLD.created_at,
               'pass_mark_percent', OLD.pass_mark_percent), NULL, ''
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- status_cancellations
CREATE TRIGGER audit_status_cancellations_insert AFTER INSERT ON status_cancellations
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'status_cancellations', NEW.change_id, NEW.pilot_id, 'insert', NULL, NULL,
           json_object('change_id', NEW.change_id, 'pilot_id', NEW.pilot_id, 'reason', NEW.reason, 'who', NEW.who,
               'recorded_at', NEW.recorded_at), ''
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_status_cancellations_update AFTER UPDATE ON status_cancellations
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'status_cancellations', NEW.change_id, NEW.pilot_id, 'update', ch.f, ch.o, ch.n, ''
    FROM (SELECT 'change_id' AS f, OLD.change_id AS o, NEW.change_id AS n
              UNION ALL SELECT 'pilot_id', OLD.pilot_id, NEW.pilot_id
              UNION ALL SELECT 'reason', OLD.reason, NEW.reason
              UNION ALL SELECT 'who', OLD.who, NEW.who
              UNION ALL SELECT 'recorded_at', OLD.recorded_at, NEW.recorded_at) AS ch
    LEFT JOIN audit_context c ON c.id = 1
    WHERE ch.o IS NOT ch.n;
END;
CREATE TRIGGER audit_status_cancellations_delete AFTER DELETE ON status_cancellations
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'status_cancellations', OLD.change_id, OLD.pilot_id, 'delete', NULL,
           json_object('change_id', OLD.change_id, 'pilot_id', OLD.pilot_id, 'reason', OLD.reason, 'who', OLD.who,
               'recorded_at', OLD.recorded_at), NULL, ''
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- district_changes
CREATE TRIGGER audit_district_changes_insert AFTER INSERT ON district_changes
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'district_changes', NEW.id, NEW.pilot_id, 'insert', NULL, NULL,
           json_object('id', NEW.id, 'pilot_id', NEW.pilot_id, 'from_district_id', NEW.from_district_id, 'to_district_id', NEW.to_district_id,
               'effective_on', NEW.effective_on, 'note', NEW.note, 'who', NEW.who, 'recorded_at', NEW.recorded_at), ''
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_district_changes_update AFTER UPDATE ON district_changes
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'district_changes', NEW.id, NEW.pilot_id, 'update', ch.f, ch.o, ch.n, ''
    FROM (SELECT 'id' AS f, OLD.id AS o, NEW.id AS n
              UNION ALL SELECT 'pilot_id', OLD.pilot_id, NEW.pilot_id
              UNION ALL SELECT 'from_district_id', OLD.from_district_id, NEW.from_district_id
              UNION ALL SELECT 'to_district_id', OLD.to_district_id, NEW.to_district_id
              UNION ALL SELECT 'effective_on', OLD.effective_on, NEW.effective_on
              UNION ALL SELECT 'note', OLD.note, NEW.note
              UNION ALL SELECT 'who', OLD.who, NEW.who
              UNION ALL SELECT 'recorded_at', OLD.recorded_at, NEW.recorded_at) AS ch
    LEFT JOIN audit_context c ON c.id = 1
    WHERE ch.o IS NOT ch.n;
END;
CREATE TRIGGER audit_district_changes_delete AFTER DELETE ON district_changes
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'district_changes', OLD.id, OLD.pilot_id, 'delete', NULL,
           json_object('id', OLD.id, 'pilot_id', OLD.pilot_id, 'from_district_id', OLD.from_district_id, 'to_district_id', OLD.to_district_id,
               'effective_on', OLD.effective_on, 'note', OLD.note, 'who', OLD.who, 'recorded_at', OLD.recorded_at), NULL, ''
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;

-- module_credits
CREATE TRIGGER audit_module_credits_insert AFTER INSERT ON module_credits
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'module_credits', NEW.id, NEW.pilot_id, 'insert', NULL, NULL,
           json_object('id', NEW.id, 'pilot_id', NEW.pilot_id, 'module', NEW.module, 'credited_on', NEW.credited_on,
               'note', NEW.note, 'who', NEW.who, 'created_at', NEW.created_at), ''
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
CREATE TRIGGER audit_module_credits_update AFTER UPDATE ON module_credits
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'module_credits', NEW.id, NEW.pilot_id, 'update', ch.f, ch.o, ch.n, ''
    FROM (SELECT 'id' AS f, OLD.id AS o, NEW.id AS n
              UNION ALL SELECT 'pilot_id', OLD.pilot_id, NEW.pilot_id
              UNION ALL SELECT 'module', OLD.module, NEW.module
              UNION ALL SELECT 'credited_on', OLD.credited_on, NEW.credited_on
              UNION ALL SELECT 'note', OLD.note, NEW.note
              UNION ALL SELECT 'who', OLD.who, NEW.who
              UNION ALL SELECT 'created_at', OLD.created_at, NEW.created_at) AS ch
    LEFT JOIN audit_context c ON c.id = 1
    WHERE ch.o IS NOT ch.n;
END;
CREATE TRIGGER audit_module_credits_delete AFTER DELETE ON module_credits
BEGIN
    INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0), 'module_credits', OLD.id, OLD.pilot_id, 'delete', NULL,
           json_object('id', OLD.id, 'pilot_id', OLD.pilot_id, 'module', OLD.module, 'credited_on', OLD.credited_on,
               'note', OLD.note, 'who', OLD.who, 'created_at', OLD.created_at), NULL, ''
    FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1;
END;
