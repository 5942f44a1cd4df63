//! Statements, payment list, combined PDF and SEPA file of an allowance run, from a real database with the
//! demo data: read back with pdftotext/pdfinfo, rendered for a blank margin, the SEPA file validated with
//! xmllint against the pain.001.001.09 schema shipped in tests/data. Needs poppler-utils and
//! libxml2-utils. Set LOTSEN_PDF_LOOK=DIR to keep copies of the PDFs for looking at them.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lotsen::db::demo;
use lotsen::domain::money::Cents;
use lotsen::domain::run::{Budget, Run, RunState};
use lotsen::{Error, Store};

use common::{assert_blank_margins, collapsed, page_count, text_of, text_of_page, write};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn budget(year: i32, cents: i64) -> Budget {
    Budget {
        year,
        amount_cents: cents,
        notice_number: "HZ-4711".into(),
        notice_date: Some(d("2026-01-12")),
        budget_line: "31500.53100".into(),
    }
}

const DEBTOR_IBAN: &str = "DE89370400440532013000";

/// The demo database on 26.11.2026 with a budget for 2026 and the debtor account set.
fn demo_store(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("a.sqlite3")).unwrap();
    demo::load(&mut store, d("2026-11-26"), "T").unwrap();
    store.set_budget(&budget(2026, 4_680_000), "T").unwrap();
    let mut settings = store.settings().unwrap();
    settings.debtor.iban = DEBTOR_IBAN.into();
    settings.debtor.bic = "NOLADE21HAL".into();
    store.save_settings(&settings).unwrap();
    store
}

/// November 2026 approved on 1 December.
fn approved_november(store: &mut Store) -> Run {
    store.create_run("2026-11", d("2026-12-01")).unwrap();
    store.approve_run("2026-11", "T", d("2026-12-01")).unwrap()
}

fn pdf_path(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    write(dir, name, bytes)
}

/// The amount as printed: "130,00 €".
fn euros(cents: i64) -> String {
    Cents(cents).to_string()
}

