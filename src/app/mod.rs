//! The use cases that both edges call: the `lotsen` command line and the desktop shell.
//! A [`Session`] holds the store, the clock ("today" at each action) and who is working; input
//! typed by a person is parsed here, once, with German messages naming the field ([`parse`]);
//! documents get their file names and their place in the documents folder here ([`files`]).
//! One module per area of the app; long work reports its steps ([`progress`]).

pub mod activity;
pub mod allowances;
pub mod coverage;
pub mod data;
pub mod demo;
pub mod documents;
pub mod files;
pub mod history;
pub mod import;
pub mod lifecycle;
pub mod parse;
pub mod pilots;
pub mod progress;
pub mod reconcile;
pub mod register;
pub mod reports;
pub mod sepa_exports;
pub mod session;
pub mod settings;
pub mod statements;
pub mod training;

pub use documents::Document;
pub use progress::{OnProgress, Progress};
pub use session::{Clock, Session};
