// The pilot's page (Status, Führungszeugnis, Qualifizierung tabs), driven as a user would against a fake
// backend behind Tauri's IPC mock: command names and argument keys are checked as Tauri sees them.
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pilot, record, reference, settings, pageOf } from '../../test/fixtures';
import { $, all, choose, fill, installBackend, key, labelOf, start, texts, type Call, type Handler } from '../../test/testkit';
import type { AttemptInput, Pilot, PilotRecord, ScreeningInput, StatusCode } from '../../backend/types';

let calls: Call[];
let handlers: Record<string, Handler>;
let pilots: Pilot[];
let current: PilotRecord;

const callsOf = (cmd: string) => calls.filter((c) => c.cmd === cmd);

beforeEach(() => {
  pilots = [pilot({ id: 1 }), pilot({ id: 2, first_name: 'Olena', last_name: 'Kovalenko', status: 'qualified' })];
  current = record();
  handlers = {
    reference_data: () => reference(),
    app_state: () => ({ empty: false, db_path: '/tmp/lotsen.db', today: '2026-11-15' }),
    pilot_page: (a) => pageOf(pilots, a),
    pilot_names: () => pilots,
    get_pilot: (a) => pilots.find((p) => p.id === a.id),
    pilot_record: (a) => ({ ...current, pilot: pilots.find((p) => p.id === a.id)! }),
    get_settings: () => settings(),
  };
  calls = installBackend(handlers);
});

afterEach(() => {
  clearMocks();
  document.body.replaceChildren();
});

/** Starts the app and opens Olena Kovalenko's page on a tab. */
async function openOlena(tab: 'status' | 'efz' | 'qualifizierung'): Promise<void> {
  await start(calls);
  $('tr[data-id="2"]').click();
  await vi.waitFor(() => expect($('#tab-status').hidden).toBe(false));
  $(`#tab-${tab}`).click();
  expect($(`#panel-${tab}`).hidden).toBe(false);
}

describe('pilot page tabs', () => {
  it('shows the seven tabs for a saved pilot, none for a new one, and moves with the arrow keys', async () => {
    await openOlena('status');
    expect(texts('[role="tab"]')).toEqual(['Stammdaten', 'Status', 'Führungszeugnis', 'Qualifizierung', 'Einsätze', 'Abrechnung', 'Verlauf']);
    expect($('#record-title').textContent).toBe('Kovalenko, Olena');
    expect(callsOf('pilot_record')[0].args).toEqual({ id: 2 });
    expect($('#tab-status').getAttribute('aria-selected')).toBe('true');
    expect($('#panel-stammdaten').hidden).toBe(true);

    key($('#tab-status'), 'ArrowRight');
    expect($('#tab-efz').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement?.id).toBe('tab-efz');
    key($('#tab-efz'), 'Home');
    expect($('#tab-stammdaten').getAttribute('aria-selected')).toBe('true');
    expect($('#panel-stammdaten').hidden).toBe(false);

    $('#new-pilot').click();
    expect($('#tab-status').hidden).toBe(true);
    expect($('[role="tablist"]').hidden).toBe(true);
    expect($('#panel-stammdaten').hidden).toBe(false);
    expect($('#form-title').textContent).toBe('Neuer Lotse');
  });
});

