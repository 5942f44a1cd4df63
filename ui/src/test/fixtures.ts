// Test data shared by the DOM tests (not part of the app bundle: only *.test.ts import it).
import type {
  PageRequest,
  PilotPage,
  AuditEntry,
  BackupEntry,
  BudgetYear,
  Correction,
  Course,
  CoverageView,
  DistrictCoverage,
  DueItem,
  ImportPreview,
  MonthPoint,
  MonthRow,
  Pilot,
  PilotRecord,
  ReferenceData,
  Run,
  RunLine,
  Settings,
} from '../backend/types';

export function reference(): ReferenceData {
  return {
    districts: [
      { id: 1, name: 'Halberstadt', target: 10 },
      { id: 2, name: 'Quedlinburg', target: 10 },
      { id: 3, name: 'Wernigerode', target: 10 },
    ],
    municipalities: [
      { name: 'Halberstadt', district: 'Halberstadt' },
      { name: 'Osterwieck', district: 'Halberstadt' },
      { name: 'Quedlinburg', district: 'Quedlinburg' },
      { name: 'Thale', district: 'Quedlinburg' },
      { name: 'Wernigerode', district: 'Wernigerode' },
      { name: 'Ilsenburg (Harz)', district: 'Wernigerode' },
    ],
    languages: ['Deutsch', 'Arabisch', 'Dari/Farsi', 'Russisch', 'Ukrainisch', 'Englisch'],
    sources: ['ZASt-Ehrenamtskoordination', 'Netzwerk Integration', 'Medien', 'Veranstaltung', 'Sonstiges'],
    statuses: [
      { code: 'prospect', label: 'Interessent' },
      { code: 'in_qualification', label: 'In Qualifizierung' },
      { code: 'qualified', label: 'Qualifiziert' },
      { code: 'active', label: 'Aktiv' },
      { code: 'paused', label: 'Ruhend' },
      { code: 'left', label: 'Ausgeschieden' },
    ],
    // The backend's words for its codes, as reference_data answers (src/domain/reference.rs).
    run_states: [
      { code: 'draft', label: 'Entwurf' },
      { code: 'approved', label: 'freigegeben' },
      { code: 'paid', label: 'bezahlt' },
    ],
    screening_results: [
      { code: 'clear', label: 'ohne relevanten Eintrag' },
      { code: 'relevant_entry', label: 'relevanter Eintrag' },
    ],
    modules: MODULES.map((title, i) => ({ number: i + 1, title })),
    month_names: [
      'Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember',
    ],
  };
}

export function pilot(overrides: Partial<Pilot> = {}): Pilot {
  return {
    id: 7,
    status: 'active',
    created_at: '2026-03-02T09:15:00Z',
    updated_at: '2026-10-20T14:00:00Z',
    first_name: 'Amal',
    last_name: 'Haddad',
    birth_date: '1985-04-12',
    street: 'Domplatz 1',
    postcode: '38820',
    town: 'Halberstadt',
    municipality: 'Halberstadt',
    district: 'Halberstadt',
    phone: '03941 123456',
    email: 'amal.haddad@example.org',
    languages: ['Arabisch', 'Deutsch'],
    recruitment_source: 'Medien',
    account_holder: 'Amal Haddad',
    iban: 'DE89370400440532013000',
    bic: '',
    notes: 'Spricht auch etwas Französisch.',
    ...overrides,
  };
}

const MODULES = [
  'Mögliches und Unmögliches für Ehrenamtliche',
  'Die andere Seite: Migration / Flucht / Asyl',
  'Kulturelle Vielfalt / Interkulturelle Kompetenz / Religion',
  'Rahmenbedingungen und Anforderungen',
  'Rechtliche Grundlagen',
];

