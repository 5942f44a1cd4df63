// The Qualifizierung, Übersicht and Einstellungen screens, driven through the shell against a fake backend
// behind Tauri's IPC mock.
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activityMonth, courses, coverageView, dueItems, parseAmount, pilot, record, reference, settings, pageOf } from './fixtures';
import { $, all, choose, fill, installBackend, key, labelOf, start, texts, type Call, type Handler } from './testkit';
import type { Course, DueItem, Pilot, SessionInput, Settings } from '../backend/types';

let calls: Call[];
let handlers: Record<string, Handler>;
let pilots: Pilot[];
let courseData: Course[];
let due: DueItem[];
let stored: Settings;

const callsOf = (cmd: string) => calls.filter((c) => c.cmd === cmd);

beforeEach(() => {
  pilots = [
    pilot({ id: 1, first_name: 'Amal', last_name: 'Haddad' }),
    pilot({ id: 2, first_name: 'Olena', last_name: 'Kovalenko', status: 'in_qualification' }),
    pilot({ id: 3, first_name: 'Jana', last_name: 'Schulz' }),
    pilot({ id: 4, first_name: 'Ömer', last_name: 'Aydın', status: 'prospect' }),
    pilot({ id: 5, first_name: 'Peter', last_name: 'Weg', status: 'left' }),
  ];
  courseData = courses();
  due = dueItems();
  stored = settings();
  handlers = {
    reference_data: () => reference(),
    parse_amount: parseAmount,
    app_state: () => ({ empty: false, db_path: '/tmp/lotsen.db', today: '2026-11-15' }),
    pilot_page: (a) => pageOf(pilots, a),
    pilot_names: () => pilots,
    get_pilot: (a) => pilots.find((p) => p.id === a.id),
    pilot_record: (a) => record({ pilot: pilots.find((p) => p.id === a.id)! }),
    get_settings: () => structuredClone(stored),
    setting_views: () => [],
    activity_month: () => activityMonth(),
    task_areas: () => [],
    list_courses: () => structuredClone(courseData),
    due_list: () => due,
    coverage: () => coverageView(),
  };
  calls = installBackend(handlers);
});

afterEach(() => {
  clearMocks();
  document.body.replaceChildren();
});

async function goTo(screen: 'uebersicht' | 'qualifizierung' | 'einstellungen'): Promise<void> {
  await start(calls);
  $(`#nav-${screen}`).click();
  await vi.waitFor(() => expect($(`#screen-${screen}`)).toBeTruthy());
}

// ---- Qualifizierung ---------------------------------------------------------------------------

async function openSession(id: number): Promise<void> {
  await goTo('qualifizierung');
  await vi.waitFor(() => expect(all('#session-table tbody tr[data-session-id]')).toHaveLength(2));
  key($(`tr[data-session-id="${id}"]`), 'Enter');
  await vi.waitFor(() => expect($('#attendance-panel').hidden).toBe(false));
}