#[test]
fn approved_run_documents_read_back_completely() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let run = approved_november(&mut store);
    assert!(run.lines.len() >= 15, "{} lines", run.lines.len());
    assert!(run.lines.iter().all(|l| l.net_cents > 0));
    let docs = store.run_documents("2026-11", d("2026-12-01")).unwrap();
    assert!(!docs.draft);
    assert_eq!(docs.statements.len(), run.lines.len());
    assert_eq!(docs.combined_file_name(), "Abrechnung_2026-11.pdf");

    // The payment list: month, budget year, budget line, every payee, subtotals, total, budget status,
    // sign-off.
    let list = pdf_path(dir.path(), "auszahlungsliste.pdf", &docs.payment_list);
    let list_pages = page_count(&list);
    let text = text_of(&list);
    let flat = collapsed(&text);
    for needle in [
        "Auszahlungsliste November 2026",
        "Aufwandsentschädigung Integrationslotsen · Zeitraum 01.11.2026–30.11.2026",
        "01.11.2026–30.11.2026",
        "Haushaltsjahr",
        "2026",
        "31500.53100",
        "HZ-4711 vom 12.01.2026",
        "Fällig am",
        "15.12.2026",
        "Auszahlungen",
        "Gesamtsumme",
        "Haushaltsstatus 2026",
        "Sachlich richtig",
        "Rechnerisch richtig",
        "Angeordnet",
        "Datum",
        "Unterschrift",
    ] {
        assert!(flat.contains(needle), "list lacks {needle:?}:\n{text}");
    }
    assert!(!text.contains("ENTWURF"), "{text}");
    for l in &run.lines {
        let no = l.statement_number.as_deref().unwrap();
        let row = text
            .lines()
            .find(|t| t.contains(no))
            .unwrap_or_else(|| panic!("no row for {no}:\n{text}"));
        assert!(row.contains(&l.name), "{row}");
        assert!(
            row.contains(&lotsen::domain::iban::format(&l.iban)),
            "{row}"
        );
        assert!(row.trim_end().ends_with(&euros(l.net_cents)), "{row}");
        assert!(row.contains(&l.district), "{row}");
    }
    // Subtotals per district and the total.
    let mut districts: Vec<&str> = run.lines.iter().map(|l| l.district.as_str()).collect();
    districts.dedup();
    for dist in districts {
        let sum: i64 = run
            .lines
            .iter()
            .filter(|l| l.district == dist)
            .map(|l| l.net_cents)
            .sum();
        let count = run.lines.iter().filter(|l| l.district == dist).count();
        assert!(
            flat.contains(&format!("Summe {dist} ({count} Zahlungen) {}", euros(sum))),
            "no subtotal for {dist}:\n{text}"
        );
    }
    assert!(
        flat.contains(&format!(
            "Gesamtsumme ({} Zahlungen) {}",
            run.lines.len(),
            euros(run.total_cents)
        )),
        "{text}"
    );
    // Budget status: budget, approved before (nothing), this run, remaining.
    for (label, cents) in [
        ("Budget 2026 (Bescheid HZ-4711 vom 12.01.2026)", 4_680_000),
        (
            "bereits freigegeben vor diesem Lauf (Januar bis Oktober)",
            0,
        ),
        ("dieser Lauf (Auszahlungen)", run.total_cents),
        ("verbleibend nach diesem Lauf", 4_680_000 - run.total_cents),
    ] {
        assert!(
            flat.contains(&format!("{label} {}", euros(cents))),
            "no {label}:\n{text}"
        );
    }
    assert!(!flat.contains("Rückforderungen"), "{text}");
    // Every page carries the list's title; continuation pages the running head.
    for page in 1..=list_pages {
        let t = text_of_page(&list, page);
        assert!(t.contains(&format!("Blatt {page} von {list_pages}")), "{t}");
        if page > 1 {
            assert!(
                t.contains("Auszahlungsliste November 2026 – Haushaltsjahr 2026 (Fortsetzung)"),
                "{t}"
            );
            // A page that continues the table repeats its header.
            if t.contains("AE-2026-11-") {
                assert!(t.contains("Abrechnungs-Nr.") && t.contains("IBAN"), "{t}");
            }
        }
    }
    assert_blank_margins(&list);

    // Each statement: one page with everything a payment order needs.
    for ((name, bytes), l) in docs.statements.iter().zip(&run.lines) {
        let no = l.statement_number.as_deref().unwrap();
        assert!(name.starts_with(&format!("{no}_")), "{name}");
        assert!(name.ends_with(".pdf") && name.is_ascii(), "{name}");
        let path = pdf_path(dir.path(), name, bytes);
        assert_eq!(page_count(&path), 1, "{name}");
        let text = text_of(&path);
        let flat = collapsed(&text);
        let pilot = store.get_pilot(l.pilot_id).unwrap();
        for needle in [
            "Aufwandsentschädigung Integrationslotsen – Abrechnung November 2026".to_string(),
            format!("Abrechnungs-Nr. {no}"),
            l.name.clone(),
            l.account_holder.clone(),
            pilot.street.clone(),
            format!("{} {}", pilot.postcode, pilot.town),
            lotsen::domain::iban::format(&l.iban),
            "01.11.2026–30.11.2026".into(),
            format!("{} von {} Tagen", l.eligible_days, l.days_in_month),
            format!("Monatsbetrag {}", euros(l.rate_cents)),
            format!("Auszahlungsbetrag {}", euros(l.net_cents)),
            "Buchungsstelle 31500.53100".into(),
            "Haushaltsjahr 2026".into(),
            "Fällig am 15.12.2026".into(),
            "Rechtsgrundlage".into(),
            "§ 35 Abs. 2 KVG LSA".into(),
            "§ 3 Nr. 12 EStG".into(),
            "Sachlich richtig".into(),
            "Rechnerisch richtig".into(),
            "Angeordnet".into(),
            "Landkreis Harz · Friedrich-Ebert-Straße 42 · 38820 Halberstadt".into(),
        ] {
            assert!(flat.contains(&needle), "{name} lacks {needle:?}:\n{text}");
        }
        assert!(!text.contains("ENTWURF"));
    }
    // Names with umlauts and ş come through.
    let all: String = docs
        .statements
        .iter()
        .map(|(n, b)| text_of(&pdf_path(dir.path(), n, b)))
        .collect();
    for name in ["Ayşe Demo-Öztürk", "Jürgen Übungsmann"] {
        if run.lines.iter().any(|l| l.name == name) {
            assert!(all.contains(name), "{name}");
        }
    }
    assert!(run.lines.iter().any(|l| l.name == "Jürgen Übungsmann"));
    let first = &docs.statements[0];
    assert_blank_margins(&pdf_path(dir.path(), &first.0, &first.1));

    // The combined PDF: the list, then one page per statement, in order.
    let combined = pdf_path(dir.path(), "komplett.pdf", &docs.combined);
    assert_eq!(page_count(&combined), list_pages + run.lines.len());
    for (i, l) in run.lines.iter().enumerate() {
        let t = collapsed(&text_of_page(&combined, list_pages + 1 + i));
        assert!(
            t.contains(&format!(
                "Abrechnungs-Nr. {}",
                l.statement_number.as_deref().unwrap()
            )) && t.contains(&l.name),
            "page {}: {t}",
            list_pages + 1 + i
        );
    }
    assert_blank_margins(&combined);
    // Subset fonts keep the files small.
    assert!(
        docs.statements[0].1.len() < 60_000,
        "{}",
        docs.statements[0].1.len()
    );
}

