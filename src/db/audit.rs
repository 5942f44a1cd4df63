//! The audit log (docs/DOMAIN.md#audit): when, who, what, old → new. Written only by the triggers
//! generated in `audit_triggers.rs` (so no code path can forget it); read here. Append-only: the
//! database refuses UPDATE and DELETE on `audit_log`, except the blanking of eFZ values under
//! § 30a BZRG (see `db::retention`).

use chrono::{Days, NaiveDate};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::Result;

/// Every audited table with its German name for the app, in the order of the filter list. The
/// audit triggers are generated for exactly these tables (`audit_triggers.rs`).
pub const AUDITED_TABLES: &[(&str, &str)] = &[
    ("pilots", "Lotse"),
    ("pilot_languages", "Sprache eines Lotsen"),
    ("status_changes", "Status"),
    ("screenings", "Führungszeugnis"),
    ("courses", "Lehrgang"),
    ("course_sessions", "Lehrgangstermin"),
    ("attendance", "Teilnahme"),
    ("test_attempts", "Abschlusstest"),
    ("districts", "Altkreis"),
    ("municipalities", "Gemeinde"),
    ("languages", "Sprachenliste"),
    ("settings", "Einstellungen"),
    ("budgets", "Budget"),
    ("allowance_runs", "Abrechnungslauf"),
    ("run_lines", "Abrechnungszeile"),
    ("corrections", "Korrektur"),
    ("status_cancellations", "Storno einer Statusänderung"),
    ("district_changes", "Altkreis-Wechsel"),
    ("module_credits", "Anerkanntes Modul"),
    ("setting_values", "Einstellung (Historie)"),
    ("claim_settlements", "Erledigte Rückforderung"),
    ("sepa_exports", "SEPA-Export"),
    ("reserved_numbers", "Reservierte Abrechnungsnummer"),
    ("task_areas", "Tätigkeitsbereich"),
    ("activity_records", "Tätigkeitsnachweis"),
    (
        "activity_record_areas",
        "Tätigkeitsbereich eines Nachweises",
    ),
    ("activity_waivers", "Verzicht auf den Tätigkeitsnachweis"),
    ("report_texts", "Sachbericht (Textabschnitt)"),
];

/// Most entries one query returns when the filter sets no limit.
pub const DEFAULT_LIMIT: u32 = 500;
const MAX_LIMIT: u32 = 10_000;

/// What the audit screen (or a pilot's page) asks for. Every part is optional; all set parts must
/// match. Sent by the UI as JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct AuditFilter {
    /// Table name as in [`AUDITED_TABLES`] (`pilots`, `screenings`, …), or `database` for restores.
    pub entity: Option<String>,
    /// The entry's key as text (an id, a settings key; composite keys joined by `/`).
    pub entity_id: Option<String>,
    /// Everything about one pilot: the pilot's row and their languages, status changes,
    /// screenings, attendance, test attempts, allowance lines and corrections.
    pub pilot_id: Option<i64>,
    /// First day (inclusive, UTC date of the entry).
    pub from: Option<NaiveDate>,
    /// Last day (inclusive, UTC date of the entry).
    pub to: Option<NaiveDate>,
    /// Text contained in who, field, old or new value or note (case-insensitive for ASCII letters).
    pub text: Option<String>,
    /// At most this many entries, newest first (default [`DEFAULT_LIMIT`], at most 10,000).
    pub limit: Option<u32>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AuditEntry {
    pub id: i64,
    /// When, UTC, RFC 3339.
    pub at: String,
    /// Who was working; empty for changes made by the system (first start, migrations).
    pub who: String,
    /// Entries written by one store transaction share this number: one change by the user.
    pub tx: i64,
    /// The table.
    pub entity: String,
    /// German name of the table.
    pub entity_label: String,
    pub entity_id: String,
    pub pilot_id: Option<i64>,
    /// `insert`, `update`, `delete`, `erase` (eFZ data deleted under § 30a BZRG), `restore`.
    pub action: String,
    /// German: "angelegt", "geändert", "gelöscht", …
    pub action_label: String,
    /// The changed column of an update; `None` for insert and delete (their values are JSON).
    pub field: Option<String>,
    /// German name of the field where known, else the column name.
    pub field_label: Option<String>,
    /// Update: the old value. Delete: the deleted row as a JSON object.
    pub old_value: Option<String>,
    /// Update: the new value. Insert: the new row as a JSON object.
    pub new_value: Option<String>,
    pub note: String,
    /// The values were blanked when the eFZ data was deleted (§ 30a BZRG).
    pub redacted: bool,
}

/// German name of an audited table (the table name itself when unknown).
pub fn entity_label(entity: &str) -> String {
    if entity == "database" {
        return "Datenbank".to_string();
    }
    AUDITED_TABLES
        .iter()
        .find(|(t, _)| *t == entity)
        .map(|(_, l)| l.to_string())
        .unwrap_or_else(|| entity.to_string())
}

fn action_label(action: &str) -> String {
    match action {
        "insert" => "angelegt",
        "update" => "geändert",
        "delete" => "gelöscht",
        "erase" => "gelöscht (§ 30a BZRG)",
        "restore" => "Sicherung wiederhergestellt",
        other => other,
    }
    .to_string()
}