describe('Qualifizierung', () => {
  it('lists courses and the selected course’s sessions', async () => {
    await goTo('qualifizierung');
    await vi.waitFor(() => expect(texts('#course-list .course-item')).toEqual(['Basislehrgang Herbst 2026 (2 Termine)']));
    expect(texts('#session-table thead th')).toEqual(['Datum', 'Modul', 'Ort', 'Referent/in', 'Teilnehmende']);
    const row = Array.from($('tr[data-session-id="10"]').children).map((td) => td.textContent);
    expect(row).toEqual(['12.09.2026', 'Modul 1: Mögliches und Unmögliches für Ehrenamtliche', 'Halberstadt', 'Dr. Meier', '1']);
    expect($('#attendance-panel').hidden).toBe(true);
  });

  it('shows the attendance of a session: everybody but those who left, by name, ticked as recorded', async () => {
    await openSession(10);
    expect(texts('#attendance-list label')).toEqual(['Aydın, Ömer', 'Haddad, Amal', 'Kovalenko, Olena', 'Schulz, Jana']);
    expect($<HTMLInputElement>('#att-1').checked).toBe(true);
    expect($<HTMLInputElement>('#att-2').checked).toBe(false);
    expect(labelOf('att-2')).toBe('Kovalenko, Olena');
    expect(document.querySelector('#att-5')).toBeNull();
    expect($('#attendance-count').textContent).toBe('1 Teilnehmende/r');
  });

  it('saves a tick at once and updates the count', async () => {
    handlers.set_attendance = (a) => {
      const s = courseData[0].sessions.find((x) => x.id === a.sessionId)!;
      s.attendees = a.present ? [...s.attendees, Number(a.pilotId)] : s.attendees.filter((p) => p !== a.pilotId);
      return structuredClone(courseData[0]);
    };
    await openSession(10);
    const box = $<HTMLInputElement>('#att-2');
    box.focus();
    box.click();
    await vi.waitFor(() => expect(callsOf('set_attendance').length).toBe(1));
    expect(callsOf('set_attendance')[0].args).toEqual({ sessionId: 10, pilotId: 2, present: true });
    await vi.waitFor(() => expect($('#attendance-count').textContent).toBe('2 Teilnehmende'));
    expect($('tr[data-session-id="10"] td:last-child').textContent).toBe('2');
    expect(box.checked).toBe(true);
    expect(document.activeElement).toBe(box); // the list is not rebuilt under the keyboard

    $<HTMLInputElement>('#att-1').click();
    await vi.waitFor(() => expect(callsOf('set_attendance').length).toBe(2));
    expect(callsOf('set_attendance')[1].args).toEqual({ sessionId: 10, pilotId: 1, present: false });
    await vi.waitFor(() => expect($('#attendance-count').textContent).toBe('1 Teilnehmende/r'));
  });

  it('puts the box back and says so when the tick cannot be saved', async () => {
    handlers.set_attendance = () => {
      throw { kind: 'storage', message: 'Die Datenbank ist gesperrt.', errors: [], missing: [] };
    };
    await openSession(10);
    const box = $<HTMLInputElement>('#att-3');
    box.click();
    expect(box.checked).toBe(true);
    await vi.waitFor(() => expect(box.checked).toBe(false));
    expect($('#error-banner').hidden).toBe(false);
    expect($('#error-banner').textContent).toContain('Schulz, Jana');
    expect($('#error-banner').textContent).toContain('Die Datenbank ist gesperrt.');
    expect($('#attendance-count').textContent).toBe('1 Teilnehmende/r');

    const ticked = $<HTMLInputElement>('#att-1');
    ticked.click(); // taking a tick away that fails leaves it ticked
    await vi.waitFor(() => expect(callsOf('set_attendance').length).toBe(2));
    await vi.waitFor(() => expect(ticked.checked).toBe(true));
  });

  it('adds a session with an ISO date; "Auffrischung" is sent as module null; errors go to the fields', async () => {
    handlers.save_session = (a) => {
      const input = a.session as SessionInput;
      if (input.place === '') {
        throw { kind: 'validation', message: 'Bitte prüfen.', errors: [{ field: 'place', message: 'Der Ort fehlt.' }], missing: [] };
      }
      courseData[0].sessions.push({ ...input, id: 12, course_id: 1, label: 'Auffrischung', attendees: [] });
      return structuredClone(courseData[0]);
    };
    await goTo('qualifizierung');
    await vi.waitFor(() => expect(all('#session-table tbody tr[data-session-id]')).toHaveLength(2));
    const moduleOptions = Array.from($<HTMLSelectElement>('#sess-module').options).map((o) => [o.value, o.textContent]);
    expect(moduleOptions[0]).toEqual(['1', 'Modul 1: Mögliches und Unmögliches für Ehrenamtliche']);
    expect(moduleOptions[4]).toEqual(['5', 'Modul 5: Rechtliche Grundlagen']);
    expect(moduleOptions[5]).toEqual(['', 'Auffrischung']);
    expect(labelOf('sess-held_on')).toBe('Datum');
    expect(labelOf('sess-place')).toBe('Ort');
    expect(labelOf('sess-trainer')).toBe('Referent/in');

    fill('#sess-held_on', '32.11.2026');
    $('#save-session').click();
    expect($('#err-sess-held_on').textContent).toBe('„Datum“ ist kein gültiges Datum (TT.MM.JJJJ).');
    expect(callsOf('save_session')).toEqual([]);

    fill('#sess-held_on', '5.12.2026');
    choose('#sess-module', '');
    $('#save-session').click();
    await vi.waitFor(() => expect($('#err-sess-place').textContent).toBe('Der Ort fehlt.'));
    expect($('#sess-place').getAttribute('aria-invalid')).toBe('true');
    expect($('#err-sess-held_on').textContent).toBe('');

    fill('#sess-place', 'Wernigerode');
    fill('#sess-trainer', 'Frau Aydin');
    $('#save-session').click();
    await vi.waitFor(() => expect(callsOf('save_session').length).toBe(2));
    expect(callsOf('save_session')[1].args).toEqual({
      courseId: 1,
      sessionId: null,
      session: { held_on: '2026-12-05', module: null, place: 'Wernigerode', trainer: 'Frau Aydin' },
    });
    await vi.waitFor(() => expect($('tr[data-session-id="12"]').textContent).toContain('Auffrischung'));
    // the new session is selected, ready for ticking
    expect($('#attendance-panel').hidden).toBe(false);
    expect($('#attendance-session').textContent).toContain('05.12.2026');
  });

  it('creates a course', async () => {
    handlers.save_course = (a) => {
      const c = { id: 2, name: String(a.name), sessions: [] };
      courseData.push(c);
      return c;
    };
    await goTo('qualifizierung');
    $('#new-course').click();
    expect(document.activeElement?.id).toBe('course-name');
    $('#save-course').click();
    expect($('#err-course-name').textContent).toBe('„Bezeichnung“ fehlt.');
    expect(callsOf('save_course')).toEqual([]);
    fill('#course-name', 'Basislehrgang Frühjahr 2027');
    $('#save-course').click();
    await vi.waitFor(() => expect(callsOf('save_course').length).toBe(1));
    expect(callsOf('save_course')[0].args).toEqual({ id: null, name: 'Basislehrgang Frühjahr 2027' });
    await vi.waitFor(() => expect($('#course-title').textContent).toBe('Basislehrgang Frühjahr 2027'));
    expect($('button[data-course-id="2"]').getAttribute('aria-current')).toBe('true');
    expect($('#session-table tbody').textContent).toBe('Noch kein Termin.');
  });
});

