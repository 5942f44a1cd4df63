// Test data shared by the DOM tests (not part of the app bundle: only *.test.ts import it).
import type { Course, CoverageView, DistrictCoverage, DueItem, MonthPoint, Pilot, PilotRecord, ReferenceData, Settings } from './types';

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
    })),
    attempts: [],
    final_test_passed: false,
    appointed_on: null,
    refresher: { state: 'not_due', date: null, label: 'nicht fällig' },
    eligible: false,
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
    desk_user: 'S. Krüger',
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
