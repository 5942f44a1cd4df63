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
}

export interface AppState {
  empty: boolean;
  db_path: string;
  /** The date the rules use, ISO YYYY-MM-DD. */
  today: string;
}
