-- Schema 008: the activity record (Tätigkeitsnachweis) per pilot and month, the editable list of task
-- areas, and the waivers of the gate "Auszahlung nur mit Tätigkeitsnachweis". Counts only: the people
-- supported are never named.

-- The task areas: the four of the Richtlinie and Sonstiges; the coordinator may add, rename and retire
-- areas (an area in use is retired, not deleted).
CREATE TABLE task_areas (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    position INTEGER NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
INSERT INTO task_areas (name, position) VALUES
    ('Wohnen', 1), ('Orientierung', 2), ('Teilhabe', 3), ('Arbeit', 4), ('Sonstiges', 5);

-- One record per pilot and month. Hours are optional and kept in minutes.
CREATE TABLE activity_records (
    id          INTEGER PRIMARY KEY,
    pilot_id    INTEGER NOT NULL REFERENCES pilots(id),
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    contacts    INTEGER NOT NULL CHECK (contacts >= 0),
    minutes     INTEGER CHECK (minutes IS NULL OR minutes >= 0),
    people      INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
    families    INTEGER NOT NULL DEFAULT 0 CHECK (families >= 0),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    UNIQUE (pilot_id, month)
);
CREATE INDEX activity_records_month ON activity_records (month);

-- The task areas of a record.
CREATE TABLE activity_record_areas (
    record_id INTEGER NOT NULL REFERENCES activity_records(id) ON DELETE CASCADE,
    area_id   INTEGER NOT NULL REFERENCES task_areas(id),
    PRIMARY KEY (record_id, area_id)
);

-- A line of a month paid without a record, with the reason (printed on the payment list).
CREATE TABLE activity_waivers (
    id          INTEGER PRIMARY KEY,
    pilot_id    INTEGER NOT NULL REFERENCES pilots(id),
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    who         TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (pilot_id, month)
);
