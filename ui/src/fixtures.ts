// Test data shared by the DOM tests (not part of the app bundle: only *.test.ts import it).
import type { Course, DueItem, Pilot, PilotRecord, ReferenceData, Settings } from './types';

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
