// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * One attempt at the final test: a written part and an interview.
 */
export type TestAttempt = { 
/**
 * The day of the test.
 */
taken_on: string, 
/**
 * Written part: points reached …
 */
points: number, 
/**
 * … of this many.
 */
max_points: number, 
/**
 * The interview part was passed.
 */
interview_passed: boolean, 
/**
 * Who led the interview.
 */
interviewer: string, };