describe('status', () => {
  it('shows status, eligibility, appointment, refresher and the history, newest first', async () => {
    current = record({
      status: 'active',
      eligible: true,
      appointed_on: '2026-11-02',
      refresher: { state: 'due', date: '2027-05-02', label: 'fällig bis 02.05.2027' },
      history: [...record().history, { status: 'active', effective_on: '2026-11-02', note: 'Berufen', who: 'S. Krüger', seq: 4 }],
      allowed_next: [{ code: 'paused', label: 'Ruhend' }, { code: 'left', label: 'Ausgeschieden' }],
    });
    await openOlena('status');
    expect($('#rec-status').textContent).toBe('Aktiv');
    expect($('#rec-eligible').textContent).toBe('ja');
    expect($('#rec-appointed').textContent).toBe('02.11.2026');
    expect($('#rec-refresher').textContent).toBe('fällig bis 02.05.2027');
    expect(texts('#status-history thead th')).toEqual(['Datum', 'Status', 'Notiz', 'Wer']);
    const rows = all('#status-history tbody tr').map((tr) => Array.from(tr.children).map((td) => td.textContent));
    expect(rows[0]).toEqual(['02.11.2026', 'Aktiv', 'Berufen', 'S. Krüger']);
    expect(rows[3]).toEqual(['02.03.2026', 'Interessent', 'Infoabend', 'M. Becker']);
    expect($('#print-certificate').hidden).toBe(false);
  });

  it('offers exactly the allowed next statuses, dated today, and shows every missing item when refused', async () => {
    handlers.change_status = () => {
      throw {
        kind: 'rule',
        message: 'Berufung nicht möglich: Modul 5 (Rechtliche Grundlagen) nicht besucht; Abschlusstest nicht bestanden.',
        errors: [],
        missing: ['Modul 5 (Rechtliche Grundlagen) nicht besucht', 'Abschlusstest nicht bestanden'],
      };
    };
    await openOlena('status');
    expect($('#print-certificate').hidden).toBe(true); // not active
    $('#change-status').click();
    const dialog = $<HTMLDialogElement>('#status-dialog');
    expect(dialog.open).toBe(true);
    expect(document.activeElement?.id).toBe('status-new');
    expect(labelOf('status-new')).toBe('Neuer Status');
    expect(labelOf('status-date')).toBe('Wirksam ab');
    expect(labelOf('status-note')).toBe('Notiz');
    const opts = Array.from($<HTMLSelectElement>('#status-new').options).map((o) => [o.value, o.textContent]);
    expect(opts).toEqual([['active', 'Aktiv'], ['left', 'Ausgeschieden']]);
    expect($<HTMLInputElement>('#status-date').value).toBe('15.11.2026');

    choose('#status-new', 'active');
    fill('#status-date', '1.12.2026');
    fill('#status-note', 'Berufung beim Netzwerktreffen');
    $('#status-apply').click();
    await vi.waitFor(() => expect($('#status-missing').hidden).toBe(false));
    expect(callsOf('change_status')[0].args).toEqual({
      id: 2, status: 'active', effectiveOn: '2026-12-01', note: 'Berufung beim Netzwerktreffen',
    });
    expect(texts('#status-missing li')).toEqual(['Modul 5 (Rechtliche Grundlagen) nicht besucht', 'Abschlusstest nicht bestanden']);
    expect($('#status-error').textContent).toContain('Berufung nicht möglich');
    expect(dialog.open).toBe(true); // nothing changed: the coordinator can read the list

    // A second refusal without items (date before the latest change) replaces the list, it does not add to it.
    handlers.change_status = () => {
      throw { kind: 'rule', message: 'Das Datum liegt vor der letzten Änderung (01.10.2026).', errors: [], missing: [] };
    };
    $('#status-apply').click();
    await vi.waitFor(() => expect($('#status-error').textContent).toBe('Das Datum liegt vor der letzten Änderung (01.10.2026).'));
    expect($('#status-missing').hidden).toBe(true);
    expect(all('#status-missing li')).toEqual([]);
  });

  it('applies a change: closes the dialog, shows the new record and refreshes the list', async () => {
    handlers.change_status = (a) => {
      pilots = pilots.map((p) => (p.id === a.id ? { ...p, status: a.status as StatusCode } : p));
      current = record({
        status: a.status as StatusCode,
        allowed_next: [],
        history: [...record().history, { status: 'left', effective_on: String(a.effectiveOn), note: String(a.note), who: 'S. Krüger', seq: 4 }],
      });
      return { ...current, pilot: pilots[1] };
    };
    await openOlena('status');
    const listCalls = callsOf('pilot_page').length;
    $('#change-status').click();
    choose('#status-new', 'left');
    $('#status-apply').click();
    await vi.waitFor(() => expect($<HTMLDialogElement>('#status-dialog').open).toBe(false));
    expect(callsOf('change_status')[0].args).toEqual({ id: 2, status: 'left', effectiveOn: '2026-11-15', note: '' });
    expect($('#toast').textContent).toBe('Status geändert: Ausgeschieden ab 15.11.2026.');
    expect($('#rec-status').textContent).toBe('Ausgeschieden');
    expect(all('#status-history tbody tr')[0].textContent).toContain('Ausgeschieden');
    expect($('#f-status').textContent).toBe('Status: Ausgeschieden');
    await vi.waitFor(() => expect(callsOf('pilot_page').length).toBe(listCalls + 1));
    // Nothing may follow "Ausgeschieden": the button is off and says why.
    expect($<HTMLButtonElement>('#change-status').disabled).toBe(true);
    expect($('#status-hint').hidden).toBe(false);
    expect($('#status-hint').textContent).toContain('kein Wechsel möglich');
    expect(document.activeElement?.id).toBe('status-hint'); // focus is not lost on the disabled button
  });

  it('checks the date before asking, shows the backend’s date error at the field, and Escape closes only the dialog', async () => {
    handlers.change_status = () => {
      throw { kind: 'validation', message: 'Bitte prüfen.', errors: [{ field: 'effective_on', message: 'Das Datum fehlt.' }], missing: [] };
    };
    await openOlena('status');
    $('#change-status').click();
    fill('#status-date', '31.02.2026');
    $('#status-apply').click();
    expect($('#err-status-date').textContent).toBe('„Wirksam ab“ ist kein gültiges Datum (TT.MM.JJJJ).');
    expect($('#status-date').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('change_status')).toEqual([]);

    fill('#status-date', '20.11.2026');
    $('#status-apply').click();
    await vi.waitFor(() => expect($('#err-status-date').textContent).toBe('Das Datum fehlt.'));
    expect($('#status-date').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('status-date');

    key($('#status-date'), 'Escape');
    expect($<HTMLDialogElement>('#status-dialog').open).toBe(false);
    expect($('#detail-panel').hidden).toBe(false);
    expect(document.activeElement?.id).toBe('change-status');
    key(document.body, 'Escape');
    expect($('#detail-panel').hidden).toBe(true);
  });

  it('prints the appointment certificate and says where it was saved', async () => {
    current = record({ status: 'active', appointed_on: '2026-11-02', eligible: true });
    handlers.print_document = () => ({ path: '/home/koordination/Dokumente/Lotsenbüro/2026/11/Berufungsurkunde Kovalenko.pdf' });
    await openOlena('status');
    expect($('#print-certificate').textContent).toBe('Berufungsurkunde drucken');
    $('#print-certificate').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe(
      'Gespeichert unter /home/koordination/Dokumente/Lotsenbüro/2026/11/Berufungsurkunde Kovalenko.pdf',
    ));
    expect(callsOf('print_document')[0].args).toEqual({ pilotId: 2, kind: 'appointment_certificate' });
  });
});

