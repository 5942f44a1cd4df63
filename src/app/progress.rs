//! How far a long piece of work has come (printing a month, a backup, an import), so the desktop
//! can show a busy bar with text instead of a frozen window. The command line passes [`quiet`].
//! Work that can stop cleanly also takes a [`Cancel`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Result};

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

/// "Abbrechen" of long work, set from another thread (the window's button). Work that can stop
/// without leaving anything half-done checks it between its steps ([`Cancel::check`]) and stops
/// before it writes anything; work that cannot (one transaction already under way) does not take one.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

/// What the window says when work was cancelled.
pub const CANCELLED: &str = "Abgebrochen. Es wurde nichts gespeichert.";

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks the work to stop at its next step.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// An error once cancelled: the work stops here and returns it.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Conflict(CANCELLED.into()))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancel_is_seen_by_every_copy_and_stops_the_next_step() {
        let cancel = Cancel::new();
        let seen_by_the_work = cancel.clone();
        assert!(seen_by_the_work.check().is_ok());
        cancel.cancel();
        assert!(seen_by_the_work.is_cancelled());
        let err = seen_by_the_work.check().unwrap_err();
        assert_eq!(err.to_string(), CANCELLED);
    }
}
