// Types shared with the Tauri commands (src-tauri/src/commands.rs). Field names are the snake_case
// names the Rust structs serialise to; keep both sides in step.

export type StatusCode = 'prospect' | 'in_qualification' | 'qualified' | 'active' | 'paused' | 'left';

export interface PilotInput {
  first_name: string;
  last_name: string;
  /** ISO YYYY-MM-DD, or null when unknown. */
  birth_date: string | null;
  street: string;
  postcode: string;
  town: string;
  municipality: string | null;
  district: string | null;
  phone: string;
  email: string;
  languages: string[];
  recruitment_source: string | null;
  account_holder: string;
  /** Stored without spaces, upper case. */
  iban: string;
  notes: string;
}

export interface Pilot extends PilotInput {
  id: number;
  status: StatusCode;
  created_at: string;
  updated_at: string;
}

export type PilotField = keyof PilotInput;

export interface District {
  id: number;
  name: string;
  target: number;
}

export interface Municipality {
  name: string;
  district: string;
}

export interface ReferenceData {
  districts: District[];
  municipalities: Municipality[];
  languages: string[];
  sources: string[];
  statuses: { code: StatusCode; label: string }[];
}

export type PilotSort = 'name' | 'town' | 'district' | 'status' | 'created';

export interface PilotQuery {
  search?: string | null;
  district?: string | null;
  status?: StatusCode | null;
  language?: string | null;
  sort?: PilotSort | null;
  desc?: boolean;
}

export interface Duplicate {
  id: number;
  name: string;
  /** German, e.g. "gleicher Name und Geburtsdatum" or "gleiche IBAN". */
  reason: string;
}

export interface FieldError {
  /** snake_case key of PilotInput, e.g. "iban". */
  field: string;
  message: string;
}

export type AppErrorKind = 'validation' | 'not_found' | 'conflict' | 'rule' | 'storage';

export interface AppError {
  kind: AppErrorKind;
  message: string;
  errors: FieldError[];
  /** For kind 'rule': every unmet requirement, in German (e.g. why an appointment is refused). */
  missing: string[];
}

export interface AppState {
  empty: boolean;
  db_path: string;
  /** The date the rules use, ISO YYYY-MM-DD. */
  today: string;
}

// ---- lifecycle (SPEC section 4) ---------------------------------------------------------------

export interface StatusOption {
  code: StatusCode;
  label: string;
}

export interface StatusChange {
  status: StatusCode;
  /** ISO date the change takes effect. */
  effective_on: string;
  note: string;
  who: string;
  seq: number;
}

export type ScreeningResult = 'clear' | 'relevant_entry';

export interface ScreeningInput {
  letter_issued_on: string | null;
  certificate_dated: string | null;
  inspected_on: string | null;
  inspected_by: string;
  result: ScreeningResult | null;
}

export type ScreeningField = keyof ScreeningInput;

export interface ScreeningRecord extends ScreeningInput {
  id: number;
}

export type ScreeningStateCode = 'missing' | 'requested' | 'valid' | 'expiring' | 'expired' | 'relevant_entry';

export interface ModuleRow {
  number: number;
  title: string;
  done: boolean;
  first_attended_on: string | null;
  course: string | null;
  place: string | null;
}

export interface AttemptInput {
  taken_on: string;
  points: number;
  max_points: number;
  interview_passed: boolean;
  interviewer: string;
}

export type AttemptField = keyof AttemptInput;

export interface AttemptRow extends AttemptInput {
  id: number;
  passed: boolean;
}

export type RefresherStateCode = 'not_due' | 'due' | 'done' | 'overdue';

export interface PilotRecord {
  pilot: Pilot;
  /** The status on the rules' today. */
  status: StatusCode;
  history: StatusChange[];
  allowed_next: StatusOption[];
  /** The current screening record, null when there is none. */
  screening: ScreeningRecord | null;
  screening_state: { code: ScreeningStateCode; label: string };
  screening_reason: string | null;
  reinspection_on: string | null;
  /** Always the five modules of the basic course. */
  modules: ModuleRow[];
  attempts: AttemptRow[];
  final_test_passed: boolean;
  appointed_on: string | null;
  refresher: { state: RefresherStateCode; date: string | null; label: string };
  eligible: boolean;
  /** ISO date the screening data was deleted (§ 30a BZRG), null when not deleted. */
  screening_deleted_on: string | null;
  /** ISO date the screening data will be deleted (the pilot left), null when no deletion is due. */
  screening_deletion_due_on: string | null;
}

// ---- courses ----------------------------------------------------------------------------------

export interface SessionInput {
  held_on: string;
  /** 1–5, or null for a refresher session ("Auffrischung"). */
  module: number | null;
  place: string;
  trainer: string;
}

export interface CourseSession extends SessionInput {
  id: number;
  course_id: number;
  /** "Modul 3: …" or "Auffrischung". */
  label: string;
  /** Ids of the pilots who attended. */
  attendees: number[];
}

