//! The desktop shell: opens the store and registers the commands. No rules live here.

mod commands;
mod error;
mod files;
mod state;

use tauri::Manager;

/// While the app stays open across midnight, the daily backup and the deletion check run again
/// on the new day (not when "today" is fixed by LOTSEN_TODAY for tests).
fn spawn_daily_maintenance(app: tauri::AppHandle, started: chrono::NaiveDate) {
    if std::env::var_os("LOTSEN_TODAY").is_some() {
        return;
    }
    std::thread::spawn(move || {
        let mut last = started;
        loop {
            std::thread::sleep(std::time::Duration::from_secs(15 * 60));
            let today = chrono::Local::now().date_naive();
            if today > last {
                last = today;
                if let Err(e) = app.state::<state::AppState>().maintenance(today) {
                    eprintln!("Lotsenbüro: tägliche Wartung fehlgeschlagen: {e}");
                }
            }
        }
    });
}

pub fn run() {
    tauri::Builder::default()
        // Used from Rust only ("Speichern unter…"); the window gets no dialog permission.
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let args: Vec<String> = std::env::args().collect();
            let path = state::db_path_from(&args, app.path().app_data_dir().ok());
            // "Today" is read once here, at the edge; LOTSEN_TODAY overrides it for tests.
            let today = lotsen::app::Clock::from_option_or_env(None)?.today();
            let state = state::AppState::open(&path, today);
            // A failed backup or deletion must not stop the app; the next start tries again.
            if let Err(e) = state.maintenance(today) {
                eprintln!("Lotsenbüro: Wartung beim Start fehlgeschlagen: {e}");
            }
            app.manage(state);
            spawn_daily_maintenance(app.handle().clone(), today);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_state,
            commands::reference_data,
            commands::load_demo,
            commands::list_pilots,
            commands::get_pilot,
            commands::find_duplicates,
            commands::save_pilot,
            commands::pilot_record,
            commands::change_status,
            commands::save_screening,
            commands::add_test_attempt,
            commands::list_courses,
            commands::save_course,
            commands::save_session,
            commands::set_attendance,
            commands::due_list,
            commands::get_settings,
            commands::save_settings,
            commands::coverage,
            commands::save_district,
            commands::set_municipality_district,
            commands::print_document,
            commands::print_coverage_report,
            commands::save_coverage_report,
            commands::budget_year,
            commands::set_budget,
            commands::create_run,
            commands::run_detail,
            commands::lower_line,
            commands::approve_run,
            commands::mark_paid,
            commands::delete_draft,
            commands::add_correction,
            commands::pilot_corrections,
            commands::print_run,
            commands::save_run_as,
            commands::save_sepa,
            commands::print_statement,
            commands::backup_now,
            commands::list_backups,
            commands::pick_backup,
            commands::check_backup,
            commands::restore_backup,
            commands::pick_import,
            commands::import_file,
            commands::export_list,
            commands::audit_entries,
            commands::audited_tables,
            commands::export_personal_data,
            commands::checks::validate_pilot,
            commands::checks::parse_amount,
        ])
        .run(tauri::generate_context!())
        .expect("Lotsenbüro konnte nicht gestartet werden");
}
