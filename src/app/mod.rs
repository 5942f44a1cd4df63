//! The use cases that both edges call: the `lotsen` command line and the desktop shell.
//! A [`Session`] holds the store, the clock ("today" at each action) and who is working; input
//! typed by a person is parsed here, once, with German messages naming the field ([`parse`]);
//! documents get their file names and their place in the documents folder here ([`files`]).

pub mod demo;
pub mod documents;
pub mod files;
pub mod history;
pub mod import;
pub mod parse;
pub mod session;
pub mod statements;

pub use session::{Clock, Session};
