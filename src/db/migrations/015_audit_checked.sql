-- Schema 015: the audit triggers were last found in line with the tables at this fingerprint (SQLite's schema
-- version and the code that writes the triggers). While both are unchanged, opening the database does not generate
-- and compare the triggers again (issue 16: every command starts sooner).
CREATE TABLE audit_triggers_checked (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
);
