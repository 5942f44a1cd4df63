//! Thin commands: take the state, call the core, return its result or error.

use lotsen::app::documents::PilotDocument;
use lotsen::db::demo;
use lotsen::db::{Course, SessionInput};
use lotsen::domain::record::{DueItem, PilotRecord};
use lotsen::domain::reference::ReferenceData;
use lotsen::domain::run::{Correction, Run};
use lotsen::domain::screening::Screening;
use lotsen::domain::settings::Settings;
use lotsen::domain::training::TestAttempt;
use lotsen::{Duplicate, Pilot, PilotInput, PilotQuery, Status};
use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[derive(Serialize)]
pub struct AppInfo {
    empty: bool,
    db_path: String,
    today: String,
}

#[tauri::command]
pub fn app_state(state: State<AppState>) -> CmdResult<AppInfo> {
    let empty = state.with(|s| s.is_empty())?;
    Ok(AppInfo {
        empty,
        db_path: state.db_path.display().to_string(),
        today: state.today.to_string(),
    })
}

#[tauri::command]
pub fn reference_data(state: State<AppState>) -> CmdResult<ReferenceData> {
    state.with(|s| s.reference_data())
}

#[tauri::command]
pub fn load_demo(state: State<AppState>) -> CmdResult<usize> {
    state.with(|s| demo::load(s, state.today, &state.who))
}

#[tauri::command]
pub fn list_pilots(state: State<AppState>, query: PilotQuery) -> CmdResult<Vec<Pilot>> {
    state.with(|s| s.list_pilots(&query))
}

#[tauri::command]
pub fn get_pilot(state: State<AppState>, id: i64) -> CmdResult<Pilot> {
    state.with(|s| s.get_pilot(id))
}

#[tauri::command]
pub fn find_duplicates(
    state: State<AppState>,
    input: PilotInput,
    id: Option<i64>,
) -> CmdResult<Vec<Duplicate>> {
    state.with(|s| s.find_duplicates(&input, id, state.today))
}

#[tauri::command]
pub fn save_pilot(state: State<AppState>, input: PilotInput, id: Option<i64>) -> CmdResult<Pilot> {
    state.with(|s| match id {
        None => s.create_pilot(&input, state.today, &state.who),
        Some(id) => s.update_pilot(id, &input, state.today),
    })
}

/// The person recorded as "who": the desk user from the settings, else the system user.
fn who(state: &AppState, s: &lotsen::Store) -> lotsen::Result<String> {
    let desk = s.settings()?.desk_user;
    Ok(if desk.trim().is_empty() {
        state.who.clone()
    } else {
        desk
    })
}

#[tauri::command]
pub fn pilot_record(state: State<AppState>, id: i64) -> CmdResult<PilotRecord> {
    state.with(|s| s.pilot_record(id, state.today))
}

#[tauri::command]
pub fn change_status(
    state: State<AppState>,
    id: i64,
    status: Status,
    effective_on: String,
    note: String,
) -> CmdResult<PilotRecord> {
    let on = lotsen::domain::pilot::parse_date(&effective_on).ok_or_else(|| {
        lotsen::Error::field(
            "effective_on",
            "„Wirksam ab“ ist kein gültiges Datum (TT.MM.JJJJ).",
        )
    })?;
    state.with(|s| {
        let who = who(&state, s)?;
        s.change_status(id, status, on, &note, &who, state.today)
    })
}

#[tauri::command]
pub fn save_screening(
    state: State<AppState>,
    pilot_id: i64,
    screening_id: Option<i64>,
    screening: Screening,
) -> CmdResult<PilotRecord> {
    state.with(|s| s.save_screening(pilot_id, screening_id, &screening, state.today))
}

#[tauri::command]
pub fn add_test_attempt(
    state: State<AppState>,
    pilot_id: i64,
    attempt: TestAttempt,
) -> CmdResult<PilotRecord> {
    state.with(|s| s.add_test_attempt(pilot_id, &attempt, state.today))
}

#[tauri::command]
pub fn list_courses(state: State<AppState>) -> CmdResult<Vec<Course>> {
    state.with(|s| s.courses())
}

#[tauri::command]
pub fn save_course(state: State<AppState>, id: Option<i64>, name: String) -> CmdResult<Course> {
    state.with(|s| s.save_course(id, &name))
}

