// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * What a session covers: one module of the basic course, or a refresher ("Auffrischung").
 */
export type SessionKind = { "module": number } | "refresher";
