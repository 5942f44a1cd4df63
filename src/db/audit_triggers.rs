//! The triggers that write the audit log, generated from the schema whenever the database is opened
//! (and after every migration step), so a column added by a migration is audited without anyone
//! writing trigger SQL. For each table of [`AUDITED_TABLES`]:
//!
//! - insert: one entry, field NULL, new value = the whole row as a JSON object;
//! - update: one entry per changed column (`updated_at` is not logged: the entry has its own time);
//! - delete: one entry, field NULL, old value = the whole row as a JSON object. A screening deleted
//!   under § 30a BZRG (`audit_context.erasing = 1`) is logged as `erase`, without its values.
//!
//! Who and the transaction number come from `audit_context` (see `Store::with_transaction`). The
//! entry's key is the table's primary key (composite keys joined by `/`); the pilot concerned is the
//! row's `pilot_id`, or the row itself in `pilots`. The append-only protection of `audit_log` is
//! fixed SQL in migration 004, not generated.

use rusqlite::{Connection, OptionalExtension};

use super::audit::AUDITED_TABLES;
use crate::error::{Error, Result};

/// Bookkeeping column not logged as a field change of an update.
const NOT_LOGGED_ON_UPDATE: &str = "updated_at";
/// The table whose deletions under § 30a BZRG log that they happened, never what was deleted.
const ERASABLE: &str = "screenings";
const ERASE_NOTE: &str = "Führungszeugnis-Daten gelöscht (§ 30a BZRG)";

const HEAD: &str = "INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value, note)";
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
const WHO: &str = "coalesce(c.who, ''), coalesce(c.tx, 0)";
const CONTEXT: &str = "FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1";
const ERASING: &str = "coalesce((SELECT erasing FROM audit_context WHERE id = 1), 0)";

/// A trigger: its name and its `CREATE TRIGGER` statement as SQLite keeps it in `sqlite_master`.
type Trigger = (String, String);

/// Makes the audit triggers match the tables as they are now: drops the ones that differ (or
/// belong to no audited table any more) and creates the missing ones. Writes nothing when they
/// already match. Run it inside the caller's transaction; does nothing before the audit log
/// exists (migrations before 004).
pub(super) fn sync(conn: &Connection) -> Result<()> {
    if !audit_log_exists(conn)? {
        return Ok(());
    }
    let wanted = wanted(conn)?;
    let present = present(conn)?;
    if same(&wanted, &present) {
        return Ok(());
    }
    for (name, _) in &present {
        conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
    }
    for (_, sql) in &wanted {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

/// The code that decides the triggers: this file and the list of audited tables.
const CODE: u64 = fnv1a(include_str!("audit_triggers.rs").as_bytes())
    ^ fnv1a(include_str!("audit.rs").as_bytes()).rotate_left(1);

const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// What the triggers depend on now: SQLite's schema version (moved by every change of a table or
/// trigger) and [`CODE`].
pub(super) fn fingerprint(conn: &Connection) -> Result<String> {
    let schema: i64 = conn.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    Ok(format!("{schema}:{CODE:016x}"))
}

/// The fingerprint at which the triggers were last found in line, if any.
pub(super) fn checked(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT fingerprint FROM audit_triggers_checked WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// Keeps today's fingerprint as the one the triggers are in line with.
pub(super) fn keep_checked(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO audit_triggers_checked (id, fingerprint) VALUES (1, ?1)",
        [fingerprint(conn)?],
    )?;
    Ok(())
}

/// Whether [`sync`] would change anything (read only).
pub(super) fn stale(conn: &Connection) -> Result<bool> {
    Ok(audit_log_exists(conn)? && !same(&wanted(conn)?, &present(conn)?))
}

fn same(wanted: &[Trigger], present: &[Trigger]) -> bool {
    let mut wanted = wanted.to_vec();
    wanted.sort();
    wanted == present
}

fn audit_log_exists(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) = 2 FROM sqlite_master
         WHERE type = 'table' AND name IN ('audit_log', 'audit_context')",
        [],
        |r| r.get(0),
    )?)
}