/** A qualified pilot: screening valid, modules 1–4 done, no test yet; may go to Aktiv or Ausgeschieden. */
export function record(overrides: Partial<PilotRecord> = {}): PilotRecord {
  const p = overrides.pilot ?? pilot({ id: 2, first_name: 'Olena', last_name: 'Kovalenko', status: 'qualified' });
  return {
    pilot: p,
    status: 'qualified',
    history: [
      { status: 'prospect', effective_on: '2026-03-02', note: 'Infoabend', who: 'M. Becker', seq: 1 },
      { status: 'in_qualification', effective_on: '2026-05-04', note: '', who: 'M. Becker', seq: 2 },
      { status: 'qualified', effective_on: '2026-10-01', note: 'Test bestanden', who: 'S. Krüger', seq: 3 },
    ],
    allowed_next: [
      { code: 'active', label: 'Aktiv' },
      { code: 'left', label: 'Ausgeschieden' },
    ],
    screening: {
      id: 11,
      letter_issued_on: '2026-04-01',
      certificate_dated: '2026-04-20',
      inspected_on: '2026-05-02',
      inspected_by: 'M. Becker',
      result: 'clear',
    },
    screening_state: { code: 'valid', label: 'gültig' },
    screening_reason: null,
    reinspection_on: '2031-04-20',
    modules: MODULES.map((title, i) => ({
      number: i + 1,
      title,
      done: i < 4,
      first_attended_on: i < 4 ? `2026-06-0${i + 1}` : null,
      course: i < 4 ? 'Basislehrgang Sommer 2026' : null,
      place: i < 4 ? 'Halberstadt' : null,
      recognised: false,
      note: null,
    })),
    attempts: [],
    final_test_passed: false,
    appointed_on: null,
    refresher: { state: 'not_due', date: null, label: 'nicht fällig' },
    eligible: false,
    screening_deleted_on: null,
    screening_deletion_due_on: null,
    in_programme_since: null,
    cancelled_changes: [],
    undo_candidate: null,
    district_history: [],
    credits: [],
    ...overrides,
  };
}

export function settings(): Settings {
  return {
    lifecycle: {
      certificate_max_age_months: 3,
      reinspection_years: 5,
      warning_days: 90,
      pass_mark_percent: 60,
      refresher_months: 6,
      qualified_waiting_days: 30,
      letter_followup_days: 42,
      not_started_keep_months: 12,
    },
    letterhead: {
      authority: 'Landkreis Harz',
      department: 'Koordinierungsstelle für Migration',
      street: 'Friedrich-Ebert-Straße 42',
      postcode_town: '38820 Halberstadt',
      phone: '03941 5970-0',
      email: 'migration@kreis-hz.de',
      place: 'Halberstadt',
      signer_name: 'Sabine Krüger',
      signer_title: 'Integrationskoordinatorin',
      footer: 'Landkreis Harz · Koordinierungsstelle für Migration',
    },
    coverage: { green_percent: 100, amber_percent: 70 },
    allowance: {
      rate_cents: 13000,
      cap_cents: 20000,
      partial_month: 'pro_rata',
      timing: 'in_arrears',
      legal_basis: 'Richtlinie Integrationslotsen Sachsen-Anhalt; Satzung des Landkreises Harz',
      tax_note: 'Steuerfrei nach § 3 Nr. 12 EStG. Bitte dem Jobcenter mitteilen, wenn Sie Leistungen beziehen.',
      due_days: 15,
      require_activity: false,
      inactive_months: 3,
    },
    debtor: { name: 'Landkreis Harz', iban: 'DE02810530510123456789', bic: 'NOLADE21HAR' },
    desk_user: 'S. Krüger',
    data: { backup_keep: 14, documents_dir: '', anonymise_after_years: 10 },
    reports: {
      certificate_note: 'Steuerfrei nach § 3 Nr. 26a EStG. Bitte die Zahlungen mit dem Monat des Zuflusses dem Jobcenter mitteilen.',
      grant_due_months: 6,
      grant_notice_weeks: 8,
    },
  };
}

export function courses(): Course[] {
  return [
    {
      id: 1,
      name: 'Basislehrgang Herbst 2026',
      sessions: [
        { id: 10, course_id: 1, held_on: '2026-09-12', module: 1, label: `Modul 1: ${MODULES[0]}`, place: 'Halberstadt', trainer: 'Dr. Meier', attendees: [1] },
        { id: 11, course_id: 1, held_on: '2026-09-26', module: 2, label: `Modul 2: ${MODULES[1]}`, place: 'Quedlinburg', trainer: 'Frau Aydin', attendees: [] },
      ],
    },
  ];
}

