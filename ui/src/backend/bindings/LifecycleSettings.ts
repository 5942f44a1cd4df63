// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * The periods and limits the lifecycle rules use. Missing keys in stored JSON take the default.
 */
export type LifecycleSettings = { 
/**
 * A certificate of conduct may be at most this many months old when it is inspected.
 */
certificate_max_age_months: number, 
/**
 * Re-inspection is due this many years after the certificate date.
 */
reinspection_years: number, 
/**
 * The screening shows as "läuft ab" this many days before the re-inspection date.
 */
warning_days: number, 
/**
 * Written test: share of the maximum points needed to pass, in percent.
 */
pass_mark_percent: number, 
/**
 * The refresher is due this many months after the appointment.
 */
refresher_months: number, 
/**
 * Due list: qualified but not appointed for more than this many days.
 */
qualified_waiting_days: number, 
/**
 * Due list: confirmation letter issued but no certificate inspected after this many days.
 */
letter_followup_days: number, 
/**
 * Due list: eFZ data of a pilot who has not started this many months after the inspection
 * (and the entry into the programme) is named for deletion (§ 30a BZRG).
 */
not_started_keep_months: number, };
