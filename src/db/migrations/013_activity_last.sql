-- Schema 013: each pilot's last month with contacts (activity_records.contacts > 0), kept by the
-- triggers below on every change of the records, so the due list ("keine Tätigkeit seit N Monaten")
-- reads one row per pilot instead of grouping every record (issue 16). Exact at all times: each
-- trigger recomputes the row of the pilot whose records changed. A pilot without contacts has none.
CREATE TABLE activity_last (
    pilot_id INTEGER PRIMARY KEY,
    month    TEXT NOT NULL
);

INSERT INTO activity_last (pilot_id, month)
SELECT pilot_id, max(month) FROM activity_records WHERE contacts > 0 GROUP BY pilot_id;

CREATE TRIGGER activity_last_insert AFTER INSERT ON activity_records WHEN NEW.contacts > 0
BEGIN
    INSERT INTO activity_last (pilot_id, month) VALUES (NEW.pilot_id, NEW.month)
    ON CONFLICT (pilot_id) DO UPDATE SET month = max(month, excluded.month);
END;

CREATE TRIGGER activity_last_update AFTER UPDATE ON activity_records
BEGIN
    DELETE FROM activity_last WHERE pilot_id IN (OLD.pilot_id, NEW.pilot_id);
    INSERT INTO activity_last (pilot_id, month)
    SELECT pilot_id, max(month) FROM activity_records
    WHERE pilot_id IN (OLD.pilot_id, NEW.pilot_id) AND contacts > 0 GROUP BY pilot_id;
END;

CREATE TRIGGER activity_last_delete AFTER DELETE ON activity_records
BEGIN
    DELETE FROM activity_last WHERE pilot_id = OLD.pilot_id;
    INSERT INTO activity_last (pilot_id, month)
    SELECT pilot_id, max(month) FROM activity_records
    WHERE pilot_id = OLD.pilot_id AND contacts > 0 GROUP BY pilot_id;
END;
