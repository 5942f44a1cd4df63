-- Schema 012: each pilot's timeline (domain/timeline.rs), kept from the facts so coverage, eligibility
-- and allowances need not read every pilot's whole history (issue 16). A row is a cache: the
-- triggers below delete it whenever a fact it was built from changes, and the next read builds it
-- again (db/timelines.rs). A pilot without a row has none yet. The row also keeps the pilot's
-- entries of the due list for one day (`due_on`, JSON in `due`), built on the first read that day.
CREATE TABLE timelines (
    pilot_id INTEGER PRIMARY KEY,
    periods  BLOB NOT NULL,
    due_on   TEXT,
    due      TEXT
);

CREATE TRIGGER timelines_status_insert AFTER INSERT ON status_changes
BEGIN DELETE FROM timelines WHERE pilot_id = NEW.pilot_id; END;
CREATE TRIGGER timelines_status_update AFTER UPDATE ON status_changes
BEGIN DELETE FROM timelines WHERE pilot_id IN (OLD.pilot_id, NEW.pilot_id); END;
CREATE TRIGGER timelines_status_delete AFTER DELETE ON status_changes
BEGIN DELETE FROM timelines WHERE pilot_id = OLD.pilot_id; END;

CREATE TRIGGER timelines_cancellation_insert AFTER INSERT ON status_cancellations
BEGIN DELETE FROM timelines WHERE pilot_id = NEW.pilot_id; END;
CREATE TRIGGER timelines_cancellation_delete AFTER DELETE ON status_cancellations
BEGIN DELETE FROM timelines WHERE pilot_id = OLD.pilot_id; END;

CREATE TRIGGER timelines_screening_insert AFTER INSERT ON screenings
BEGIN DELETE FROM timelines WHERE pilot_id = NEW.pilot_id; END;
CREATE TRIGGER timelines_screening_update AFTER UPDATE ON screenings
BEGIN DELETE FROM timelines WHERE pilot_id IN (OLD.pilot_id, NEW.pilot_id); END;
CREATE TRIGGER timelines_screening_delete AFTER DELETE ON screenings
BEGIN DELETE FROM timelines WHERE pilot_id = OLD.pilot_id; END;

CREATE TRIGGER timelines_attendance_insert AFTER INSERT ON attendance
BEGIN DELETE FROM timelines WHERE pilot_id = NEW.pilot_id; END;
CREATE TRIGGER timelines_attendance_update AFTER UPDATE ON attendance
BEGIN DELETE FROM timelines WHERE pilot_id IN (OLD.pilot_id, NEW.pilot_id); END;
CREATE TRIGGER timelines_attendance_delete AFTER DELETE ON attendance
BEGIN DELETE FROM timelines WHERE pilot_id = OLD.pilot_id; END;

-- A session moved to another day or made a refresher: everyone who attended it.
CREATE TRIGGER timelines_session_update AFTER UPDATE ON course_sessions
BEGIN DELETE FROM timelines WHERE pilot_id IN
    (SELECT pilot_id FROM attendance WHERE session_id IN (OLD.id, NEW.id)); END;
CREATE TRIGGER timelines_session_delete BEFORE DELETE ON course_sessions
BEGIN DELETE FROM timelines WHERE pilot_id IN
    (SELECT pilot_id FROM attendance WHERE session_id = OLD.id); END;

CREATE TRIGGER timelines_credit_insert AFTER INSERT ON module_credits
BEGIN DELETE FROM timelines WHERE pilot_id = NEW.pilot_id; END;
CREATE TRIGGER timelines_credit_update AFTER UPDATE ON module_credits
BEGIN DELETE FROM timelines WHERE pilot_id IN (OLD.pilot_id, NEW.pilot_id); END;
CREATE TRIGGER timelines_credit_delete AFTER DELETE ON module_credits
BEGIN DELETE FROM timelines WHERE pilot_id = OLD.pilot_id; END;

CREATE TRIGGER timelines_move_insert AFTER INSERT ON district_changes
BEGIN DELETE FROM timelines WHERE pilot_id = NEW.pilot_id; END;
CREATE TRIGGER timelines_move_update AFTER UPDATE ON district_changes
BEGIN DELETE FROM timelines WHERE pilot_id IN (OLD.pilot_id, NEW.pilot_id); END;
CREATE TRIGGER timelines_move_delete AFTER DELETE ON district_changes
BEGIN DELETE FROM timelines WHERE pilot_id = OLD.pilot_id; END;

-- The register's district is the district of today and after the latest move; names and bank
-- details are in the due list.
CREATE TRIGGER timelines_pilot_update AFTER UPDATE ON pilots
BEGIN DELETE FROM timelines WHERE pilot_id IN (OLD.id, NEW.id); END;
CREATE TRIGGER timelines_pilot_delete AFTER DELETE ON pilots
BEGIN DELETE FROM timelines WHERE pilot_id = OLD.id; END;

-- The eFZ and refresher periods: every timeline depends on them.
CREATE TRIGGER timelines_settings_insert AFTER INSERT ON settings
BEGIN DELETE FROM timelines; END;
CREATE TRIGGER timelines_settings_update AFTER UPDATE ON settings
WHEN json_extract(OLD.value, '$.lifecycle') IS NOT json_extract(NEW.value, '$.lifecycle')
  OR OLD.key IS NOT NEW.key
BEGIN DELETE FROM timelines; END;
CREATE TRIGGER timelines_settings_delete AFTER DELETE ON settings
BEGIN DELETE FROM timelines; END;
CREATE TRIGGER timelines_dated_setting AFTER INSERT ON setting_values
WHEN NEW.valid_from IS NOT NULL
BEGIN DELETE FROM timelines; END;
