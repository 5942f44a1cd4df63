//! Queries of the pilot register.

use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

use super::{now_utc, Store};
use crate::domain::pilot::{self, Duplicate, Pilot, PilotData, PilotInput, Status};
use crate::domain::register::{self, PilotQuery};
use crate::error::{Error, Result};

const SELECT_PILOTS: &str = "
    SELECT p.id, p.first_name, p.last_name, p.birth_date, p.street, p.postcode, p.town,
           m.name, d.name, p.phone, p.email, p.recruitment_source, p.account_holder, p.iban,
           p.notes, p.created_at, p.updated_at,
           (SELECT s.status FROM status_changes s WHERE s.pilot_id = p.id
               AND s.id NOT IN (SELECT change_id FROM status_cancellations)
             ORDER BY s.effective_on DESC, s.id DESC LIMIT 1),
           p.bic
    FROM pilots p
    LEFT JOIN municipalities m ON m.id = p.municipality_id
    LEFT JOIN districts d ON d.id = p.district_id";

fn row_to_pilot(r: &rusqlite::Row) -> rusqlite::Result<Pilot> {
    let status: Option<String> = r.get(17)?;
    Ok(Pilot {
        id: r.get(0)?,
        first_name: r.get(1)?,
        last_name: r.get(2)?,
        birth_date: r
            .get::<_, Option<String>>(3)?
            .as_deref()
            .and_then(pilot::parse_date),
        street: r.get(4)?,
        postcode: r.get(5)?,
        town: r.get(6)?,
        municipality: r.get(7)?,
        district: r.get(8)?,
        phone: r.get(9)?,
        email: r.get(10)?,
        recruitment_source: r.get(11)?,
        account_holder: r.get(12)?,
        iban: r.get(13)?,
        bic: r.get(18)?,
        notes: r.get(14)?,
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
        status: status
            .as_deref()
            .and_then(Status::from_code)
            .unwrap_or(Status::Prospect),
        languages: Vec::new(),
    })
}

impl Store {
    /// True while no pilot has been stored (the app then offers demo data).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM pilots", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Every pilot with languages and current status, in id order.
    pub fn all_pilots(&self) -> Result<Vec<Pilot>> {
        Ok(self.pilots()?.as_ref().clone())
    }

    /// [`Store::all_pilots`], read once and kept while nothing is written (the register's pages
    /// and searches, the lists of names).
    pub fn pilots(&self) -> Result<Arc<Vec<Pilot>>> {
        self.pilots.get(
            self.written()?,
            |_| true,
            || self.pilots_where("IS NOT NULL"),
        )
    }

