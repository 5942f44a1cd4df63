-- Schema 007: the ledger. Corrections name the month they are for (also a month in which the pilot had
-- no statement) and how they came about; claim-backs are settled; every SEPA export is recorded; the
-- statement numbers a restore lost stay reserved. (Numbered 007: 006 belongs to the dated settings.)

-- Corrections, rebuilt: `for_month` (the month corrected), `kind` (manual | reconcile | offset), and the
-- statement number of that month only where there is one.
DROP TRIGGER IF EXISTS audit_corrections_insert;
DROP TRIGGER IF EXISTS audit_corrections_update;
DROP TRIGGER IF EXISTS audit_corrections_delete;
DROP TRIGGER IF EXISTS corrections_locked;
DROP TRIGGER IF EXISTS corrections_locked_delete;
CREATE TABLE corrections_new (
    id                 INTEGER PRIMARY KEY,
    pilot_id           INTEGER NOT NULL REFERENCES pilots(id),
    amount_cents       INTEGER NOT NULL CHECK (amount_cents <> 0),
    reason             TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    for_month          TEXT NOT NULL CHECK (for_month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    original_statement TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL DEFAULT 'manual' CHECK (kind IN ('manual', 'reconcile', 'offset')),
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    run_id             INTEGER REFERENCES allowance_runs(id)
);
INSERT INTO corrections_new (id, pilot_id, amount_cents, reason, for_month, original_statement, kind,
                             created_at, created_by, run_id)
SELECT id, pilot_id, amount_cents, reason, substr(original_statement, 4, 7), original_statement, 'manual',
       created_at, created_by, run_id
FROM corrections;
DROP TABLE corrections;
ALTER TABLE corrections_new RENAME TO corrections;
CREATE INDEX corrections_pilot_month ON corrections (pilot_id, for_month);
CREATE TRIGGER corrections_locked BEFORE UPDATE ON corrections
WHEN OLD.run_id IS NOT NULL AND (SELECT state FROM allowance_runs WHERE id = OLD.run_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'Korrekturen freigegebener Läufe können nicht geändert werden.'); END;
CREATE TRIGGER corrections_locked_delete BEFORE DELETE ON corrections
WHEN OLD.run_id IS NOT NULL AND (SELECT state FROM allowance_runs WHERE id = OLD.run_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'Korrekturen freigegebener Läufe können nicht gelöscht werden.'); END;

-- A claim-back (a line of an approved run with a negative net) is settled once: offset against a later
-- payment (the offsetting correction), repaid (date), or waived (reason). Append-only.
CREATE TABLE claim_settlements (
    line_id       INTEGER PRIMARY KEY REFERENCES run_lines(id),
    how           TEXT NOT NULL CHECK (how IN ('offset', 'repaid', 'waived')),
    settled_on    TEXT NOT NULL CHECK (date(settled_on) = settled_on),
    reason        TEXT NOT NULL DEFAULT '',
    correction_id INTEGER REFERENCES corrections(id),
    who           TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    CHECK (how <> 'waived' OR length(trim(reason)) > 0),
    CHECK (how <> 'offset' OR correction_id IS NOT NULL)
);
CREATE TRIGGER claim_settlements_no_update BEFORE UPDATE ON claim_settlements
BEGIN SELECT RAISE(ABORT, 'Eine erledigte Rückforderung kann nicht geändert werden.'); END;
CREATE TRIGGER claim_settlements_no_delete BEFORE DELETE ON claim_settlements
BEGIN SELECT RAISE(ABORT, 'Eine erledigte Rückforderung kann nicht gelöscht werden.'); END;

-- Every SEPA file produced for a run. All exports of a run carry the message id and payment-information
-- id of the first one, so the bank's duplicate check catches a second upload. Append-only.
CREATE TABLE sepa_exports (
    id                INTEGER PRIMARY KEY,
    run_id            INTEGER NOT NULL REFERENCES allowance_runs(id),
    exported_at       TEXT NOT NULL,
    exported_by       TEXT NOT NULL,
    message_id        TEXT NOT NULL,
    payment_info_id   TEXT NOT NULL,
    transactions      INTEGER NOT NULL CHECK (transactions > 0),
    control_sum_cents INTEGER NOT NULL CHECK (control_sum_cents > 0),
    reason            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sepa_exports_run ON sepa_exports (run_id, id);
CREATE TRIGGER sepa_exports_no_update BEFORE UPDATE ON sepa_exports
BEGIN SELECT RAISE(ABORT, 'Der Nachweis der SEPA-Dateien ist unveränderlich.'); END;
CREATE TRIGGER sepa_exports_no_delete BEFORE DELETE ON sepa_exports
BEGIN SELECT RAISE(ABORT, 'Der Nachweis der SEPA-Dateien ist unveränderlich.'); END;
CREATE TRIGGER sepa_exports_not_after_paid BEFORE INSERT ON sepa_exports
WHEN (SELECT state FROM allowance_runs WHERE id = NEW.run_id) <> 'approved'
BEGIN SELECT RAISE(ABORT, 'SEPA-Dateien gibt es nur für freigegebene, noch nicht bezahlte Läufe.'); END;

-- Statement numbers of approved runs a restore lost: never given again (approval skips them).
CREATE TABLE reserved_numbers (
    statement_number TEXT PRIMARY KEY,
    month            TEXT NOT NULL,
    pilot_id         INTEGER,
    name             TEXT NOT NULL DEFAULT '',
    amount_cents     INTEGER NOT NULL DEFAULT 0,
    reserved_at      TEXT NOT NULL,
    note             TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER reserved_numbers_no_delete BEFORE DELETE ON reserved_numbers
BEGIN SELECT RAISE(ABORT, 'Reservierte Abrechnungsnummern bleiben reserviert.'); END;
CREATE TRIGGER run_lines_reserved_number BEFORE UPDATE OF statement_number ON run_lines
WHEN NEW.statement_number IN (SELECT statement_number FROM reserved_numbers)
BEGIN SELECT RAISE(ABORT, 'Diese Abrechnungsnummer ist reserviert und wird nicht erneut vergeben.'); END;