/// The generated triggers in the database now, by name: `audit_<table>_<event>` on that table.
fn present(conn: &Connection) -> Result<Vec<Trigger>> {
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_master
         WHERE type = 'trigger' AND name IN ('audit_' || tbl_name || '_insert',
               'audit_' || tbl_name || '_update', 'audit_' || tbl_name || '_delete',
               'audit_' || tbl_name || '_erase')
         ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The triggers the audited tables need, in the order of the list.
fn wanted(conn: &Connection) -> Result<Vec<Trigger>> {
    let mut all = Vec::new();
    for (table, _) in AUDITED_TABLES {
        // A table a later migration creates gets its triggers once it exists.
        if let Some(shape) = Shape::read(conn, table)? {
            all.extend(shape.triggers());
        }
    }
    Ok(all)
}

/// What the triggers of one table are made from, read with `PRAGMA table_info`.
struct Shape {
    table: String,
    columns: Vec<String>,
    /// Primary key columns in key order; empty for a table keyed by its rowid.
    key: Vec<String>,
}

impl Shape {
    fn read(conn: &Connection, table: &str) -> Result<Option<Shape>> {
        let mut stmt = conn.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
        let rows: Vec<(String, i64)> = stmt
            .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if rows.is_empty() {
            return Ok(None);
        }
        // Names go into SQL text unquoted, as they are written in the migrations.
        if let Some((bad, _)) = rows.iter().find(|(c, _)| !is_plain_name(c)) {
            return Err(Error::Storage(format!(
                "Spalte „{bad}“ der Tabelle {table} kann nicht protokolliert werden (nur a–z, 0–9, _)."
            )));
        }
        let mut key: Vec<&(String, i64)> = rows.iter().filter(|(_, pk)| *pk > 0).collect();
        key.sort_by_key(|(_, pk)| *pk);
        Ok(Some(Shape {
            table: table.to_string(),
            key: key.into_iter().map(|(c, _)| c.clone()).collect(),
            columns: rows.into_iter().map(|(c, _)| c).collect(),
        }))
    }

    /// The entry's key as text: `NEW.id`, `NEW.pilot_id || '/' || NEW.language`.
    fn entity_id(&self, row: &str) -> String {
        if self.key.is_empty() {
            return format!("{row}.rowid");
        }
        self.key
            .iter()
            .map(|c| format!("{row}.{c}"))
            .collect::<Vec<_>>()
            .join(" || '/' || ")
    }

    /// The pilot the row belongs to, or `NULL`.
    fn pilot_id(&self, row: &str) -> String {
        if self.table == "pilots" {
            format!("{row}.id")
        } else if self.columns.iter().any(|c| c == "pilot_id") {
            format!("{row}.pilot_id")
        } else {
            "NULL".to_string()
        }
    }

    /// The whole row as a JSON object, four columns to a line.
    fn json(&self, row: &str) -> String {
        let pairs: Vec<String> = self
            .columns
            .iter()
            .map(|c| format!("'{c}', {row}.{c}"))
            .collect();
        let lines: Vec<String> = pairs.chunks(4).map(|p| p.join(", ")).collect();
        format!("json_object({})", lines.join(",\n               "))
    }

    /// The start of the entry: when, who, which table, key and pilot.
    fn select(&self, row: &str) -> String {
        format!(
            "SELECT {NOW}, {WHO}, '{}', {}, {}",
            self.table,
            self.entity_id(row),
            self.pilot_id(row)
        )
    }

    fn trigger(&self, event: &str, when: Option<&str>, body: String) -> Trigger {
        let t = &self.table;
        let name = format!("audit_{t}_{event}");
        let timing = match event {
            "insert" => "INSERT",
            "update" => "UPDATE",
            _ => "DELETE",
        };
        let when = when.map(|w| format!("\nWHEN {w}")).unwrap_or_default();
        let sql = format!(
            "CREATE TRIGGER {name} AFTER {timing} ON {t}{when}\nBEGIN\n    {HEAD}\n    {body};\nEND"
        );
        (name, sql)
    }

    fn triggers(&self) -> Vec<Trigger> {
        let mut out = vec![self.insert_trigger()];
        out.extend(self.update_trigger());
        if self.table == ERASABLE {
            out.push(self.delete_trigger(Some(&format!("{ERASING} = 0"))));
            out.push(self.erase_trigger());
        } else {
            out.push(self.delete_trigger(None));
        }
        out
    }

    fn insert_trigger(&self) -> Trigger {
        let body = format!(
            "{}, 'insert', NULL, NULL,\n           {}, ''\n    {CONTEXT}",
            self.select("NEW"),
            self.json("NEW")
        );
        self.trigger("insert", None, body)
    }

    /// One entry per column whose value changed (`IS NOT` treats NULL as a value).
    fn update_trigger(&self) -> Option<Trigger> {
        let changes: Vec<String> = self
            .columns
            .iter()
            .filter(|c| *c != NOT_LOGGED_ON_UPDATE)
            .enumerate()
            .map(|(i, c)| match i {
                0 => format!("SELECT '{c}' AS f, OLD.{c} AS o, NEW.{c} AS n"),
                _ => format!("SELECT '{c}', OLD.{c}, NEW.{c}"),
            })
            .collect();
        if changes.is_empty() {
            return None;
        }
        let body = format!(
            "{}, 'update', ch.f, ch.o, ch.n, ''\n    FROM ({}) AS ch\n    \
             LEFT JOIN audit_context c ON c.id = 1\n    WHERE ch.o IS NOT ch.n",
            self.select("NEW"),
            changes.join("\n              UNION ALL ")
        );
        Some(self.trigger("update", None, body))
    }

    fn delete_trigger(&self, when: Option<&str>) -> Trigger {
        let body = format!(
            "{}, 'delete', NULL,\n           {}, NULL, ''\n    {CONTEXT}",
            self.select("OLD"),
            self.json("OLD")
        );
        self.trigger("delete", when, body)
    }

    fn erase_trigger(&self) -> Trigger {
        let body = format!(
            "{}, 'erase', NULL, NULL, NULL,\n           '{ERASE_NOTE}'\n    {CONTEXT}",
            self.select("OLD")
        );
        self.trigger("erase", Some(&format!("{ERASING} = 1")), body)
    }
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(table: &str, columns: &[&str], key: &[&str]) -> Shape {
        Shape {
            table: table.to_string(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            key: key.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn keys_and_pilots_come_from_the_columns() {
        let languages = shape(
            "pilot_languages",
            &["pilot_id", "language"],
            &["pilot_id", "language"],
        );
        assert_eq!(
            languages.entity_id("NEW"),
            "NEW.pilot_id || '/' || NEW.language"
        );
        assert_eq!(languages.pilot_id("OLD"), "OLD.pilot_id");
        let pilots = shape("pilots", &["id", "first_name"], &["id"]);
        assert_eq!(pilots.pilot_id("NEW"), "NEW.id");
        let settings = shape("settings", &["key", "value"], &["key"]);
        assert_eq!(settings.entity_id("OLD"), "OLD.key");
        assert_eq!(settings.pilot_id("OLD"), "NULL");
    }

    #[test]
    fn updated_at_is_not_a_change_and_erasure_has_its_own_trigger() {
        let s = shape("screenings", &["id", "pilot_id", "updated_at"], &["id"]);
        let triggers = s.triggers();
        let names: Vec<&str> = triggers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "audit_screenings_insert",
                "audit_screenings_update",
                "audit_screenings_delete",
                "audit_screenings_erase"
            ]
        );
        assert!(!triggers[1].1.contains("updated_at"));
        assert!(triggers[0].1.contains("'updated_at', NEW.updated_at"));
        assert!(triggers[3].1.contains(ERASE_NOTE) && !triggers[3].1.contains("json_object"));
    }

    #[test]
    fn only_plain_names_go_into_sql() {
        assert!(is_plain_name("account_holder"));
        assert!(!is_plain_name("Konto Inhaber"));
        assert!(!is_plain_name("a'); DROP TABLE pilots; --"));
        assert!(!is_plain_name("1st"));
    }
}