// ---- Übersicht --------------------------------------------------------------------------------

describe('Übersicht', () => {
  it('lists what is due by date, each entry opening the pilot’s page on the right tab', async () => {
    await goTo('uebersicht');
    await vi.waitFor(() => expect(all('#due-list .due-link')).toHaveLength(2));
    const links = all('#due-list .due-link');
    expect(links.map((l) => l.getAttribute('data-pilot-id'))).toEqual(['2', '3']); // 01.10. before 01.11.
    expect(links[0].tagName).toBe('BUTTON');
    expect(links[0].textContent).toContain('01.10.2026');
    expect(links[0].textContent).toContain('Kovalenko, Olena: qualifiziert seit 01.10.2026, aber noch nicht berufen');
    expect(links[1].textContent).toContain('01.11.2026');

    links[1].click();
    await vi.waitFor(() => expect($('#screen-lotsen')).toBeTruthy());
    await vi.waitFor(() => expect($<HTMLInputElement>('#f-first_name').value).toBe('Jana'));
    expect(callsOf('get_pilot').at(-1)!.args).toEqual({ id: 3 });
    expect($('#nav-lotsen').getAttribute('aria-current')).toBe('page');
    await vi.waitFor(() => expect($('#tab-efz').getAttribute('aria-selected')).toBe('true'));
    expect($('#panel-efz').hidden).toBe(false);
    expect(document.activeElement?.id).toBe('tab-efz');
    expect(document.querySelector('#screen-uebersicht')).toBeNull();
  });

  it('offers "eFZ-Daten jetzt löschen" for eFZ data kept without service, asking once before it deletes', async () => {
    due = [
      { pilot_id: 4, name: 'Ruhe, Rita', kind: 'efz_kept_paused', label: 'Ruhe, Rita: ruhend seit 15.01.2026 – Führungszeugnis-Daten noch gespeichert', date: '2026-07-15' },
      { pilot_id: 2, name: 'Kovalenko, Olena', kind: 'qualified_waiting', label: 'Kovalenko, Olena: qualifiziert seit 01.10.2026', date: '2026-10-01' },
    ];
    handlers.erase_screening = () => {
      due = due.filter((d) => d.pilot_id !== 4);
      return [{ task: 'deletion', message: 'Sicherungsordner nicht lesbar.' }];
    };
    await goTo('uebersicht');
    await vi.waitFor(() => expect(all('#due-list .due-link')).toHaveLength(2));
    const buttons = all('#due-list .due-erase');
    expect(buttons.map((b) => b.getAttribute('data-pilot-id'))).toEqual(['4']);
    expect(buttons[0].textContent).toBe('eFZ-Daten jetzt löschen');
    // The accessible name starts with the visible text, before and after the first click.
    expect(buttons[0].getAttribute('aria-label')).toBe('eFZ-Daten jetzt löschen – Ruhe, Rita');
    buttons[0].click();
    expect(callsOf('erase_screening')).toEqual([]);
    expect(buttons[0].textContent).toContain('Wirklich löschen?');
    expect(buttons[0].getAttribute('aria-label')).toBe(`${buttons[0].textContent} – Ruhe, Rita`);
    buttons[0].click();
    await vi.waitFor(() => expect(all('#due-list .due-link')).toHaveLength(1));
    expect(callsOf('erase_screening')).toEqual([{ cmd: 'erase_screening', args: { pilotId: 4 } }]);
    expect(all('#due-list .due-erase')).toEqual([]);
    // Deleted, and what could not be cleaned beside it is said.
    expect($('#toast').textContent).toContain('wurden gelöscht');
    expect($('#error-banner').textContent).toContain('Gelöscht, aber: Sicherungsordner nicht lesbar.');
  });

  it('shows a long list of what is due a hundred at a time, oldest first, with the count of all', async () => {
    due = Array.from({ length: 250 }, (_, i) => ({
      pilot_id: i + 1,
      name: `Name${i + 1}, Vorname`,
      kind: 'qualified_waiting' as const,
      label: `Name${i + 1}, Vorname: qualifiziert, aber noch nicht berufen`,
      date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    }));
    await goTo('uebersicht');
    await vi.waitFor(() => expect(all('#due-list .due-link')).toHaveLength(100));
    expect($('#due-title').textContent).toBe('Fällig (250)');
    const dates = all('#due-list .due-date').map((d) => d.textContent ?? '');
    expect(dates[0]).toBe('01.01.2026');
    $('#due-more').click();
    expect(all('#due-list .due-link')).toHaveLength(200);
    expect(document.activeElement).toBe(all('#due-list .due-link')[100]);
    $('#due-more').click();
    expect(all('#due-list .due-link')).toHaveLength(250);
    expect($('#due-more').hidden).toBe(true);
  });

  it('says "Nichts fällig." when nothing is due', async () => {
    due = [];
    await goTo('uebersicht');
    await vi.waitFor(() => expect($('#due-list').textContent).toBe('Nichts fällig.'));
    expect(all('.due-link')).toEqual([]);
  });
});

