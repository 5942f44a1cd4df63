-- Schema 009: register data of pilots who left is anonymised after the retention period (SPEC section 8).
-- `audit_context.anonymising` names the pilot being anonymised inside that one transaction (0: none): only then may
-- the change log's copies of that pilot's values be blanked, and an approved run's line lose the pilot's name and
-- account (its amounts, number and month stay).
ALTER TABLE audit_context ADD COLUMN anonymising INTEGER NOT NULL DEFAULT 0;

-- Pilots whose register data was anonymised: the day, and the day it was due.
CREATE TABLE pilot_anonymisations (
    pilot_id      INTEGER PRIMARY KEY REFERENCES pilots(id),
    anonymised_on TEXT NOT NULL CHECK (date(anonymised_on) = anonymised_on),
    due_on        TEXT NOT NULL CHECK (date(due_on) = due_on),
    recorded_at   TEXT NOT NULL
);

DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (
    NEW.redacted = 1
    AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.who = OLD.who AND NEW.tx = OLD.tx
    AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id AND NEW.pilot_id IS OLD.pilot_id
    AND NEW.action = OLD.action AND NEW.field IS OLD.field AND NEW.note = OLD.note
    AND ((coalesce((SELECT erasing FROM audit_context WHERE id = 1), 0) = 1
          AND OLD.entity = 'screenings' AND NEW.old_value IS NULL AND NEW.new_value IS NULL)
         OR (OLD.pilot_id IS NOT NULL
             AND OLD.pilot_id = coalesce((SELECT anonymising FROM audit_context WHERE id = 1), 0))))
BEGIN
    SELECT RAISE(ABORT, 'Das Änderungsprotokoll kann nicht geändert werden.');
END;

DROP TRIGGER run_lines_locked_update;
CREATE TRIGGER run_lines_locked_update BEFORE UPDATE ON run_lines
WHEN (SELECT state FROM allowance_runs WHERE id = OLD.run_id) <> 'draft' AND NOT (
    OLD.pilot_id = coalesce((SELECT anonymising FROM audit_context WHERE id = 1), 0)
    AND NEW.first_name = 'anonymisiert' AND NEW.last_name = 'anonymisiert'
    AND NEW.iban = '' AND NEW.account_holder = '' AND NEW.bic = ''
    AND NEW.id = OLD.id AND NEW.run_id = OLD.run_id AND NEW.pilot_id = OLD.pilot_id
    AND NEW.district = OLD.district AND NEW.eligible_days = OLD.eligible_days
    AND NEW.days_in_month = OLD.days_in_month AND NEW.rate_cents = OLD.rate_cents
    AND NEW.computed_cents = OLD.computed_cents AND NEW.amount_cents = OLD.amount_cents
    AND NEW.lowered_reason = OLD.lowered_reason AND NEW.corrections_cents = OLD.corrections_cents
    AND NEW.net_cents = OLD.net_cents AND NEW.statement_number IS OLD.statement_number)
BEGIN SELECT RAISE(ABORT, 'Freigegebene Abrechnungsläufe können nicht geändert werden.'); END;
