//! The SEPA credit transfer file (pain.001.001.09, EPC SCT customer-to-bank) of an approved run: one
//! transaction per line with a positive net; claim-backs are never transferred.
//!
//! Texts go into the file in the SEPA character set only (a-z A-Z 0-9 space ' : ? , - ( + . ) /): German
//! letters are spelled out (ä → ae, ß → ss), other letters lose their accents, anything else is dropped.
//! The XML is written by hand with escaping; the structure is fixed and small.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use super::transliterate;
use crate::domain::allowance::Month;
use crate::domain::iban;
use crate::domain::run::{Run, RunState};
use crate::domain::settings::Debtor;
use crate::error::{Error, Result};

/// Namespace of pain.001.001.09.
pub const NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
/// Longest name (Nm) the EPC rules allow.
pub const MAX_NAME: usize = 70;
/// Longest unstructured remittance text (Ustrd).
pub const MAX_REMITTANCE: usize = 140;

fn sepa_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " ':?,-(+.)/".contains(c)
}

/// `text` in the SEPA character set, whitespace collapsed, at most `max` characters: "Ayşe Müller-Öztürk"
/// → "Ayse Mueller-Oeztuerk", "Straße & Co." → "Strasse + Co.". Characters without a Latin spelling are
/// dropped.
pub fn sepa_text(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push('+'),
            '_' | '–' | '—' => out.push('-'),
            '„' | '“' | '”' | '"' | '‚' | '‘' | '’' => out.push('\''),
            c if c.is_whitespace() => out.push(' '),
            c if sepa_char(c) => out.push(c),
            c => {
                let t = transliterate(&c.to_string());
                if t != "?" {
                    out.extend(t.chars().filter(|c| sepa_char(*c)));
                }
            }
        }
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .chars()
        .take(max)
        .collect::<String>()
        .trim()
        .to_string()
}

/// "130.00" for 13000 cents.
fn amount(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Escapes text for XML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A small XML writer: nested elements, indented two spaces, text escaped.
struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Xml {
    fn new() -> Xml {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            open: Vec::new(),
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    fn start(&mut self, name: &'static str) -> &mut Self {
        self.start_with(name, &[])
    }

    fn start_with(&mut self, name: &'static str, attrs: &[(&str, &str)]) -> &mut Self {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push_str(&format!(" {k}=\"{}\"", escape(v)));
        }
        self.out.push_str(">\n");
        self.open.push(name);
        self
    }

    fn end(&mut self) -> &mut Self {
        let name = self.open.pop().expect("an element is open");
        self.indent();
        self.out.push_str(&format!("</{name}>\n"));
        self
    }

    fn leaf(&mut self, name: &'static str, text: &str) -> &mut Self {
        self.leaf_with(name, &[], text)
    }

    fn leaf_with(&mut self, name: &'static str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push_str(&format!(" {k}=\"{}\"", escape(v)));
        }
        self.out.push_str(&format!(">{}</{name}>\n", escape(text)));
        self
    }

    fn finish(self) -> String {
        debug_assert!(self.open.is_empty());
        self.out
    }
}

fn rule(message: String, missing: Vec<String>) -> Error {
    Error::Rule { message, missing }
}

/// Checks the debtor from the settings: a name and a valid IBAN, the BIC optional but well-formed.
/// Returns the name in the SEPA character set, the normalised IBAN and BIC.
fn check_debtor(debtor: &Debtor) -> Result<(String, String, String)> {
    let mut missing = Vec::new();
    let name = sepa_text(&debtor.name, MAX_NAME);
    if name.is_empty() {
        missing.push("Name des Auftraggebers fehlt (Einstellungen: Zahlungsverkehr).".to_string());
    }
    let iban = iban::normalize(&debtor.iban);
    if iban.is_empty() {
        missing.push(
            "IBAN des Auftraggebers (Konto des Landkreises) fehlt (Einstellungen: Zahlungsverkehr)."
                .to_string(),
        );
    } else if let Err(reason) = iban::check(&iban) {
        missing.push(format!("IBAN des Auftraggebers: {reason}"));
    }
    let bic = iban::normalize(&debtor.bic);
    let bic_ok = |b: &str| {
        let c: Vec<char> = b.chars().collect();
        (c.len() == 8 || c.len() == 11)
            && c.iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && c[4..6].iter().all(|c| c.is_ascii_uppercase())
    };
    if !bic.is_empty() && !bic_ok(&bic) {
        missing.push(format!(
            "BIC des Auftraggebers „{}“ ist ungültig (8 oder 11 Zeichen, z. B. NOLADE21HAL).",
            debtor.bic.trim()
        ));
    }
    if missing.is_empty() {
        Ok((name, iban, bic))
    } else {
        Err(rule(
            format!(
                "Die SEPA-Datei kann nicht erstellt werden: {}",
                missing.join(" ")
            ),
            missing,
        ))
    }
}

