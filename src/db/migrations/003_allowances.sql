-- Schema version 3: budgets, monthly allowance runs with one line per pilot, corrections.
-- Money is integer cents everywhere.

CREATE TABLE budgets (
    year          INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
    amount_cents  INTEGER NOT NULL CHECK (amount_cents >= 0),
    notice_number TEXT NOT NULL DEFAULT '',
    notice_date   TEXT CHECK (notice_date IS NULL OR date(notice_date) = notice_date),
    budget_line   TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);

-- Every change of a budget, kept for the accounts.
CREATE TABLE budget_changes (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    who        TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE TRIGGER budget_changes_no_update BEFORE UPDATE ON budget_changes
BEGIN SELECT RAISE(ABORT, 'Budgetänderungen sind unveränderlich.'); END;
CREATE TRIGGER budget_changes_no_delete BEFORE DELETE ON budget_changes
BEGIN SELECT RAISE(ABORT, 'Budgetänderungen sind unveränderlich.'); END;

CREATE TABLE allowance_runs (
    id          INTEGER PRIMARY KEY,
    month       TEXT NOT NULL UNIQUE CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    state       TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'approved', 'paid')),
    created_at  TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    approved_at TEXT,
    approved_by TEXT,
    paid_on     TEXT CHECK (paid_on IS NULL OR date(paid_on) = paid_on),
    CHECK (state = 'draft' OR (approved_at IS NOT NULL AND approved_by IS NOT NULL)),
    CHECK (state <> 'paid' OR paid_on IS NOT NULL)
);

-- One line per pilot and run: the allowance, the corrections booked into it, the net.
CREATE TABLE run_lines (
    id               INTEGER PRIMARY KEY,
    run_id           INTEGER NOT NULL REFERENCES allowance_runs(id),
    pilot_id         INTEGER NOT NULL REFERENCES pilots(id),
    first_name       TEXT NOT NULL,
    last_name        TEXT NOT NULL,
    district         TEXT NOT NULL DEFAULT '',
    iban             TEXT NOT NULL DEFAULT '',
    account_holder   TEXT NOT NULL DEFAULT '',
    eligible_days    INTEGER NOT NULL CHECK (eligible_days >= 0),
    days_in_month    INTEGER NOT NULL CHECK (days_in_month BETWEEN 28 AND 31),
    rate_cents       INTEGER NOT NULL CHECK (rate_cents >= 0),
    computed_cents   INTEGER NOT NULL CHECK (computed_cents >= 0),
    amount_cents     INTEGER NOT NULL CHECK (amount_cents >= 0 AND amount_cents <= computed_cents),
    lowered_reason   TEXT NOT NULL DEFAULT '',
    corrections_cents INTEGER NOT NULL DEFAULT 0,
    net_cents        INTEGER NOT NULL,
    statement_number TEXT UNIQUE,
    CHECK (net_cents = amount_cents + corrections_cents),
    UNIQUE (run_id, pilot_id)
);

-- A correction (+/−) for an earlier statement; booked into the next draft run.
CREATE TABLE corrections (
    id                 INTEGER PRIMARY KEY,
    pilot_id           INTEGER NOT NULL REFERENCES pilots(id),
    amount_cents       INTEGER NOT NULL CHECK (amount_cents <> 0),
    reason             TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    original_statement TEXT NOT NULL CHECK (length(trim(original_statement)) > 0),
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    run_id             INTEGER REFERENCES allowance_runs(id)
);

-- Approved and paid runs are locked: their lines never change, and a run only moves forward.
-- (Approval numbers the lines while the run is still a draft, then approves it, in one transaction.)
CREATE TRIGGER run_lines_locked_update BEFORE UPDATE ON run_lines
WHEN (SELECT state FROM allowance_runs WHERE id = OLD.run_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'Freigegebene Abrechnungsläufe können nicht geändert werden.'); END;
CREATE TRIGGER run_lines_locked_delete BEFORE DELETE ON run_lines
WHEN (SELECT state FROM allowance_runs WHERE id = OLD.run_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'Freigegebene Abrechnungsläufe können nicht gelöscht werden.'); END;
CREATE TRIGGER run_lines_locked_insert BEFORE INSERT ON run_lines
WHEN (SELECT state FROM allowance_runs WHERE id = NEW.run_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'Freigegebene Abrechnungsläufe können nicht geändert werden.'); END;
CREATE TRIGGER runs_locked_delete BEFORE DELETE ON allowance_runs
WHEN OLD.state <> 'draft'
BEGIN SELECT RAISE(ABORT, 'Freigegebene Abrechnungsläufe können nicht gelöscht werden.'); END;
CREATE TRIGGER runs_forward_only BEFORE UPDATE ON allowance_runs
WHEN OLD.state <> 'draft' AND NOT (
    OLD.state = 'approved' AND NEW.state = 'paid' AND NEW.paid_on IS NOT NULL
    AND NEW.month = OLD.month AND NEW.approved_at = OLD.approved_at AND NEW.approved_by = OLD.approved_by)
BEGIN SELECT RAISE(ABORT, 'Freigegebene Abrechnungsläufe können nicht geändert werden.'); END;
CREATE TRIGGER corrections_locked BEFORE UPDATE ON corrections
WHEN OLD.run_id IS NOT NULL AND (SELECT state FROM allowance_runs WHERE id = OLD.run_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'Korrekturen freigegebener Läufe können nicht geändert werden.'); END;
CREATE TRIGGER corrections_locked_delete BEFORE DELETE ON corrections
WHEN OLD.run_id IS NOT NULL AND (SELECT state FROM allowance_runs WHERE id = OLD.run_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'Korrekturen freigegebener Läufe können nicht gelöscht werden.'); END;
