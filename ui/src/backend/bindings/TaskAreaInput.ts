// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A task area as edited in Einstellungen; `id` `None` adds one.
 */
export type TaskAreaInput = { id: number | null, name: string, active: boolean, };