/// `created_at` as an ISO date-time for CreDtTm and the digits for the message id.
fn creation_time(created_at: &str) -> Result<(String, String)> {
    let s = created_at.trim();
    let (iso, naive) = if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        (
            t.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            t.naive_local(),
        )
    } else {
        let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
            .map_err(|_| {
                Error::field(
                    "created_at",
                    format!("Erstellungszeit „{s}“ ist ungültig; erwartet JJJJ-MM-TTThh:mm:ss."),
                )
            })?;
        (t.format("%Y-%m-%dT%H:%M:%S").to_string(), t)
    };
    Ok((iso, naive.format("%Y%m%d%H%M%S").to_string()))
}

/// The remittance text: "Aufwandsentschaedigung Integrationslotse 11/2026 AE-2026-11-007".
pub fn remittance(month: Month, statement_number: &str) -> String {
    sepa_text(
        &format!(
            "Aufwandsentschädigung Integrationslotse {:02}/{} {statement_number}",
            month.month, month.year
        ),
        MAX_REMITTANCE,
    )
}

/// The message id: "LOTSEN-2026-11-20261201101500" (at most 35 characters).
pub fn message_id(month: Month, created_at: &str) -> Result<String> {
    let (_, digits) = creation_time(created_at)?;
    Ok(format!("LOTSEN-{month}-{digits}"))
}

/// The pain.001.001.09 file of an approved (or paid) run. Refused for drafts, without a valid debtor
/// account, or when no line has a positive net.
pub fn sepa_xml(
    run: &Run,
    debtor: &Debtor,
    execution_date: NaiveDate,
    created_at: &str,
) -> Result<String> {
    let month = Month::parse(&run.month).ok_or_else(|| {
        Error::field(
            "month",
            format!("Monat „{}“ ist ungültig; erwartet JJJJ-MM.", run.month),
        )
    })?;
    if run.state == RunState::Draft {
        return Err(rule(
            format!(
                "Nur freigegebene Läufe ergeben eine SEPA-Datei; der Lauf {} ist noch ein Entwurf.",
                month.label()
            ),
            vec!["Lauf freigeben".to_string()],
        ));
    }
    let (debtor_name, debtor_iban, debtor_bic) = check_debtor(debtor)?;
    let (created, digits) = creation_time(created_at)?;
    // Accounts outside SEPA are paid by hand ("manuelle Zahlung") and never put into the file.
    let lines: Vec<_> = run
        .lines
        .iter()
        .filter(|l| l.net_cents > 0 && l.route != iban::Route::Manual)
        .collect();
    if lines.is_empty() {
        return Err(rule(
            format!(
                "Im Lauf {} gibt es keine Überweisungen; eine SEPA-Datei ist nicht nötig.",
                month.label()
            ),
            Vec::new(),
        ));
    }
    let mut problems = Vec::new();
    for l in &lines {
        let n = l.statement_number.as_deref().unwrap_or("");
        if n.is_empty() || n.len() > 35 {
            problems.push(format!("{}: keine Abrechnungsnummer", l.name));
        }
        if let Err(reason) = iban::check_payee(&iban::normalize(&l.iban), &l.bic) {
            problems.push(format!("{}: {reason}", l.name));
        }
        if sepa_text(&holder(l), MAX_NAME).is_empty() {
            problems.push(format!("{}: Kontoinhaber fehlt", l.name));
        }
    }
    if !problems.is_empty() {
        return Err(rule(
            format!(
                "Die SEPA-Datei kann nicht erstellt werden: {}.",
                problems.join("; ")
            ),
            problems,
        ));
    }

    let count = lines.len().to_string();
    let sum: i64 = lines.iter().map(|l| l.net_cents).sum();
    let sum = amount(sum);
    let msg_id = format!("LOTSEN-{month}-{digits}");
    let pmt_id = format!("{msg_id}-1");

    let mut x = Xml::new();
    x.start_with(
        "Document",
        &[
            ("xmlns", NAMESPACE),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09 pain.001.001.09.xsd",
            ),
        ],
    );
    x.start("CstmrCdtTrfInitn");
    x.start("GrpHdr")
        .leaf("MsgId", &msg_id)
        .leaf("CreDtTm", &created)
        .leaf("NbOfTxs", &count)
        .leaf("CtrlSum", &sum)
        .start("InitgPty")
        .leaf("Nm", &debtor_name)
        .end()
        .end();
    x.start("PmtInf")
        .leaf("PmtInfId", &pmt_id)
        .leaf("PmtMtd", "TRF")
        .leaf("BtchBookg", "true")
        .leaf("NbOfTxs", &count)
        .leaf("CtrlSum", &sum)
        .start("PmtTpInf")
        .start("SvcLvl")
        .leaf("Cd", "SEPA")
        .end()
        .end()
        .start("ReqdExctnDt")
        .leaf("Dt", &execution_date.format("%Y-%m-%d").to_string())
        .end()
        .start("Dbtr")
        .leaf("Nm", &debtor_name)
        .end()
        .start("DbtrAcct")
        .start("Id")
        .leaf("IBAN", &debtor_iban)
        .end()
        .end()
        .start("DbtrAgt")
        .start("FinInstnId");
    if debtor_bic.is_empty() {
        x.start("Othr").leaf("Id", "NOTPROVIDED").end();
    } else {
        x.leaf("BICFI", &debtor_bic);
    }
    x.end().end().leaf("ChrgBr", "SLEV");
    for l in &lines {
        let number = l.statement_number.as_deref().unwrap_or_default();
        x.start("CdtTrfTxInf")
            .start("PmtId")
            .leaf("EndToEndId", number)
            .end()
            .start("Amt")
            .leaf_with("InstdAmt", &[("Ccy", "EUR")], &amount(l.net_cents))
            .end();
        if !l.bic.is_empty() {
            x.start("CdtrAgt")
                .start("FinInstnId")
                .leaf("BICFI", &l.bic)
                .end()
                .end();
        }
        x.start("Cdtr")
            .leaf("Nm", &sepa_text(&holder(l), MAX_NAME))
            .end()
            .start("CdtrAcct")
            .start("Id")
            .leaf("IBAN", &iban::normalize(&l.iban))
            .end()
            .end()
            .start("RmtInf")
            .leaf("Ustrd", &remittance(month, number))
            .end()
            .end();
    }
    x.end().end().end();
    Ok(x.finish())
}

