-- Schema version 2: screening (eFZ) records, courses with sessions and attendance, final test attempts.

-- Only dates, inspector and result: never a copy or the content of the certificate.
CREATE TABLE screenings (
    id                INTEGER PRIMARY KEY,
    pilot_id          INTEGER NOT NULL REFERENCES pilots(id),
    letter_issued_on  TEXT CHECK (letter_issued_on IS NULL OR date(letter_issued_on) = letter_issued_on),
    certificate_dated TEXT CHECK (certificate_dated IS NULL OR date(certificate_dated) = certificate_dated),
    inspected_on      TEXT CHECK (inspected_on IS NULL OR date(inspected_on) = inspected_on),
    inspected_by      TEXT NOT NULL DEFAULT '',
    result            TEXT CHECK (result IS NULL OR result IN ('clear', 'relevant_entry')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX screenings_pilot ON screenings (pilot_id);

CREATE TABLE courses (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at TEXT NOT NULL
);

-- module 1–5, or NULL for a refresher session ("Auffrischung").
CREATE TABLE course_sessions (
    id        INTEGER PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES courses(id),
    held_on   TEXT NOT NULL CHECK (date(held_on) = held_on),
    module    INTEGER CHECK (module IS NULL OR module BETWEEN 1 AND 5),
    place     TEXT NOT NULL DEFAULT '',
    trainer   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX course_sessions_course ON course_sessions (course_id, held_on);

CREATE TABLE attendance (
    session_id INTEGER NOT NULL REFERENCES course_sessions(id),
    pilot_id   INTEGER NOT NULL REFERENCES pilots(id),
    PRIMARY KEY (session_id, pilot_id)
);
CREATE INDEX attendance_pilot ON attendance (pilot_id);

CREATE TABLE test_attempts (
    id               INTEGER PRIMARY KEY,
    pilot_id         INTEGER NOT NULL REFERENCES pilots(id),
    taken_on         TEXT NOT NULL CHECK (date(taken_on) = taken_on),
    points           INTEGER NOT NULL CHECK (points >= 0),
    max_points       INTEGER NOT NULL CHECK (max_points > 0),
    interview_passed INTEGER NOT NULL CHECK (interview_passed IN (0, 1)),
    interviewer      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    CHECK (points <= max_points)
);
CREATE INDEX test_attempts_pilot ON test_attempts (pilot_id);