export function dueItems(): DueItem[] {
  return [
    { pilot_id: 3, name: 'Schulz, Jana', kind: 'efz_expired', label: 'Schulz, Jana: Führungszeugnis abgelaufen seit 01.11.2026', date: '2026-11-01' },
    { pilot_id: 2, name: 'Kovalenko, Olena', kind: 'qualified_waiting', label: 'Kovalenko, Olena: qualifiziert seit 01.10.2026, aber noch nicht berufen', date: '2026-10-01' },
  ];
}

function districtCoverage(d: Partial<DistrictCoverage> & { district: string }): DistrictCoverage {
  const c: DistrictCoverage = {
    target: 10,
    eligible: 0,
    pipeline: 0,
    paused: 0,
    ending_soon: 0,
    refresher_overdue: 0,
    coverage_percent: 0,
    light: 'red',
    eligible_ids: [],
    pipeline_ids: [],
    paused_ids: [],
    ending_soon_ids: [],
    refresher_overdue_ids: [],
    languages: [],
    language_gaps: [],
    ...d,
  };
  // The counts are the lengths of the id lists, as the backend makes them.
  for (const k of ['eligible', 'pipeline', 'paused', 'ending_soon', 'refresher_overdue'] as const) c[k] = c[`${k}_ids`].length;
  return c;
}

/** 24 month ends before 11/2026, 11/2026 itself and three outlook months; eligible per district. */
export function history(): MonthPoint[] {
  const points: MonthPoint[] = [];
  for (let k = 0; k < 28; k++) {
    const y = 2024 + Math.floor((10 + k) / 12);
    const m = ((10 + k) % 12) + 1;
    const month = `${y}-${String(m).padStart(2, '0')}`;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const eligible = [Math.min(6, Math.floor(k / 4)), Math.min(5, Math.floor(k / 5)), Math.min(4, Math.floor(k / 6))];
    if (k === 27) eligible[0] = 5; // an eFZ expiry in the outlook
    points.push({ month, date: `${month}-${last}`, outlook: k > 24, eligible, total: eligible.reduce((a, b) => a + b, 0) });
  }
  return points;
}

/** Coverage on a day: Halberstadt 3 of 10 (rot), Quedlinburg 2 of 2 (grün), Wernigerode 7 of 10 (gelb); targets differ. */
export function coverageView(date = '2026-11-15'): CoverageView {
  const hbs = districtCoverage({
    district: 'Halberstadt',
    eligible_ids: [1, 3, 6],
    pipeline_ids: [2],
    paused_ids: [],
    ending_soon_ids: [3],
    refresher_overdue_ids: [6],
    coverage_percent: 30,
    light: 'red',
    languages: [
      { language: 'Deutsch', pilots: 3 },
      { language: 'Arabisch', pilots: 2 },
    ],
    language_gaps: ['Dari/Farsi', 'Tigrinya', 'Paschtu'],
  });
  const qlb = districtCoverage({
    district: 'Quedlinburg',
    target: 2,
    eligible_ids: [11, 12],
    paused_ids: [13],
    coverage_percent: 100,
    light: 'green',
    languages: [
      { language: 'Deutsch', pilots: 2 },
      { language: 'Ukrainisch', pilots: 1 },
    ],
    language_gaps: ['Arabisch', 'Tigrinya'],
  });
  const wr = districtCoverage({
    district: 'Wernigerode',
    target: 10,
    eligible_ids: [21, 22, 23, 24, 25, 26, 27],
    pipeline_ids: [28, 29],
    coverage_percent: 70,
    light: 'amber',
    languages: [{ language: 'Deutsch', pilots: 7 }],
    language_gaps: [],
  });
  const all = [hbs, qlb, wr];
  const ids = (k: 'eligible_ids' | 'pipeline_ids' | 'paused_ids' | 'ending_soon_ids' | 'refresher_overdue_ids') => all.flatMap((d) => d[k]);
  const total = districtCoverage({
    district: 'Landkreis',
    target: 22,
    eligible_ids: ids('eligible_ids'),
    pipeline_ids: ids('pipeline_ids'),
    paused_ids: ids('paused_ids'),
    ending_soon_ids: ids('ending_soon_ids'),
    refresher_overdue_ids: ids('refresher_overdue_ids'),
    coverage_percent: 54,
    light: 'red',
    languages: [{ language: 'Deutsch', pilots: 12 }],
  });
  return { coverage: { date, districts: all, total, eligible_without_district: [] }, history: history() };
}