/// German labels of the columns the person at the desk sees (docs/GLOSSARY.md, "Data").
fn field_label(field: &str) -> String {
    match field {
        "first_name" => "Vorname",
        "last_name" => "Nachname",
        "birth_date" => "Geburtsdatum",
        "street" => "Straße",
        "postcode" => "PLZ",
        "town" => "Ort",
        "municipality_id" => "Gemeinde",
        "district_id" => "Altkreis",
        "phone" => "Telefon",
        "email" => "E-Mail",
        "recruitment_source" => "Gewinnung über",
        "account_holder" => "Kontoinhaber",
        "iban" => "IBAN",
        "notes" => "Notizen",
        "status" => "Status",
        "effective_on" => "Wirksam ab",
        "note" => "Notiz",
        "letter_issued_on" => "Bestätigungsschreiben vom",
        "certificate_dated" => "Führungszeugnis vom",
        "inspected_on" => "Eingesehen am",
        "inspected_by" => "Eingesehen von",
        "result" => "Ergebnis",
        "held_on" => "Datum",
        "module" => "Modul",
        "place" => "Ort",
        "trainer" => "Referent",
        "taken_on" => "Datum",
        "points" => "Punkte",
        "max_points" => "Höchstpunktzahl",
        "interview_passed" => "Gespräch bestanden",
        "interviewer" => "Gesprächsführung",
        "pass_mark_percent" => "Bestehensgrenze",
        "credited_on" => "Anerkannt am",
        "from_district_id" => "Altkreis bisher",
        "to_district_id" => "Altkreis neu",
        "target" => "Soll",
        "value" => "Wert",
        "amount_cents" => "Betrag (Cent)",
        "state" => "Stand",
        "paid_on" => "Bezahlt am",
        "reason" => "Grund",
        other => other,
    }
    .to_string()
}

/// `%` and `_` match themselves in the text filter.
fn like_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

impl Store {
    /// Entries of the audit log matching `filter`, newest first.
    pub fn audit_entries(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        // Each condition uses its own numbered parameter, `$` in the template.
        let mut clauses: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let mut add = |template: &str, value: Value| {
            args.push(value);
            clauses.push(template.replace('$', &format!("?{}", args.len())));
        };
        if let Some(entity) = filter.entity.as_deref().filter(|e| !e.is_empty()) {
            add("entity = $", Value::Text(entity.to_string()));
        }
        if let Some(id) = filter.entity_id.as_deref().filter(|e| !e.is_empty()) {
            add("entity_id = $", Value::Text(id.to_string()));
        }
        if let Some(pilot) = filter.pilot_id {
            add("pilot_id = $", Value::Integer(pilot));
        }
        if let Some(from) = filter.from {
            add("at >= $", Value::Text(from.to_string()));
        }
        if let Some(to) = filter.to.and_then(|t| t.checked_add_days(Days::new(1))) {
            add("at < $", Value::Text(to.to_string()));
        }
        if let Some(text) = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            add(
                "(who LIKE $ ESCAPE '\\' OR field LIKE $ ESCAPE '\\' OR old_value LIKE $ ESCAPE '\\'
                  OR new_value LIKE $ ESCAPE '\\' OR note LIKE $ ESCAPE '\\')",
                Value::Text(like_pattern(text)),
            );
        }
        let limit = filter.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let mut sql = String::from(
            "SELECT id, at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value,
                    note, redacted
             FROM audit_log",
        );
        if !clauses.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&clauses.join(" AND "));
        }
        sql.push_str(&format!(" ORDER BY id DESC LIMIT {limit}"));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            let entity: String = r.get(4)?;
            let action: String = r.get(7)?;
            let field: Option<String> = r.get(8)?;
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                who: r.get(2)?,
                tx: r.get(3)?,
                entity_label: entity_label(&entity),
                entity,
                entity_id: r.get(5)?,
                pilot_id: r.get(6)?,
                action_label: action_label(&action),
                action,
                field_label: field.as_deref().map(field_label),
                field,
                old_value: r.get(9)?,
                new_value: r.get(10)?,
                note: r.get(11)?,
                redacted: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Records a line in the audit log that no table change produces (a restore).
    pub(crate) fn audit_note(
        tx: &rusqlite::Transaction,
        entity: &str,
        entity_id: &str,
        action: &str,
        note: &str,
    ) -> Result<()> {
        tx.execute(
            "INSERT INTO audit_log (at, who, tx, entity, entity_id, action, note)
             SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0),
                    ?1, ?2, ?3, ?4
             FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1",
            (entity, entity_id, action, note),
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern("50%_a"), "%50\\%\\_a%");
        assert_eq!(like_pattern("Müller"), "%Müller%");
    }

    #[test]
    fn labels_are_german() {
        assert_eq!(entity_label("screenings"), "Führungszeugnis");
        assert_eq!(entity_label("unknown_table"), "unknown_table");
        assert_eq!(action_label("erase"), "gelöscht (§ 30a BZRG)");
        assert_eq!(field_label("iban"), "IBAN");
    }
}