#[tauri::command]
pub fn save_session(
    state: State<AppState>,
    course_id: i64,
    session_id: Option<i64>,
    session: SessionInput,
) -> CmdResult<Course> {
    state.with(|s| s.save_session(course_id, session_id, &session, state.today))
}

#[tauri::command]
pub fn set_attendance(
    state: State<AppState>,
    session_id: i64,
    pilot_id: i64,
    present: bool,
) -> CmdResult<Course> {
    state.with(|s| s.set_attendance(session_id, pilot_id, present))
}

#[tauri::command]
pub fn due_list(state: State<AppState>) -> CmdResult<Vec<DueItem>> {
    state.with(|s| s.due_list(state.today))
}

#[tauri::command]
pub fn get_settings(state: State<AppState>) -> CmdResult<Settings> {
    state.with(|s| s.settings())
}

#[tauri::command]
pub fn save_settings(state: State<AppState>, settings: Settings) -> CmdResult<Settings> {
    state.with(|s| s.save_settings(&settings))
}

/// Coverage on a day (default today) and the month-by-month history with outlook.
#[derive(Serialize)]
pub struct CoverageView {
    coverage: lotsen::domain::coverage::Coverage,
    history: Vec<lotsen::domain::coverage::MonthPoint>,
}

#[tauri::command]
pub fn coverage(state: State<AppState>, date: Option<String>) -> CmdResult<CoverageView> {
    let date = match date.as_deref().filter(|d| !d.trim().is_empty()) {
        None => state.today,
        Some(d) => lotsen::domain::pilot::parse_date(d).ok_or_else(|| {
            lotsen::Error::field("date", "Stichtag ist kein gültiges Datum (TT.MM.JJJJ).")
        })?,
    };
    state.with(|s| {
        Ok(CoverageView {
            coverage: s.coverage(date)?,
            history: s.coverage_history(state.today)?,
        })
    })
}

#[tauri::command]
pub fn save_district(
    state: State<AppState>,
    id: i64,
    name: String,
    target: i64,
) -> CmdResult<ReferenceData> {
    state.with(|s| {
        s.save_district(id, &name, target)?;
        s.reference_data()
    })
}

#[tauri::command]
pub fn set_municipality_district(
    state: State<AppState>,
    municipality: String,
    district: String,
) -> CmdResult<ReferenceData> {
    state.with(|s| {
        s.set_municipality_district(&municipality, &district)?;
        s.reference_data()
    })
}

#[derive(Serialize)]
pub struct SavedFile {
    path: String,
}

/// Produces a pilot's document, files it in the documents folder and opens it.
#[tauri::command]
pub fn print_document(
    app: tauri::AppHandle,
    state: State<AppState>,
    pilot_id: i64,
    kind: PilotDocument,
) -> CmdResult<SavedFile> {
    let (name, bytes) = state.with(|s| s.pilot_document(pilot_id, kind, state.today))?;
    let path = crate::files::file_and_open(&app, &state, &name, &bytes)?;
    Ok(SavedFile {
        path: path.display().to_string(),
    })
}

fn coverage_pdf(state: &AppState, date: Option<String>) -> lotsen::Result<(String, Vec<u8>)> {
    let date = match date.as_deref().filter(|d| !d.trim().is_empty()) {
        None => state.today,
        Some(d) => lotsen::domain::pilot::parse_date(d).ok_or_else(|| {
            lotsen::Error::field("date", "Stichtag ist kein gültiges Datum (TT.MM.JJJJ).")
        })?,
    };
    state.with(|s| {
        let c = s.coverage(date)?;
        let history = s.coverage_history(date)?;
        let bytes = lotsen::documents::coverage_report(
            &c,
            &history,
            &s.settings()?.letterhead,
            state.today,
        )?;
        Ok((format!("Abdeckungsbericht_{date}.pdf"), bytes))
    })
}

/// "Drucken": files the coverage report in the documents folder and opens it.
#[tauri::command]
pub fn print_coverage_report(
    app: tauri::AppHandle,
    state: State<AppState>,
    date: Option<String>,
) -> CmdResult<SavedFile> {
    let (name, bytes) = coverage_pdf(&state, date)?;
    let path = crate::files::file_and_open(&app, &state, &name, &bytes)?;
    Ok(SavedFile {
        path: path.display().to_string(),
    })
}

