// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A district change as typed.
 */
export type DistrictInput = { district: string, 
/**
 * "Wirksam ab".
 */
on: string, note: string, };
