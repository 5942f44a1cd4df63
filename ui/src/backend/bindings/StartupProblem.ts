// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * Something the care at start-up could not do, with what to do about it (shown in the app).
 */
export type StartupProblem = { 
/**
 * "backup" or "deletion".
 */
task: "backup" | "deletion", message: string, };