/// "Speichern unter…": asks for a place and saves the coverage report there; `None` if cancelled.
/// Async so the blocking file dialog does not run on the main thread.
#[tauri::command]
pub async fn save_coverage_report(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    date: Option<String>,
) -> CmdResult<Option<SavedFile>> {
    let (name, bytes) = coverage_pdf(&state, date)?;
    let saved = crate::files::save_as(&app, &name, &bytes)?;
    Ok(saved.map(|p| SavedFile {
        path: p.display().to_string(),
    }))
}

#[derive(serde::Deserialize)]
pub struct BudgetInput {
    year: i32,
    /// Euros as typed: "46.800,00" or "46800".
    amount: String,
    #[serde(default)]
    notice_number: String,
    #[serde(default)]
    notice_date: Option<String>,
    #[serde(default)]
    budget_line: String,
}

fn euros(field: &str, text: &str) -> lotsen::Result<i64> {
    lotsen::domain::money::parse_euros(text)
        .map(|c| c.0)
        .ok_or_else(|| {
            lotsen::Error::field(
                field,
                format!("Betrag „{text}“ ist ungültig, z. B. 46.800,00."),
            )
        })
}

#[tauri::command]
pub fn budget_year(
    state: State<AppState>,
    year: i32,
) -> CmdResult<lotsen::domain::budget::BudgetYear> {
    state.with(|s| s.budget_year(year, state.today))
}

#[tauri::command]
pub fn set_budget(
    state: State<AppState>,
    budget: BudgetInput,
) -> CmdResult<lotsen::domain::budget::BudgetYear> {
    let amount_cents = euros("amount", &budget.amount)?;
    let notice_date = match budget
        .notice_date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => None,
        Some(d) => Some(lotsen::domain::pilot::parse_date(d).ok_or_else(|| {
            lotsen::Error::field(
                "notice_date",
                "Bescheiddatum ist kein gültiges Datum (TT.MM.JJJJ).",
            )
        })?),
    };
    let b = lotsen::domain::run::Budget {
        year: budget.year,
        amount_cents,
        notice_number: budget.notice_number,
        notice_date,
        budget_line: budget.budget_line,
    };
    state.with(|s| {
        let who = who(&state, s)?;
        s.set_budget(&b, &who)?;
        s.budget_year(b.year, state.today)
    })
}

#[tauri::command]
pub fn create_run(state: State<AppState>, month: String) -> CmdResult<Run> {
    state.with(|s| s.create_run(&month, state.today))
}

#[tauri::command]
pub fn run_detail(state: State<AppState>, month: String) -> CmdResult<Run> {
    state.with(|s| s.run(&month))
}

#[tauri::command]
pub fn lower_line(
    state: State<AppState>,
    month: String,
    pilot_id: i64,
    amount: String,
    reason: String,
) -> CmdResult<Run> {
    let cents = euros("amount", &amount)?;
    state.with(|s| s.lower_line(&month, pilot_id, cents, &reason))
}

#[tauri::command]
pub fn approve_run(state: State<AppState>, month: String) -> CmdResult<Run> {
    state.with(|s| {
        let who = who(&state, s)?;
        s.approve_run(&month, &who, state.today)
    })
}

#[tauri::command]
pub fn mark_paid(state: State<AppState>, month: String, paid_on: String) -> CmdResult<Run> {
    let on = lotsen::domain::pilot::parse_date(&paid_on).ok_or_else(|| {
        lotsen::Error::field(
            "paid_on",
            "Zahlungsdatum ist kein gültiges Datum (TT.MM.JJJJ).",
        )
    })?;
    state.with(|s| s.mark_paid(&month, on, state.today))
}

#[tauri::command]
pub fn delete_draft(state: State<AppState>, month: String) -> CmdResult<()> {
    state.with(|s| s.delete_draft(&month))
}

#[tauri::command]
pub fn add_correction(
    state: State<AppState>,
    pilot_id: i64,
    amount: String,
    reason: String,
    original_statement: String,
) -> CmdResult<Correction> {
    let cents = euros("amount", &amount)?;
    state.with(|s| {
        let who = who(&state, s)?;
        s.add_correction(pilot_id, cents, &reason, &original_statement, &who)
    })
}

#[tauri::command]
pub fn pilot_corrections(state: State<AppState>, pilot_id: i64) -> CmdResult<Vec<Correction>> {
    state.with(|s| s.corrections_of(pilot_id))
}

