-- Schema version 1: reference data, the pilot register and the status history.

CREATE TABLE districts (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    target  INTEGER NOT NULL DEFAULT 10 CHECK (target >= 0)
);

CREATE TABLE municipalities (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL DEFAULT '',
    district_id INTEGER NOT NULL REFERENCES districts(id),
    note        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE languages (
    name     TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
    position INTEGER NOT NULL
);

CREATE TABLE pilots (
    id                 INTEGER PRIMARY KEY,
    first_name         TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
    last_name          TEXT NOT NULL CHECK (length(trim(last_name)) > 0),
    birth_date         TEXT CHECK (birth_date IS NULL OR date(birth_date) = birth_date),
    street             TEXT NOT NULL DEFAULT '',
    postcode           TEXT NOT NULL DEFAULT ''
                       CHECK (postcode = '' OR postcode GLOB '[0-9][0-9][0-9][0-9][0-9]'),
    town               TEXT NOT NULL DEFAULT '',
    municipality_id    INTEGER REFERENCES municipalities(id),
    district_id        INTEGER REFERENCES districts(id),
    phone              TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    recruitment_source TEXT,
    account_holder     TEXT NOT NULL DEFAULT '',
    iban               TEXT NOT NULL DEFAULT '' CHECK (iban NOT GLOB '*[^0-9A-Z]*'),
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX pilots_name ON pilots (last_name, first_name);
CREATE INDEX pilots_iban ON pilots (iban) WHERE iban <> '';

CREATE TABLE pilot_languages (
    pilot_id INTEGER NOT NULL REFERENCES pilots(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    PRIMARY KEY (pilot_id, language)
);

-- Append-only: the status on a day is the latest change effective on or before it.
CREATE TABLE status_changes (
    id           INTEGER PRIMARY KEY,
    pilot_id     INTEGER NOT NULL REFERENCES pilots(id),
    status       TEXT NOT NULL CHECK (status IN
                 ('prospect', 'in_qualification', 'qualified', 'active', 'paused', 'left')),
    effective_on TEXT NOT NULL CHECK (date(effective_on) = effective_on),
    note         TEXT NOT NULL DEFAULT '',
    who          TEXT NOT NULL DEFAULT '',
    recorded_at  TEXT NOT NULL
);
CREATE INDEX status_changes_pilot ON status_changes (pilot_id, effective_on, id);

CREATE TRIGGER status_changes_no_update BEFORE UPDATE ON status_changes
BEGIN
    SELECT RAISE(ABORT, 'Die Statushistorie kann nicht geändert werden.');
END;
CREATE TRIGGER status_changes_no_delete BEFORE DELETE ON status_changes
BEGIN
    SELECT RAISE(ABORT, 'Die Statushistorie kann nicht gelöscht werden.');
END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
