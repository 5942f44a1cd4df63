// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * The file formats of a report.
 */
export type ReportFormat = "pdf" | "xlsx";