// ---- allowances and budget ----------------------------------------------------------------------

const MONTH_LABELS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

/**
 * The year 2026 on 15.11.2026: budget 46.800,00 €; January–September approved (Jan–Aug paid), 3.900,00 € each;
 * October a draft of 3.900,00 €; November and December forecast 3.900,00 € each. With firstUncovered the
 * budget is 39.000,00 € and runs out in November.
 */
export function budgetYear(opts: { firstUncovered?: boolean; budget?: boolean } = {}): BudgetYear {
  const withBudget = opts.budget ?? true;
  const budgetCents = opts.firstUncovered ? 3_900_000 : 4_680_000;
  let spent = 0;
  const months: MonthRow[] = MONTH_LABELS.map((name, i) => {
    const month = `2026-${String(i + 1).padStart(2, '0')}`;
    const state = i < 8 ? 'paid' : i === 8 ? 'approved' : i === 9 ? 'draft' : null;
    const approved = i < 9 ? 390_000 : 0;
    const draft = i === 9 ? 390_000 : 0;
    const forecast = i >= 10 ? 390_000 : 0;
    spent += approved + draft + forecast;
    return {
      month,
      label: `${name} 2026`,
      state,
      approved_cents: approved,
      paid_cents: i < 8 ? 390_000 : 0,
      draft_cents: draft,
      forecast_cents: forecast,
      claim_back_cents: i === 9 ? 2_000 : 0,
      remaining_after_cents: withBudget ? budgetCents - spent : null,
    };
  });
  return {
    year: 2026,
    budget: withBudget
      ? { year: 2026, amount_cents: budgetCents, notice_number: '2026/0815', notice_date: '2026-01-20', budget_line: '31500.531800' }
      : null,
    budget_cents: withBudget ? budgetCents : 0,
    approved_cents: 3_510_000,
    paid_cents: 3_120_000,
    draft_cents: 390_000,
    remaining_cents: (withBudget ? budgetCents : 0) - 3_510_000,
    months,
    forecast: months.filter((m) => m.forecast_cents > 0),
    first_uncovered: withBudget && opts.firstUncovered ? '2026-11' : null,
    pilots_affordable: withBudget ? (opts.firstUncovered ? 0 : 30) : null,
  };
}

export function runLine(overrides: Partial<RunLine> = {}): RunLine {
  return {
    id: 1,
    pilot_id: 1,
    name: 'Haddad, Amal',
    first_name: 'Amal',
    last_name: 'Haddad',
    district: 'Halberstadt',
    iban: 'DE89370400440532013000',
    bic: '',
    route: 'sepa',
    account_holder: 'Amal Haddad',
    eligible_days: 31,
    days_in_month: 31,
    rate_cents: 13000,
    computed_cents: 13000,
    amount_cents: 13000,
    lowered_reason: '',
    corrections_cents: 0,
    net_cents: 13000,
    statement_number: null,
    activity_missing: false,
    activity_waiver: null,
    ...overrides,
  };
}

/**
 * The October 2026 draft: Halberstadt — Haddad (full), Schulz (15 days, lowered to 50,00 € with a reason);
 * Quedlinburg — Aydın (full, a correction of -150,00 €: a claim-back of 20,00 €); Wernigerode — Rahimi
 * (full, no IBAN).
 */
