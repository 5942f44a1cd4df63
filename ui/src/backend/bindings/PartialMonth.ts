// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * How a month with only some eligible days is paid.
 */
export type PartialMonth = "pro_rata" | "full_month_if_any_day" | "nothing_for_partial";