export interface Course {
  id: number;
  name: string;
  sessions: CourseSession[];
}

// ---- due list ---------------------------------------------------------------------------------

export type DueKind = 'efz_expiring' | 'efz_expired' | 'refresher_overdue' | 'qualified_waiting' | 'letter_unanswered';

export interface DueItem {
  pilot_id: number;
  name: string;
  kind: DueKind;
  /** German sentence, naming the pilot. */
  label: string;
  date: string;
}

// ---- settings ---------------------------------------------------------------------------------

export interface LifecycleSettings {
  certificate_max_age_months: number;
  reinspection_years: number;
  warning_days: number;
  pass_mark_percent: number;
  refresher_months: number;
  qualified_waiting_days: number;
  letter_followup_days: number;
}

export interface Letterhead {
  authority: string;
  department: string;
  street: string;
  postcode_town: string;
  phone: string;
  email: string;
  place: string;
  signer_name: string;
  signer_title: string;
  footer: string;
}

/** Traffic-light thresholds in percent of a district's target (defaults 100 / 70). */
export interface CoverageSettings {
  green_percent: number;
  amber_percent: number;
}

export type PartialMonth = 'pro_rata' | 'full_month_if_any_day' | 'nothing_for_partial';
export type Timing = 'in_arrears' | 'in_advance';

/** The monthly allowance (SPEC section 6); money in cents. */
export interface AllowanceSettings {
  rate_cents: number;
  cap_cents: number;
  partial_month: PartialMonth;
  timing: Timing;
  /** Printed on statements. */
  legal_basis: string;
  /** Printed on statements: tax and social benefits. */
  tax_note: string;
  due_days: number;
}

/** The county's account the SEPA transfer file is drawn on. */
export interface DebtorSettings {
  name: string;
  /** Stored without spaces, upper case. */
  iban: string;
  bic: string;
}

export interface Settings {
  lifecycle: LifecycleSettings;
  letterhead: Letterhead;
  coverage: CoverageSettings;
  allowance: AllowanceSettings;
  debtor: DebtorSettings;
  desk_user: string;
  data: DataSettings;
}

/** Backups and the documents folder. */
export interface DataSettings {
  /** Automatic daily backups kept (1–365). */
  backup_keep: number;
  /** Folder for filed documents; empty = "Lotsenbüro" in the documents folder. */
  documents_dir: string;
}

export type DocumentKind = 'efz_letter' | 'appointment_certificate';

export interface SavedDocument {
  path: string;
}

// ---- coverage per former district (SPEC section 5) ---------------------------------------------

export type Light = 'green' | 'amber' | 'red';

/** The counts of a district that open a drill-down list; each has a matching "<kind>_ids" list. */
export type CoverageKind = 'eligible' | 'pipeline' | 'paused' | 'ending_soon' | 'refresher_overdue';

export interface LanguageCount {
  language: string;
  pilots: number;
}

export interface DistrictCoverage {
  /** "Landkreis" for the county totals. */
  district: string;
  target: number;
  eligible: number;
  pipeline: number;
  paused: number;
  ending_soon: number;
  refresher_overdue: number;
  /** Whole percent of the target, rounded down. */
  coverage_percent: number;
  light: Light;
  eligible_ids: number[];
  pipeline_ids: number[];
  paused_ids: number[];
  ending_soon_ids: number[];
  refresher_overdue_ids: number[];
  /** Languages of the eligible pilots. */
  languages: LanguageCount[];
  /** Languages of the list that no eligible pilot of the district speaks. */
  language_gaps: string[];
}

export interface Coverage {
  /** ISO date the coverage is for. */
  date: string;
  districts: DistrictCoverage[];
  total: DistrictCoverage;
  /** Eligible pilots without a district (counted in no district). */
  eligible_without_district: number[];
}

export interface MonthPoint {
  /** "2026-11" */
  month: string;
  /** The day counted: the month's last day (for the current month: today). */
  date: string;
  /** True for the months after today (known eFZ expiries applied). */
  outlook: boolean;
  /** Eligible pilots per district, in the order of coverage.districts. */
  eligible: number[];
  total: number;
}

export interface CoverageView {
  coverage: Coverage;
  /** 24 past month ends, the current month and 3 outlook months; always relative to today. */
  history: MonthPoint[];
}

// ---- allowances and budget (SPEC section 6) ------------------------------------------------------
// Money is always integer cents in fields ending _cents. Amounts the user types travel as German text
// ("46.800,00", "-20,00"); the backend parses them and answers a field error when it cannot.

export type RunState = 'draft' | 'approved' | 'paid';

export interface Budget {
  year: number;
  amount_cents: number;
  notice_number: string;
  /** ISO date of the grant notice, or null. */
  notice_date: string | null;
  budget_line: string;
}

/** What set_budget takes: the amount as typed. */
export interface BudgetInput {
  year: number;
  amount: string;
  notice_number: string;
  notice_date: string | null;
  budget_line: string;
}

