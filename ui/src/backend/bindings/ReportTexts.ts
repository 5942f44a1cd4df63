// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { TextSection } from "./TextSection";

/**
 * The Sachbericht's sections of a year and its filled-in figures paragraph (Berichte screen).
 */
export type ReportTexts = { year: number, figures: string, sections: Array<TextSection>, };
