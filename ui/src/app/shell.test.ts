// The shell's busy bar, the start-up care banner and the date, against a fake backend behind Tauri's
// IPC mock (events mocked too, so the backend's "progress" events reach the window).
import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../backend/api';
import { pilot, reference, pageOf } from '../test/fixtures';
import { $, start, type Call } from '../test/testkit';

let calls: Call[];
let handlers: Record<string, (args: Record<string, unknown>) => unknown>;

beforeEach(() => {
  calls = [];
  handlers = {
    reference_data: () => reference(),
    app_state: () => ({ empty: false, db_path: '/tmp/lotsen.db', today: '2026-11-15' }),
    pilot_page: (a) => pageOf([pilot({ id: 1 })], a),
    pilot_names: () => [pilot({ id: 1 })],
    startup_problems: () => [],
  };
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
      const handler = handlers[cmd];
      if (!handler) throw `unknown command ${cmd}`;
      return handler((args ?? {}) as Record<string, unknown>);
    },
    { shouldMockEvents: true },
  );
});

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('busy bar', () => {
  it('shows what a long command does and how far it is, and goes when it ends', async () => {
    let finish: (v: unknown) => void = () => undefined;
    handlers.print_run = () => new Promise((resolve) => (finish = resolve));
    await start(calls);
    expect($('#busy').hidden).toBe(true);

    const printing = api.printRun('2026-10');
    await vi.waitFor(() => expect($('#busy').hidden).toBe(false));
    expect($('#busy .busy-label').textContent).toBe('Abrechnung wird gedruckt …');

    await emit('progress', { task: 'print_run', done: 13, total: 422, text: 'Abrechnung 12 von 420 wird erstellt …' });
    await vi.waitFor(() => expect($('#busy .busy-text').textContent).toBe('Abrechnung 12 von 420 wird erstellt …'));
    const bar = $<HTMLProgressElement>('#busy progress');
    expect([bar.value, bar.max]).toEqual([13, 422]);

    // The rest of the window answers meanwhile.
    $('#nav-uebersicht').click();
    expect($('#nav-uebersicht').getAttribute('aria-current')).toBe('page');
    expect($('#busy').hidden).toBe(false);

    finish({ path: '/tmp/Abrechnung_2026-10.pdf' });
    await printing;
    expect($('#busy').hidden).toBe(true);
    expect(document.querySelectorAll('#busy .busy-row')).toHaveLength(0);
  });

  it('offers "Abbrechen" for printing a month: it asks the backend to stop and says so until the print ends', async () => {
    let fail: (e: unknown) => void = () => undefined;
    handlers.print_run = () => new Promise((_, reject) => (fail = reject));
    handlers.cancel_work = () => null;
    await start(calls);
    const printing = api.printRun('2026-10').catch((e) => e);
    await vi.waitFor(() => expect($('#busy').hidden).toBe(false));
    const cancel = $<HTMLButtonElement>('#busy .busy-cancel');
    expect(cancel.textContent).toBe('Abbrechen');
    cancel.click();
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === 'cancel_work')).toEqual([{ cmd: 'cancel_work', args: { task: 'print_run' } }]));
    expect(cancel.disabled).toBe(true);
    await emit('progress', { task: 'print_run', done: 14, total: 422, text: 'Abrechnung 13 von 420 wird erstellt …' });
    expect($('#busy .busy-text').textContent).toBe('Wird abgebrochen …');
    fail({ kind: 'conflict', message: 'Abgebrochen. Es wurde nichts gespeichert.', errors: [], missing: [] });
    await printing;
    expect($('#busy').hidden).toBe(true);
  });

  it('offers "Abbrechen" for an import (it is rolled back) and not for a backup (it cannot stop cleanly)', async () => {
    let finishImport: (v: unknown) => void = () => undefined;
    let finishBackup: (v: unknown) => void = () => undefined;
    handlers.import_file = () => new Promise((resolve) => (finishImport = resolve));
    handlers.backup_now = () => new Promise((resolve) => (finishBackup = resolve));
    handlers.cancel_work = () => null;
    await start(calls);
    const importing = api.importFile('/tmp/lotsen.csv');
    await vi.waitFor(() => expect($('#busy').hidden).toBe(false));
    const rows = () => [...document.querySelectorAll('#busy .busy-row')];
    expect(rows()).toHaveLength(1);
    expect(rows()[0].querySelectorAll('.busy-cancel')).toHaveLength(1);
    $<HTMLButtonElement>('#busy .busy-cancel').click();
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === 'cancel_work')).toEqual([{ cmd: 'cancel_work', args: { task: 'import_file' } }]));
    const backingUp = api.backupNow();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[1].querySelectorAll('.busy-cancel')).toHaveLength(0);
    finishImport({ valid: [], plans: [], rows: [], errors: [], duplicates: [] });
    finishBackup({ path: '/tmp/x.sqlite3' });
    await importing.catch(() => undefined);
    await backingUp.catch(() => undefined);
  });

  it('ignores steps of work it did not start', async () => {
    await start(calls);
    await emit('progress', { task: 'backup_now', done: 1, total: 2, text: 'Sicherung wird geprüft …' });
    expect($('#busy').hidden).toBe(true);
  });
});

describe('start-up care', () => {
  it('shows what failed and what to do, until closed', async () => {
    handlers.startup_problems = () => [
      { task: 'backup', message: 'Die tägliche Sicherung konnte nicht geschrieben werden (Zugriff verweigert). Bitte prüfen Sie den Ordner.' },
    ];
    await start(calls);
    await vi.waitFor(() => expect($('#care-banner').textContent).toContain('Zugriff verweigert'));
    expect($('#care-banner').getAttribute('role')).toBe('alert');
    expect($('#care-banner li[data-task="backup"]')).toBeTruthy();
    // Navigating keeps it; closing removes it.
    $('#nav-uebersicht').click();
    expect(document.querySelector('#care-banner')).not.toBeNull();
    $<HTMLButtonElement>('#care-banner .banner-close').click();
    expect(document.querySelector('#care-banner')).toBeNull();
  });

  it('shows nothing when all went well', async () => {
    await start(calls);
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === 'startup_problems')).toBe(true));
    expect(document.querySelector('#care-banner')).toBeNull();
  });
});

describe('today', () => {
  it('follows the local date when the backend does, so a window left open sees the new day', async () => {
    handlers.app_state = () => ({ empty: false, db_path: '/tmp/lotsen.db', today: '2026-11-30', today_fixed: false });
    handlers.due_list = () => [];
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 30, 23, 59, 0));
    await start(calls);
    // Past midnight into a new year: the Abrechnung screen opens on the year of today.
    vi.setSystemTime(new Date(2027, 0, 1, 0, 1, 0));
    handlers.budget_year = (a) => {
      throw { kind: 'not_found', message: `Jahr ${String(a.year)}`, errors: [], missing: [] };
    };
    $('#nav-abrechnung').click();
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === 'budget_year')).toBe(true));
    expect(calls.find((c) => c.cmd === 'budget_year')?.args.year).toBe(2027);
  });

  it('keeps a fixed date (LOTSEN_TODAY)', async () => {
    handlers.app_state = () => ({ empty: false, db_path: '/tmp/lotsen.db', today: '2026-11-30', today_fixed: true });
    handlers.budget_year = () => {
      throw { kind: 'not_found', message: 'kein Jahr', errors: [], missing: [] };
    };
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2030, 5, 1, 12, 0, 0));
    await start(calls);
    $('#nav-abrechnung').click();
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === 'budget_year')).toBe(true));
    expect(calls.find((c) => c.cmd === 'budget_year')?.args.year).toBe(2026);
  });
});
