//! Lotsenbüro core, in three layers (see docs/ARCHITECTURE.md):
//! - [`domain`]: the rules, pure (no SQL, no files, no clock);
//! - [`app`]: the use cases that the command line and the desktop shell both call;
//! - [`db`], [`documents`], [`io`]: the SQLite store, the printed documents, import and export.
//!
//! Knows nothing of the desktop shell.

pub mod app;
pub mod db;
pub mod documents;
pub mod domain;
pub mod error;
pub mod io;

pub use db::Store;
pub use domain::pilot::{Duplicate, Pilot, PilotInput, Status};
pub use domain::register::{PilotQuery, SortKey};
pub use error::{Error, FieldError, Result};
