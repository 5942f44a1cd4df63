//! The rules: plain functions over plain data and a date. No SQL, no files, no clock.
//! Everything here may be used by every other layer; nothing here uses another layer
//! (checked by `tests/architecture.rs`).

pub mod activity;
pub mod allowance;
pub mod approval;
pub mod budget;
pub mod coverage;
pub mod dates;
pub mod history;
pub mod iban;
pub mod lifecycle;
pub mod money;
pub mod periods;
pub mod pilot;
pub mod reconcile;
pub mod record;
pub mod reference;
pub mod register;
pub mod reports;
pub mod retention;
pub mod run;
pub mod screening;
pub mod settings;
pub mod timeline;
pub mod training;