#[test]
fn a_draft_is_marked_on_every_page_and_has_no_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let run = store.create_run("2026-11", d("2026-11-26")).unwrap();
    assert_eq!(run.state, RunState::Draft);
    let docs = store.run_documents("2026-11", d("2026-11-26")).unwrap();
    assert!(docs.draft);
    assert_eq!(docs.combined_file_name(), "Entwurf_2026-11_Abrechnung.pdf");
    let combined = pdf_path(dir.path(), "entwurf.pdf", &docs.combined);
    let pages = page_count(&combined);
    assert!(pages > run.lines.len());
    for page in 1..=pages {
        let t = text_of_page(&combined, page);
        assert!(t.contains("ENTWURF"), "page {page}:\n{t}");
        assert!(!t.contains("AE-2026-11-"), "page {page}:\n{t}");
    }
    for (name, bytes) in &docs.statements {
        assert!(name.starts_with("Entwurf_2026-11_"), "{name}");
        let path = pdf_path(dir.path(), name, bytes);
        let flat = collapsed(&text_of(&path));
        assert!(flat.contains("ENTWURF"), "{name}");
        assert!(flat.contains("Abrechnungs-Nr. —"), "{name}: {flat}");
        assert_eq!(page_count(&path), 1);
    }
    let list = pdf_path(dir.path(), "entwurf-liste.pdf", &docs.payment_list);
    assert!(text_of(&list).contains("ENTWURF"));
    assert_blank_margins(&combined);
    // No SEPA file for a draft.
    match store.sepa_for("2026-11", d("2026-11-26")) {
        Err(Error::Rule { message, .. }) => {
            assert!(message.starts_with("Nur freigegebene Läufe"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    // The large diagonal mark itself: light grey ink across the middle of every page, and none on an
    // approved run's pages.
    for n in watermark_pixels(&combined) {
        assert!(n > 3_000, "{n} watermark pixels");
    }
    store.approve_run("2026-11", "T", d("2026-12-01")).unwrap();
    let approved = store.run_documents("2026-11", d("2026-12-01")).unwrap();
    let approved = pdf_path(dir.path(), "freigegeben.pdf", &approved.combined);
    for n in watermark_pixels(&approved) {
        // Anti-aliased text edges give a few hundred.
        assert!(n < 1_000, "{n} watermark-grey pixels on an approved page");
    }
}

/// Per page (rendered at 50 dpi): the pixels of the watermark's grey (0.88) in the middle third of the
/// page.
fn watermark_pixels(path: &Path) -> Vec<usize> {
    let out = tempfile::tempdir().unwrap();
    let prefix = out.path().join("p");
    common::run(
        "pdftoppm",
        &["-r", "50", path.to_str().unwrap(), prefix.to_str().unwrap()],
    );
    let mut pages: Vec<PathBuf> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    pages
        .iter()
        .map(|p| {
            let (w, h, px) = common::read_ppm(p);
            let mut n = 0;
            for y in h / 3..2 * h / 3 {
                for x in 0..w {
                    let i = (y * w + x) * 3;
                    if px[i..i + 3].iter().all(|&v| (222..=227).contains(&v)) {
                        n += 1;
                    }
                }
            }
            n
        })
        .collect()
}

/// Validates `xml` with xmllint against the schema shipped as test data.
fn assert_valid_pain001(dir: &Path, xml: &str) {
    let path = dir.join("sepa.xml");
    std::fs::write(&path, xml).unwrap();
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pain.001.001.09.xsd");
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&xsd)
        .arg(&path)
        .output()
        .expect("xmllint not runnable (Debian package libxml2-utils)");
    assert!(
        out.status.success(),
        "schema validation failed: {}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The text of every `<tag>` element (`tag` may carry attributes: `InstdAmt Ccy="EUR"`).
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{}>", tag.split(' ').next().unwrap());
    xml.split(&open)
        .skip(1)
        .map(|rest| &rest[..rest.find(&close).unwrap()])
        .collect()
}

fn sepa_amount(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[test]
fn sepa_file_is_valid_and_matches_the_payment_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let run = approved_november(&mut store);
    let (name, xml) = store.sepa_for("2026-11", d("2026-12-01")).unwrap();
    assert_eq!(name, "SEPA-Ueberweisungen_2026-11.xml");
    assert_valid_pain001(dir.path(), &xml);
    assert!(xml.is_ascii(), "umlauts in the SEPA file");

    let positive: Vec<_> = run.lines.iter().filter(|l| l.net_cents > 0).collect();
    // Group header and payment information: count and control sum = the payment list's total.
    assert_eq!(
        elements(&xml, "NbOfTxs"),
        vec![positive.len().to_string(); 2]
    );
    assert_eq!(
        elements(&xml, "CtrlSum"),
        vec![sepa_amount(run.total_cents); 2]
    );
    let list_text = collapsed(&text_of(&pdf_path(
        dir.path(),
        "liste.pdf",
        &store
            .run_documents("2026-11", d("2026-12-01"))
            .unwrap()
            .payment_list,
    )));
    assert!(list_text.contains(&format!(
        "Gesamtsumme ({} Zahlungen) {}",
        positive.len(),
        euros(run.total_cents)
    )));
    let amounts: i64 = elements(&xml, "InstdAmt Ccy=\"EUR\"")
        .iter()
        .map(|a| {
            let (e, c) = a.split_once('.').unwrap();
            assert_eq!(c.len(), 2, "{a}");
            e.parse::<i64>().unwrap() * 100 + c.parse::<i64>().unwrap()
        })
        .sum();
    assert_eq!(amounts, run.total_cents);
    // One transaction per payee: end-to-end id = statement number, creditor IBAN, remittance text.
    let ids = elements(&xml, "EndToEndId");
    assert_eq!(ids.len(), positive.len());
    for l in &positive {
        let no = l.statement_number.as_deref().unwrap();
        assert!(ids.contains(&no), "{no}");
        assert!(xml.contains(&format!("<IBAN>{}</IBAN>", l.iban)));
        assert!(xml.contains(&format!(
            "<Ustrd>Aufwandsentschaedigung Integrationslotse 11/2026 {no}</Ustrd>"
        )));
    }
    assert!(xml.contains("<Nm>Juergen Uebungsmann</Nm>"), "{xml}");
    assert!(xml.contains(&format!("<IBAN>{DEBTOR_IBAN}</IBAN>")));
    assert!(xml.contains("<BICFI>NOLADE21HAL</BICFI>"));
    assert!(xml.contains("<Nm>Landkreis Harz</Nm>"));
    assert!(
        collapsed(&xml).contains("<ReqdExctnDt> <Dt>2026-12-15</Dt>"),
        "{xml}"
    );
    let msg = elements(&xml, "MsgId")[0];
    assert!(
        msg.starts_with("LOTSEN-2026-11-") && msg.len() <= 35,
        "{msg}"
    );
    for name in elements(&xml, "Nm") {
        assert!(!name.is_empty() && name.chars().count() <= 70, "{name}");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || " ':?,-(+.)/".contains(c)),
            "{name}"
        );
    }

    // Without the county's IBAN the file is refused with a clear message.
    let mut settings = store.settings().unwrap();
    settings.debtor.iban.clear();
    settings.debtor.bic.clear();
    store.save_settings(&settings).unwrap();
    match store.sepa_for("2026-11", d("2026-12-01")) {
        Err(Error::Rule { message, .. }) => {
            assert!(message.contains("IBAN des Auftraggebers"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    // An invalid one is refused in the settings already.
    settings.debtor.iban = "DE89370400440532013001".into();
    assert!(matches!(
        store.save_settings(&settings),
        Err(Error::Validation(e)) if e[0].field == "debtor_iban"
    ));
    // Without a BIC the debtor agent is NOTPROVIDED; still valid.
    settings.debtor.iban = DEBTOR_IBAN.into();
    store.save_settings(&settings).unwrap();
    let (_, xml) = store.sepa_for("2026-11", d("2026-12-20")).unwrap();
    assert!(xml.contains("<Id>NOTPROVIDED</Id>"));
    assert!(
        xml.contains("<Dt>2026-12-20</Dt>"),
        "due date passed: today"
    );
    assert_valid_pain001(dir.path(), &xml);
}

#[test]
fn a_claim_back_is_listed_separately_and_never_transferred() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let november = approved_november(&mut store);
    // Jürgen should not have been paid for November, and has no allowance in December (lowered to 0):
    // his December net is negative.
    let jurgen = november
        .lines
        .iter()
        .find(|l| l.name == "Jürgen Übungsmann")
        .unwrap();
    let original = jurgen.statement_number.clone().unwrap();
    store
        .add_correction(
            jurgen.pilot_id,
            -jurgen.amount_cents,
            "2026-11",
            "Doppelte Zahlung für November",
            "T",
        )
        .unwrap();
    store.create_run("2026-12", d("2027-01-02")).unwrap();
    store
        .lower_line("2026-12", jurgen.pilot_id, 0, "kein Einsatz im Dezember")
        .unwrap();
    let run = store.approve_run("2026-12", "T", d("2027-01-02")).unwrap();
    let line = run
        .lines
        .iter()
        .find(|l| l.pilot_id == jurgen.pilot_id)
        .unwrap();
    assert!(line.net_cents < 0, "{}", line.net_cents);
    let owed = -line.net_cents;
    assert_eq!(run.claim_back_cents, owed);

    let docs = store.run_documents("2026-12", d("2027-01-02")).unwrap();
    let list = pdf_path(dir.path(), "liste-dezember.pdf", &docs.payment_list);
    let text = text_of(&list);
    let flat = collapsed(&text);
    let claim_backs = flat
        .split("Rückforderungen (keine Überweisung")
        .nth(1)
        .unwrap_or_else(|| panic!("no claim-back section:\n{text}"));
    let payments = flat
        .split("Rückforderungen (keine Überweisung")
        .next()
        .unwrap();
    assert!(claim_backs.contains("Jürgen Übungsmann"), "{text}");
    assert!(
        claim_backs.contains(&format!("Summe Rückforderungen (1) {}", euros(owed))),
        "{text}"
    );
    assert!(!payments.contains("Jürgen Übungsmann"), "{text}");
    // Approved before December: November's total.
    assert!(
        flat.contains(&format!(
            "bereits freigegeben vor diesem Lauf (Januar bis November) {}",
            euros(november.total_cents)
        )),
        "{text}"
    );
    assert_blank_margins(&list);

    // His statement says so, with the correction and the original statement number.
    let (name, bytes) = store
        .statement_for("2026-12", jurgen.pilot_id, d("2027-01-02"))
        .unwrap();
    assert!(name.ends_with("_Uebungsmann_Juergen.pdf"), "{name}");
    let path = pdf_path(dir.path(), &name, &bytes);
    let st = collapsed(&text_of(&path));
    for needle in [
        format!("Korrektur zu Abrechnung {original}: Doppelte Zahlung für"),
        euros(-jurgen.amount_cents),
        format!("Rückforderungsbetrag {}", euros(owed)),
        "Es erfolgt keine Überweisung an Sie".to_string(),
    ] {
        assert!(st.contains(&needle), "lacks {needle:?}: {st}");
    }
    assert_blank_margins(&path);

    // Not in the SEPA file.
    let (_, xml) = store.sepa_for("2026-12", d("2027-01-02")).unwrap();
    assert_valid_pain001(dir.path(), &xml);
    assert!(!xml.contains(&jurgen.iban));
    assert!(!xml.contains("Uebungsmann"));
    assert_eq!(elements(&xml, "CtrlSum")[0], sepa_amount(run.total_cents));
    assert_eq!(
        elements(&xml, "EndToEndId").len(),
        run.lines.iter().filter(|l| l.net_cents > 0).count()
    );
}

#[test]
fn long_names_and_addresses_stay_in_their_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let today = d("2026-11-26");
    // Ayşe gets a 150-character name, a street of 180 characters and a long account holder.
    let ayse = store
        .all_pilots()
        .unwrap()
        .into_iter()
        .find(|p| p.first_name == "Ayşe")
        .unwrap();
    let mut input: lotsen::PilotInput =
        serde_json::from_value(serde_json::to_value(&ayse).unwrap()).unwrap();
    let mut last = String::from("Demo-Öztürk-");
    while last.chars().count() < 150 {
        last.push_str("Şahinoğlu-Großmann ");
    }
    input.last_name = last
        .chars()
        .take(150)
        .collect::<String>()
        .trim()
        .to_string();
    assert_eq!(input.last_name.chars().count(), 150);
    input.street = "Straße der Deutsch-Türkischen Freundschaft und der Völkerverständigung im \
                    Landkreis Harz, Hinterhaus, Aufgang C, 3. Obergeschoss links, bei Familie Yılmaz 117a"
        .into();
    input.account_holder = format!("Ayşe {}", input.last_name);
    store.update_pilot(ayse.id, &input, today).unwrap();
    // A long lowering reason and three corrections… on top of a long legal basis.
    let mut settings = store.settings().unwrap();
    settings.allowance.legal_basis = "Richtlinie über die Gewährung von Zuwendungen ".repeat(12);
    store.save_settings(&settings).unwrap();
    let november = approved_november(&mut store);
    let line = november
        .lines
        .iter()
        .find(|l| l.pilot_id == ayse.id)
        .unwrap();
    assert!(line.statement_number.is_some());
    for i in 0..3 {
        store
            .add_correction(
                ayse.id,
                500 + i,
                "2026-11",
                &"Nachzahlung wegen eines Fehlers in der Abrechnung der Anspruchstage ".repeat(7),
                "T",
            )
            .unwrap();
    }
    store.create_run("2026-12", d("2027-01-02")).unwrap();
    store
        .lower_line(
            "2026-12",
            ayse.id,
            5_000,
            &"Längere Krankheit und Urlaub ".repeat(15),
        )
        .unwrap();

    for (month, today) in [("2026-11", d("2026-12-01")), ("2026-12", d("2027-01-02"))] {
        let docs = store.run_documents(month, today).unwrap();
        let run = store.run(month).unwrap();
        let (name, bytes) = store.statement_for(month, ayse.id, today).unwrap();
        assert!(name.len() < 120, "{name}");
        let path = pdf_path(dir.path(), &format!("lang-{month}.pdf"), &bytes);
        assert_eq!(page_count(&path), 1, "one page even so");
        let flat = collapsed(&text_of(&path));
        assert!(
            flat.contains("Ayşe Demo-Öztürk-") && flat.contains("Şahinoğlu-Großmann"),
            "{flat}"
        );
        assert!(flat.contains('…'), "long texts are shortened: {flat}");
        assert!(flat.contains("Sachlich richtig"), "{flat}");
        assert_blank_margins(&path);

        let list = pdf_path(
            dir.path(),
            &format!("lang-liste-{month}.pdf"),
            &docs.payment_list,
        );
        let flat = collapsed(&text_of(&list));
        assert!(
            flat.contains("Ayşe Demo-Öztürk-") && flat.contains("Şahinoğlu-Großmann"),
            "{flat}"
        );
        assert_blank_margins(&list);
        let combined = pdf_path(
            dir.path(),
            &format!("lang-komplett-{month}.pdf"),
            &docs.combined,
        );
        assert_eq!(page_count(&combined), page_count(&list) + run.lines.len());
        assert_blank_margins(&combined);
    }
}

#[test]
fn single_statement_from_the_pilots_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let run = approved_november(&mut store);
    let ayse = run.lines.iter().find(|l| l.first_name == "Ayşe").unwrap();
    let (name, bytes) = store
        .statement_for("2026-11", ayse.pilot_id, d("2026-12-02"))
        .unwrap();
    assert_eq!(
        name,
        format!(
            "{}_Demo-Oeztuerk_Ayse.pdf",
            ayse.statement_number.as_deref().unwrap()
        )
    );
    let path = pdf_path(dir.path(), &name, &bytes);
    let flat = collapsed(&text_of(&path));
    assert!(
        flat.contains("Ayşe Demo-Öztürk") && flat.contains("Datum 02.12.2026"),
        "{flat}"
    );
    // A prospect has no line in the run.
    let prospect = store
        .all_pilots()
        .unwrap()
        .into_iter()
        .find(|p| !run.lines.iter().any(|l| l.pilot_id == p.id))
        .unwrap();
    assert!(matches!(
        store.statement_for("2026-11", prospect.id, d("2026-12-02")),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        store.run_documents("2026-10", d("2026-12-02")),
        Err(Error::NotFound(_))
    ));
}

/// Time and size of a month's documents and SEPA file for 30 and 1,000 pilots (release build):
/// `cargo test --release --test statements -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing_for_30_and_1000_pilots() {
    for n in [30usize, 1000] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
        demo::load_many(&mut store, d("2026-11-26"), "B", n).unwrap();
        store.set_budget(&budget(2026, 5_000_000_000), "T").unwrap();
        let mut settings = store.settings().unwrap();
        settings.debtor.iban = DEBTOR_IBAN.into();
        store.save_settings(&settings).unwrap();
        let run = approved_november(&mut store);
        let start = std::time::Instant::now();
        let docs = store.run_documents("2026-11", d("2026-12-01")).unwrap();
        let documents = start.elapsed();
        let start = std::time::Instant::now();
        let (_, xml) = store.sepa_for("2026-11", d("2026-12-01")).unwrap();
        let sepa = start.elapsed();
        let single: usize = docs.statements.iter().map(|(_, b)| b.len()).sum();
        let list = pdf_path(dir.path(), "liste.pdf", &docs.payment_list);
        let combined = pdf_path(dir.path(), "komplett.pdf", &docs.combined);
        println!(
            "{n} pilots, {} lines: run_documents {:.2?} (combined {} pages, {} KB; list {} pages, {} KB; \
             {} statements {} KB in total, {:.1} KB each); sepa_for {:.2?} ({} KB)",
            run.lines.len(),
            documents,
            page_count(&combined),
            docs.combined.len() / 1024,
            page_count(&list),
            docs.payment_list.len() / 1024,
            docs.statements.len(),
            single / 1024,
            single as f64 / docs.statements.len() as f64 / 1024.0,
            sepa,
            xml.len() / 1024
        );
        assert_valid_pain001(dir.path(), &xml);
    }
}
