//! The desktop shell: logging, the session, the daily care, and the window's commands. No rules
//! and no parsing live here; the commands call lotsen::app.

mod commands;
mod dialogs;
mod state;
#[cfg(target_os = "linux")]
mod web_memory;

include!("commands/list.rs");

use tauri::Manager;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

/// Registers every command of the one list (commands/list.rs).
macro_rules! handler {
    ($($area:ident :: $name:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$area::$name),*]
    };
}

/// WebKitGTK draws the window without its compositor unless someone asks for it (WEBKIT_FORCE_COMPOSITING_MODE or
/// WEBKIT_DISABLE_COMPOSITING_MODE set): the screens are forms and tables without animation, and the compositor's
/// buffers and threads cost memory the coordinator's office PC has better uses for (measured under Xvfb, 30 pilots,
/// app and WebKit processes 7 s after start: 326 MB PSS composited, 228 MB not; the screens drew in 92–226 ms
/// composited, 31–88 ms not). Set before any thread exists, so before the web processes that inherit it.
#[cfg(target_os = "linux")]
fn draw_without_compositor() {
    let asked = [
        "WEBKIT_FORCE_COMPOSITING_MODE",
        "WEBKIT_DISABLE_COMPOSITING_MODE",
    ]
    .iter()
    .any(|name| std::env::var_os(name).is_some());
    if !asked {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

/// The care at start-up runs once the window has its first screen (it asks for the care's problems
/// then), at the latest a few seconds after start: the first screen does not wait for the backup.
fn spawn_care_at_start(app: tauri::AppHandle) {
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(5));
        app.state::<state::AppState>().care_at_start();
    });
}

/// While the app stays open across midnight, the daily backup and the deletion check run again
/// on the new day, as the session's clock sees it (never when "today" is fixed).
fn spawn_daily_care(app: tauri::AppHandle) {
    let day = |app: &tauri::AppHandle| {
        app.state::<state::AppState>()
            .with(|s| Ok((s.today(), s.clock().is_fixed())))
    };
    let Ok((mut last, false)) = day(&app) else {
        return;
    };
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(15 * 60));
        if let Ok((today, _)) = day(&app) {
            if today > last {
                last = today;
                app.state::<state::AppState>().care();
            }
        }
    });
}

/// A second start of the app (one instance per user): the running window comes to the front and
/// the second process exits, so the same database is never open in two windows.
fn bring_to_front(app: &tauri::AppHandle) {
    log::info!("Zweiter Start: das laufende Fenster wird nach vorn geholt.");
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// `LOTSEN_LOG_DIR` (tests), if set.
fn log_dir_override() -> Option<std::path::PathBuf> {
    std::env::var_os("LOTSEN_LOG_DIR")
        .filter(|v| !v.is_empty())
        .map(Into::into)
}

/// The log folder and its files are private like the database: a log written by an older version
/// (or created under a looser umask) is tightened at start, with a line in the log saying so.
fn tighten_logs(app: &tauri::AppHandle) {
    let Some(dir) = log_dir_override().or_else(|| app.path().app_log_dir().ok()) else {
        return;
    };
    let files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    let tightened = lotsen::db::private::tighten_all(
        std::iter::once(dir.as_path()).chain(files.iter().map(|p| p.as_path())),
    );
    for p in tightened {
        log::info!("Nur noch für Sie lesbar gemacht: {}", p.display());
    }
}

/// The log file in the app's log folder (`LOTSEN_LOG_DIR` instead, for tests), plus stderr.
fn logger() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let file = match log_dir_override() {
        Some(dir) => TargetKind::Folder {
            path: dir,
            file_name: Some("lotsenbuero".into()),
        },
        None => TargetKind::LogDir {
            file_name: Some("lotsenbuero".into()),
        },
    };
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets([Target::new(TargetKind::Stderr), Target::new(file)])
        .level(log::LevelFilter::Info)
        .max_file_size(1_000_000)
        .rotation_strategy(RotationStrategy::KeepSome(5))
        .build()
}

pub fn run() {
    // Before the log file and the database exist: everything this process creates is private.
    lotsen::db::private::restrict_new_files();
    #[cfg(target_os = "linux")]
    draw_without_compositor();
    #[cfg(target_os = "linux")]
    web_memory::limit_web_memory();
    tauri::Builder::default()
        // First, so that a second start hands over before it opens a log file or the database.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            bring_to_front(app)
        }))
        .plugin(logger())
        // Used from Rust only ("Speichern unter…"); the window gets no dialog permission.
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            tighten_logs(app.handle());
            let args: Vec<String> = std::env::args().collect();
            let path = state::db_path_from(&args, app.path().app_data_dir().ok());
            // "Today" is read at every action; LOTSEN_TODAY fixes it for tests.
            let clock = lotsen::app::Clock::from_option_or_env(None)?;
            log::info!("Lotsenbüro startet mit {}", path.display());
            let state = state::AppState::open(&path, clock, app.path().document_dir().ok());
            app.manage(state);
            spawn_care_at_start(app.handle().clone());
            spawn_daily_care(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands!(handler))
        .run(tauri::generate_context!())
        .expect("Lotsenbüro konnte nicht gestartet werden");
}
