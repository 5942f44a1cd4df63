//! The ledger's use cases: the reconciliation (Abgleich) of approved months against today's facts,
//! corrections by hand, claim-backs until settled, and the guard before a restore. Input as typed,
//! parsed here with German messages naming the field.

use std::path::Path;

use serde::Deserialize;

use super::{parse, Session};
use crate::db::{Reconciliation, RestoreLoss};
use crate::domain::reconcile::{ClaimBack, Settlement};
use crate::domain::run::Correction;
use crate::error::{Error, Result};

/// A claim-back settled as typed: how ("offset"/"verrechnen", "repaid"/"zurückgezahlt",
/// "waived"/"erlassen"), on which day (empty: today) and why (needed for a waiver).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct SettleInput {
    pub statement_number: String,
    pub how: String,
    pub on: String,
    pub reason: String,
}

fn settlement(text: &str) -> Result<Settlement> {
    match text.trim().to_lowercase().as_str() {
        "offset" | "verrechnen" | "verrechnet" => Ok(Settlement::Offset),
        "repaid" | "zurückgezahlt" | "zurueckgezahlt" => Ok(Settlement::Repaid),
        "waived" | "waive" | "erlassen" => Ok(Settlement::Waived),
        other => Err(Error::field(
            "how",
            format!(
                "„{other}“ ist keine Erledigung; möglich: verrechnen, zurückgezahlt, erlassen."
            ),
        )),
    }
}

/// A year as typed ("2026"); empty means every year.
pub fn year(text: Option<&str>) -> Result<Option<i32>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => match t.parse::<i32>() {
            Ok(y) if (2000..=2999).contains(&y) => Ok(Some(y)),
            _ => Err(Error::field(
                "year",
                format!("Jahr „{t}“ ist ungültig; erwartet JJJJ, z. B. 2026."),
            )),
        },
    }
}

impl Session {
    /// "Abgleich": the differences of every approved month (of `year`, or all) by today's facts.
    pub fn reconcile(&self, year: Option<i32>) -> Result<Reconciliation> {
        self.store().reconcile(year)
    }

    /// "Übernehmen": books every difference as a correction (Nachzahlung/Rückforderung naming its
    /// month) for the next draft, and computes that draft anew when it exists.
    pub fn apply_reconciliation(&mut self, year: Option<i32>) -> Result<Reconciliation> {
        let who = self.actor();
        let booked = self.store_mut().apply_reconciliation(year, &who)?;
        self.refresh_correction_draft()?;
        Ok(booked)
    }

    /// A correction by hand (euros as typed, + Nachzahlung, − Rückforderung) for an approved month.
    pub fn add_correction(
        &mut self,
        pilot_id: i64,
        amount: &str,
        month: &str,
        reason: &str,
    ) -> Result<Correction> {
        let cents = parse::euros("amount", "Betrag", amount)?;
        let month = parse::month("month", month)?;
        let who = self.actor();
        self.store_mut()
            .add_correction(pilot_id, cents.0, &month.to_string(), reason, &who)
    }

    pub fn corrections_of(&self, pilot_id: i64) -> Result<Vec<Correction>> {
        self.store().corrections_of(pilot_id)
    }

    /// Every claim-back, open ones first.
    pub fn claim_backs(&self) -> Result<Vec<ClaimBack>> {
        self.store().claim_backs()
    }

    /// Settles a claim-back: offset against the next payment, repaid on a day, or waived with reason.
    pub fn settle_claim(&mut self, input: &SettleInput) -> Result<ClaimBack> {
        let how = settlement(&input.how)?;
        let today = self.today();
        let on = parse::optional_date(
            "on",
            "Datum",
            Some(input.on.as_str()).filter(|t| !t.trim().is_empty()),
        )?
        .unwrap_or(today);
        let who = self.actor();
        let claim = self.store_mut().settle_claim(
            &input.statement_number,
            how,
            on,
            &input.reason,
            &who,
            today,
        )?;
        if how == Settlement::Offset {
            self.refresh_correction_draft()?;
        }
        Ok(claim)
    }

    /// Waiting corrections appear in the draft that takes them at once, if that draft exists.
    fn refresh_correction_draft(&mut self) -> Result<()> {
        let Some(month) = self.store().correction_month()? else {
            return Ok(());
        };
        let month = month.to_string();
        if self
            .store()
            .run(&month)
            .is_ok_and(|r| r.state == crate::domain::run::RunState::Draft)
        {
            self.create_run(&month)?;
        }
        Ok(())
    }

    /// What restoring the backup at `path` would lose (approved or paid runs, SEPA exports); the
    /// app asks for a confirmation naming them. The file is checked first.
    pub fn restore_losses(&self, path: &Path) -> Result<Vec<RestoreLoss>> {
        crate::db::check_backup_file(path)?;
        self.store().restore_losses(path)
    }

    /// Refuses a restore that would lose approved or paid runs or SEPA exports unless `accept_loss`;
    /// the refusal lists them. (The numbers of what is lost stay reserved either way.)
    pub fn guard_restore(&self, plain: &Path, accept_loss: bool) -> Result<()> {
        let losses = self.store().restore_losses(plain)?;
        if losses.is_empty() || accept_loss {
            return Ok(());
        }
        let missing: Vec<String> = losses.into_iter().map(|l| l.description).collect();
        Err(Error::Rule {
            message: format!(
                "Die Sicherung ist älter als der aktuelle Stand: beim Zurückspielen gingen verloren: {}. Zurückspielen nur mit ausdrücklicher Bestätigung (Kommandozeile: --accept-loss); die Abrechnungsnummern bleiben reserviert.",
                missing.join("; ")
            ),
            missing,
        })
    }
}
