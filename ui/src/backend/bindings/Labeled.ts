// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { ScreeningState } from "./ScreeningState";

export type Labeled = { code: ScreeningState, label: string, };
