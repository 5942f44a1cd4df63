-- Schema 010 (009 is the retention schema).
-- The editable text sections of the Sachbericht (part of the Verwendungsnachweis), kept per budget year.
CREATE TABLE report_texts (
    year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    section    TEXT NOT NULL CHECK (length(trim(section)) > 0),
    text       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (year, section)
);