    /// The pilots whose id matches `ids` (SQL after the column, e.g. "IN (3, 7)"), by id.
    pub(super) fn pilots_where(&self, ids: &str) -> Result<Vec<Pilot>> {
        // Counted first, so the list of 10,000 pilots (4 MB) is not copied as it grows.
        let count: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM pilots WHERE id {ids}"),
            [],
            |r| r.get(0),
        )?;
        let mut pilots = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
        let mut stmt = self
            .conn
            .prepare(&format!("{SELECT_PILOTS} WHERE p.id {ids} ORDER BY p.id"))?;
        for pilot in stmt.query_map([], row_to_pilot)? {
            pilots.push(pilot?);
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT pilot_id, language FROM pilot_languages WHERE pilot_id {ids} ORDER BY rowid"
        ))?;
        let langs = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in langs {
            let (id, lang) = row?;
            // The pilots are in id order.
            if let Ok(i) = pilots.binary_search_by_key(&id, |p| p.id) {
                pilots[i].languages.push(lang);
            }
        }
        Ok(pilots)
    }

    /// The list as the Lotsen screen and `pilots list` show it.
    pub fn list_pilots(&self, query: &PilotQuery) -> Result<Vec<Pilot>> {
        Ok(register::apply(&self.pilots()?, query)
            .into_iter()
            .cloned()
            .collect())
    }

    pub fn get_pilot(&self, id: i64) -> Result<Pilot> {
        let mut p = self
            .conn
            .query_row(
                &format!("{SELECT_PILOTS} WHERE p.id = ?1"),
                [id],
                row_to_pilot,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("Lotse Nr. {id} gibt es nicht.")))?;
        p.languages = self
            .conn
            .prepare("SELECT language FROM pilot_languages WHERE pilot_id = ?1 ORDER BY rowid")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(p)
    }

    fn validate_pilot(&self, input: &PilotInput, today: NaiveDate) -> Result<PilotData> {
        let refs = self.reference_data()?;
        pilot::validate(
            input,
            today,
            &refs.municipality_pairs(),
            &refs.district_names(),
        )
    }

    /// Likely duplicates of `input` (validated first); `id` is the pilot being edited.
    pub fn find_duplicates(
        &self,
        input: &PilotInput,
        id: Option<i64>,
        today: NaiveDate,
    ) -> Result<Vec<Duplicate>> {
        let data = self.validate_pilot(input, today)?;
        Ok(pilot::find_duplicates(&data, &self.pilots()?, id))
    }

    /// Creates a pilot with status Interessent effective `today`. Nothing is written if invalid.
    pub fn create_pilot(
        &mut self,
        input: &PilotInput,
        today: NaiveDate,
        who: &str,
    ) -> Result<Pilot> {
        self.create_pilot_since(input, today, today, who)
    }

    /// Creates a pilot registered "im Programm seit" `since` (status Interessent from that day), so
    /// the past can be entered after. `since` must not lie in the future.
    pub fn create_pilot_since(
        &mut self,
        input: &PilotInput,
        since: NaiveDate,
        today: NaiveDate,
        who: &str,
    ) -> Result<Pilot> {
        let data = self.validate_pilot(input, today)?;
        super::lifecycle::not_in_future("since", "Im Programm seit", since, today)?;
        let id = self.with_transaction(|tx| insert_pilot(tx, &data, since, who))?;
        self.get_pilot(id)
    }

    /// Moves a pilot to another former district from `on` (docs/DOMAIN.md#register: kept as history;
    /// coverage and payment figures of an earlier day use the district of that day). Refused for a
    /// day in the future, before the latest district change, or for the district the pilot has.
    pub fn change_district(
        &mut self,
        pilot_id: i64,
        district: &str,
        on: NaiveDate,
        note: &str,
        who: &str,
        today: NaiveDate,
    ) -> Result<crate::domain::record::PilotRecord> {
        let pilot = self.get_pilot(pilot_id)?;
        let district = district.trim();
        if !self
            .reference_data()?
            .district_names()
            .iter()
            .any(|d| d == district)
        {
            return Err(Error::field(
                "district",
                format!("Altkreis „{district}“ ist unbekannt."),
            ));
        }
        super::lifecycle::not_in_future("effective_on", "Wirksam ab", on, today)?;
        if note.chars().count() > 500 {
            return Err(Error::field(
                "note",
                "Notiz ist zu lang (höchstens 500 Zeichen).",
            ));
        }
        if pilot.district.as_deref() == Some(district) {
            return Err(Error::Rule {
                message: format!("Der Altkreis ist bereits „{district}“."),
                missing: vec![],
            });
        }
        let data = self.lifecycle_of(pilot_id)?;
        if let Some(last) = data.district_changes.iter().map(|c| c.effective_on).max() {
            if on < last {
                return Err(Error::Rule {
                    message: format!(
                        "Der Wechsel ist auf den {} datiert, vor dem letzten Altkreis-Wechsel am {}.",
                        crate::domain::dates::format_date(on),
                        crate::domain::dates::format_date(last)
                    ),
                    missing: vec![],
                });
            }
        }
        let now = now_utc();
        self.with_transaction(|tx| {
            tx.execute(
                "INSERT INTO district_changes (pilot_id, from_district_id, to_district_id, effective_on, note, who,
                    recorded_at)
                 VALUES (?1, (SELECT district_id FROM pilots WHERE id = ?1), (SELECT id FROM districts WHERE name = ?2),
                    ?3, ?4, ?5, ?6)",
                params![pilot_id, district, on.to_string(), note.trim(), who, now],
            )?;
            tx.execute(
                "UPDATE pilots SET district_id = (SELECT id FROM districts WHERE name = ?2), updated_at = ?3
                 WHERE id = ?1",
                params![pilot_id, district, now],
            )?;
            Ok(())
        })?;
        self.pilot_record(pilot_id, today)
    }

    /// Changes a pilot's register fields (not the status). Nothing is written if invalid.
    pub fn update_pilot(&mut self, id: i64, input: &PilotInput, today: NaiveDate) -> Result<Pilot> {
        self.get_pilot(id)?;
        let data = self.validate_pilot(input, today)?;
        self.with_transaction(|tx| write_fields(tx, id, &data, &now_utc()))?;
        self.get_pilot(id)
    }
}

