// Entry with history on the pilot's page ("Im Programm seit", past facts, "anerkannt", district changes,
// Storno), driven as a user would against a fake backend behind Tauri's IPC mock: command names and
// argument keys are checked as Tauri sees them, errors are the backend's and shown at their fields.
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pilot, record, reference, settings, pageOf } from '../../test/fixtures';
import { $, all, choose, fill, installBackend, key, labelOf, start, texts, type Call, type Handler } from '../../test/testkit';
import type { ModulesInput, Pilot, PilotRecord, StatusChange } from '../../backend/types';

let calls: Call[];
let handlers: Record<string, Handler>;
let pilots: Pilot[];
let current: PilotRecord;

const callsOf = (cmd: string) => calls.filter((c) => c.cmd === cmd);
const answer = (r: PilotRecord) => ({ ...r, pilot: pilots.find((p) => p.id === r.pilot.id) ?? r.pilot });
const fieldError = (field: string, message: string) => ({ kind: 'validation', message: 'Bitte prüfen.', errors: [{ field, message }], missing: [] });
const rows = (sel: string) => all(`${sel} tbody tr`).map((tr) => Array.from(tr.children).map((td) => td.textContent));

const LEFT: StatusChange = { status: 'left', effective_on: '2026-11-20', note: 'Umzug nach Berlin?', who: 'S. Krüger', seq: 5 };
const ACTIVE: StatusChange = { status: 'active', effective_on: '2024-09-02', note: 'Berufen', who: 'S. Krüger', seq: 4 };

/** A pilot in the programme since 01.03.2024, appointed 02.09.2024, set to Ausgeschieden by mistake. */
function mistaken(): PilotRecord {
  const base = record();
  return record({
    status: 'left',
    in_programme_since: '2024-03-01',
    history: [
      { ...base.history[0], effective_on: '2024-03-01' },
      { ...base.history[1], effective_on: '2024-04-02' },
      { ...base.history[2], effective_on: '2024-06-20' },
      ACTIVE,
      LEFT,
    ],
    allowed_next: [],
    undo_candidate: LEFT,
  });
}

