// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { CourseSession } from "./CourseSession";

export type Course = { id: number, name: string, sessions: Array<CourseSession>, };
