// Test data shared by the DOM tests (not part of the app bundle: only *.test.ts import it).
import type { Pilot, ReferenceData } from './types';

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
