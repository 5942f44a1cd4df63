// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

export type ModuleRow = { number: number, title: string, done: boolean, first_attended_on: string | null, course: string | null, place: string | null, 
/**
 * Done outside the courses of the app and recognised ("anerkannt").
 */
recognised: boolean, 
/**
 * The note of the recognition.
 */
note: string | null, };
