// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A course session with its attendees.
 */
export type CourseSession = { id: number, course_id: number, held_on: string, 
/**
 * 1–5, or `None` for a refresher session.
 */
module: number | null, label: string, place: string, trainer: string, attendees: Array<number>, };
