// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

export type AttemptRow = { id: number, passed: boolean, 
/**
 * The pass mark the attempt was judged by (the one in force on its day).
 */
pass_mark_percent: number, 
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
