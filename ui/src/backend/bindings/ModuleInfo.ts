// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A module of the basic course.
 */
export type ModuleInfo = { 
/**
 * 1–5.
 */
number: number, title: string, };