export interface MonthRow {
  /** "2026-11" */
  month: string;
  /** "November 2026" */
  label: string;
  /** The run's state, or null when the month has no run. */
  state: RunState | null;
  approved_cents: number;
  paid_cents: number;
  draft_cents: number;
  /** Forecast with today's eligible pilots for months without a run. */
  forecast_cents: number;
  claim_back_cents: number;
  /** Budget minus approved, drafts and forecasts up to and including this month; null without a budget. */
  remaining_after_cents: number | null;
}

export interface BudgetYear {
  year: number;
  budget: Budget | null;
  budget_cents: number;
  approved_cents: number;
  paid_cents: number;
  draft_cents: number;
  /** Budget minus approved. */
  remaining_cents: number;
  /** Always the twelve months. */
  months: MonthRow[];
  forecast: MonthRow[];
  /** The first month the budget would not cover ("2026-11"), if any. */
  first_uncovered: string | null;
  /** Pilots the free budget can carry at the current rate to year end; null without a budget. */
  pilots_affordable: number | null;
}

export interface RunLine {
  id: number;
  pilot_id: number;
  name: string;
  first_name: string;
  last_name: string;
  district: string;
  iban: string;
  account_holder: string;
  eligible_days: number;
  days_in_month: number;
  rate_cents: number;
  computed_cents: number;
  amount_cents: number;
  /** Why the amount was lowered by hand; "" when it was not. */
  lowered_reason: string;
  corrections_cents: number;
  net_cents: number;
  /** AE-YYYY-MM-NNN, assigned on approval. */
  statement_number: string | null;
}

export interface Correction {
  id: number;
  pilot_id: number;
  amount_cents: number;
  reason: string;
  original_statement: string;
  created_at: string;
  created_by: string;
  /** The run it is booked into; null while it waits for the next draft. */
  month: string | null;
}

export interface Run {
  id: number;
  month: string;
  label: string;
  state: RunState;
  created_at: string;
  computed_at: string;
  approved_at: string | null;
  approved_by: string | null;
  paid_on: string | null;
  /** Sum of the positive nets: what is transferred. */
  total_cents: number;
  /** Sum of the negative nets as a positive number: what is claimed back. */
  claim_back_cents: number;
  lines: RunLine[];
  corrections: Correction[];
}

// ---- data safety and protection (SPEC section 8) -------------------------------------------------

export interface SavedFile {
  path: string;
}

/** What a checked backup file holds. */
export interface BackupInfo {
  path: string;
  schema_version: number;
  pilot_count: number;
  /** Bytes. */
  file_size: number;
  /** Last modified, UTC RFC 3339, when known. */
  modified: string | null;
}

export type BackupKind = 'daily' | 'before_restore' | 'manual';

/** One file in the backup folder (not opened). */
export interface BackupEntry {
  path: string;
  file_name: string;
  kind: BackupKind;
  /** ISO date in the file name (daily backups and those before a restore). */
  date: string | null;
  file_size: number;
  modified: string | null;
}

export interface PickedBackup {
  path: string;
  info: BackupInfo;
}

export interface RestoreOutcome {
  restored: BackupInfo;
  /** Where the database as it was before the restore was saved. */
  previous_saved_as: string;
}

export type ImportRowStatus = 'new' | 'duplicate' | 'error';

export interface RowReport {
  /** Line in the file (the header is line 1). */
  line: number;
  status: ImportRowStatus;
  name: string;
  /** German messages: the field and the reason, or the duplicate found. */
  messages: string[];
}

export interface ImportPreview {
  format: { encoding: string; delimiter: string };
  unknown_columns: string[];
  rows: RowReport[];
  new: number;
  duplicates: number;
  errors: number;
}

export interface PickedImport {
  path: string;
  preview: ImportPreview;
}

export type ExportKind = 'pilots' | 'coverage' | 'payments';
export type ExportFormat = 'csv' | 'xlsx';

/** What the audit log is asked for; every part is optional. Dates are ISO (UTC day of the entry). */
export interface AuditFilter {
  entity?: string | null;
  entity_id?: string | null;
  pilot_id?: number | null;
  from?: string | null;
  to?: string | null;
  text?: string | null;
  limit?: number | null;
}

export interface AuditEntry {
  id: number;
  /** UTC, RFC 3339. */
  at: string;
  /** Empty for changes made by the system. */
  who: string;
  /** Entries of one transaction share this number: one change by the user. */
  tx: number;
  entity: string;
  entity_label: string;
  entity_id: string;
  pilot_id: number | null;
  action: string;
  action_label: string;
  field: string | null;
  field_label: string | null;
  old_value: string | null;
  new_value: string | null;
  note: string;
  /** The values were deleted (screening data after § 30a BZRG). */
  redacted: boolean;
}

export interface AuditedTable {
  code: string;
  label: string;
}

export type PersonalDataFormat = 'pdf' | 'json';

/** What the care at start-up could not do (daily backup, deletion of due eFZ data), with what to do. */
export interface StartupProblem {
  task: 'backup' | 'deletion';
  message: string;
}
