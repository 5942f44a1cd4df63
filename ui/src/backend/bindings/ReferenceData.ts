// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { CodeLabel } from "./CodeLabel";
import type { District } from "./District";
import type { ModuleInfo } from "./ModuleInfo";
import type { Municipality } from "./Municipality";
import type { RunState } from "./RunState";
import type { ScreeningResult } from "./ScreeningResult";
import type { StatusInfo } from "./StatusInfo";

/**
 * Everything the forms need to offer choices, and the German words for the codes they show.
 */
export type ReferenceData = { districts: Array<District>, municipalities: Array<Municipality>, languages: Array<string>, sources: Array<string>, statuses: Array<StatusInfo>, 
/**
 * The states of an allowance run.
 */
run_states: Array<CodeLabel<RunState>>, 
/**
 * The results of an eFZ inspection.
 */
screening_results: Array<CodeLabel<ScreeningResult>>, 
/**
 * The five modules of the basic course, module 1 first.
 */
modules: Array<ModuleInfo>, 
/**
 * German month names, January first.
 */
month_names: Array<string>, };