beforeEach(() => {
  pilots = [pilot({ id: 1 }), pilot({ id: 2, first_name: 'Olena', last_name: 'Kovalenko', status: 'qualified' })];
  current = record({ in_programme_since: '2026-03-02' });
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

async function openOlena(tab: 'status' | 'qualifizierung'): Promise<void> {
  await start(calls);
  $('tr[data-id="2"]').click();
  await vi.waitFor(() => expect($('#tab-status').hidden).toBe(false));
  $(`#tab-${tab}`).click();
}

describe('Im Programm seit', () => {
  it('shows the day and moves it to an earlier one through the backend', async () => {
    handlers.set_programme_since = (a) => {
      current = record({ in_programme_since: String(a.since), history: [{ ...record().history[0], effective_on: String(a.since) }, ...record().history.slice(1)] });
      return answer(current);
    };
    await openOlena('status');
    expect(labelOf('since')).toBe('Im Programm seit');
    expect($<HTMLInputElement>('#since').value).toBe('02.03.2026');
    fill('#since', '1.3.2024');
    $('#save-since').click();
    await vi.waitFor(() => expect(callsOf('set_programme_since').length).toBe(1));
    expect(callsOf('set_programme_since')[0].args).toEqual({ id: 2, since: '2024-03-01' });
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Im Programm seit 01.03.2024.'));
    expect($<HTMLInputElement>('#since').value).toBe('01.03.2024');
    expect(rows('#status-history').at(-1)?.[0]).toBe('01.03.2024');
  });

  it('puts the backend’s refusal at the field and reads nothing it cannot parse', async () => {
    handlers.set_programme_since = () => {
      throw fieldError('since', '„Im Programm seit“ muss vor der nächsten Statusänderung („In Qualifizierung“ am 04.05.2026) liegen.');
    };
    await openOlena('status');
    fill('#since', '31.02.2024');
    $('#save-since').click();
    expect($('#err-since').textContent).toBe('„Im Programm seit“ ist kein gültiges Datum (TT.MM.JJJJ).');
    expect($('#since').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('set_programme_since')).toEqual([]);

    fill('#since', '01.06.2026');
    $('#save-since').click();
    await vi.waitFor(() => expect($('#err-since').textContent).toContain('muss vor der nächsten Statusänderung'));
    expect($('#since').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('since');
    expect($('#error-banner').hidden).toBe(true);
    expect($<HTMLInputElement>('#since').value).toBe('01.06.2026'); // what was typed stays for correcting
  });
});

describe('past status change', () => {
  it('sends a past day and lists what was missing on that day', async () => {
    handlers.change_status = () => {
      throw {
        kind: 'rule',
        message: 'Berufung am 02.09.2024 nicht möglich.',
        errors: [],
        missing: ['Führungszeugnis am 02.09.2024 nicht gültig'],
      };
    };
    await openOlena('status');
    $('#change-status').click();
    choose('#status-new', 'active');
    fill('#status-date', '2.9.2024');
    $('#status-apply').click();
    await vi.waitFor(() => expect($('#status-missing').hidden).toBe(false));
    expect(callsOf('change_status')[0].args).toEqual({ id: 2, status: 'active', effectiveOn: '2024-09-02', note: '' });
    expect(texts('#status-missing li')).toEqual(['Führungszeugnis am 02.09.2024 nicht gültig']);
  });
});

describe('Storno ("Rückgängig")', () => {
  it('is offered only for a change that can be cancelled, and says which one', async () => {
    await openOlena('status');
    expect($('#undo-status').hidden).toBe(true);
    document.body.replaceChildren();
    current = mistaken();
    await openOlena('status');
    expect($('#undo-status').hidden).toBe(false);
    expect($('#undo-status').textContent).toBe('Rückgängig');
    expect($('#undo-hint').textContent).toBe('„Rückgängig“ storniert die letzte Änderung: „Ausgeschieden“ ab 20.11.2026.');
  });

  it('asks for a reason, cancels the change and shows it cancelled in the history', async () => {
    current = mistaken();
    handlers.undo_status = (a) => {
      const cancelled = { ...LEFT, reason: String(a.reason), cancelled_by: 'S. Krüger', cancelled_at: '2026-11-15T09:30:00Z' };
      current = { ...mistaken(), status: 'active', history: mistaken().history.slice(0, 4), cancelled_changes: [cancelled], undo_candidate: ACTIVE, allowed_next: [{ code: 'paused', label: 'Ruhend' }, { code: 'left', label: 'Ausgeschieden' }] };
      return answer(current);
    };
    await openOlena('status');
    $('#undo-status').click();
    const dialog = $<HTMLDialogElement>('#undo-dialog');
    expect(dialog.open).toBe(true);
    expect(document.activeElement?.id).toBe('undo-reason');
    expect(labelOf('undo-reason')).toBe('Grund');
    expect($('#undo-what').textContent).toBe('Storniert wird „Ausgeschieden“ ab 20.11.2026 (Umzug nach Berlin?).');

    // Without a reason nothing is sent.
    $('#undo-apply').click();
    expect($('#err-undo-reason').textContent).toBe('„Grund“ fehlt.');
    expect($('#undo-reason').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('undo_status')).toEqual([]);

    fill('#undo-reason', 'Irrtümlich eingetragen');
    $('#undo-apply').click();
    await vi.waitFor(() => expect(dialog.open).toBe(false));
    expect(callsOf('undo_status')[0].args).toEqual({ id: 2, reason: 'Irrtümlich eingetragen' });
    expect($('#toast').textContent).toBe('Storniert: „Ausgeschieden“ ab 20.11.2026.');
    expect($('#rec-status').textContent).toBe('Aktiv');
    const top = all('#status-history tbody tr')[0];
    expect(top.classList.contains('cancelled')).toBe(true);
    expect(Array.from(top.children).map((td) => td.textContent)).toEqual([
      '20.11.2026',
      'Ausgeschieden storniert',
      'Umzug nach Berlin? · Storno: Irrtümlich eingetragen',
      expect.stringMatching(/^S\. Krüger; storniert von S\. Krüger am 15\.11\.2026 \d\d:30$/),
    ]);
    expect(rows('#status-history')[1]).toEqual(['02.09.2024', 'Aktiv', 'Berufen', 'S. Krüger']);
    // The earlier change may be cancelled next; focus stays on the button.
    expect($('#undo-hint').textContent).toContain('„Aktiv“ ab 02.09.2024');
    expect(document.activeElement?.id).toBe('undo-status');
  });

  it('shows a refusal in the dialog, the reason’s error at its field, and Escape closes only the dialog', async () => {
    current = mistaken();
    handlers.undo_status = () => {
      throw {
        kind: 'rule',
        message: '„Ausgeschieden“ vom 20.11.2026 kann nicht mehr storniert werden: die Führungszeugnis-Daten wurden am 21.11.2026 gelöscht (§ 30a BZRG).',
        errors: [],
        missing: [],
      };
    };
    await openOlena('status');
    $('#undo-status').click();
    fill('#undo-reason', 'Irrtum');
    $('#undo-apply').click();
    await vi.waitFor(() => expect($('#undo-error').hidden).toBe(false));
    expect($('#undo-error').textContent).toContain('kann nicht mehr storniert werden');
    expect($<HTMLDialogElement>('#undo-dialog').open).toBe(true);

    handlers.undo_status = () => {
      throw fieldError('reason', 'Grund ist zu lang (höchstens 500 Zeichen).');
    };
    $('#undo-apply').click();
    await vi.waitFor(() => expect($('#err-undo-reason').textContent).toBe('Grund ist zu lang (höchstens 500 Zeichen).'));
    expect($('#undo-reason').getAttribute('aria-invalid')).toBe('true');
    expect($('#undo-error').hidden).toBe(true);

    key($('#undo-reason'), 'Escape');
    expect($<HTMLDialogElement>('#undo-dialog').open).toBe(false);
    expect($('#detail-panel').hidden).toBe(false);
    expect(document.activeElement?.id).toBe('undo-status');
  });
});

describe('district history', () => {
  it('shows the current district and its history, newest first', async () => {
    current = record({
      district_history: [
        { from: 'Halberstadt', to: 'Quedlinburg', effective_on: '2025-01-01', note: 'Umzug', who: 'M. Becker', seq: 1 },
        { from: 'Quedlinburg', to: 'Halberstadt', effective_on: '2026-04-01', note: '', who: 'S. Krüger', seq: 2 },
      ],
    });
    await openOlena('status');
    expect($('#rec-district').textContent).toBe('Halberstadt');
    expect(texts('#district-history thead th')).toEqual(['Wirksam ab', 'Von', 'Nach', 'Notiz', 'Wer']);
    expect(rows('#district-history')).toEqual([
      ['01.04.2026', 'Quedlinburg', 'Halberstadt', '', 'S. Krüger'],
      ['01.01.2025', 'Halberstadt', 'Quedlinburg', 'Umzug', 'M. Becker'],
    ]);
  });

  it('records a move from a day, and the Stammdaten form follows', async () => {
    handlers.change_district = (a) => {
      const input = a.input as { district: string; on: string; note: string };
      pilots = pilots.map((p) => (p.id === 2 ? { ...p, district: input.district } : p));
      current = record({
        pilot: pilots[1],
        district_history: [{ from: 'Halberstadt', to: input.district, effective_on: input.on, note: input.note, who: 'S. Krüger', seq: 1 }],
      });
      return answer(current);
    };
    await openOlena('status');
    expect(rows('#district-history')).toEqual([['Kein Wechsel eingetragen.']]);
    expect(labelOf('d-district')).toBe('Neuer Altkreis');
    expect(labelOf('d-effective_on')).toBe('Wirksam ab');
    expect($<HTMLInputElement>('#d-effective_on').value).toBe('15.11.2026');
    choose('#d-district', 'Wernigerode');
    fill('#d-effective_on', '01.07.2025');
    fill('#d-note', 'Umzug nach Ilsenburg');
    $('#save-district').click();
    await vi.waitFor(() => expect(callsOf('change_district').length).toBe(1));
    expect(callsOf('change_district')[0].args).toEqual({ id: 2, input: { district: 'Wernigerode', on: '2025-07-01', note: 'Umzug nach Ilsenburg' } });
    await vi.waitFor(() => expect($('#rec-district').textContent).toBe('Wernigerode'));
    expect(rows('#district-history')).toEqual([['01.07.2025', 'Halberstadt', 'Wernigerode', 'Umzug nach Ilsenburg', 'S. Krüger']]);
    expect($('#toast').textContent).toBe('Altkreis geändert: Wernigerode ab 01.07.2025.');
    expect($<HTMLSelectElement>('#f-district').value).toBe('Wernigerode');
  });

  it('shows what is missing and the backend’s errors at the fields; nothing is written', async () => {
    handlers.change_district = () => {
      throw fieldError('effective_on', 'Das Datum darf nicht in der Zukunft liegen.');
    };
    await openOlena('status');
    $('#save-district').click();
    expect($('#err-d-district').textContent).toBe('„Neuer Altkreis“ fehlt.');
    expect($('#d-district').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('d-district');
    expect(callsOf('change_district')).toEqual([]);

    choose('#d-district', 'Quedlinburg');
    fill('#d-effective_on', '01.01.2027');
    $('#save-district').click();
    await vi.waitFor(() => expect($('#err-d-effective_on').textContent).toBe('Das Datum darf nicht in der Zukunft liegen.'));
    expect($('#d-effective_on').getAttribute('aria-invalid')).toBe('true');
    expect($('#d-district').hasAttribute('aria-invalid')).toBe(false);
    expect($('#rec-district').textContent).toBe('Halberstadt');
  });
});

describe('modules and refresher recognised ("anerkannt")', () => {
  it('records modules and a refresher with day and note, and lists them', async () => {
    handlers.add_modules = (a) => {
      const input = a.input as ModulesInput;
      const base = record();
      current = record({
        modules: base.modules.map((m) => (m.number === 5 ? { ...m, done: true, first_attended_on: input.on, course: null, place: null, recognised: true, note: input.note } : m)),
        credits: input.modules.map((m, i) => ({ id: 30 + i, kind: m === 'Auffrischung' ? 'refresher' : { module: Number(m) }, on: input.on, note: input.note, who: 'S. Krüger' })),
      });
      return answer(current);
    };
    await openOlena('qualifizierung');
    expect(texts('#credit-form legend')).toEqual(['Anerkannt']);
    expect(['c-kind-1', 'c-kind-2', 'c-kind-3', 'c-kind-4', 'c-kind-5', 'c-kind-refresher'].map(labelOf)).toEqual([
      'Modul 1', 'Modul 2', 'Modul 3', 'Modul 4', 'Modul 5', 'Auffrischung',
    ]);
    expect(labelOf('c-on')).toBe('Datum');
    expect(rows('#credit-table')).toEqual([['Nichts anerkannt.']]);
    $<HTMLInputElement>('#c-kind-5').click();
    $<HTMLInputElement>('#c-kind-refresher').click();
    fill('#c-on', '15.4.2024');
    fill('#c-note', 'VHS Halberstadt');
    $('#add-credit').click();
    await vi.waitFor(() => expect(callsOf('add_modules').length).toBe(1));
    expect(callsOf('add_modules')[0].args).toEqual({ id: 2, input: { modules: ['5', 'Auffrischung'], on: '2024-04-15', note: 'VHS Halberstadt' } });
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Anerkannt: Modul 5, Auffrischung am 15.04.2024.'));
    expect(all('#module-list li')[4].textContent).toBe('Modul 5: Rechtliche Grundlagen✓ anerkannt: 15.04.2024 · VHS Halberstadt');
    expect(rows('#credit-table')).toEqual([
      ['15.04.2024', 'Auffrischung', 'VHS Halberstadt', 'S. Krüger'],
      ['15.04.2024', 'Modul 5', 'VHS Halberstadt', 'S. Krüger'],
    ]);
    expect($<HTMLInputElement>('#c-kind-5').checked).toBe(false); // ready for the next one
  });

  it('keeps what is typed in the recognition form while a test attempt is saved', async () => {
    handlers.add_test_attempt = () => answer(record({ final_test_passed: true }));
    await openOlena('qualifizierung');
    $<HTMLInputElement>('#c-kind-refresher').click();
    fill('#c-on', '14.02.2025');
    fill('#t-taken_on', '10.08.2024');
    fill('#t-points', '42');
    fill('#t-max_points', '60');
    $('#add-attempt').click();
    await vi.waitFor(() => expect($('#final-test').textContent).toBe('Abschlusstest bestanden'));
    expect($<HTMLInputElement>('#t-points').value).toBe('');
    expect($<HTMLInputElement>('#c-kind-refresher').checked).toBe(true);
    expect($<HTMLInputElement>('#c-on').value).toBe('14.02.2025');
  });

  it('shows the backend’s errors at the boxes and the date', async () => {
    handlers.add_modules = () => {
      throw {
        kind: 'validation',
        message: 'Bitte prüfen.',
        errors: [
          { field: 'modules', message: 'Kein Modul angegeben (1 bis 5 oder „Auffrischung“).' },
          { field: 'on', message: 'Das Datum darf nicht in der Zukunft liegen.' },
        ],
        missing: [],
      };
    };
    await openOlena('qualifizierung');
    fill('#c-on', '31.13.2024');
    $('#add-credit').click();
    expect($('#err-c-on').textContent).toBe('„Datum“ ist kein gültiges Datum (TT.MM.JJJJ).');
    expect(callsOf('add_modules')).toEqual([]);

    fill('#c-on', '01.12.2026');
    $('#add-credit').click();
    await vi.waitFor(() => expect(callsOf('add_modules').length).toBe(1));
    expect(callsOf('add_modules')[0].args).toEqual({ id: 2, input: { modules: [], on: '2026-12-01', note: '' } });
    await vi.waitFor(() => expect($('#err-c-kind-1').textContent).toBe('Kein Modul angegeben (1 bis 5 oder „Auffrischung“).'));
    expect($('#c-kind-1').getAttribute('aria-invalid')).toBe('true');
    expect($('#err-c-on').textContent).toBe('Das Datum darf nicht in der Zukunft liegen.');
    expect($('#c-on').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('c-kind-1');
    expect($('#error-banner').hidden).toBe(true);
  });
});
