//! How far a long piece of work has come (printing a month, a backup, an import), so the desktop
//! can show a busy bar with text instead of a frozen window. The command line passes [`quiet`].

use serde::Serialize;

/// One step: `done` of `total` and what is being done, in German ("Abrechnung 12 von 420").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub text: String,
}

impl Progress {
    pub fn new(done: usize, total: usize, text: impl Into<String>) -> Progress {
        Progress {
            done,
            total,
            text: text.into(),
        }
    }
}

/// Receives each step of a use case.
pub type OnProgress<'a> = &'a dyn Fn(Progress);

/// Ignores every step.
pub fn quiet(_: Progress) {}
