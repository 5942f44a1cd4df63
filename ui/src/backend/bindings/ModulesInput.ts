// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * Modules done outside the courses of the app ("anerkannt"), or a refresher: each entry a module
 * number, a range or list ("1-5", "1, 2, 4"), or "Auffrischung".
 */
export type ModulesInput = { modules: Array<string>, on: string, note: string, };