/// The account holder as the bank has it (Verification of Payee); the pilot's name if none is stored.
fn holder(l: &crate::domain::run::RunLine) -> String {
    if l.account_holder.trim().is_empty() {
        l.name.clone()
    } else {
        l.account_holder.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sepa_characters_only() {
        assert_eq!(sepa_text("Ayşe Müller-Öztürk", 70), "Ayse Mueller-Oeztuerk");
        assert_eq!(
            sepa_text("Straße & Söhne_GmbH", 70),
            "Strasse + Soehne-GmbH"
        );
        assert_eq!(sepa_text("Jürgen  Übungsmann\n", 70), "Juergen Uebungsmann");
        assert_eq!(sepa_text("Олена Probe", 70), "Probe");
        assert_eq!(sepa_text("a<b>c\"d;e!f", 70), "abc'def");
        let long = sepa_text(&"Ä".repeat(100), 70);
        assert_eq!(long.len(), 70);
        assert!(sepa_text("x €", 70) == "x");
    }

    #[test]
    fn amounts_and_ids() {
        assert_eq!(amount(13_000), "130.00");
        assert_eq!(amount(5), "0.05");
        assert_eq!(amount(123_456), "1234.56");
        let m = Month::parse("2026-11").unwrap();
        assert_eq!(
            remittance(m, "AE-2026-11-007"),
            "Aufwandsentschaedigung Integrationslotse 11/2026 AE-2026-11-007"
        );
        let id = message_id(m, "2026-12-01T10:15:00Z").unwrap();
        assert_eq!(id, "LOTSEN-2026-11-20261201101500");
        assert!(id.len() + 2 <= 35);
        assert_eq!(
            creation_time("2026-12-01T10:15:00").unwrap().0,
            "2026-12-01T10:15:00"
        );
        assert!(creation_time("gestern").is_err());
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a&b<c>'\""), "a&amp;b&lt;c&gt;&apos;&quot;");
    }

    #[test]
    fn debtor_is_checked() {
        let mut d = Debtor::default();
        let Err(Error::Rule { message, .. }) = check_debtor(&d) else {
            panic!()
        };
        assert!(message.contains("IBAN des Auftraggebers"), "{message}");
        d.iban = "DE89 3704 0044 0532 0130 01".into();
        assert!(check_debtor(&d).is_err());
        d.iban = "DE89 3704 0044 0532 0130 00".into();
        assert_eq!(check_debtor(&d).unwrap().1, "DE89370400440532013000");
        d.bic = "NOLADE21HAL".into();
        assert!(check_debtor(&d).is_ok());
        d.bic = "XYZ".into();
        assert!(check_debtor(&d).is_err());
    }
}
