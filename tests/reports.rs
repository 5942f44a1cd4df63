//! The yearly reports (issue 14, part B) on a real SQLite file, read back as a person would: PDFs with
//! pdftotext, workbooks unzipped. The Verwendungsnachweis of a year with twelve paid runs, a correction,
//! a claim-back and a back-payment; the Jahresbescheinigungen; the Jahresbericht against figures counted
//! by hand on a small data set.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, NaiveTime};
use lotsen::app::progress::quiet;
use lotsen::app::reconcile::SettleInput;
use lotsen::app::reports::{ReportFormat, ReportKind};
use lotsen::app::{Clock, Session};
use lotsen::domain::run::Run;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A session on a real file whose "today" the test moves on.
struct Desk {
    dir: tempfile::TempDir,
    day: Arc<Mutex<NaiveDate>>,
    s: Session,
}

impl Desk {
    fn new(demo: bool) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reports.sqlite3");
        let day = Arc::new(Mutex::new(d("2026-11-26")));
        let shared = day.clone();
        let clock = Clock::from_fn(move || shared.lock().unwrap().and_time(NaiveTime::MIN));
        let mut s = Session::open(&path, clock).unwrap();
        if demo {
            s.load_full_demo(None).unwrap();
        }
        Desk { dir, day, s }
    }

    fn on(&mut self, date: &str) -> &mut Session {
        *self.day.lock().unwrap() = d(date);
        &mut self.s
    }

    /// Creates, approves and pays `month`'s run.
    fn pay(&mut self, month: &str, approve_on: &str, paid_on: &str) -> Run {
        let s = self.on(approve_on);
        s.create_run(month).unwrap();
        s.approve_run(month, None).unwrap();
        self.on(paid_on).mark_paid(month, Some(paid_on)).unwrap()
    }
}

/// A sheet of an XLSX file as rows of cell texts (shared strings resolved, numbers as written).
fn sheet(path: &Path, n: usize) -> Vec<Vec<String>> {
    let part = |name: &str| {
        String::from_utf8(common::run("unzip", &["-p", path.to_str().unwrap(), name])).unwrap()
    };
    let unescape = |s: &str| {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    };
    let strings: Vec<String> = part("xl/sharedStrings.xml")
        .split("<si>")
        .skip(1)
        .map(|si| {
            let start = si.find("<t").unwrap();
            let text = &si[start..];
            let open = text.find('>').unwrap() + 1;
            let close = text.find("</t>").unwrap();
            unescape(&text[open..close])
        })
        .collect();
    part(&format!("xl/worksheets/sheet{n}.xml"))
        .split("<row ")
        .skip(1)
        .map(|row| {
            row.split("<c ")
                .skip(1)
                .map(|c| {
                    let shared = c.split('>').next().unwrap().contains("t=\"s\"");
                    let value = c
                        .find("<v>")
                        .map(|i| &c[i + 3..i + 3 + c[i + 3..].find("</v>").unwrap()])
                        .unwrap_or("");
                    if shared {
                        strings[value.parse::<usize>().unwrap()].clone()
                    } else {
                        value.to_string()
                    }
                })
                .collect()
        })
        .collect()
}