// ---- Einstellungen ----------------------------------------------------------------------------

describe('Einstellungen', () => {
  it('shows the groups with German labels and the stored values', async () => {
    await goTo('einstellungen');
    await vi.waitFor(() => expect($<HTMLInputElement>('#set-pass_mark_percent').value).toBe('60'));
    expect(texts('#settings-form legend')).toEqual([
      'Fristen und Bewertung', 'Briefkopf', 'Ampel', 'Arbeitsplatz', 'Aufwandsentschädigung', 'Tätigkeitsnachweis', 'SEPA-Auftraggeber', 'Sicherung und Ablage', 'Berichte',
    ]);
    expect(labelOf('set-certificate_max_age_months')).toBe('Höchstalter des Zeugnisses bei Vorlage (Monate)');
    expect(labelOf('set-letter_followup_days')).toBe('Bestätigungsschreiben ohne Vorlage: Hinweis nach (Tagen)');
    expect(labelOf('lh-postcode_town')).toBe('PLZ und Ort');
    expect(labelOf('set-desk_user')).toBe('Name der Person am Arbeitsplatz (wird in Verläufen als „wer“ vermerkt)');
    expect(all('#settings-form input')).toHaveLength(33);
    for (const input of all('#settings-form input, #settings-form select, #settings-form textarea')) expect(labelOf(input.id), input.id).not.toBe('');
    expect($<HTMLInputElement>('#lh-authority').value).toBe('Landkreis Harz');
    expect($<HTMLInputElement>('#set-desk_user').value).toBe('S. Krüger');
  });

  it('saves every value and shows what the backend stored', async () => {
    handlers.save_settings = (a) => {
      stored = structuredClone(a.settings as Settings);
      return { ...stored, desk_user: stored.desk_user.toUpperCase() };
    };
    await goTo('einstellungen');
    await vi.waitFor(() => expect($<HTMLButtonElement>('#save-settings').disabled).toBe(false));
    fill('#set-pass_mark_percent', '65');
    fill('#set-warning_days', ' 120 ');
    fill('#lh-signer_name', 'Dr. Anna Schmidt');
    fill('#set-desk_user', 'a. schmidt');
    $('#save-settings').click();
    await vi.waitFor(() => expect(callsOf('save_settings').length).toBe(1));
    const expected = settings();
    expected.lifecycle.pass_mark_percent = 65;
    expected.lifecycle.warning_days = 120;
    expected.letterhead.signer_name = 'Dr. Anna Schmidt';
    expected.desk_user = 'a. schmidt';
    expect(callsOf('save_settings')[0].args).toEqual({ settings: expected });
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Einstellungen gespeichert.'));
    expect($<HTMLInputElement>('#set-desk_user').value).toBe('A. SCHMIDT');
  });

  it('checks the numbers before saving and shows the backend’s errors at the fields', async () => {
    handlers.save_settings = () => {
      throw {
        kind: 'validation',
        message: 'Bitte prüfen.',
        errors: [
          { field: 'pass_mark_percent', message: 'Die Bestehensgrenze muss zwischen 1 und 100 % liegen.' },
          { field: 'authority', message: 'Behörde fehlt (Briefkopf).' },
        ],
        missing: [],
      };
    };
    await goTo('einstellungen');
    await vi.waitFor(() => expect($<HTMLButtonElement>('#save-settings').disabled).toBe(false));
    fill('#set-refresher_months', 'sechs');
    fill('#set-warning_days', '');
    $('#save-settings').click();
    expect($('#err-set-refresher_months').textContent).toBe('„Auffrischung fällig nach (Monaten)“ muss eine ganze Zahl (0 oder größer) sein.');
    expect($('#err-set-warning_days').textContent).toBe('„Vorwarnung (Tage)“ fehlt.');
    expect($('#set-refresher_months').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('set-warning_days');
    expect(callsOf('save_settings')).toEqual([]);
    await vi.waitFor(() => expect($('#settings-form').hasAttribute('aria-busy')).toBe(false));

    fill('#set-refresher_months', '6');
    fill('#set-warning_days', '90');
    fill('#set-pass_mark_percent', '0');
    fill('#lh-authority', '');
    $('#save-settings').click();
    await vi.waitFor(() => expect($('#err-set-pass_mark_percent').textContent).toBe('Die Bestehensgrenze muss zwischen 1 und 100 % liegen.'));
    expect($('#set-pass_mark_percent').getAttribute('aria-invalid')).toBe('true');
    expect($('#err-lh-authority').textContent).toBe('Behörde fehlt (Briefkopf).');
    expect($('#lh-authority').getAttribute('aria-invalid')).toBe('true');
    expect($('#err-set-refresher_months').textContent).toBe('');
    expect($('#error-banner').hidden).toBe(true);
  });
});
