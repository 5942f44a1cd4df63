-- Schema version 4: the audit log (docs/DOMAIN.md#audit) and the record of eFZ deletions (§ 30a BZRG).
--
-- Every insert, update and delete on the audited tables is written by a trigger into audit_log:
--   insert: one row, field NULL, new_value = the whole row as a JSON object;
--   update: one row per changed column (updated_at is not logged: the entry has its own time),
--           old_value → new_value as text;
--   delete: one row, field NULL, old_value = the whole row as a JSON object.
-- "who" and the transaction number come from the one-row table audit_context, which the store
-- sets at the start of each transaction (Store::set_actor, Store::with_transaction).
-- Those per-table triggers are not written here: the store generates them from the schema right
-- after this migration and at every open (src/db/audit_triggers.rs), so they always name the
-- columns the tables have. Databases that ran an earlier text of this migration, which had them
-- pasted in, get the same triggers under the same names; the generator replaces them only if
-- they differ.

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,                 -- UTC, RFC 3339
    who       TEXT NOT NULL DEFAULT '',      -- the person at the desk; '' = the system
    tx        INTEGER NOT NULL DEFAULT 0,    -- the store transaction: rows of one change share it
    entity    TEXT NOT NULL,                 -- the table
    entity_id TEXT NOT NULL,                 -- its key as text; composite keys joined by '/'
    pilot_id  INTEGER,                       -- the pilot concerned (no foreign key: the log outlives rows)
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'erase', 'restore')),
    field     TEXT,
    old_value TEXT,
    new_value TEXT,
    note      TEXT NOT NULL DEFAULT '',
    redacted  INTEGER NOT NULL DEFAULT 0 CHECK (redacted IN (0, 1))
);
CREATE INDEX audit_log_pilot ON audit_log (pilot_id, id) WHERE pilot_id IS NOT NULL;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- Append-only. The one exception: when eFZ data is deleted under § 30a BZRG (erasing = 1, set only
-- inside that transaction), the values of earlier screening entries are blanked and marked redacted;
-- everything else of the entry stays.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (
    coalesce((SELECT erasing FROM audit_context WHERE id = 1), 0) = 1
    AND OLD.entity = 'screenings'
    AND NEW.redacted = 1 AND NEW.old_value IS NULL AND NEW.new_value IS NULL
    AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.who = OLD.who AND NEW.tx = OLD.tx
    AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id AND NEW.pilot_id IS OLD.pilot_id
    AND NEW.action = OLD.action AND NEW.field IS OLD.field AND NEW.note = OLD.note)
BEGIN
    SELECT RAISE(ABORT, 'Das Änderungsprotokoll kann nicht geändert werden.');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'Das Änderungsprotokoll kann nicht gelöscht werden.');
END;

-- Who is working, the transaction number and the § 30a flag; exactly one row.
CREATE TABLE audit_context (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    who     TEXT NOT NULL DEFAULT '',
    tx      INTEGER NOT NULL DEFAULT 0,
    erasing INTEGER NOT NULL DEFAULT 0 CHECK (erasing IN (0, 1))
);
INSERT INTO audit_context (id) VALUES (1);
CREATE TRIGGER audit_context_keep BEFORE DELETE ON audit_context
BEGIN
    SELECT RAISE(ABORT, 'Der Protokollkontext kann nicht gelöscht werden.');
END;

-- Pilots whose eFZ data was deleted (§ 30a BZRG): the pilot's page shows "gelöscht am …".
CREATE TABLE screening_erasures (
    pilot_id    INTEGER PRIMARY KEY REFERENCES pilots(id),
    erased_on   TEXT NOT NULL CHECK (date(erased_on) = erased_on),
    due_on      TEXT NOT NULL CHECK (date(due_on) = due_on),
    records     INTEGER NOT NULL CHECK (records >= 0),
    recorded_at TEXT NOT NULL
);