describe('Führungszeugnis', () => {
  it('shows the state, the re-inspection date, the privacy notice and the record in German dates', async () => {
    current = record({ screening_state: { code: 'expiring', label: 'läuft ab' }, screening_reason: 'Wiedervorlage in 60 Tagen' });
    await openOlena('efz');
    expect($('#screening-state').textContent).toBe('läuft ab');
    expect($('#screening-state .state-badge').classList.contains('screening-expiring')).toBe(true);
    expect($('#screening-reason').textContent).toBe('Wiedervorlage in 60 Tagen');
    expect($('#screening-reinspection').textContent).toBe('20.04.2031');
    expect($('#screening-notice').textContent).toBe(
      'Es wird keine Kopie und kein Inhalt des Führungszeugnisses gespeichert – nur Datum, Einsicht und Ergebnis.',
    );
    const labels: Record<string, string> = {
      's-letter_issued_on': 'Bestätigungsschreiben ausgestellt am',
      's-certificate_dated': 'Zeugnis ausgestellt am',
      's-inspected_on': 'Eingesehen am',
      's-inspected_by': 'Eingesehen von',
      's-result': 'Ergebnis',
    };
    for (const [id, text] of Object.entries(labels)) expect(labelOf(id), id).toBe(text);
    expect($<HTMLInputElement>('#s-letter_issued_on').value).toBe('01.04.2026');
    expect($<HTMLInputElement>('#s-inspected_on').value).toBe('02.05.2026');
    expect($<HTMLInputElement>('#s-inspected_by').value).toBe('M. Becker');
    expect($<HTMLSelectElement>('#s-result').value).toBe('clear');
    expect(Array.from($<HTMLSelectElement>('#s-result').options).map((o) => o.textContent)).toEqual([
      'noch offen', 'ohne relevanten Eintrag', 'relevanter Eintrag',
    ]);
  });

  it('saves the current record with ISO dates and shows the backend’s errors at the fields', async () => {
    handlers.save_screening = () => {
      throw {
        kind: 'validation',
        message: 'Bitte prüfen.',
        errors: [
          { field: 'certificate_dated', message: 'Das Zeugnis kann nicht nach der Einsichtnahme ausgestellt sein.' },
          { field: 'result', message: 'Das Ergebnis der Einsichtnahme fehlt.' },
        ],
        missing: [],
      };
    };
    await openOlena('efz');
    fill('#s-certificate_dated', '20.5.2026');
    fill('#s-inspected_on', '03.05.2026');
    choose('#s-result', '');
    $('#save-screening').click();
    await vi.waitFor(() => expect(callsOf('save_screening').length).toBe(1));
    expect(callsOf('save_screening')[0].args).toEqual({
      pilotId: 2,
      screeningId: 11,
      screening: {
        letter_issued_on: '2026-04-01', certificate_dated: '2026-05-20', inspected_on: '2026-05-03',
        inspected_by: 'M. Becker', result: null,
      } satisfies ScreeningInput,
    });
    await vi.waitFor(() => expect($('#err-s-certificate_dated').textContent).toBe('Das Zeugnis kann nicht nach der Einsichtnahme ausgestellt sein.'));
    expect($('#s-certificate_dated').getAttribute('aria-invalid')).toBe('true');
    expect($('#err-s-result').textContent).toBe('Das Ergebnis der Einsichtnahme fehlt.');
    expect($('#s-result').getAttribute('aria-invalid')).toBe('true');
    expect($('#s-inspected_on').hasAttribute('aria-invalid')).toBe(false);
    expect(document.activeElement?.id).toBe('s-certificate_dated');
    expect($('#error-banner').hidden).toBe(true);
  });

  it('does not send a date it cannot read', async () => {
    await openOlena('efz');
    fill('#s-inspected_on', '2026-05-03');
    $('#save-screening').click();
    expect($('#err-s-inspected_on').textContent).toBe('„Eingesehen am“ ist kein gültiges Datum (TT.MM.JJJJ).');
    expect($('#s-inspected_on').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('save_screening')).toEqual([]);
  });

  it('starts a new record on "Neue Vorlage erfassen", suggesting the desk user as inspector', async () => {
    handlers.save_screening = (a) => {
      const s = a.screening as ScreeningInput;
      current = record({ screening: { id: 12, ...s }, screening_state: { code: 'requested', label: 'beantragt' } });
      return { ...current, pilot: pilots[1] };
    };
    await openOlena('efz');
    $('#new-screening').click();
    for (const id of ['s-letter_issued_on', 's-certificate_dated', 's-inspected_on']) expect($<HTMLInputElement>(`#${id}`).value, id).toBe('');
    expect($<HTMLInputElement>('#s-inspected_by').value).toBe('S. Krüger');
    expect($<HTMLSelectElement>('#s-result').value).toBe('');
    expect($('#new-screening').hidden).toBe(true);
    expect(document.activeElement?.id).toBe('s-letter_issued_on');

    // Only the letter so far: the untouched suggestion is not sent as an inspector.
    fill('#s-letter_issued_on', '10.11.2026');
    $('#save-screening').click();
    await vi.waitFor(() => expect(callsOf('save_screening').length).toBe(1));
    expect(callsOf('save_screening')[0].args).toEqual({
      pilotId: 2,
      screeningId: null,
      screening: { letter_issued_on: '2026-11-10', certificate_dated: null, inspected_on: null, inspected_by: '', result: null },
    });
    await vi.waitFor(() => expect($('#screening-state').textContent).toBe('beantragt'));
    expect($('#toast').textContent).toBe('Führungszeugnis gespeichert.');

    // With an inspection date the suggestion counts.
    fill('#s-certificate_dated', '01.11.2026');
    fill('#s-inspected_on', '14.11.2026');
    choose('#s-result', 'clear');
    $('#save-screening').click();
    await vi.waitFor(() => expect(callsOf('save_screening').length).toBe(2));
    expect(callsOf('save_screening')[1].args).toMatchObject({
      screeningId: 12,
      screening: { inspected_on: '2026-11-14', inspected_by: 'S. Krüger', result: 'clear' },
    });
  });

  it('prints the confirmation letter', async () => {
    handlers.print_document = () => ({ path: '/docs/2026/11/Bestaetigungsschreiben.pdf' });
    await openOlena('efz');
    expect($('#print-efz-letter').textContent).toBe('Bestätigungsschreiben drucken');
    $('#print-efz-letter').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Gespeichert unter /docs/2026/11/Bestaetigungsschreiben.pdf'));
    expect(callsOf('print_document')[0].args).toEqual({ pilotId: 2, kind: 'efz_letter' });
  });
});

