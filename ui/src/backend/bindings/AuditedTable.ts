// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A table the change log covers, with its German label.
 */
export type AuditedTable = { code: string, label: string, };
