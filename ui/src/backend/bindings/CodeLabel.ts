// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A code and its German label, so the window shows the words of the rules without keeping a copy.
 */
export type CodeLabel<C> = { code: C, label: string, };