fn cents_of(euros: &str) -> i64 {
    (euros.parse::<f64>().unwrap() * 100.0).round() as i64
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn the_verwendungsnachweis_lists_every_payment_once_and_its_sums_are_the_runs_paid_totals() {
    let mut desk = Desk::new(true);
    let dir = desk.dir.path().to_path_buf();
    let mut runs = Vec::new();
    for m in 1..=10 {
        runs.push(desk.pay(&format!("2026-{m:02}"), "2026-11-26", "2026-11-27"));
    }
    // After October: a Rückforderung for pilot 1 (September), a Nachzahlung for pilot 3 (August),
    // and pilot 2 owes September back while not paid in November: a claim-back, later repaid.
    let s = desk.on("2026-11-28");
    s.add_correction(1, "-130", "2026-09", "nicht tätig gewesen")
        .unwrap();
    s.add_correction(3, "50", "2026-08", "Fahrtkosten nachgezahlt")
        .unwrap();
    s.add_correction(2, "-130", "2026-09", "doppelt gezahlt")
        .unwrap();
    s.create_run("2026-11").unwrap();
    s.lower_line("2026-11", 2, "0", "ruht").unwrap();
    desk.on("2026-12-01").approve_run("2026-11", None).unwrap();
    let november = desk
        .on("2026-12-02")
        .mark_paid("2026-11", Some("2026-12-02"))
        .unwrap();
    let owing = november.lines.iter().find(|l| l.pilot_id == 2).unwrap();
    assert_eq!(owing.net_cents, -13_000, "a claim-back");
    let claim_number = owing.statement_number.clone().unwrap();
    let s = desk.on("2026-12-10");
    s.settle_claim(&SettleInput {
        statement_number: claim_number.clone(),
        how: "zurückgezahlt".into(),
        on: "2026-12-09".into(),
        reason: String::new(),
    })
    .unwrap();
    runs.push(november);
    runs.push(desk.pay("2026-12", "2027-01-04", "2027-01-05"));
    assert_eq!(runs.len(), 12);

    let s = desk.on("2027-01-10");
    let report = s.store().grant_report(2026).unwrap();
    // Every payment exactly once: the lines with a positive net of the twelve paid runs.
    let expected: Vec<String> = runs
        .iter()
        .flat_map(|r| r.lines.iter().filter(|l| l.net_cents > 0))
        .map(|l| l.statement_number.clone().unwrap())
        .collect();
    let mut listed: Vec<String> = report
        .payments
        .iter()
        .map(|p| p.statement_number.clone())
        .collect();
    assert_eq!(listed.len(), expected.len());
    listed.sort();
    listed.dedup();
    assert_eq!(listed.len(), expected.len(), "no payment twice");
    assert!(
        !listed.contains(&claim_number),
        "a claim-back is no payment"
    );
    // Sums per month and for the year are the runs' paid totals.
    for (m, r) in report.months.iter().zip(&runs) {
        assert_eq!(m.month, r.month);
        let sum: i64 = report
            .payments
            .iter()
            .filter(|p| p.month == r.month)
            .map(|p| p.amount_cents)
            .sum();
        assert_eq!(m.paid_cents, r.total_cents, "{}", r.month);
        assert_eq!(sum, r.total_cents, "{}", r.month);
    }
    let year_total: i64 = runs.iter().map(|r| r.total_cents).sum();
    assert_eq!(report.paid_cents, year_total);
    assert_eq!(report.back_pay_cents, 5_000);
    assert_eq!(report.deducted_cents, 2 * 13_000);
    assert_eq!(report.months[10].claim_back_cents, 13_000);
    assert_eq!(report.claims_repaid_cents, 13_000);
    assert_eq!(report.claims_open_cents, 0);
    assert_eq!(report.spent_cents, year_total - 13_000);
    let budget = report.budget.as_ref().unwrap().amount_cents;
    assert_eq!(report.remaining_cents, Some(budget - report.spent_cents));

    // The PDF shows every payment once, the month sums and the year's figures.
    let job = s.report_job(ReportKind::Grant, 2026, None).unwrap();
    let pdf = job.document(ReportFormat::Pdf, &quiet).unwrap();
    assert_eq!(pdf.name, "Verwendungsnachweis_2026.pdf");
    let path = common::write(dir.as_path(), &pdf.name, &pdf.bytes);
    let text = common::text_of(&path);
    for n in &expected {
        assert_eq!(count(&text, n), 1, "{n} once in the Belegliste");
    }
    let money = |c: i64| lotsen::domain::money::Cents(c).to_string();
    let flat = common::collapsed(&text);
    assert!(
        flat.contains(&format!("Summe 11/2026 {}", money(runs[10].total_cents))),
        "{flat}"
    );
    assert!(flat.contains(&format!(
        "{} Zahlungen Summe 2026 {}",
        expected.len(),
        money(year_total)
    )));
    assert!(flat.contains(&format!(
        "Verbleibend (Zuwendung − verausgabt) {}",
        money(budget - report.spent_cents)
    )));
    assert!(flat.contains("Sachbericht (Entwurf)"), "{flat}");
    assert!(flat.contains(&format!("{claim_number} 11/2026")), "{flat}");
    assert!(
        flat.contains("130,00 € zurückgezahlt am 09.12.2026"),
        "{flat}"
    );
    assert!(common::page_count(&path) >= 3);
    common::assert_blank_margins(&path);

    // The workbook has the same numbers.
    let xlsx = job.document(ReportFormat::Xlsx, &quiet).unwrap();
    assert_eq!(xlsx.name, "Verwendungsnachweis_2026.xlsx");
    let book = dir.as_path().join(&xlsx.name);
    std::fs::write(&book, &xlsx.bytes).unwrap();
    let belege = sheet(&book, 3);
    assert_eq!(belege[0][0], "Abrechnungs-Nr.");
    assert_eq!(belege.len() - 1, expected.len());
    let mut numbers: Vec<&str> = belege[1..].iter().map(|r| r[0].as_str()).collect();
    numbers.sort();
    let mut wanted: Vec<&str> = expected.iter().map(String::as_str).collect();
    wanted.sort();
    assert_eq!(numbers, wanted);
    let xlsx_total: i64 = belege[1..].iter().map(|r| cents_of(&r[4])).sum();
    assert_eq!(xlsx_total, year_total);
    let months = sheet(&book, 2);
    for (row, r) in months[1..13].iter().zip(&runs) {
        assert_eq!(row[0], r.month);
        assert_eq!(cents_of(&row[7]), r.total_cents, "{}", r.month);
    }
    let summary: HashMap<String, String> = sheet(&book, 1)
        .into_iter()
        .map(|r| (r[0].clone(), r.get(1).cloned().unwrap_or_default()))
        .collect();
    assert_eq!(cents_of(&summary["Verausgabt"]), report.spent_cents);
    assert_eq!(
        cents_of(&summary["Verbleibend"]),
        budget - report.spent_cents
    );
    assert_eq!(cents_of(&summary["Zuwendung"]), budget);

    // Certificates: by the date paid. 2026 has January to November; December was paid in 2027.
    let certs = s.store().certificates(2026, Some(3)).unwrap();
    assert_eq!(certs.len(), 1);
    let third = &certs[0];
    let his: Vec<(String, String, i64)> = runs[..11]
        .iter()
        .flat_map(|r| {
            r.lines
                .iter()
                .filter(|l| l.pilot_id == 3 && l.net_cents > 0)
                .map(|l| {
                    (
                        r.month.clone(),
                        l.statement_number.clone().unwrap(),
                        l.net_cents,
                    )
                })
        })
        .collect();
    let got: Vec<(String, String, i64)> = third
        .payments
        .iter()
        .map(|p| (p.month.clone(), p.statement_number.clone(), p.amount_cents))
        .collect();
    assert_eq!(got, his);
    assert_eq!(
        third.total_cents,
        his.iter().map(|(_, _, c)| c).sum::<i64>()
    );
    let job = s
        .report_job(ReportKind::Certificate, 2026, Some(3))
        .unwrap();
    let doc = job.document(ReportFormat::Pdf, &quiet).unwrap();
    let path = common::write(dir.as_path(), "bescheinigung-third.pdf", &doc.bytes);
    let flat = common::collapsed(&common::text_of(&path));
    assert!(flat.contains("Jahresbescheinigung 2026"), "{flat}");
    for (_, number, _) in &his {
        assert_eq!(count(&flat, number), 1, "{number}");
    }
    assert!(flat.contains(&format!("Summe 2026 {}", money(third.total_cents))));
    assert!(flat.contains("Jobcenter"), "the note: {flat}");
    assert!(
        flat.contains("November 2026 August 2026") || flat.contains("Dezember 2026"),
        "month of receipt and month it is for: {flat}"
    );
    common::assert_blank_margins(&path);
    let december = &runs[11];
    let in_2027 = s.store().certificates(2027, Some(3)).unwrap();
    assert_eq!(in_2027[0].payments.len(), 1);
    assert_eq!(in_2027[0].payments[0].month, december.month);

    // A pilot with no payment gets none.
    let unpaid = s
        .store()
        .all_pilots()
        .unwrap()
        .into_iter()
        .find(|p| {
            runs.iter()
                .all(|r| r.lines.iter().all(|l| l.pilot_id != p.id))
        })
        .expect("the demo has pilots who were never paid");
    assert!(s
        .store()
        .certificates(2026, Some(unpaid.id))
        .unwrap()
        .is_empty());
    let err = s
        .report_job(ReportKind::Certificate, 2026, Some(unpaid.id))
        .unwrap()
        .document(ReportFormat::Pdf, &quiet)
        .unwrap_err();
    assert!(
        err.to_string().contains("keine Jahresbescheinigung"),
        "{err}"
    );
    // All certificates: one per paid pilot, and the combined file with one letter each.
    let all = s.report_job(ReportKind::Certificate, 2026, None).unwrap();
    let singles = all.single_certificates(&quiet).unwrap();
    let paid_pilots: std::collections::BTreeSet<i64> = runs[..11]
        .iter()
        .flat_map(|r| {
            r.lines
                .iter()
                .filter(|l| l.net_cents > 0)
                .map(|l| l.pilot_id)
        })
        .collect();
    assert_eq!(singles.len(), paid_pilots.len());
    let combined = all.document(ReportFormat::Pdf, &quiet).unwrap();
    assert_eq!(combined.name, "Jahresbescheinigungen_2026.pdf");
    let path = common::write(dir.as_path(), &combined.name, &combined.bytes);
    assert_eq!(
        count(&common::text_of(&path), "Hiermit bescheinigen wir"),
        paid_pilots.len()
    );
}

/// Inserts a pilot with a status history, by plain SQL (the rules of the entry side are tested there).
fn pilot(c: &rusqlite::Connection, id: i64, district: &str, history: &[(&str, &str)]) {
    c.execute(
        "INSERT INTO pilots (id, first_name, last_name, district_id, created_at, updated_at)
         VALUES (?1, 'P', ?2, (SELECT id FROM districts WHERE name = ?3), '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        rusqlite::params![id, format!("Nr{id}"), district],
    )
    .unwrap();
    for (status, on) in history {
        c.execute(
            "INSERT INTO status_changes (pilot_id, status, effective_on, recorded_at) VALUES (?1, ?2, ?3, '2026-01-01T00:00:00Z')",
            rusqlite::params![id, status, on],
        )
        .unwrap();
    }
}

fn activity(
    c: &rusqlite::Connection,
    pilot: i64,
    month: &str,
    figures: (i64, i64, i64),
    areas: &[&str],
) {
    c.execute(
        "INSERT INTO activity_records (pilot_id, month, contacts, minutes, people, families, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, 90, ?4, ?5, '2026-12-01T00:00:00Z', 'Test')",
        rusqlite::params![pilot, month, figures.0, figures.1, figures.2],
    )
    .unwrap();
    let id = c.last_insert_rowid();
    for a in areas {
        c.execute(
            "INSERT INTO activity_record_areas (record_id, area_id) VALUES (?1, (SELECT id FROM task_areas WHERE name = ?2))",
            rusqlite::params![id, a],
        )
        .unwrap();
    }
}

#[test]
fn the_jahresbericht_counts_what_was_counted_by_hand() {
    let mut desk = Desk::new(false);
    let dir = desk.dir.path().to_path_buf();
    let path = dir.as_path().join("reports.sqlite3");
    let districts: Vec<String> = desk
        .s
        .store()
        .reference_data()
        .unwrap()
        .districts
        .iter()
        .map(|d| d.name.clone())
        .collect();
    let (a, b) = (districts[0].as_str(), districts[1].as_str());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        // 1: recruited 2025, active since March 2025, left 15 July 2026.
        pilot(
            &c,
            1,
            a,
            &[
                ("prospect", "2025-01-10"),
                ("in_qualification", "2025-02-01"),
                ("qualified", "2025-02-20"),
                ("active", "2025-03-01"),
                ("left", "2026-07-15"),
            ],
        );
        // 2: recruited in February 2026, qualified in April, appointed 1 June, paused from 1 October.
        pilot(
            &c,
            2,
            a,
            &[
                ("prospect", "2026-02-03"),
                ("in_qualification", "2026-03-01"),
                ("qualified", "2026-04-20"),
                ("active", "2026-06-01"),
                ("paused", "2026-10-01"),
            ],
        );
        // 3: recruited in 2026, still in qualification.
        pilot(
            &c,
            3,
            b,
            &[
                ("prospect", "2026-05-05"),
                ("in_qualification", "2026-06-01"),
            ],
        );
        // 4: active all year in district b.
        pilot(
            &c,
            4,
            b,
            &[
                ("prospect", "2024-03-01"),
                ("qualified", "2024-05-01"),
                ("active", "2024-06-01"),
            ],
        );
        activity(&c, 1, "2026-03", (4, 3, 1), &["Wohnen", "Arbeit"]);
        activity(&c, 4, "2026-03", (2, 2, 2), &["Wohnen"]);
        activity(&c, 2, "2026-07", (5, 6, 2), &["Orientierung", "Teilhabe"]);
        activity(&c, 4, "2025-12", (9, 9, 9), &["Wohnen"]); // another year: not counted
        c.execute_batch(
            "INSERT INTO courses (id, name, created_at) VALUES (1, 'Basislehrgang Frühjahr 2026', '2026-01-01T00:00:00Z');
             INSERT INTO course_sessions (id, course_id, held_on, module) VALUES (1, 1, '2026-03-07', 1), (2, 1, '2026-03-14', 2), (3, 1, '2025-11-01', 3);
             INSERT INTO attendance (session_id, pilot_id) VALUES (1, 2), (1, 3), (2, 2), (3, 2);",
        )
        .unwrap();
    }
    let s = desk.on("2027-01-15");
    let r = s.store().annual_report(2026, s.today()).unwrap();
    assert_eq!(
        (r.recruited, r.qualified, r.appointed, r.left),
        (2, 1, 1, 1)
    );
    // Aktiv at the month ends: January–June 1 in a (pilot 1), pilot 2 from June; pilot 1 left in July.
    let active_a: Vec<usize> = r.months.iter().map(|m| m.active[0]).collect();
    assert_eq!(active_a, vec![1, 1, 1, 1, 1, 2, 1, 1, 1, 0, 0, 0]);
    assert!(
        r.months.iter().all(|m| m.active[1] == 1),
        "pilot 4 all year"
    );
    assert_eq!(r.months[5].active_total, 3);
    assert_eq!((r.records, r.contacts, r.minutes), (3, 11, 270));
    assert_eq!((r.people, r.families), (11, 5));
    assert_eq!(
        (
            r.months[2].records,
            r.months[2].contacts,
            r.months[2].people
        ),
        (2, 6, 5)
    );
    let area = |name: &str| {
        r.areas
            .iter()
            .find(|x| x.area == name)
            .map(|x| (x.records, x.contacts))
            .unwrap()
    };
    assert_eq!(area("Wohnen"), (2, 6));
    assert_eq!(area("Arbeit"), (1, 4));
    assert_eq!(area("Orientierung"), (1, 5));
    assert_eq!(area("Sonstiges"), (0, 0));
    assert_eq!(r.courses.len(), 1);
    let c = &r.courses[0];
    assert_eq!((c.sessions, c.participants, c.attendances), (2, 2, 3));
    assert_eq!(r.coverage.len(), 12, "a month end per month of the year");
    // Made during the year: months still to come are left out, the running one is counted on the day.
    let early = s.store().annual_report(2026, d("2026-07-15")).unwrap();
    assert_eq!(early.months.len(), 7);
    assert_eq!(early.months[6].label, "Juli 2026 (Stand 15.07.2026)");
    let active_early: Vec<usize> = early.months.iter().map(|m| m.active[0]).collect();
    assert_eq!(
        active_early,
        vec![1, 1, 1, 1, 1, 2, 1],
        "pilot 1 left on the 15th"
    );

    // The PDF and the workbook say the same.
    let job = s.report_job(ReportKind::Annual, 2026, None).unwrap();
    let pdf = job.document(ReportFormat::Pdf, &quiet).unwrap();
    let file = common::write(dir.as_path(), &pdf.name, &pdf.bytes);
    let flat = common::collapsed(&common::text_of(&file));
    assert!(flat.contains("Jahresbericht 2026"), "{flat}");
    assert!(
        flat.contains("Neu gewonnen (erster Eintrag im Jahr) 2"),
        "{flat}"
    );
    assert!(flat.contains("Einsätze und Kontakte 11"), "{flat}");
    assert!(flat.contains("Stunden (soweit angegeben) 4,5"), "{flat}");
    assert!(flat.contains("Wohnen 2 6"), "{flat}");
    assert!(flat.contains("Basislehrgang Frühjahr 2026 2 2 3"), "{flat}");
    assert!(flat.contains("Juni 2026 2 1 0 3"), "{flat}");
    assert!(!flat.contains("Nr1"), "anonymous: no names");
    common::assert_blank_margins(&file);
    let xlsx = job.document(ReportFormat::Xlsx, &quiet).unwrap();
    let book = dir.as_path().join(&xlsx.name);
    std::fs::write(&book, &xlsx.bytes).unwrap();
    let overview: HashMap<String, String> = sheet(&book, 1)
        .into_iter()
        .map(|r| (r[0].clone(), r.get(1).cloned().unwrap_or_default()))
        .collect();
    assert_eq!(overview["Neu gewonnen"], "2");
    assert_eq!(overview["Einsätze und Kontakte"], "11");
    assert_eq!(overview["Unterstützte Familien"], "5");
    let months = sheet(&book, 2);
    assert_eq!(months[6][0], "2026-06");
    assert_eq!(months[6][1..5], ["2", "1", "0", "3"]);
}

#[test]
fn the_sachbericht_texts_are_kept_per_year_and_the_due_list_names_the_grant_proof() {
    let mut desk = Desk::new(true);
    let dir = desk.dir.path().to_path_buf();
    let s = desk.on("2027-05-10");
    let mut texts = s.report_texts(2026).unwrap();
    assert!(texts.figures.contains("Im Jahr 2026"), "{}", texts.figures);
    assert!(texts.sections.iter().all(|t| t.text.is_empty()));
    texts.sections[1].text = "Die Lotsinnen begleiteten Familien zu Ämtern.".into();
    s.save_report_texts(2026, &texts.sections).unwrap();
    assert_eq!(
        s.report_texts(2026).unwrap().sections[1].text,
        "Die Lotsinnen begleiteten Familien zu Ämtern."
    );
    assert!(s.report_texts(2025).unwrap().sections[1].text.is_empty());
    let pdf = s
        .report_job(ReportKind::Grant, 2026, None)
        .unwrap()
        .document(ReportFormat::Pdf, &quiet)
        .unwrap();
    let file = common::write(dir.as_path(), "vn.pdf", &pdf.bytes);
    assert!(common::collapsed(&common::text_of(&file))
        .contains("Durchführung Die Lotsinnen begleiteten Familien zu Ämtern."));
    // Due 30 June 2027, on the list from 8 weeks before (5 May).
    let due = s.due_list().unwrap();
    let grant: Vec<_> = due.iter().filter(|i| i.kind == "grant_proof_due").collect();
    assert_eq!(grant.len(), 1, "{due:?}");
    assert_eq!(
        grant[0].label,
        "Verwendungsnachweis 2026 fällig am 30.06.2027"
    );
    let s = desk.on("2027-05-01");
    assert!(s
        .due_list()
        .unwrap()
        .iter()
        .all(|i| i.kind != "grant_proof_due"));
}
