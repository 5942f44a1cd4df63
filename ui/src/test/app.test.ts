// The Lotsen screen and the shell, driven as a user would, against a fake backend behind Tauri's IPC mock.
// The mock sits below @tauri-apps/api, so command names and argument keys are checked as Tauri sees them.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pilot, record, reference, settings, pageOf } from './fixtures';
import { startApp } from '../main';
import { PAGE_SIZE, SEARCH_DEBOUNCE_MS } from '../screens/pilots/pilots';
import type { AppError, Duplicate, Pilot, PilotInput } from '../backend/types';

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

let calls: Call[];
let pilots: Pilot[];
let empty: boolean;
let duplicates: Duplicate[];
let saveError: AppError | null;
/** What find_duplicates answers instead of the list: the backend validates the pilot first. */
let checkError: AppError | null;
let root: HTMLElement;

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => {
  const el = root.ownerDocument.querySelector<T>(sel);
  if (!el) throw new Error(`${sel} fehlt`);
  return el;
};
const callsOf = (cmd: string) => calls.filter((c) => c.cmd === cmd);
const rowIds = () => Array.from(root.querySelectorAll('#pilot-table tbody tr[data-id]')).map((tr) => tr.getAttribute('data-id'));

function fakeBackend(cmd: string, args: Record<string, unknown> = {}): unknown {
  calls.push({ cmd, args });
  switch (cmd) {
    case 'reference_data':
      return reference();
    case 'app_state':
      return { empty, db_path: '/home/koordination/.local/share/lotsenbuero/lotsen.db', today: '2026-11-15' };
    case 'load_demo':
      pilots = [pilot({ id: 1 }), pilot({ id: 2, first_name: 'Olena', last_name: 'Kovalenko', iban: '' })];
      empty = false;
      return pilots.length;
    case 'pilot_page':
      return pageOf(pilots, args);
    case 'get_pilot': {
      const p = pilots.find((x) => x.id === args.id);
      if (!p) throw { kind: 'not_found', message: 'Lotse nicht gefunden.', errors: [] };
      return p;
    }
    case 'pilot_record': {
      const p = pilots.find((x) => x.id === args.id);
      if (!p) throw { kind: 'not_found', message: 'Lotse nicht gefunden.', errors: [], missing: [] };
      return record({ pilot: p, status: p.status });
    }
    case 'get_settings':
      return settings();
    case 'setting_views':
      return [];
    case 'task_areas':
      return [];
    case 'activity_month':
      return { month: '2026-10', label: 'Oktober 2026', areas: [], rows: [], required: false };
    case 'validate_pilot': {
      // validate_pilot's answer for the values typed here (the rules are the backend's)
      const input = args.input as PilotInput;
      const errors = [];
      if (input.first_name === '') errors.push({ field: 'first_name', message: 'Vorname fehlt.' });
      if (input.postcode === '123') errors.push({ field: 'postcode', message: 'PLZ muss aus 5 Ziffern bestehen.' });
      return errors;
    }
    case 'find_duplicates':
      if (checkError) throw checkError;
      return duplicates;
    case 'save_pilot': {
      if (saveError) throw saveError;
      const input = args.input as PilotInput;
      const id = (args.id as number | null) ?? 100 + pilots.length;
      const saved: Pilot = { ...pilot(), ...input, id, status: 'prospect' };
      pilots = [...pilots.filter((p) => p.id !== id), saved];
      return saved;
    }
    default:
      throw `unknown command ${cmd}`;
  }
}

async function start(): Promise<void> {
  await startApp(root);
  await vi.waitFor(() => expect(callsOf('pilot_page').length).toBeGreaterThan(0));
  await vi.waitFor(() => expect($('#pilot-count').textContent).not.toBe(''));
}

