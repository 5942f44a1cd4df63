//! The error a command returns to the window: the core's error, serialised as
//! `{ kind, message, errors, missing }` (see lotsen::Error).

pub type CmdResult<T> = Result<T, lotsen::Error>;