export function run(overrides: Partial<Run> = {}): Run {
  const lines = [
    runLine({ id: 4, pilot_id: 21, name: 'Rahimi, Mariam', first_name: 'Mariam', last_name: 'Rahimi', district: 'Wernigerode', iban: '' }),
    runLine({ id: 1, pilot_id: 1 }),
    runLine({
      id: 2,
      pilot_id: 3,
      name: 'Schulz, Jana',
      first_name: 'Jana',
      last_name: 'Schulz',
      eligible_days: 15,
      computed_cents: 6290,
      amount_cents: 5000,
      lowered_reason: 'Nur halbe Einsätze',
      net_cents: 5000,
      iban: 'DE02120300000000202051',
    }),
    runLine({
      id: 3,
      pilot_id: 11,
      name: 'Aydın, Ömer',
      first_name: 'Ömer',
      last_name: 'Aydın',
      district: 'Quedlinburg',
      corrections_cents: -15000,
      net_cents: -2000,
      iban: 'DE02100100100006820101',
    }),
  ];
  const approved = overrides.state && overrides.state !== 'draft';
  return {
    id: 10,
    month: '2026-10',
    label: 'Oktober 2026',
    state: 'draft',
    created_at: '2026-11-02T09:00:00Z',
    computed_at: '2026-11-14T16:30:00Z',
    approved_at: null,
    approved_by: null,
    approved_on: overrides.approved_at ? overrides.approved_at.slice(0, 10) : null,
    paid_on: null,
    total_cents: 31000,
    claim_back_cents: 2000,
    manual_cents: 0,
    fingerprint: 'f00d',
    lines: approved
      ? lines.map((l) => ({
          ...l,
          statement_number: `AE-2026-10-00${{ 1: 1, 3: 2, 11: 3, 21: 4 }[l.pilot_id]}`,
        }))
      : lines,
    corrections: [correction({ id: 5, pilot_id: 11, month: '2026-10' })],
    ...overrides,
  };
}

export function correction(overrides: Partial<Correction> = {}): Correction {
  return {
    id: 5,
    pilot_id: 2,
    amount_cents: -15000,
    reason: 'September doppelt gezahlt',
    for_month: '2026-09',
    original_statement: 'AE-2026-09-004',
    kind: 'manual',
    created_at: '2026-11-03T10:00:00Z',
    created_by: 'S. Krüger',
    month: null,
    ...overrides,
  };
}

// ---- data safety and protection ----------------------------------------------------------------

export function backups(): BackupEntry[] {
  return [
    {
      path: '/home/sk/.local/share/lotsenbuero/backups/lotsenbuero-sicherung-2026-11-15-101500.sqlite3',
      file_name: 'lotsenbuero-sicherung-2026-11-15-101500.sqlite3',
      kind: 'manual',
      date: null,
      file_size: 3_407_872,
      modified: '2026-11-15T09:15:00Z',
    },
    {
      path: '/home/sk/.local/share/lotsenbuero/backups/lotsenbuero-2026-11-15.sqlite3',
      file_name: 'lotsenbuero-2026-11-15.sqlite3',
      kind: 'daily',
      date: '2026-11-15',
      file_size: 1_258_291,
      modified: null,
    },
    {
      path: '/home/sk/.local/share/lotsenbuero/backups/lotsenbuero-vor-wiederherstellung-2026-11-02.sqlite3',
      file_name: 'lotsenbuero-vor-wiederherstellung-2026-11-02.sqlite3',
      kind: 'before_restore',
      date: '2026-11-02',
      file_size: 12_000,
      modified: '2026-11-02T16:40:00Z',
    },
  ];
}

