// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A problem with one input field, shown next to that field.
 */
export type FieldError = { 
/**
 * The snake_case key of the field (`iban`, `postcode`, …).
 */
field: string, 
/**
 * German message naming the field.
 */
message: string, };
