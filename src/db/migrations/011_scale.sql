-- Schema 011 (010 is the reports schema). Indexes only, for 10,000 pilots (issue 16).
-- The deletion check at every start and every command-line call looks only at pilots with a change
-- to Ausgeschieden; this finds them without reading the whole status history.
CREATE INDEX status_changes_left ON status_changes (effective_on, pilot_id) WHERE status = 'left';