function fill(sel: string, value: string): void {
  const el = $<HTMLInputElement>(sel);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

function submit(): void {
  $<HTMLElement>('#pilot-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

function key(el: Element, k: string): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
}

beforeEach(() => {
  calls = [];
  empty = false;
  duplicates = [];
  saveError = null;
  checkError = null;
  pilots = [
    pilot({ id: 1 }),
    pilot({ id: 2, first_name: 'Olena', last_name: 'Kovalenko', town: 'Wernigerode', district: 'Wernigerode', iban: '', status: 'prospect', languages: ['Ukrainisch', 'Russisch'] }),
  ];
  mockIPC((cmd, args) => fakeBackend(cmd, args as Record<string, unknown>));
  root = document.createElement('div');
  document.body.replaceChildren(root);
});

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('shell', () => {
  it('shows the title and only the screens that work, starting on Lotsen', async () => {
    await start();
    expect($('.app-title').textContent).toBe('Lotsenbüro');
    const nav = Array.from(root.querySelectorAll('nav button')).map((b) => b.textContent);
    expect(nav).toEqual(['Übersicht', 'Lotsen', 'Qualifizierung', 'Abrechnung', 'Berichte', 'Einstellungen', 'Protokoll']);
    expect(Array.from(root.querySelectorAll('nav button')).map((b) => b.id)).toEqual([
      'nav-uebersicht', 'nav-lotsen', 'nav-qualifizierung', 'nav-abrechnung', 'nav-berichte', 'nav-einstellungen', 'nav-protokoll',
    ]);
    expect($('#nav-lotsen').getAttribute('aria-current')).toBe('page');
  });

  it('shows a banner when the backend cannot be reached', async () => {
    mockIPC(() => {
      throw 'Kommando nicht gefunden';
    });
    await startApp(root);
    expect($('#error-banner').hidden).toBe(false);
    expect($('#error-banner').textContent).toContain('Kommando nicht gefunden');
  });
});

describe('list', () => {
  it('shows one row per pilot with German labels, IBAN in groups and a count', async () => {
    await start();
    expect(callsOf('pilot_page')[0].args).toEqual({
      query: { search: null, district: null, status: null, language: null, sort: 'name', desc: false },
      page: { offset: 0, limit: PAGE_SIZE },
    });
    expect(rowIds()).toEqual(['1', '2']);
    const cells = (id: number) => Array.from(root.querySelectorAll(`tr[data-id="${id}"] td`)).map((td) => td.textContent);
    expect(cells(1)).toEqual(['Haddad, Amal', 'Halberstadt', 'Halberstadt', 'Arabisch, Deutsch', 'Aktiv', 'DE89 3704 0044 0532 0130 00']);
    expect(cells(2)).toEqual(['Kovalenko, Olena', 'Wernigerode', 'Wernigerode', 'Ukrainisch, Russisch', 'Interessent', '—']);
    expect($('#pilot-count').textContent).toBe('2 Lotsen');
    const headers = Array.from(root.querySelectorAll('#pilot-table th')).map((th) => th.textContent?.replace(/[▲▼]/g, ''));
    expect(headers).toEqual(['Name', 'Ort', 'Altkreis', 'Sprachen', 'Status', 'IBAN']);
  });

  it('says so when nothing matches', async () => {
    pilots = [];
    await start();
    expect($('#pilot-table tbody').textContent).toBe('Keine Lotsen gefunden.');
    expect($('#pilot-count').textContent).toBe('0 Lotsen');
  });

  it('sorts by a column; a second click reverses; aria-sort tells which', async () => {
    await start();
    const nameTh = $('button[data-sort="name"]').parentElement!;
    expect(nameTh.getAttribute('aria-sort')).toBe('ascending');
    $('button[data-sort="name"]').click();
    await vi.waitFor(() => expect(callsOf('pilot_page').length).toBe(2));
    expect(callsOf('pilot_page')[1].args.query).toMatchObject({ sort: 'name', desc: true });
    expect(nameTh.getAttribute('aria-sort')).toBe('descending');

    $('button[data-sort="town"]').click();
    await vi.waitFor(() => expect(callsOf('pilot_page').length).toBe(3));
    expect(callsOf('pilot_page')[2].args.query).toMatchObject({ sort: 'town', desc: false });
    expect($('button[data-sort="town"]').parentElement!.getAttribute('aria-sort')).toBe('ascending');
    expect(nameTh.hasAttribute('aria-sort')).toBe(false);
  });

  it('filters by district, status and language, "Alle" meaning no filter', async () => {
    await start();
    expect($<HTMLSelectElement>('#filter-status').options[0].textContent).toBe('Alle');
    const pick = (sel: string, value: string) => {
      $<HTMLSelectElement>(sel).value = value;
      $(sel).dispatchEvent(new Event('change', { bubbles: true }));
    };
    pick('#filter-district', 'Quedlinburg');
    pick('#filter-status', 'active');
    pick('#filter-language', 'Arabisch');
    await vi.waitFor(() => expect(callsOf('pilot_page').length).toBe(4));
    expect(callsOf('pilot_page')[3].args.query).toMatchObject({ district: 'Quedlinburg', status: 'active', language: 'Arabisch' });
    pick('#filter-status', '');
    await vi.waitFor(() => expect(callsOf('pilot_page').length).toBe(5));
    expect(callsOf('pilot_page')[4].args.query).toMatchObject({ status: null });
  });

  it('searches after a short pause in typing, not on every key', async () => {
    await start();
    vi.useFakeTimers();
    fill('#search', 'Ha');
    fill('#search', 'Had');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 10);
    expect(callsOf('pilot_page').length).toBe(1);
    vi.advanceTimersByTime(20);
    expect(callsOf('pilot_page').length).toBe(2);
    expect(callsOf('pilot_page')[1].args.query).toMatchObject({ search: 'Had' });
  });

  it('shows a large register a page at a time: the count of all, "Weitere anzeigen", and Arrow down past the last row', async () => {
    pilots = Array.from({ length: 250 }, (_, i) => pilot({ id: i + 1, last_name: `Name${i + 1}` }));
    await start();
    expect(rowIds().length).toBe(PAGE_SIZE);
    expect($('#pilot-count').textContent).toBe('100 von 250 Lotsen angezeigt');
    $('#more-pilots').click();
    await vi.waitFor(() => expect(rowIds().length).toBe(2 * PAGE_SIZE));
    expect(callsOf('pilot_page')[1].args.page).toEqual({ offset: PAGE_SIZE, limit: PAGE_SIZE });
    expect(document.activeElement?.getAttribute('data-id')).toBe('101'); // the first row added
    expect($('#pilot-count').textContent).toBe('200 von 250 Lotsen angezeigt');
    const last = $('#pilot-table tr[data-id="200"]');
    last.focus();
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(rowIds().length).toBe(250));
    expect(document.activeElement?.getAttribute('data-id')).toBe('201');
    expect($('#pilot-count').textContent).toBe('250 Lotsen');
    expect($<HTMLButtonElement>('#more-pilots').hidden).toBe(true);
    // A new search starts again at the first page.
    fill('#search', 'Name');
    await vi.waitFor(() => expect(callsOf('pilot_page').length).toBe(4));
    expect(callsOf('pilot_page')[3].args.page).toEqual({ offset: 0, limit: PAGE_SIZE });
  });
});