export function importPreview(overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    format: { encoding: 'Windows-1252', delimiter: ';' },
    unknown_columns: ['Bemerkung intern', 'Kürzel'],
    rows: [
      { line: 2, status: 'new', name: 'Haddad, Amal', messages: [], warnings: [], pilot_status: null, eligible_today: false, since: null },
      { line: 3, status: 'duplicate', name: 'Kovalenko, Olena', messages: ['Schon erfasst: Kovalenko, Olena (gleicher Name und Geburtsdatum).'], warnings: [], pilot_status: null, eligible_today: false, since: null },
      {
        line: 4,
        status: 'error',
        name: 'Schulz, Jana',
        messages: ['IBAN: Die Prüfziffer stimmt nicht.', 'Geburtsdatum: 31.02.1980 ist kein gültiges Datum.'],
        warnings: [],
        pilot_status: null,
        eligible_today: false,
        since: null,
      },
      { line: 5, status: 'new', name: 'Aydın, Ömer', messages: [], warnings: [], pilot_status: null, eligible_today: false, since: null },
    ],
    new: 2,
    duplicates: 1,
    errors: 1,
    warnings: 0,
    ...overrides,
  };
}

export function auditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 100,
    at: '2026-11-15T08:30:00Z',
    who: 'S. Krüger',
    tx: 50,
    entity: 'pilots',
    entity_label: 'Lotse',
    entity_id: '2',
    pilot_id: 2,
    action: 'update',
    action_label: 'geändert',
    field: 'phone',
    field_label: 'Telefon',
    old_value: '03941 111',
    new_value: '03941 222',
    note: '',
    redacted: false,
    ...overrides,
  };
}

/** Newest first: one transaction of two entries, an eFZ deletion, a restore and a long JSON value. */
export function auditEntries(): AuditEntry[] {
  return [
    auditEntry({ id: 104, tx: 60, at: '2026-11-15T10:05:00Z', field: 'street', field_label: 'Straße', old_value: 'Domplatz 1', new_value: 'Domplatz 2' }),
    auditEntry({ id: 103, tx: 60, at: '2026-11-15T10:05:00Z' }),
    auditEntry({
      id: 102,
      tx: 58,
      at: '2026-06-30T22:10:00Z',
      who: '',
      entity: 'screenings',
      entity_label: 'Führungszeugnis',
      entity_id: '11',
      action: 'delete',
      action_label: 'gelöscht',
      field: null,
      field_label: null,
      old_value: null,
      new_value: null,
      note: 'Löschfrist nach § 30a BZRG',
      redacted: true,
    }),
    auditEntry({
      id: 101,
      tx: 57,
      entity: 'settings',
      entity_label: 'Einstellungen',
      entity_id: 'letterhead',
      pilot_id: null,
      field: 'value',
      field_label: 'Wert',
      old_value: null,
      new_value: JSON.stringify({ authority: 'Landkreis Harz', department: 'Koordinierungsstelle für Migration', street: 'Friedrich-Ebert-Straße 42' }),
      action: 'insert',
      action_label: 'angelegt',
    }),
  ];
}

/** parse_amount's answers (lotsen::app::parse::euros) for the amounts these tests type. */
const AMOUNTS: Record<string, number> = {
  '130,00': 13000,
  '200,00': 20000,
  '200': 20000,
  '250': 25000,
  '1.000,50': 100050,
  '-5': -500,
};

/** A handler for parse_amount: the backend's cents, or its field error for anything else. */
export function parseAmount(args: Record<string, unknown>): number {
  const { field, label, text } = args as { field: string; label: string; text: string };
  const cents = AMOUNTS[text.trim()];
  if (cents !== undefined) return cents;
  const message = `„${label}“: „${text.trim()}“ ist kein eindeutiger Betrag; bitte z. B. 1.234,56 oder 1234 eingeben.`;
  throw { kind: 'validation', message, errors: [{ field, message }], missing: [] };
}

/** The month grid of activity records, empty unless rows are given. */
export function activityMonth(overrides: Partial<import('../backend/types').ActivityMonth> = {}): import('../backend/types').ActivityMonth {
  return { month: '2026-10', label: 'Oktober 2026', areas: [], rows: [], required: false, ...overrides };
}

/** The fake backend's pilot_page: the rows of `args.page` out of `list` (the fake does not filter). */
export function pageOf(list: Pilot[], args: Record<string, unknown>): PilotPage {
  const { offset, limit } = args.page as PageRequest;
  return { total: list.length, offset, pilots: list.slice(offset, offset + limit) };
}