describe('Qualifizierung of a pilot', () => {
  it('lists the five modules, done with date, course and place, or open', async () => {
    await openOlena('qualifizierung');
    const items = all('#module-list li');
    expect(items).toHaveLength(5);
    expect(items[0].textContent).toBe('Modul 1: Mögliches und Unmögliches für Ehrenamtliche✓ besucht: 01.06.2026 · Basislehrgang Sommer 2026 · Halberstadt');
    expect(items[4].textContent).toBe('Modul 5: Rechtliche Grundlagenoffen');
    expect($('#final-test').textContent).toBe('Abschlusstest nicht bestanden (noch kein Versuch)');
  });

  it('saves an attempt and shows it with points, share and results', async () => {
    handlers.add_test_attempt = (a) => {
      const attempt = a.attempt as AttemptInput;
      current = record({ attempts: [{ id: 5, ...attempt, passed: true, pass_mark_percent: 60 }], final_test_passed: true });
      return { ...current, pilot: pilots[1] };
    };
    await openOlena('qualifizierung');
    expect(labelOf('t-taken_on')).toBe('Datum');
    expect(labelOf('t-points')).toBe('Punkte');
    expect(labelOf('t-max_points')).toBe('von max. Punkten');
    expect(labelOf('t-interview_passed')).toBe('Gespräch bestanden');
    expect(labelOf('t-interviewer')).toBe('Prüfer/in');
    expect($<HTMLInputElement>('#t-taken_on').value).toBe('15.11.2026');

    fill('#t-taken_on', '14.11.2026');
    fill('#t-points', '42');
    fill('#t-max_points', '60');
    $<HTMLInputElement>('#t-interview_passed').click();
    fill('#t-interviewer', 'Dr. Meier');
    $('#add-attempt').click();
    await vi.waitFor(() => expect(callsOf('add_test_attempt').length).toBe(1));
    expect(callsOf('add_test_attempt')[0].args).toEqual({
      pilotId: 2,
      attempt: { taken_on: '2026-11-14', points: 42, max_points: 60, interview_passed: true, interviewer: 'Dr. Meier' },
    });
    await vi.waitFor(() => expect($('#final-test').textContent).toBe('Abschlusstest bestanden'));
    expect(texts('#attempt-table thead th')).toEqual(['Datum', 'Punkte', 'Gespräch', 'Prüfer/in', 'Ergebnis']);
    const cells = all('#attempt-table tbody tr[data-attempt-id] td').map((td) => td.textContent);
    expect(cells).toEqual(['14.11.2026', '42 / 60 (70 %)', 'bestanden', 'Dr. Meier', 'bestanden']);
    expect($<HTMLInputElement>('#t-points').value).toBe(''); // ready for the next one
  });

  it('checks the numbers before asking and shows the backend’s errors at the fields', async () => {
    handlers.add_test_attempt = () => {
      throw {
        kind: 'validation',
        message: 'Bitte prüfen.',
        errors: [
          { field: 'points', message: 'Die erreichten Punkte (70) dürfen die Höchstpunktzahl (60) nicht übersteigen.' },
          { field: 'interviewer', message: 'Es fehlt, wer das Gespräch geführt hat.' },
        ],
        missing: [],
      };
    };
    await openOlena('qualifizierung');
    fill('#t-points', '4,5');
    $('#add-attempt').click();
    expect($('#err-t-points').textContent).toBe('„Punkte“ muss eine ganze Zahl (0 oder größer) sein.');
    expect($('#err-t-max_points').textContent).toBe('„von max. Punkten“ fehlt.');
    expect($('#t-max_points').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('t-points');
    expect(callsOf('add_test_attempt')).toEqual([]);

    fill('#t-points', '70');
    fill('#t-max_points', '60');
    $('#add-attempt').click();
    await vi.waitFor(() => expect($('#err-t-points').textContent).toBe('Die erreichten Punkte (70) dürfen die Höchstpunktzahl (60) nicht übersteigen.'));
    expect($('#err-t-max_points').textContent).toBe('');
    expect($('#t-max_points').hasAttribute('aria-invalid')).toBe(false);
    expect($('#err-t-interviewer').textContent).toBe('Es fehlt, wer das Gespräch geführt hat.');
    expect($('#t-interviewer').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('add_test_attempt')[0].args).toMatchObject({ attempt: { points: 70, max_points: 60, interview_passed: false } });
  });
});