describe('detail form', () => {
  it('opens a pilot on click and with Enter, and Escape closes it', async () => {
    await start();
    expect($('#detail-panel').hidden).toBe(true);
    ($('tr[data-id="2"]') as HTMLElement).click();
    await vi.waitFor(() => expect($<HTMLInputElement>('#f-first_name').value).toBe('Olena'));
    expect(callsOf('get_pilot')[0].args).toEqual({ id: 2 });
    expect($('#detail-panel').hidden).toBe(false);
    expect($('tr[data-id="2"]').classList.contains('selected')).toBe(true);
    expect($('tr[data-id="2"]').getAttribute('aria-current')).toBe('true');
    expect($('tr[data-id="1"]').hasAttribute('aria-current')).toBe(false);
    expect($('#f-status').textContent).toBe('Status: Interessent');

    key(document.body, 'Escape');
    expect($('#detail-panel').hidden).toBe(true);

    const row = $('tr[data-id="1"]');
    expect(row.getAttribute('tabindex')).toBe('0');
    key(row, 'Enter');
    await vi.waitFor(() => expect($<HTMLInputElement>('#f-first_name').value).toBe('Amal'));
    expect($('#detail-panel').hidden).toBe(false);
  });

  it('shows the backend’s check at the fields and saves nothing while the form has errors', async () => {
    // find_duplicates validates first and answers as the backend does for this form
    checkError = {
      kind: 'validation',
      message: 'Vorname fehlt. Nachname fehlt. PLZ muss aus 5 Ziffern bestehen.',
      errors: [
        { field: 'first_name', message: 'Vorname fehlt.' },
        { field: 'last_name', message: 'Nachname fehlt.' },
        { field: 'postcode', message: 'PLZ muss aus 5 Ziffern bestehen.' },
      ],
      missing: [],
    };
    await start();
    $('#new-pilot').click();
    expect($('#form-title').textContent).toBe('Neuer Lotse');
    fill('#f-postcode', '123');
    submit();
    await vi.waitFor(() => expect($('#err-first_name').textContent).toBe('Vorname fehlt.'));
    expect($('#err-last_name').textContent).toBe('Nachname fehlt.');
    expect($('#err-postcode').textContent).toBe('PLZ muss aus 5 Ziffern bestehen.');
    expect($('#f-postcode').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('f-first_name');
    expect($('#error-banner').hidden).toBe(true);
    expect(callsOf('find_duplicates')[0].args).toEqual({ input: expect.objectContaining({ first_name: '', postcode: '123' }), id: null });
    expect(callsOf('save_pilot')).toEqual([]);
  });

  it('asks the backend about a field when it is left and shows its answer there', async () => {
    await start();
    $('#new-pilot').click();
    fill('#f-postcode', '123');
    $('#f-postcode').dispatchEvent(new FocusEvent('blur'));
    await vi.waitFor(() => expect($('#err-postcode').textContent).toBe('PLZ muss aus 5 Ziffern bestehen.'));
    expect(callsOf('validate_pilot')[0].args).toEqual({ input: expect.objectContaining({ first_name: '', postcode: '123' }) });
    // only the field that was left speaks up
    expect($('#err-first_name').textContent).toBe('');
    expect(callsOf('save_pilot')).toEqual([]);
  });

  it('saves a new pilot: duplicate check, save, message, list refreshed with the row selected', async () => {
    await start();
    $('#new-pilot').click();
    fill('#f-first_name', 'Yonas');
    fill('#f-last_name', 'Tesfay');
    fill('#f-birth_date', '02.05.1979');
    fill('#f-iban', 'DE89 3704 0044 0532 0130 00');
    submit();
    await vi.waitFor(() => expect(callsOf('save_pilot').length).toBe(1));
    const expectedInput = expect.objectContaining({
      first_name: 'Yonas', last_name: 'Tesfay', birth_date: '1979-05-02', iban: 'DE89370400440532013000',
    });
    expect(callsOf('find_duplicates')[0].args).toEqual({ input: expectedInput, id: null });
    expect(callsOf('save_pilot')[0].args).toEqual({ input: expectedInput, id: null });
    await vi.waitFor(() => expect(rowIds()).toContain('102'));
    expect($('#toast').textContent).toBe('Gespeichert.');
    expect($('tr[data-id="102"]').classList.contains('selected')).toBe(true);
    expect($('#f-status').textContent).toBe('Status: Interessent');
    expect($('#pilot-count').textContent).toBe('3 Lotsen');

    // saving again updates the same pilot
    fill('#f-town', 'Thale');
    submit();
    await vi.waitFor(() => expect(callsOf('save_pilot').length).toBe(2));
    expect(callsOf('save_pilot')[1].args.id).toBe(102);
  });

  it('warns about possible duplicates and saves only on "Trotzdem speichern"', async () => {
    duplicates = [{ id: 1, name: 'Haddad, Amal', reason: 'gleicher Name und Geburtsdatum' }];
    await start();
    $('#new-pilot').click();
    fill('#f-first_name', 'Amal');
    fill('#f-last_name', 'Haddad');
    submit();
    await vi.waitFor(() => expect($('#duplicate-warning').hidden).toBe(false));
    expect($('#duplicate-warning').textContent).toContain('Möglicher Doppeleintrag: Haddad, Amal (gleicher Name und Geburtsdatum)');
    expect(callsOf('save_pilot')).toEqual([]);
    expect(document.activeElement?.id).toBe('save-anyway');

    $('#save-anyway').click();
    await vi.waitFor(() => expect(callsOf('save_pilot').length).toBe(1));
    expect($('#duplicate-warning').hidden).toBe(true);
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Gespeichert.'));
  });

  it('Abbrechen in the duplicate warning saves nothing', async () => {
    duplicates = [{ id: 1, name: 'Haddad, Amal', reason: 'gleiche IBAN' }];
    await start();
    $('#new-pilot').click();
    fill('#f-first_name', 'Amal');
    fill('#f-last_name', 'Haddad');
    submit();
    await vi.waitFor(() => expect($('#duplicate-warning').hidden).toBe(false));
    $('#duplicate-cancel').click();
    expect($('#duplicate-warning').hidden).toBe(true);
    expect($('#detail-panel').hidden).toBe(false);
    expect(callsOf('save_pilot')).toEqual([]);
  });

  it('shows the server’s validation errors at their fields', async () => {
    saveError = {
      kind: 'validation',
      message: 'Bitte die markierten Felder prüfen.',
      errors: [
        { field: 'email', message: 'E-Mail-Adresse ist nicht gültig.' },
        { field: 'iban', message: 'IBAN hat die falsche Länge für DE: 22 Zeichen erwartet.' },
      ],
      missing: [],
    };
    await start();
    ($('tr[data-id="1"]') as HTMLElement).click();
    await vi.waitFor(() => expect($<HTMLInputElement>('#f-first_name').value).toBe('Amal'));
    submit();
    await vi.waitFor(() => expect($('#err-iban').textContent).toBe('IBAN hat die falsche Länge für DE: 22 Zeichen erwartet.'));
    expect($('#err-email').textContent).toBe('E-Mail-Adresse ist nicht gültig.');
    expect($('#f-email').getAttribute('aria-invalid')).toBe('true');
    expect($('#error-banner').hidden).toBe(true);
    expect(callsOf('save_pilot')[0].args.id).toBe(1);
  });

  it('shows other errors in the banner', async () => {
    saveError = { kind: 'storage', message: 'Die Datenbank ist gesperrt.', errors: [], missing: [] };
    await start();
    ($('tr[data-id="1"]') as HTMLElement).click();
    await vi.waitFor(() => expect($<HTMLInputElement>('#f-first_name').value).toBe('Amal'));
    submit();
    await vi.waitFor(() => expect($('#error-banner').hidden).toBe(false));
    expect($('#error-banner').textContent).toContain('Die Datenbank ist gesperrt.');
  });
});

describe('first start', () => {
  it('offers demo data on an empty database', async () => {
    empty = true;
    pilots = [];
    await start();
    const dialog = $<HTMLDialogElement>('#first-start');
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('Willkommen im Lotsenbüro');
    expect($('#start-empty').textContent).toBe('Leer beginnen');
    $('#start-demo').click();
    await vi.waitFor(() => expect(rowIds()).toEqual(['1', '2']));
    expect(callsOf('load_demo').length).toBe(1);
    expect(dialog.open).toBe(false);
    expect($('#toast').textContent).toBe('2 Demo-Lotsen geladen.');
  });

  it('can start empty', async () => {
    empty = true;
    pilots = [];
    await start();
    $('#start-empty').click();
    expect($<HTMLDialogElement>('#first-start').open).toBe(false);
    expect(callsOf('load_demo')).toEqual([]);
  });

  it('is not shown when there are pilots', async () => {
    await start();
    expect($<HTMLDialogElement>('#first-start').open).toBe(false);
  });

  it('closes with Escape', async () => {
    empty = true;
    pilots = [];
    await start();
    key($('#start-demo'), 'Escape');
    expect($<HTMLDialogElement>('#first-start').open).toBe(false);
    expect(callsOf('load_demo')).toEqual([]);
  });
});
