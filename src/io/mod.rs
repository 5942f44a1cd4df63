//! Files in and out of the office's other tools: the Excel list (CSV) and CSV/XLSX exports.

pub mod export;
pub mod import;
