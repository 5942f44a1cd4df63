// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * Letterhead and sender details printed on every document (defaults: Landkreis Harz).
 */
export type Letterhead = { authority: string, department: string, street: string, postcode_town: string, phone: string, email: string, 
/**
 * Place for the date line ("Halberstadt, den 26.11.2026").
 */
place: string, signer_name: string, signer_title: string, footer: string, };
