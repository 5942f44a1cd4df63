// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * What kind of error a command answers with; `validation` puts its messages at their fields,
 * `rule` lists every unmet requirement in `missing`.
 */
export type ErrorKind = "validation" | "not_found" | "conflict" | "rule" | "storage" | "disk";
