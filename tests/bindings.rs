//! The window's TypeScript types (ui/src/backend/bindings/) are generated from the Rust types that
//! cross the IPC, with ts-rs, and checked in. `bindings_are_current` fails when a checked-in file
//! differs from what the Rust types give today, and names the file.
//!
//! Regenerate: `LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings`

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use lotsen::app::documents::PilotDocument;
use lotsen::db::{AuditEntry, AuditFilter, BackupEntry, BackupInfo, Course, ExportKind};
use lotsen::db::{RestoreOutcome, SessionInput};
use lotsen::domain::budget::BudgetYear;
use lotsen::domain::coverage::{Coverage, MonthPoint};
use lotsen::domain::record::{DueItem, PilotRecord};
use lotsen::domain::reference::ReferenceData;
use lotsen::domain::run::{Correction, Run};
use lotsen::domain::screening::Screening;
use lotsen::domain::settings::Settings;
use lotsen::domain::training::TestAttempt;
use lotsen::error::{ErrorJson, ErrorKind};
use lotsen::io::import::ImportPreview;
use lotsen::{Duplicate, FieldError, Pilot, PilotInput, PilotQuery};

const REGENERATE: &str = "LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings";

/// Replaces ts-rs's first line: says where the file comes from and how to make it again.
fn header() -> String {
    format!("// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: {REGENERATE}\n")
}

fn checked_in_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/backend/bindings")
}

/// Every type a command takes or answers with; ts-rs follows their fields to the rest.
fn export_roots(cfg: &Config) -> Result<(), ts_rs::ExportError> {
    Pilot::export_all(cfg)?;
    lotsen::app::session::SessionInfo::export_all(cfg)?;
    lotsen::app::coverage::CoverageView::export_all(cfg)?;
    lotsen::app::allowances::BudgetInput::export_all(cfg)?;
    lotsen::app::data::AuditedTable::export_all(cfg)?;
    lotsen::app::data::CareProblem::export_all(cfg)?;
    lotsen::app::history::DistrictInput::export_all(cfg)?;
    lotsen::app::history::ModulesInput::export_all(cfg)?;
    PilotInput::export_all(cfg)?;
    PilotQuery::export_all(cfg)?;
    Duplicate::export_all(cfg)?;
    ReferenceData::export_all(cfg)?;
    PilotRecord::export_all(cfg)?;
    Screening::export_all(cfg)?;
    TestAttempt::export_all(cfg)?;
    Course::export_all(cfg)?;
    SessionInput::export_all(cfg)?;
    DueItem::export_all(cfg)?;
    Settings::export_all(cfg)?;
    Coverage::export_all(cfg)?;
    MonthPoint::export_all(cfg)?;
    BudgetYear::export_all(cfg)?;
    Run::export_all(cfg)?;
    lotsen::domain::approval::Approval::export_all(cfg)?;
    lotsen::db::SettingView::export_all(cfg)?;
    Correction::export_all(cfg)?;
    BackupEntry::export_all(cfg)?;
    BackupInfo::export_all(cfg)?;
    RestoreOutcome::export_all(cfg)?;
    ImportPreview::export_all(cfg)?;
    ExportKind::export_all(cfg)?;
    AuditFilter::export_all(cfg)?;
    AuditEntry::export_all(cfg)?;
    PilotDocument::export_all(cfg)?;
    lotsen::app::reports::ReportTexts::export_all(cfg)?;
    lotsen::app::reports::ReportKind::export_all(cfg)?;
    lotsen::app::reports::ReportFormat::export_all(cfg)?;
    FieldError::export_all(cfg)?;
    ErrorKind::export_all(cfg)?;
    ErrorJson::export_all(cfg)?;
    lotsen::db::Reconciliation::export_all(cfg)?;
    lotsen::db::SepaExport::export_all(cfg)?;
    lotsen::db::RestoreLoss::export_all(cfg)?;
    lotsen::db::ActivityMonth::export_all(cfg)?;
    lotsen::domain::activity::ActivityInput::export_all(cfg)?;
    lotsen::app::activity::WaiverInput::export_all(cfg)?;
    lotsen::app::activity::TaskAreaInput::export_all(cfg)?;
    lotsen::domain::reconcile::ClaimBack::export_all(cfg)?;
    lotsen::app::reconcile::SettleInput::export_all(cfg)?;
    lotsen::app::register::PilotPage::export_all(cfg)?;
    lotsen::app::register::PageRequest::export_all(cfg)?;
    lotsen::app::register::PilotName::export_all(cfg)?;
    Ok(())
}

/// The bindings as the Rust types give them now: file name → text.
fn generate() -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    // Money and ids are i64 cents and row ids, far below 2^53: plain numbers in JSON, not bigint.
    let cfg = Config::new()
        .with_out_dir(dir.path())
        .with_large_int("number");
    export_roots(&cfg).expect("ts-rs exports the bindings");
    read_ts_files(dir.path())
        .into_iter()
        .map(|(name, text)| {
            let body = text.split_once('\n').map_or("", |(_, rest)| rest);
            (name, header() + body)
        })
        .collect()
}

/// The .ts files of a folder (not below it), line ends as LF so a Windows checkout compares equal.
fn read_ts_files(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for e in entries {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "ts") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.insert(
                name,
                fs::read_to_string(&path).unwrap().replace("\r\n", "\n"),
            );
        }
    }
    out
}

#[test]
fn bindings_are_current() {
    let fresh = generate();
    let dir = checked_in_dir();
    if std::env::var_os("LOTSEN_WRITE_BINDINGS").is_some() {
        fs::create_dir_all(&dir).unwrap();
        for name in read_ts_files(&dir).keys() {
            fs::remove_file(dir.join(name)).unwrap();
        }
        for (name, text) in &fresh {
            fs::write(dir.join(name), text).unwrap();
        }
        return;
    }
    let current = read_ts_files(&dir);
    let mut stale = Vec::new();
    for (name, text) in &fresh {
        match current.get(name) {
            None => stale.push(format!("{name} is missing")),
            Some(old) if old != text => stale.push(format!("{name} is stale")),
            Some(_) => {}
        }
    }
    for name in current.keys().filter(|n| !fresh.contains_key(*n)) {
        stale.push(format!("{name} is no longer generated"));
    }
    assert!(
        stale.is_empty(),
        "ui/src/backend/bindings/ does not match the Rust types:\n  {}\nRegenerate with: {REGENERATE}",
        stale.join("\n  ")
    );
}

/// `PilotRecord.screening_state.code` is typed as the `ScreeningState` union: the codes it carries
/// must be the names that type serialises to.
#[test]
fn screening_state_codes_are_its_serialised_names() {
    use lotsen::domain::screening::ScreeningState;
    for state in ScreeningState::ALL {
        assert_eq!(serde_json::to_value(state).unwrap(), state.code());
    }
}
