//! Fresh approval (docs/DOMAIN.md#approval): a month is approved with the figures the facts give at
//! the moment of approval. They are compared with the draft the coordinator was shown; any
//! difference in days, amounts, IBAN, BIC, account holder or rate stops the approval and is listed
//! line by line until it is accepted.

use serde::Serialize;

use crate::domain::iban;
use crate::domain::money::Cents;
use crate::domain::run::{Run, RunLine};

/// What approval compares of one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineFigures {
    pub pilot_id: i64,
    /// "Vorname Nachname"
    pub name: String,
    pub eligible_days: u32,
    pub days_in_month: u32,
    pub rate_cents: i64,
    pub amount_cents: i64,
    pub corrections_cents: i64,
    pub iban: String,
    pub bic: String,
    pub account_holder: String,
}

impl LineFigures {
    /// What approval compares of a stored line.
    pub fn of(l: &RunLine) -> LineFigures {
        LineFigures {
            pilot_id: l.pilot_id,
            name: l.name.clone(),
            eligible_days: l.eligible_days,
            days_in_month: l.days_in_month,
            rate_cents: l.rate_cents,
            amount_cents: l.amount_cents,
            corrections_cents: l.corrections_cents,
            iban: l.iban.clone(),
            bic: l.bic.clone(),
            account_holder: l.account_holder.clone(),
        }
    }
}

/// One difference between the draft shown and the figures of today, for one pilot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Difference {
    /// 0 for a difference of the whole draft.
    pub pilot_id: i64,
    pub name: String,
    /// `line` (added or gone), `days`, `rate`, `amount`, `corrections`, `iban`, `bic`,
    /// `account_holder`, `draft`.
    pub field: String,
    pub before: String,
    pub after: String,
    /// The line as shown in the dialog and printed by the command line.
    pub text: String,
}

/// The answer of "Freigeben".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Approval {
    /// Approved with these figures.
    Approved { run: Box<Run> },
    /// Not approved: the facts give other figures than the draft shown. Approving `fingerprint`
    /// (the fresh figures) accepts them.
    Stale {
        differences: Vec<Difference>,
        fingerprint: String,
    },
}

/// A short text that changes whenever any compared figure of any line changes (FNV-1a, 64 bit,
/// over the lines in pilot order). The window passes the fingerprint of the draft it shows.
pub fn fingerprint(lines: &[LineFigures]) -> String {
    let mut sorted: Vec<&LineFigures> = lines.iter().collect();
    sorted.sort_by_key(|l| l.pilot_id);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for l in sorted {
        let text = format!(
            "{}|{}|{}|{}|{}|{}|{}|{}|{}\n",
            l.pilot_id,
            l.eligible_days,
            l.days_in_month,
            l.rate_cents,
            l.amount_cents,
            l.corrections_cents,
            l.iban,
            l.bic,
            l.account_holder
        );
        for b in text.bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

fn shown_iban(i: &str) -> String {
    if i.is_empty() {
        "—".into()
    } else {
        iban::format(i)
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

/// The differences from `shown` to `fresh`, pilot by pilot (in the order of `fresh`, then the
/// lines that are gone), each as one German line.
pub fn differences(shown: &[LineFigures], fresh: &[LineFigures]) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut push = |l: &LineFigures, field: &str, label: &str, before: String, after: String| {
        out.push(Difference {
            pilot_id: l.pilot_id,
            name: l.name.clone(),
            field: field.into(),
            text: format!("{}: {label} {before} → {after}", l.name),
            before,
            after,
        });
    };
    let days = |l: &LineFigures| format!("{}/{}", l.eligible_days, l.days_in_month);
    for f in fresh {
        let Some(s) = shown.iter().find(|s| s.pilot_id == f.pilot_id) else {
            push(
                f,
                "line",
                "neu im Lauf:",
                "—".into(),
                format!(
                    "{} Tage, {}",
                    days(f),
                    Cents(f.amount_cents + f.corrections_cents)
                ),
            );
            continue;
        };
        if (s.eligible_days, s.days_in_month) != (f.eligible_days, f.days_in_month) {
            push(f, "days", "Tage", days(s), days(f));
        }
        if s.rate_cents != f.rate_cents {
            push(
                f,
                "rate",
                "Monatsbetrag",
                Cents(s.rate_cents).to_string(),
                Cents(f.rate_cents).to_string(),
            );
        }
        if s.amount_cents != f.amount_cents {
            push(
                f,
                "amount",
                "Betrag",
                Cents(s.amount_cents).to_string(),
                Cents(f.amount_cents).to_string(),
            );
        }
        if s.corrections_cents != f.corrections_cents {
            push(
                f,
                "corrections",
                "Korrekturen",
                Cents(s.corrections_cents).to_string(),
                Cents(f.corrections_cents).to_string(),
            );
        }
        if s.iban != f.iban {
            push(f, "iban", "IBAN", shown_iban(&s.iban), shown_iban(&f.iban));
        }
        if s.bic != f.bic {
            push(f, "bic", "BIC", or_dash(&s.bic), or_dash(&f.bic));
        }
        if s.account_holder != f.account_holder {
            push(
                f,
                "account_holder",
                "Kontoinhaber",
                or_dash(&s.account_holder),
                or_dash(&f.account_holder),
            );
        }
    }
    for s in shown {
        if !fresh.iter().any(|f| f.pilot_id == s.pilot_id) {
            push(
                s,
                "line",
                "nicht mehr im Lauf:",
                format!(
                    "{} Tage, {}",
                    days(s),
                    Cents(s.amount_cents + s.corrections_cents)
                ),
                "—".into(),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: i64, days: u32, amount: i64) -> LineFigures {
        LineFigures {
            pilot_id: id,
            name: format!("Lotse {id}"),
            eligible_days: days,
            days_in_month: 30,
            rate_cents: 13_000,
            amount_cents: amount,
            corrections_cents: 0,
            iban: "DE89370400440532013000".into(),
            bic: String::new(),
            account_holder: format!("Lotse {id}"),
        }
    }

    #[test]
    fn the_same_figures_have_the_same_fingerprint_in_any_order() {
        let a = vec![line(1, 30, 13_000), line(2, 30, 13_000)];
        let b = vec![line(2, 30, 13_000), line(1, 30, 13_000)];
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert!(differences(&a, &b).is_empty());
        let mut c = a.clone();
        c[1].iban = "DE02120300000000202051".into();
        assert_ne!(fingerprint(&a), fingerprint(&c));
        assert_eq!(fingerprint(&[]).len(), 16);
    }

    #[test]
    fn a_pause_from_25_november_shows_days_and_amount() {
        let shown = vec![line(1, 30, 13_000)];
        let mut fresh = vec![line(1, 24, 10_400)];
        fresh[0].iban = "DE02120300000000202051".into();
        let d = differences(&shown, &fresh);
        let texts: Vec<&str> = d.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Lotse 1: Tage 30/30 → 24/30",
                "Lotse 1: Betrag 130,00 € → 104,00 €",
                "Lotse 1: IBAN DE89 3704 0044 0532 0130 00 → DE02 1203 0000 0000 2020 51",
            ]
        );
    }

    #[test]
    fn lines_that_come_and_go() {
        let shown = vec![line(1, 30, 13_000)];
        let fresh = vec![line(2, 10, 4_333)];
        let d = differences(&shown, &fresh);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].text, "Lotse 2: neu im Lauf: — → 10/30 Tage, 43,33 €");
        assert_eq!(
            d[1].text,
            "Lotse 1: nicht mehr im Lauf: 30/30 Tage, 130,00 € → —"
        );
    }
}
