// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { LanguageCount } from "./LanguageCount";
import type { Light } from "./Light";

/**
 * One district on one day. The counts are the lengths of the id lists (the drill-down).
 */
export type DistrictCoverage = { district: string, target: number, eligible: number, pipeline: number, paused: number, ending_soon: number, refresher_overdue: number, coverage_percent: number, light: Light, eligible_ids: Array<number>, pipeline_ids: Array<number>, paused_ids: Array<number>, ending_soon_ids: Array<number>, refresher_overdue_ids: Array<number>, languages: Array<LanguageCount>, 
/**
 * Languages of the list that no eligible pilot of the district speaks.
 */
language_gaps: Array<string>, };
