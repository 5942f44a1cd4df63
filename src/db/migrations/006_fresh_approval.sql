-- Schema version 6: money that follows the real timeline (part A). The BIC a payee needs outside
-- the EEA, kept on the pilot and on each run line like the IBAN; settings with "gültig ab".

ALTER TABLE pilots ADD COLUMN bic TEXT NOT NULL DEFAULT '';
ALTER TABLE run_lines ADD COLUMN bic TEXT NOT NULL DEFAULT '';

-- Every change of a setting, append-only. A dated key (rate, cap, partial-month mode, timing, eFZ
-- and test periods) takes the value of its latest row valid on a day; before its first row, the
-- value stored in settings.app_settings. Rows without valid_from are the history of undated keys.
CREATE TABLE setting_values (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL CHECK (length(key) > 0),
    value       TEXT NOT NULL CHECK (json_valid(value)),
    valid_from  TEXT CHECK (valid_from IS NULL OR date(valid_from) = valid_from),
    who         TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX setting_values_key ON setting_values (key, valid_from, id);
CREATE TRIGGER setting_values_no_update BEFORE UPDATE ON setting_values
BEGIN SELECT RAISE(ABORT, 'Die Einstellungs-Historie kann nicht geändert werden.'); END;
CREATE TRIGGER setting_values_no_delete BEFORE DELETE ON setting_values
BEGIN SELECT RAISE(ABORT, 'Die Einstellungs-Historie kann nicht gelöscht werden.'); END;