fn month_start(month: &str) -> lotsen::Result<chrono::NaiveDate> {
    lotsen::domain::allowance::Month::parse(month)
        .map(|m| m.first_day())
        .ok_or_else(|| {
            lotsen::Error::field(
                "month",
                format!("Monat „{month}“ ist ungültig; erwartet JJJJ-MM."),
            )
        })
}

/// "Drucken" on a run: the combined PDF (payment list, then the statements) opened in the viewer.
/// For an approved run the payment list and every statement are also filed under the run's month.
#[tauri::command]
pub fn print_run(
    app: tauri::AppHandle,
    state: State<AppState>,
    month: String,
) -> CmdResult<SavedFile> {
    let docs = state.with(|s| s.run_documents(&month, state.today))?;
    let folder = month_start(&month)?;
    if !docs.draft {
        crate::files::file_in(
            &app,
            &state,
            folder,
            &docs.payment_list_file_name(),
            &docs.payment_list,
        )?;
        for (name, bytes) in &docs.statements {
            crate::files::file_in(&app, &state, folder, name, bytes)?;
        }
    }
    let path = crate::files::file_in(
        &app,
        &state,
        folder,
        &docs.combined_file_name(),
        &docs.combined,
    )?;
    crate::files::open_in_viewer(&path);
    Ok(SavedFile {
        path: path.display().to_string(),
    })
}

