// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * The reports of the Berichte screen (the Abdeckungsbericht has its own use case).
 */
export type ReportKind = "annual" | "grant" | "certificate";
