// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { DistrictCoverage } from "./DistrictCoverage";

export type Coverage = { date: string, districts: Array<DistrictCoverage>, 
/**
 * County totals (district "Landkreis").
 */
total: DistrictCoverage, 
/**
 * Pilots without a district who would otherwise count (active and eligible).
 */
eligible_without_district: Array<number>, };