/// "Speichern unter…" on a run: the combined PDF where the person chooses.
#[tauri::command]
pub async fn save_run_as(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<Option<SavedFile>> {
    let docs = state.with(|s| s.run_documents(&month, state.today))?;
    let saved = crate::files::save_as(&app, &docs.combined_file_name(), &docs.combined)?;
    Ok(saved.map(|p| SavedFile {
        path: p.display().to_string(),
    }))
}

/// "SEPA-Datei speichern…": pain.001.001.09 of an approved run.
#[tauri::command]
pub async fn save_sepa(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<Option<SavedFile>> {
    let (name, xml) = state.with(|s| s.sepa_for(&month, state.today))?;
    let saved = crate::files::save_as(&app, &name, xml.as_bytes())?;
    Ok(saved.map(|p| SavedFile {
        path: p.display().to_string(),
    }))
}

/// One pilot's statement of a month, from the pilot's page.
#[tauri::command]
pub fn print_statement(
    app: tauri::AppHandle,
    state: State<AppState>,
    month: String,
    pilot_id: i64,
) -> CmdResult<SavedFile> {
    let (name, bytes) = state.with(|s| s.statement_for(&month, pilot_id, state.today))?;
    let path = crate::files::file_in(&app, &state, month_start(&month)?, &name, &bytes)?;
    crate::files::open_in_viewer(&path);
    Ok(SavedFile {
        path: path.display().to_string(),
    })
}

fn saved(p: Option<std::path::PathBuf>) -> Option<SavedFile> {
    p.map(|p| SavedFile {
        path: p.display().to_string(),
    })
}

/// "Sicherung erstellen": a backup into the backup folder, named with date and time.
#[tauri::command]
pub fn backup_now(state: State<AppState>) -> CmdResult<SavedFile> {
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let path = state
        .backup_dir()
        .join(format!("lotsenbuero-sicherung-{stamp}.sqlite3"));
    state.with(|s| s.backup_to(&path))?;
    Ok(SavedFile {
        path: path.display().to_string(),
    })
}

#[tauri::command]
pub fn list_backups(state: State<AppState>) -> CmdResult<Vec<lotsen::db::BackupEntry>> {
    lotsen::db::list_backups(&state.backup_dir())
}

#[derive(Serialize)]
pub struct PickedBackup {
    path: String,
    info: lotsen::db::BackupInfo,
}

/// Picks a backup file (dialog) and checks it; the UI shows the details before restoring.
#[tauri::command]
pub async fn pick_backup(app: tauri::AppHandle) -> CmdResult<Option<PickedBackup>> {
    let Some(path) = crate::files::ask_open_path(
        &app,
        "Sicherung wiederherstellen",
        ("Sicherung", &["sqlite3", "db", "sqlite"]),
    ) else {
        return Ok(None);
    };
    let info = lotsen::db::check_backup_file(&path)?;
    Ok(Some(PickedBackup {
        path: path.display().to_string(),
        info,
    }))
}

#[tauri::command]
pub fn check_backup(path: String) -> CmdResult<lotsen::db::BackupInfo> {
    lotsen::db::check_backup_file(std::path::Path::new(&path))
}

/// "Sicherung wiederherstellen": checked first; the current database is saved before it is replaced.
#[tauri::command]
pub fn restore_backup(
    state: State<AppState>,
    path: String,
) -> CmdResult<lotsen::db::RestoreOutcome> {
    let dir = state.backup_dir();
    state.with(|s| {
        s.restore_from(
            std::path::Path::new(&path),
            &dir,
            chrono::Local::now().naive_local(),
        )
    })
}

#[derive(Serialize)]
pub struct PickedImport {
    path: String,
    preview: lotsen::io::import::ImportPreview,
}

/// Picks a CSV file and shows what an import would do (nothing is written).
#[tauri::command]
pub async fn pick_import(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<PickedImport>> {
    let Some(path) =
        crate::files::ask_open_path(&app, "Excel-Liste einlesen", ("CSV-Datei", &["csv", "txt"]))
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        lotsen::Error::field(
            "file",
            format!("Datei {} nicht lesbar: {e}", path.display()),
        )
    })?;
    let preview = state.with(|s| s.import_preview(&bytes, state.today))?;
    Ok(Some(PickedImport {
        path: path.display().to_string(),
        preview,
    }))
}

/// Imports all valid new rows of the file shown in the preview, in one transaction.
#[tauri::command]
pub fn import_file(
    state: State<AppState>,
    path: String,
) -> CmdResult<lotsen::io::import::ImportPreview> {
    let bytes = std::fs::read(&path)
        .map_err(|e| lotsen::Error::field("file", format!("Datei {path} nicht lesbar: {e}")))?;
    state.with(|s| {
        let who = who(&state, s)?;
        s.import_file(&bytes, state.today, &who)
    })
}

/// Exports a list (pilots, coverage, payments) as CSV or XLSX where the person chooses.
#[tauri::command]
pub async fn export_list(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    kind: lotsen::db::ExportKind,
    format: String,
    year: Option<i32>,
) -> CmdResult<Option<SavedFile>> {
    let f = lotsen::io::export::Format::parse(&format)
        .ok_or_else(|| lotsen::Error::field("format", "Format muss CSV oder XLSX sein."))?;
    let table = state.with(|s| s.export_table(kind, year, state.today))?;
    let bytes = lotsen::io::export::render(&table, f)?;
    let name = format!(
        "{}.{}",
        lotsen::documents::transliterate(&table.name).replace([' ', '.'], "_"),
        format.to_lowercase()
    );
    Ok(saved(crate::files::save_as(&app, &name, &bytes)?))
}

#[tauri::command]
pub fn audit_entries(
    state: State<AppState>,
    filter: lotsen::db::AuditFilter,
) -> CmdResult<Vec<lotsen::db::AuditEntry>> {
    state.with(|s| s.audit_entries(&filter))
}

#[derive(Serialize)]
pub struct TableInfo {
    code: &'static str,
    label: &'static str,
}

#[tauri::command]
pub fn audited_tables() -> Vec<TableInfo> {
    lotsen::db::AUDITED_TABLES
        .iter()
        .map(|(code, label)| TableInfo { code, label })
        .collect()
}

/// Art. 15 DSGVO: everything about one person as PDF or JSON, where the person chooses.
#[tauri::command]
pub async fn export_personal_data(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    pilot_id: i64,
    format: String,
) -> CmdResult<Option<SavedFile>> {
    let (name, bytes) = state.with(|s| {
        let data = s.personal_data(pilot_id, state.today)?;
        let p = &data.record.pilot;
        // Legal on Windows for every name (transliterate alone left "?" for Cyrillic letters).
        let name =
            |ext| lotsen::app::files::personal_data_file_name(&p.last_name, &p.first_name, ext);
        Ok(if format == "json" {
            (
                name("json"),
                serde_json::to_vec_pretty(&data).expect("personal data serialises"),
            )
        } else {
            (
                name("pdf"),
                lotsen::documents::personal_data_pdf(&data, &s.settings()?.letterhead)?,
            )
        })
    })?;
    Ok(saved(crate::files::save_as(&app, &name, &bytes)?))
}
