//! The window's commands, one file per area. Each is a few lines: it runs an application use case
//! (lotsen::app) with the session and returns its result or error. Every command is async and does
//! its work on a blocking thread, so the window never waits for the database, a PDF or a file;
//! long work sends its steps to the window as "progress" events.

pub mod activity;
pub mod allowances;
pub mod app;
pub mod checks;
pub mod coverage;
pub mod data;
pub mod documents;
pub mod history;
pub mod ledger;
pub mod lifecycle;
pub mod pilots;
pub mod reports;
pub mod settings;
pub mod training;

use std::path::Path;

use lotsen::app::{Progress, Session};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

/// The error a command returns to the window: the core's error, serialised as
/// `{ kind, message, errors, missing }` (see lotsen::Error).
pub type CmdResult<T> = Result<T, lotsen::Error>;

/// Where a file was written, for the confirmation in the window.
#[derive(Serialize)]
pub struct SavedFile {
    path: String,
}

impl SavedFile {
    pub fn at(path: &Path) -> SavedFile {
        SavedFile {
            path: path.display().to_string(),
        }
    }
}

/// Runs `f` on a blocking thread with the app (dialogs, events) and its state; `f` takes the
/// session only for as long as it needs it (never across a dialog or while drawing a PDF).
pub async fn background<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppHandle, &AppState) -> lotsen::Result<T> + Send + 'static,
) -> CmdResult<T> {
    let result = tauri::async_runtime::spawn_blocking(move || {
        let result = f(&app, &app.state::<AppState>());
        give_back_memory();
        result
    })
    .await
    .map_err(|e| lotsen::Error::Storage(format!("Interner Fehler: {e}")))?;
    if let Err(e) = &result {
        // What the person cannot fix at the field goes into the log for whoever helps them.
        if matches!(
            e.kind(),
            lotsen::error::ErrorKind::Storage | lotsen::error::ErrorKind::Disk
        ) {
            log::error!("{e}");
        }
    }
    result
}

/// Gives the memory a command freed back to the system. glibc keeps the freed pages of each
/// thread's arena for later, so the lists of a 10,000-pilot database read once (the month's draft,
/// a report) would otherwise stay in the process: measured 264 MB for the app alone after one
/// round of the screens.
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's arenas; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Runs `f` with the session on a blocking thread.
pub async fn with_session<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&mut Session) -> lotsen::Result<T> + Send + 'static,
) -> CmdResult<T> {
    background(app, move |_, state| state.with(f)).await
}

/// A step of `task` as the window receives it.
#[derive(Clone, Serialize)]
struct ProgressEvent<'a> {
    task: &'a str,
    done: usize,
    total: usize,
    text: String,
}

/// Forwards the steps of `task` (the command's name) to the window as "progress" events.
pub fn progress<'a>(app: &'a AppHandle, task: &'a str) -> impl Fn(Progress) + 'a {
    move |p: Progress| {
        let event = ProgressEvent {
            task,
            done: p.done,
            total: p.total,
            text: p.text,
        };
        // A window that is gone misses a step; the work goes on.
        let _ = app.emit("progress", event);
    }
}