/// Inserts a validated pilot with status Interessent effective `since`; returns the new id.
pub(crate) fn insert_pilot(
    tx: &Transaction,
    data: &PilotData,
    since: NaiveDate,
    who: &str,
) -> Result<i64> {
    let now = now_utc();
    // All fields in the INSERT, so the audit log has the new pilot in one entry; write_fields then
    // changes nothing in the row and adds the languages. Cached statements here and in write_fields:
    // preparing one also compiles the audit triggers (about 0.1 ms), which adds up in an import.
    tx.prepare_cached(
        "INSERT INTO pilots (first_name, last_name, birth_date, street, postcode, town, municipality_id,
            district_id, phone, email, recruitment_source, account_holder, iban, notes, created_at, updated_at, bic)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT id FROM municipalities WHERE name = ?7),
            (SELECT id FROM districts WHERE name = ?8), ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)",
    )?
    .execute(params![
        data.first_name,
        data.last_name,
        data.birth_date.map(|b| b.to_string()),
        data.street,
        data.postcode,
        data.town,
        data.municipality,
        data.district,
        data.phone,
        data.email,
        data.recruitment_source,
        data.account_holder,
        data.iban,
        data.notes,
        now,
        data.bic
    ])?;
    let id = tx.last_insert_rowid();
    write_fields(tx, id, data, &now)?;
    tx.prepare_cached(
        "INSERT INTO status_changes (pilot_id, status, effective_on, note, who, recorded_at)
         VALUES (?1, 'prospect', ?2, 'Neu aufgenommen', ?3, ?4)",
    )?
    .execute(params![id, since.to_string(), who, now])?;
    Ok(id)
}

fn write_fields(tx: &Transaction, id: i64, d: &PilotData, now: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE pilots SET first_name = ?2, last_name = ?3, birth_date = ?4, street = ?5, postcode = ?6,
            town = ?7,
            municipality_id = (SELECT id FROM municipalities WHERE name = ?8),
            district_id = (SELECT id FROM districts WHERE name = ?9),
            phone = ?10, email = ?11, recruitment_source = ?12, account_holder = ?13, iban = ?14,
            notes = ?15, updated_at = ?16, bic = ?17
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        d.first_name,
        d.last_name,
        d.birth_date.map(|b| b.to_string()),
        d.street,
        d.postcode,
        d.town,
        d.municipality,
        d.district,
        d.phone,
        d.email,
        d.recruitment_source,
        d.account_holder,
        d.iban,
        d.notes,
        now,
        d.bic
    ])?;
    // Rewritten only when the list (or its order) changed, so the audit log shows real changes.
    let current: Vec<String> = tx
        .prepare_cached("SELECT language FROM pilot_languages WHERE pilot_id = ?1 ORDER BY rowid")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let rewrite = current != d.languages;
    if rewrite {
        tx.prepare_cached("DELETE FROM pilot_languages WHERE pilot_id = ?1")?
            .execute([id])?;
    }
    for lang in &d.languages {
        if rewrite {
            tx.prepare_cached("INSERT INTO pilot_languages (pilot_id, language) VALUES (?1, ?2)")?
                .execute(params![id, lang])?;
        }
        // A new language joins the editable list.
        tx.prepare_cached(
            "INSERT OR IGNORE INTO languages (name, position)
             VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM languages))",
        )?
        .execute([lang])?;
    }
    Ok(())
}
