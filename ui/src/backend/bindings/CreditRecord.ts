// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { SessionKind } from "./SessionKind";

/**
 * A stored module (or refresher) recognised without a course session of the app ("anerkannt").
 */
export type CreditRecord = { id: number, who: string, kind: SessionKind, on: string, note: string, };
