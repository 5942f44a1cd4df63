// Data safety and protection in the app (docs/DOMAIN.md#data-safety): backups, restore, import, export and the data
// settings on the Einstellungen screen; the Protokoll screen; the Verlauf tab, the data access request and
// the eFZ deletion notices of a pilot's page. Driven as a user would against a fake backend behind Tauri's
// IPC mock: command names and argument keys are checked as Tauri sees them.
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activityMonth, auditEntries, auditEntry, backups, importPreview, parseAmount, pilot, record, reference, settings, pageOf } from '../../test/fixtures';
import { formatDateTime, formatMegabytes } from '../../shared/format';
import { restart } from '../../app/notice';
import { $, all, choose, fill, installBackend, labelOf, start, texts, type Call, type Handler } from '../../test/testkit';
import type { AuditEntry, BackupEntry, Pilot, PilotRecord, Settings } from '../../backend/types';

// Times are shown in local time; the tests read them as in Halberstadt.
(globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env.TZ = 'Europe/Berlin';

let calls: Call[];
let handlers: Record<string, Handler>;
let pilots: Pilot[];
let stored: Settings;
let backupList: BackupEntry[];
let log: AuditEntry[];
let current: PilotRecord;
const realReload = restart.reload;

const callsOf = (cmd: string) => calls.filter((c) => c.cmd === cmd);
const cells = (tr: Element) => Array.from(tr.querySelectorAll('td')).map((c) => c.textContent);
const has = (sel: string) => document.querySelector(sel) !== null;
/** Waits until the button is no longer busy with its last click. */
const idle = (sel: string) => vi.waitFor(() => expect($(sel).hasAttribute('aria-busy')).toBe(false));
const validation = (field: string, message: string) => ({ kind: 'validation', message, errors: [{ field, message }], missing: [] });
const BACKUP_PATH = '/media/usb/lotsenbuero-2026-11-01.sqlite3';
const CSV_PATH = 'C:\\Users\\sk\\Documents\\Lotsenliste.csv';

beforeEach(() => {
  pilots = [pilot({ id: 1 }), pilot({ id: 2, first_name: 'Olena', last_name: 'Kovalenko', status: 'qualified' })];
  stored = settings();
  backupList = backups();
  log = auditEntries();
  current = record();
  handlers = {
    reference_data: () => reference(),
    parse_amount: parseAmount,
    app_state: () => ({ empty: false, db_path: '/tmp/lotsen.db', today: '2026-11-15' }),
    pilot_page: (a) => pageOf(pilots, a),
    pilot_names: () => pilots,
    get_pilot: (a) => pilots.find((p) => p.id === a.id),
    pilot_record: (a) => ({ ...current, pilot: pilots.find((p) => p.id === a.id)! }),
    get_settings: () => structuredClone(stored),
    setting_views: () => [],
    activity_month: () => activityMonth(),
    task_areas: () => [],
    list_backups: () => structuredClone(backupList),
    restore_erasures: () => [],
    audited_tables: () => [
      { code: 'pilots', label: 'Lotse' },
      { code: 'screenings', label: 'Führungszeugnis' },
      { code: 'settings', label: 'Einstellungen' },
    ],
    audit_entries: () => structuredClone(log),
  };
  calls = installBackend(handlers);
  restart.reload = vi.fn();
  sessionStorage.clear();
});

afterEach(() => {
  clearMocks();
  restart.reload = realReload;
  sessionStorage.clear();
  document.body.replaceChildren();
});

async function goTo(screen: 'einstellungen' | 'protokoll'): Promise<void> {
  await start(calls);
  $(`#nav-${screen}`).click();
  await vi.waitFor(() => expect($(`#screen-${screen}`)).toBeTruthy());
}

async function goToData(): Promise<void> {
  await goTo('einstellungen');
  await vi.waitFor(() => expect(all('#backup-list tbody tr[data-path]').length).toBe(backupList.length));
}

// ---- helpers ------------------------------------------------------------------------------------

describe('time and size helpers', () => {
  it('shows UTC timestamps in local time and sizes in MB with a decimal comma', () => {
    expect(formatDateTime('2026-11-15T08:30:00Z')).toBe('15.11.2026 09:30');
    expect(formatDateTime('2026-06-30T22:10:00Z')).toBe('01.07.2026 00:10'); // summer time, next day
    expect(formatDateTime('2026-11-15T08:30:00.123456789+00:00')).toBe('15.11.2026 09:30');
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('kein Datum')).toBe('kein Datum');
    expect(formatMegabytes(3_407_872)).toBe('3,3 MB');
    expect(formatMegabytes(1_258_291)).toBe('1,2 MB');
    expect(formatMegabytes(12_000)).toBe('< 0,1 MB');
    expect(formatMegabytes(0)).toBe('0,0 MB');
    expect(formatMegabytes(1536 * 1024 * 1024)).toBe('1.536,0 MB');
  });
});

// ---- Einstellungen: values with "gültig ab" -----------------------------------------------------

describe('Einstellungen: Werte mit Gültigkeit', () => {
  const rate = (history: { value: number; display: string; valid_from: string; who: string }[]) => ({
    key: 'allowance.rate',
    label: 'Monatsbetrag',
    dated: true,
    value: 13000,
    display: '130,00 €',
    history: history.map((h) => ({ ...h, recorded_at: '2027-01-05T09:00:00Z' })),
  });
  const undated = { key: 'debtor.name', label: 'Auftraggeber (SEPA)', dated: false, value: 'Landkreis Harz', display: 'Landkreis Harz', history: [] };

  it('lists the dated keys with today\'s value and history, and sets a new value as typed', async () => {
    let views = [rate([]), undated];
    handlers.setting_views = () => structuredClone(views);
    handlers.set_setting = (a) => {
      if (a.validFrom === '15.01.2027') throw validation('valid_from', 'allowance.rate: „gültig ab“ muss ein Monatserster sein.');
      views = [rate([{ value: 14000, display: '140,00 €', valid_from: '2027-01-01', who: 'S. Krüger' }]), undated];
      return views[0];
    };
    await goTo('einstellungen');
    await vi.waitFor(() => expect(all('#dated-history tr')).toHaveLength(1));
    expect(cells($('#dated-history tr'))).toEqual(['Monatsbetrag', '130,00 €', '—']);
    expect(Array.from($<HTMLSelectElement>('#dated-key').options).map((o) => o.value)).toEqual(['allowance.rate']);
    expect(labelOf('dated-from')).toBe('Gültig ab');

    fill('#dated-value', '140,00');
    fill('#dated-from', '15.01.2027');
    $('#dated-apply').click();
    await vi.waitFor(() => expect($('#err-dated-from').textContent).toBe('allowance.rate: „gültig ab“ muss ein Monatserster sein.'));

    fill('#dated-from', '01.01.2027');
    $('#dated-apply').click();
    await vi.waitFor(() => expect(cells($('#dated-history tr'))[2]).toBe('140,00 € ab 01.01.2027 (S. Krüger)'));
    expect(callsOf('set_setting').map((c) => c.args)).toEqual([
      { key: 'allowance.rate', value: '140,00', validFrom: '15.01.2027' },
      { key: 'allowance.rate', value: '140,00', validFrom: '01.01.2027' },
    ]);
  });
});

// ---- Einstellungen: data settings ---------------------------------------------------------------

describe('Einstellungen: Sicherung und Ablage', () => {
  it('shows the data settings with their labels and sends them back with the settings', async () => {
    handlers.save_settings = (a) => {
      stored = structuredClone(a.settings as Settings);
      return stored;
    };
    stored.data = { backup_keep: 14, documents_dir: 'D:\\Ablage\\Lotsen', anonymise_after_years: 10 };
    await goTo('einstellungen');
    await vi.waitFor(() => expect($<HTMLInputElement>('#set-backup_keep').value).toBe('14'));
    expect($<HTMLInputElement>('#set-documents_dir').value).toBe('D:\\Ablage\\Lotsen');
    expect(labelOf('set-backup_keep')).toBe('Aufbewahrte tägliche Sicherungen');
    expect(labelOf('set-documents_dir')).toBe('Ablageordner für Dokumente (leer = Dokumente/Lotsenbüro)');
    expect(has('#settings-form #set-backup_keep')).toBe(true);

    fill('#set-backup_keep', ' 30 ');
    fill('#set-documents_dir', '  ');
    $('#save-settings').click();
    await vi.waitFor(() => expect(callsOf('save_settings')).toHaveLength(1));
    const expected = settings();
    expected.data = { backup_keep: 30, documents_dir: '', anonymise_after_years: 10 };
    expect(callsOf('save_settings')[0].args).toEqual({ settings: expected });
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Einstellungen gespeichert.'));
    expect($<HTMLInputElement>('#set-backup_keep').value).toBe('30');
  });

  it('checks the number before saving and shows the backend’s error at backup_keep', async () => {
    handlers.save_settings = () => {
      throw validation('backup_keep', 'Aufbewahrte Sicherungen: 1 bis 365.');
    };
    await goTo('einstellungen');
    await vi.waitFor(() => expect($<HTMLButtonElement>('#save-settings').disabled).toBe(false));
    fill('#set-backup_keep', 'viele');
    $('#save-settings').click();
    expect($('#err-set-backup_keep').textContent).toBe('„Aufbewahrte tägliche Sicherungen“ muss eine ganze Zahl (0 oder größer) sein.');
    expect(document.activeElement?.id).toBe('set-backup_keep');
    expect(callsOf('save_settings')).toEqual([]);
    await vi.waitFor(() => expect($('#settings-form').hasAttribute('aria-busy')).toBe(false));

    fill('#set-backup_keep', '0');
    $('#save-settings').click();
    await vi.waitFor(() => expect($('#err-set-backup_keep').textContent).toBe('Aufbewahrte Sicherungen: 1 bis 365.'));
    expect($('#set-backup_keep').getAttribute('aria-invalid')).toBe('true');
    expect($('#error-banner').hidden).toBe(true);
  });
});

// ---- Einstellungen: backups --------------------------------------------------------------------

describe('Einstellungen: backups', () => {
  it('lists the backups with file, kind, date and size in MB', async () => {
    await goToData();
    expect($('#data-section .section-title').textContent).toBe('Daten');
    expect(texts('#backup-list thead th')).toEqual(['Datei', 'Art', 'Datum', 'Größe']);
    const rows = all('#backup-list tbody tr');
    expect(rows.map(cells)).toEqual([
      ['lotsenbuero-sicherung-2026-11-15-101500.sqlite3', 'von Hand', '15.11.2026 10:15', '3,3 MB'],
      ['lotsenbuero-2026-11-15.sqlite3', 'täglich', '15.11.2026', '1,2 MB'],
      ['lotsenbuero-vor-wiederherstellung-2026-11-02.sqlite3', 'vor Wiederherstellung', '02.11.2026 17:40', '< 0,1 MB'],
    ]);
    expect(rows[0].dataset.path).toBe(backupList[0].path);
    expect(document.querySelector('[style]')).toBeNull();
  });

  it('"Sicherung erstellen" makes a backup, says where and lists it', async () => {
    const path = '/home/sk/.local/share/lotsenbuero/backups/lotsenbuero-sicherung-2026-11-15-113000.sqlite3';
    handlers.backup_now = () => {
      backupList.unshift({ path, file_name: 'lotsenbuero-sicherung-2026-11-15-113000.sqlite3', kind: 'manual', date: null, file_size: 3_500_000, modified: '2026-11-15T10:30:00Z' });
      return { path };
    };
    await goToData();
    expect($('#backup-now').textContent).toBe('Sicherung erstellen');
    $('#backup-now').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe(`Sicherung gespeichert unter ${path}`));
    expect(callsOf('backup_now')).toEqual([{ cmd: 'backup_now', args: {} }]);
    await vi.waitFor(() => expect(all('#backup-list tbody tr[data-path]')).toHaveLength(4));
    expect(cells($('#backup-list tbody tr'))).toEqual(['lotsenbuero-sicherung-2026-11-15-113000.sqlite3', 'von Hand', '15.11.2026 11:30', '3,3 MB']);
    expect(callsOf('list_backups')).toHaveLength(2);
  });

  it('says when there are no backups and shows a failed backup in the section', async () => {
    backupList = [];
    handlers.backup_now = () => {
      throw { kind: 'storage', message: 'Datenbankfehler: Datenträger voll.', errors: [], missing: [] };
    };
    await goTo('einstellungen');
    await vi.waitFor(() => expect(texts('#backup-list tbody tr')).toEqual(['Noch keine Sicherungen.']));
    expect($('#backup-error').hidden).toBe(true);
    $('#backup-now').click();
    await vi.waitFor(() => expect($('#backup-error').hidden).toBe(false));
    expect($('#backup-error').textContent).toBe('Die Sicherung konnte nicht erstellt werden: Datenbankfehler: Datenträger voll.');
    expect($('#toast').textContent).toBe('');
  });
});

// ---- Einstellungen: restore --------------------------------------------------------------------

const picked = () => ({
  path: BACKUP_PATH,
  encrypted: false,
  info: { path: BACKUP_PATH, schema_version: 7, pilot_count: 42, file_size: 3_407_872, modified: '2026-11-01T07:05:00Z' },
});

async function pickBackup(): Promise<void> {
  await goToData();
  $('#restore-pick').click();
  await vi.waitFor(() => expect($<HTMLDialogElement>('#restore-dialog').open).toBe(true));
}

describe('Einstellungen: restore', () => {
  beforeEach(() => {
    handlers.pick_backup = () => picked();
    handlers.restore_losses = () => [];
    handlers.restore_backup = (a) => ({
      restored: { ...picked().info, path: a.path as string },
      previous_saved_as: '/home/sk/.local/share/lotsenbuero/backups/lotsenbuero-vor-wiederherstellung-2026-11-15.sqlite3',
    });
  });

  it('shows the checked file’s details and the warning before anything is replaced', async () => {
    await pickBackup();
    expect($('#restore-pick').textContent).toBe('Sicherung wiederherstellen…');
    expect(callsOf('pick_backup')).toEqual([{ cmd: 'pick_backup', args: {} }]);
    expect(texts('#restore-details dt')).toEqual(['Datei', 'Lotsen', 'Schema', 'Größe', 'Stand']);
    expect($('#restore-file').textContent).toBe(BACKUP_PATH);
    expect($('#restore-pilots').textContent).toBe('42');
    expect($('#restore-schema').textContent).toBe('7');
    expect($('#restore-size').textContent).toBe('3,3 MB');
    expect($('#restore-modified').textContent).toBe('01.11.2026 08:05');
    expect($('#restore-dialog').textContent).toContain('Die aktuelle Datenbank wird vorher gesichert und dann ersetzt.');
    expect(callsOf('restore_backup')).toEqual([]);
  });

  it('"Abbrechen" closes the dialog and restores nothing', async () => {
    await pickBackup();
    $('#restore-cancel').click();
    expect($<HTMLDialogElement>('#restore-dialog').open).toBe(false);
    expect(callsOf('restore_backup')).toEqual([]);
    expect(restart.reload).not.toHaveBeenCalled();
    expect(document.activeElement?.id).toBe('restore-pick');
  });

  it('names the approved runs and SEPA exports a restore would lose and needs the confirmation', async () => {
    handlers.restore_losses = () => [
      { month: '2026-11', what: 'run', description: 'Abrechnungslauf November 2026 (freigegeben, 3 Abrechnungen, AE-2026-11-001 bis AE-2026-11-003)' },
      { month: '2026-11', what: 'sepa', description: 'SEPA-Export November 2026 (LOTSEN-2026-11-20261201101500, 2026-12-01T10:15:00Z)' },
    ];
    await pickBackup();
    expect($('#restore-losses').hidden).toBe(false);
    expect(texts('#restore-loss-list li')).toEqual([
      'Abrechnungslauf November 2026 (freigegeben, 3 Abrechnungen, AE-2026-11-001 bis AE-2026-11-003)',
      'SEPA-Export November 2026 (LOTSEN-2026-11-20261201101500, 2026-12-01T10:15:00Z)',
    ]);
    expect(labelOf('restore-accept-loss')).toContain('Abrechnungsnummern bleiben reserviert');
    $('#restore-confirm').click();
    expect($('#restore-dialog-error').textContent).toContain('Verlust bestätigen');
    expect(callsOf('restore_backup')).toEqual([]);
    $<HTMLInputElement>('#restore-accept-loss').click();
    $('#restore-confirm').click();
    await vi.waitFor(() => expect(restart.reload).toHaveBeenCalledTimes(1));
    expect(callsOf('restore_backup')).toEqual([{ cmd: 'restore_backup', args: { path: BACKUP_PATH, passphrase: null, acceptLoss: true, applyDeletion: false } }]);
  });

  it('names the pilots whose deleted eFZ data the file holds and applies the deletion on restore', async () => {
    handlers.restore_erasures = () => ['Gegangen, Lena'];
    await pickBackup();
    expect($('#restore-erasures').hidden).toBe(false);
    expect($('#restore-erasures').textContent).toContain('§ 30a BZRG');
    expect(texts('#restore-erasure-list li')).toEqual(['Gegangen, Lena']);
    expect($('#restore-confirm').textContent).toBe('Löschung anwenden und wiederherstellen');
    $('#restore-confirm').click();
    await vi.waitFor(() => expect(restart.reload).toHaveBeenCalledTimes(1));
    expect(callsOf('restore_backup')).toEqual([
      { cmd: 'restore_backup', args: { path: BACKUP_PATH, passphrase: null, acceptLoss: false, applyDeletion: true } },
    ]);
  });

  it('restores the picked path, then reloads the app and says so after the reload', async () => {
    await pickBackup();
    $('#restore-confirm').click();
    await vi.waitFor(() => expect(restart.reload).toHaveBeenCalledTimes(1));
    expect(callsOf('restore_losses')).toEqual([{ cmd: 'restore_losses', args: { path: BACKUP_PATH } }]);
    expect($('#restore-losses').hidden).toBe(true);
    expect($('#restore-erasures').hidden).toBe(true);
    expect($('#restore-confirm').textContent).toBe('Wiederherstellen');
    expect(callsOf('restore_backup')).toEqual([{ cmd: 'restore_backup', args: { path: BACKUP_PATH, passphrase: null, acceptLoss: false, applyDeletion: false } }]);
    const notice =
      'Sicherung wiederhergestellt (42 Lotsen, Stand 01.11.2026 08:05). Die vorherige Datenbank wurde gesichert unter ' +
      '/home/sk/.local/share/lotsenbuero/backups/lotsenbuero-vor-wiederherstellung-2026-11-15.sqlite3';
    expect(sessionStorage.getItem('lotsenbuero.notice')).toBe(notice);

    // what the reloaded window shows: the notice, once
    await start(calls);
    expect($('#toast').textContent).toBe(notice);
    expect(sessionStorage.getItem('lotsenbuero.notice')).toBeNull();
    await start(calls);
    expect($('#toast').textContent).toBe('');
  });

  it('shows why a picked file cannot be restored, and does nothing on a cancelled dialog', async () => {
    handlers.pick_backup = () => {
      throw validation('file', 'Die Datei ist keine SQLite-Datenbank.');
    };
    await goToData();
    $('#restore-pick').click();
    await vi.waitFor(() => expect($('#restore-error').hidden).toBe(false));
    expect($('#restore-error').textContent).toBe('Diese Sicherung kann nicht wiederhergestellt werden: Die Datei ist keine SQLite-Datenbank.');
    expect($<HTMLDialogElement>('#restore-dialog').open).toBe(false);

    handlers.pick_backup = () => null;
    $('#restore-pick').click();
    await vi.waitFor(() => expect(callsOf('pick_backup')).toHaveLength(2));
    await vi.waitFor(() => expect($('#restore-error').hidden).toBe(true));
    expect($<HTMLDialogElement>('#restore-dialog').open).toBe(false);
    expect(callsOf('restore_backup')).toEqual([]);
  });

  it('keeps the dialog open with the reason when the restore is refused', async () => {
    handlers.restore_backup = () => {
      throw validation('file', 'Die Sicherung stammt von einer neueren Version (Schema 9).');
    };
    await pickBackup();
    $('#restore-confirm').click();
    await vi.waitFor(() => expect($('#restore-dialog-error').hidden).toBe(false));
    expect($('#restore-dialog-error').textContent).toBe(
      'Die Sicherung wurde nicht wiederhergestellt; es wurde nichts ersetzt. Die Sicherung stammt von einer neueren Version (Schema 9).',
    );
    expect($<HTMLDialogElement>('#restore-dialog').open).toBe(true);
    expect($<HTMLButtonElement>('#restore-confirm').disabled).toBe(false);
    expect(restart.reload).not.toHaveBeenCalled();
    expect(sessionStorage.getItem('lotsenbuero.notice')).toBeNull();
  });
});

// ---- Einstellungen: encrypted copy and its restore ---------------------------------------------

describe('Einstellungen: encrypted backup copy', () => {
  const STICK = '/media/usb/lotsenbuero-sicherung-2026-11-15-1130-verschluesselt.age';
  beforeEach(() => {
    handlers.restore_losses = () => [];
  });

  it('asks for the passphrase twice, shows the backend’s refusal at the field, saves where chosen', async () => {
    handlers.backup_encrypted = (a) => {
      if ((a.passphrase as string).length < 8) throw validation('passphrase', 'Das Kennwort muss mindestens 8 Zeichen lang sein.');
      if (a.repeat !== a.passphrase) throw validation('passphrase_repeat', 'Die beiden Kennwörter stimmen nicht überein.');
      return { path: STICK };
    };
    await goToData();
    expect($('#backup-encrypted').textContent).toBe('Sicherung auf Datenträger …');
    $('#backup-encrypted').click();
    expect($<HTMLDialogElement>('#encrypt-dialog').open).toBe(true);
    expect(labelOf('encrypt-passphrase')).toBe('Kennwort');
    expect(labelOf('encrypt-repeat')).toBe('Kennwort wiederholen');
    expect($<HTMLInputElement>('#encrypt-passphrase').type).toBe('password');
    expect($<HTMLInputElement>('#encrypt-repeat').type).toBe('password');

    fill('#encrypt-passphrase', 'kurz');
    fill('#encrypt-repeat', 'kurz');
    $('#encrypt-save').click();
    await vi.waitFor(() => expect($('#err-encrypt-passphrase').textContent).toBe('Das Kennwort muss mindestens 8 Zeichen lang sein.'));
    expect($('#encrypt-passphrase').getAttribute('aria-invalid')).toBe('true');
    expect($('#encrypt-dialog-error').hidden).toBe(true);

    fill('#encrypt-passphrase', 'Harz-Lotsen 2026');
    fill('#encrypt-repeat', 'Harz-Lotsen 2025');
    $('#encrypt-save').click();
    await vi.waitFor(() => expect($('#err-encrypt-repeat').textContent).toBe('Die beiden Kennwörter stimmen nicht überein.'));
    expect($('#err-encrypt-passphrase').textContent).toBe('');
    expect($<HTMLDialogElement>('#encrypt-dialog').open).toBe(true);

    fill('#encrypt-repeat', 'Harz-Lotsen 2026');
    $('#encrypt-save').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe(`Verschlüsselte Sicherung gespeichert unter ${STICK}`));
    expect($<HTMLDialogElement>('#encrypt-dialog').open).toBe(false);
    expect($<HTMLInputElement>('#encrypt-passphrase').value).toBe('');
    expect(callsOf('backup_encrypted').at(-1)).toEqual({ cmd: 'backup_encrypted', args: { passphrase: 'Harz-Lotsen 2026', repeat: 'Harz-Lotsen 2026' } });
  });

  it('an encrypted backup asks for its passphrase; a wrong one is shown at the field and nothing reloads', async () => {
    handlers.pick_backup = () => ({ path: STICK, encrypted: true, info: null });
    handlers.restore_backup = (a) => {
      if (a.passphrase !== 'Harz-Lotsen 2026') {
        throw validation('passphrase', 'Das Kennwort ist falsch; die Sicherung wurde nicht geöffnet. Es wurde nichts verändert.');
      }
      return {
        restored: { path: STICK, schema_version: 7, pilot_count: 42, file_size: 3_407_872, modified: null },
        previous_saved_as: '/home/sk/backups/lotsenbuero-vor-wiederherstellung-2026-11-15.sqlite3',
      };
    };
    await goToData();
    $('#restore-pick').click();
    await vi.waitFor(() => expect($<HTMLDialogElement>('#restore-dialog').open).toBe(true));
    expect($('#restore-file').textContent).toBe(STICK);
    expect($('#restore-encrypted').textContent).toContain('Kennwort');
    expect(labelOf('restore-passphrase')).toBe('Kennwort der Sicherung');
    expect(document.activeElement?.id).toBe('restore-passphrase');

    fill('#restore-passphrase', 'falsch falsch');
    $('#restore-confirm').click();
    await vi.waitFor(() => expect($('#err-restore-passphrase').textContent).toContain('Das Kennwort ist falsch'));
    expect($('#restore-dialog-error').hidden).toBe(true);
    expect(restart.reload).not.toHaveBeenCalled();
    expect($<HTMLButtonElement>('#restore-confirm').disabled).toBe(false);

    fill('#restore-passphrase', 'Harz-Lotsen 2026');
    $('#restore-confirm').click();
    await vi.waitFor(() => expect(restart.reload).toHaveBeenCalledTimes(1));
    expect(callsOf('restore_backup').at(-1)).toEqual({ cmd: 'restore_backup', args: { path: STICK, passphrase: 'Harz-Lotsen 2026', acceptLoss: false, applyDeletion: false } });
  });

  it('a plain backup shows no passphrase field', async () => {
    handlers.pick_backup = () => picked();
    await pickBackup();
    expect($('#restore-passphrase').closest<HTMLElement>('.field')!.hidden).toBe(true);
  });
});

// ---- Einstellungen: import ---------------------------------------------------------------------

describe('Einstellungen: import of the Excel list', () => {
  beforeEach(() => {
    handlers.pick_import = () => ({ path: CSV_PATH, preview: importPreview() });
    handlers.import_file = () => importPreview({ rows: [], unknown_columns: [] });
  });

  async function pickCsv(): Promise<void> {
    await goToData();
    expect($('#import-preview').hidden).toBe(true);
    $('#import-pick').click();
    await vi.waitFor(() => expect($('#import-preview').hidden).toBe(false));
  }

  it('previews every row with its result before anything is written', async () => {
    await pickCsv();
    expect($('#import-pick').textContent).toBe('Excel-Liste einlesen…');
    expect(callsOf('pick_import')).toEqual([{ cmd: 'pick_import', args: {} }]);
    expect($('#import-preview-title').textContent).toBe('Vorschau: Lotsenliste.csv');
    expect($('#import-format').textContent).toBe('Windows-1252, Trennzeichen „;“');
    expect($('#import-unknown').textContent).toBe('Unbekannte Spalten (werden ignoriert): Bemerkung intern, Kürzel');
    expect($('#import-counts').textContent).toBe('2 neu · 1 Doppeleintrag · 1 Fehler');
    expect(texts('#import-table thead th')).toEqual(['Zeile', 'Ergebnis', 'Name', 'Meldungen']);
    const rows = all('#import-preview tr[data-line]');
    expect(rows.map((r) => r.dataset.line)).toEqual(['2', '3', '4', '5']);
    expect(rows.map((r) => r.className)).toEqual(['row-new', 'row-duplicate', 'row-error', 'row-new']);
    expect(cells(rows[0])).toEqual(['2', 'neu', 'Haddad, Amal', '']);
    expect(cells(rows[1])).toEqual(['3', 'Doppeleintrag', 'Kovalenko, Olena', 'Schon erfasst: Kovalenko, Olena (gleicher Name und Geburtsdatum).']);
    expect(texts('tr[data-line="4"] li')).toEqual(['IBAN: Die Prüfziffer stimmt nicht.', 'Geburtsdatum: 31.02.1980 ist kein gültiges Datum.']);
    expect($('#import-apply').textContent).toBe('2 Lotsen übernehmen');
    expect($<HTMLButtonElement>('#import-apply').disabled).toBe(false);
    expect($('#import-cancel').textContent).toBe('Abbrechen');
    expect(callsOf('import_file')).toEqual([]);
  });

  it('imports the previewed file, says how many, and leads to the Lotsen list', async () => {
    await pickCsv();
    $('#import-apply').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe('2 Lotsen übernommen.'));
    expect(callsOf('import_file')).toEqual([{ cmd: 'import_file', args: { path: CSV_PATH } }]);
    expect($('#import-preview').hidden).toBe(true);
    expect($('#import-result').textContent).toContain('2 Lotsen übernommen.');

    pilots = [...pilots, pilot({ id: 3, first_name: 'Ömer', last_name: 'Aydın' })];
    const before = callsOf('pilot_page').length;
    $('#import-show-pilots').click();
    await vi.waitFor(() => expect(callsOf('pilot_page').length).toBe(before + 1));
    expect($('#nav-lotsen').getAttribute('aria-current')).toBe('page');
    await vi.waitFor(() => expect(has('tr[data-id="3"]')).toBe(true));
  });

  it('cannot import when nothing is new; "Abbrechen" and a cancelled dialog write nothing', async () => {
    handlers.pick_import = () => ({
      path: CSV_PATH,
      preview: importPreview({ format: { encoding: 'UTF-8 (mit BOM)', delimiter: ',' }, unknown_columns: [], rows: [importPreview().rows[1]], new: 0, duplicates: 1, errors: 0 }),
    });
    await pickCsv();
    expect($('#import-format').textContent).toBe('UTF-8 (mit BOM), Trennzeichen „,“');
    expect($('#import-unknown').hidden).toBe(true);
    expect($('#import-counts').textContent).toBe('0 neu · 1 Doppeleintrag · 0 Fehler');
    expect($('#import-apply').textContent).toBe('0 Lotsen übernehmen');
    expect($<HTMLButtonElement>('#import-apply').disabled).toBe(true);
    $('#import-apply').click();
    $('#import-cancel').click();
    expect($('#import-preview').hidden).toBe(true);

    handlers.pick_import = () => null;
    $('#import-pick').click();
    await vi.waitFor(() => expect(callsOf('pick_import')).toHaveLength(2));
    await idle('#import-pick');
    expect($('#import-preview').hidden).toBe(true);
    expect($('#import-error').hidden).toBe(true);
    expect(callsOf('import_file')).toEqual([]);
  });

  it('shows a file that cannot be read, and keeps the preview when the import fails', async () => {
    handlers.pick_import = () => {
      throw validation('file', 'Die Datei hat keine Spalte „Nachname“.');
    };
    await goToData();
    $('#import-pick').click();
    await vi.waitFor(() => expect($('#import-error').hidden).toBe(false));
    expect($('#import-error').textContent).toBe('Die Datei kann nicht eingelesen werden: Die Datei hat keine Spalte „Nachname“.');

    handlers.pick_import = () => ({ path: CSV_PATH, preview: importPreview() });
    handlers.import_file = () => {
      throw { kind: 'storage', message: 'Datenbankfehler: gesperrt.', errors: [], missing: [] };
    };
    $('#import-pick').click();
    await vi.waitFor(() => expect($('#import-preview').hidden).toBe(false));
    expect($('#import-error').hidden).toBe(true);
    $('#import-apply').click();
    await vi.waitFor(() => expect($('#import-error').hidden).toBe(false));
    expect($('#import-error').textContent).toBe('Es wurde nichts übernommen: Datenbankfehler: gesperrt.');
    expect($('#import-preview').hidden).toBe(false);
    expect($<HTMLButtonElement>('#import-apply').disabled).toBe(false);
  });
});

// ---- Einstellungen: export ---------------------------------------------------------------------

describe('Einstellungen: export', () => {
  it('sends list, format and, for payments only, the year', async () => {
    handlers.export_list = (a) => ({ path: `/home/sk/Dokumente/${String(a.kind)}.${String(a.format)}` });
    await goToData();
    expect(['export-kind', 'export-format', 'export-year'].map(labelOf)).toEqual(['Liste', 'Format', 'Jahr']);
    expect(texts('#export-kind option')).toEqual(['Lotsen', 'Abdeckung', 'Zahlungen']);
    expect(texts('#export-format option')).toEqual(['CSV', 'XLSX']);
    expect($('#export-year').closest('.field')!.hasAttribute('hidden')).toBe(true);

    $('#export-run').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Gespeichert unter /home/sk/Dokumente/pilots.csv'));
    expect(callsOf('export_list')[0].args).toEqual({ kind: 'pilots', format: 'csv', year: null });

    choose('#export-kind', 'payments');
    expect($('#export-year').closest('.field')!.hasAttribute('hidden')).toBe(false);
    expect($<HTMLInputElement>('#export-year').value).toBe('2026');
    choose('#export-format', 'xlsx');
    $('#export-run').click();
    await vi.waitFor(() => expect(callsOf('export_list')).toHaveLength(2));
    expect(callsOf('export_list')[1].args).toEqual({ kind: 'payments', format: 'xlsx', year: 2026 });
    await idle('#export-run');

    fill('#export-year', '25');
    $('#export-run').click();
    expect($('#err-export-year').textContent).toBe('„Jahr“ muss eine Jahreszahl sein, z. B. 2026.');
    expect(callsOf('export_list')).toHaveLength(2);
    fill('#export-year', '2025');
    $('#export-run').click();
    await vi.waitFor(() => expect(callsOf('export_list')).toHaveLength(3));
    expect(callsOf('export_list')[2].args).toEqual({ kind: 'payments', format: 'xlsx', year: 2025 });
    await idle('#export-run');

    choose('#export-kind', 'coverage');
    $('#export-run').click();
    await vi.waitFor(() => expect(callsOf('export_list')).toHaveLength(4));
    expect(callsOf('export_list')[3].args).toEqual({ kind: 'coverage', format: 'xlsx', year: null });
  });

  it('says nothing when the save dialog is cancelled and shows a failure in the section', async () => {
    handlers.export_list = () => null;
    await goToData();
    $('#export-run').click();
    await vi.waitFor(() => expect(callsOf('export_list')).toHaveLength(1));
    await idle('#export-run');
    expect($('#toast').textContent).toBe('');
    handlers.export_list = () => {
      throw { kind: 'storage', message: 'Die Datei ist in Excel geöffnet.', errors: [], missing: [] };
    };
    $('#export-run').click();
    await vi.waitFor(() => expect($('#export-error').hidden).toBe(false));
    expect($('#export-error').textContent).toBe('Die Liste konnte nicht exportiert werden: Die Datei ist in Excel geöffnet.');
  });
});

// ---- Protokoll ---------------------------------------------------------------------------------

describe('Protokoll', () => {
  async function goToLog(): Promise<void> {
    await goTo('protokoll');
    await vi.waitFor(() => expect(all('#audit-table tr[data-id]')).toHaveLength(log.length));
  }

  it('comes last in the navigation and shows the newest 100 entries with the areas to filter by', async () => {
    await goToLog();
    expect(texts('nav button').slice(-2)).toEqual(['Einstellungen', 'Protokoll']);
    expect($('#nav-protokoll').getAttribute('aria-current')).toBe('page');
    expect(callsOf('audit_entries')[0].args).toEqual({ filter: { entity: null, pilot_id: null, from: null, to: null, text: null, limit: 100 } });
    expect(texts('#audit-entity option')).toEqual(['Alle', 'Lotse', 'Führungszeugnis', 'Einstellungen', 'Datenbank (Wiederherstellung)']);
    expect(['audit-entity', 'audit-from', 'audit-to', 'audit-text', 'audit-pilot'].map(labelOf)).toEqual(['Bereich', 'Von', 'Bis', 'Suche', 'Lotse Nr.']);
    expect($('#audit-count').textContent).toBe('4 Einträge');
    expect($('#audit-more').hidden).toBe(true);
    expect(document.querySelector('[style]')).toBeNull();
  });

  it('shows each entry in local time, groups one transaction and hides deleted values', async () => {
    await goToLog();
    expect(texts('#audit-table thead th')).toEqual(['Zeitpunkt', 'Wer', 'Bereich', 'Nr.', 'Aktion', 'Feld', 'alt → neu']);
    // one transaction of two entries: one group, time and person once
    const group = $('#audit-table tbody[data-tx="60"]');
    expect(group.querySelectorAll('tr')).toHaveLength(2);
    expect(group.querySelector('td.audit-at')!.getAttribute('rowspan')).toBe('2');
    expect(cells($('tr[data-id="104"]'))).toEqual(['15.11.2026 11:05', 'S. Krüger', 'Lotse Lotse 2', '2', 'geändert', 'Straße', 'Domplatz 1 → Domplatz 2']);
    expect(cells($('tr[data-id="103"]'))).toEqual(['Lotse Lotse 2', '2', 'geändert', 'Telefon', '03941 111 → 03941 222']);
    expect(all('#audit-table tbody.audit-tx').map((b) => b.dataset.tx)).toEqual(['60', '58', '57']);
    // the eFZ deletion: by the system, in summer time, values gone
    expect(cells($('tr[data-id="102"]'))).toEqual([
      '01.07.2026 00:10', 'System', 'Führungszeugnis Lotse 2', '11', 'gelöschtLöschfrist nach § 30a BZRG', '', '(gelöscht nach § 30a BZRG)',
    ]);
    expect(has('tr[data-id="102"] .redacted')).toBe(true);
  });

  it('shortens long values and shows them whole on "mehr"', async () => {
    await goToLog();
    const change = $('tr[data-id="101"] td.audit-change');
    const toggle = change.querySelector<HTMLButtonElement>('.audit-toggle')!;
    expect(toggle.textContent).toBe('mehr');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const short = change.querySelector<HTMLElement>('.audit-value:not(.audit-full)')!;
    const full = change.querySelector<HTMLElement>('.audit-full')!;
    expect(short.textContent!.endsWith('…')).toBe(true);
    expect(short.textContent!.length).toBeLessThanOrEqual(80);
    expect(full.hidden).toBe(true);
    expect(change.querySelector('.audit-old')!.textContent).toBe('—');
    toggle.click();
    expect(full.hidden).toBe(false);
    expect(short.hidden).toBe(true);
    expect(full.textContent).toContain('"street": "Friedrich-Ebert-Straße 42"');
    expect(toggle.textContent).toBe('weniger');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    toggle.click();
    expect(full.hidden).toBe(true);
  });

  it('sends the filters with ISO dates, and checks them first', async () => {
    await goToLog();
    choose('#audit-entity', 'screenings');
    fill('#audit-from', '1.11.2026');
    fill('#audit-to', '15.11.2026');
    fill('#audit-text', '  Krüger ');
    fill('#audit-pilot', '2');
    log = [log[2]];
    $('#audit-apply').click();
    await vi.waitFor(() => expect(callsOf('audit_entries')).toHaveLength(2));
    expect(callsOf('audit_entries')[1].args).toEqual({
      filter: { entity: 'screenings', pilot_id: 2, from: '2026-11-01', to: '2026-11-15', text: 'Krüger', limit: 100 },
    });
    await vi.waitFor(() => expect(all('#audit-table tr[data-id]')).toHaveLength(1));
    expect($('#audit-count').textContent).toBe('1 Eintrag');

    fill('#audit-from', '31.02.2026');
    fill('#audit-pilot', 'zwei');
    $('#audit-apply').click();
    expect($('#err-audit-from').textContent).toBe('„Von“ ist kein gültiges Datum (TT.MM.JJJJ).');
    expect($('#err-audit-pilot').textContent).toBe('„Lotse Nr.“ muss eine ganze Zahl (0 oder größer) sein.');
    fill('#audit-from', '16.11.2026');
    fill('#audit-pilot', '');
    $('#audit-apply').click();
    expect($('#err-audit-to').textContent).toBe('„Bis“ liegt vor „Von“.');
    expect($('#err-audit-from').textContent).toBe('');
    expect(callsOf('audit_entries')).toHaveLength(2);

    log = [];
    fill('#audit-from', '');
    fill('#audit-to', '');
    fill('#audit-text', '');
    choose('#audit-entity', '');
    $('#audit-apply').click();
    await vi.waitFor(() => expect(texts('#audit-table tbody tr')).toEqual(['Keine Einträge.']));
    expect(callsOf('audit_entries')[2].args).toEqual({ filter: { entity: null, pilot_id: null, from: null, to: null, text: null, limit: 100 } });
  });

  it('loads more when the limit was reached, keeping the applied filter', async () => {
    handlers.audit_entries = (a) => {
      const { limit } = a.filter as { limit: number };
      return Array.from({ length: limit }, (_, i) => auditEntry({ id: 5000 - i, tx: 5000 - i }));
    };
    await goTo('protokoll');
    await vi.waitFor(() => expect(all('#audit-table tr[data-id]')).toHaveLength(100));
    expect($('#audit-count').textContent).toBe('100 Einträge – die neuesten; ältere mit „Mehr laden“.');
    fill('#audit-text', 'Telefon');
    $('#audit-apply').click();
    await vi.waitFor(() => expect(callsOf('audit_entries')).toHaveLength(2));
    fill('#audit-text', 'getippt, nicht angewandt');
    expect($('#audit-more').hidden).toBe(false);
    $('#audit-more').click();
    await vi.waitFor(() => expect(all('#audit-table tr[data-id]')).toHaveLength(200));
    expect((callsOf('audit_entries')[2].args.filter as { limit: number; text: string })).toMatchObject({ limit: 200, text: 'Telefon' });
  });

  it('opens the pilot of an entry on the Verlauf tab', async () => {
    await goToLog();
    $('tr[data-id="103"] .audit-pilot').click();
    await vi.waitFor(() => expect($('#tab-verlauf').getAttribute('aria-selected')).toBe('true'));
    expect($('#nav-lotsen').getAttribute('aria-current')).toBe('page');
    expect($('#record-title').textContent).toBe('Kovalenko, Olena');
    await vi.waitFor(() => expect(callsOf('audit_entries').some((c) => (c.args.filter as { pilot_id?: number }).pilot_id === 2)).toBe(true));
    expect(has('tr[data-id="101"] .audit-pilot')).toBe(false); // settings: no pilot
  });

  it('shows a failure in the banner', async () => {
    handlers.audit_entries = () => {
      throw { kind: 'storage', message: 'Datenbankfehler: kaputt.', errors: [], missing: [] };
    };
    await goTo('protokoll');
    await vi.waitFor(() => expect($('#error-banner').hidden).toBe(false));
    expect($('#error-banner').textContent).toContain('Das Protokoll konnte nicht geladen werden: Datenbankfehler: kaputt.');
    expect(texts('#audit-table tbody tr')).toEqual(['Das Protokoll konnte nicht geladen werden.']);
  });
});

// ---- pilot page: Verlauf, Datenauskunft, eFZ deletion --------------------------------------------

async function openOlena(tab: 'efz' | 'verlauf'): Promise<void> {
  await start(calls);
  $('tr[data-id="2"]').click();
  await vi.waitFor(() => expect($('#tab-status').hidden).toBe(false));
  $(`#tab-${tab}`).click();
  expect($(`#panel-${tab}`).hidden).toBe(false);
}

describe('pilot page: Verlauf', () => {
  it('lists the pilot’s changes in the audit table when the tab is shown, and again on every visit', async () => {
    await openOlena('verlauf');
    await vi.waitFor(() => expect(all('#verlauf-table tr[data-id]')).toHaveLength(4));
    expect(callsOf('audit_entries')).toEqual([{ cmd: 'audit_entries', args: { filter: { pilot_id: 2, limit: 100 } } }]);
    // the same table, narrower: who under the time, the number under the area
    expect(texts('#verlauf-table thead th')).toEqual(['Zeitpunkt, Wer', 'Bereich, Nr.', 'Aktion', 'Feld', 'alt → neu']);
    expect(cells($('#verlauf-table tr[data-id="104"]'))).toEqual(['15.11.2026 11:05S. Krüger', 'LotseNr. 2', 'geändert', 'Straße', 'Domplatz 1 → Domplatz 2']);
    expect(cells($('#verlauf-table tr[data-id="103"]'))).toEqual(['LotseNr. 2', 'geändert', 'Telefon', '03941 111 → 03941 222']);
    expect($('#verlauf-table tbody[data-tx="60"] td.audit-at').getAttribute('rowspan')).toBe('2');
    expect($('#verlauf-table tr[data-id="102"] .audit-change').textContent).toBe('(gelöscht nach § 30a BZRG)');
    expect(has('#verlauf-table .audit-pilot')).toBe(false);
    expect($('#verlauf-count').textContent).toBe('4 Einträge');

    $('#tab-status').click();
    $('#tab-verlauf').click();
    await vi.waitFor(() => expect(callsOf('audit_entries')).toHaveLength(2));
    expect(callsOf('audit_entries').map((c) => c.args)).toEqual([
      { filter: { pilot_id: 2, limit: 100 } },
      { filter: { pilot_id: 2, limit: 100 } },
    ]);
  });

  it('exports the data access request as PDF and JSON', async () => {
    handlers.export_personal_data = (a) => (a.format === 'json' ? null : { path: '/home/sk/Dokumente/Auskunft_Art15_Kovalenko_Olena.pdf' });
    await openOlena('verlauf');
    expect($('#export-personal-pdf').textContent).toBe('Datenauskunft (PDF)');
    expect($('#export-personal-json').textContent).toBe('Datenauskunft (JSON)');
    $('#export-personal-pdf').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Gespeichert unter /home/sk/Dokumente/Auskunft_Art15_Kovalenko_Olena.pdf'));
    await idle('#export-personal-pdf');
    $('#export-personal-json').click();
    await vi.waitFor(() => expect(callsOf('export_personal_data')).toHaveLength(2));
    await idle('#export-personal-json');
    expect(callsOf('export_personal_data').map((c) => c.args)).toEqual([
      { pilotId: 2, format: 'pdf' },
      { pilotId: 2, format: 'json' },
    ]);

    handlers.export_personal_data = () => {
      throw { kind: 'not_found', message: 'Lotse nicht gefunden.', errors: [], missing: [] };
    };
    $('#export-personal-json').click();
    await vi.waitFor(() => expect($('#error-banner').hidden).toBe(false));
    expect($('#error-banner').textContent).toContain('Die Datenauskunft konnte nicht erstellt werden: Lotse nicht gefunden.');
  });
});

describe('pilot page: eFZ deletion after § 30a BZRG', () => {
  it('says when the screening data will be deleted', async () => {
    current = record({ status: 'left', screening_deletion_due_on: '2027-05-31' });
    await openOlena('efz');
    expect($('#screening-deletion-due').hidden).toBe(false);
    expect($('#screening-deletion-due').textContent).toBe('Wird gelöscht am 31.05.2027 (§ 30a BZRG)');
    expect($('#screening-deleted').hidden).toBe(true);
  });

  it('says when it was deleted', async () => {
    current = record({ status: 'left', screening: null, screening_deleted_on: '2026-07-01' });
    await openOlena('efz');
    expect($('#screening-deleted').hidden).toBe(false);
    expect($('#screening-deleted').textContent).toBe('Führungszeugnis-Daten gelöscht am 01.07.2026 (§ 30a BZRG)');
    expect($('#screening-deletion-due').hidden).toBe(true);
  });

  it('says nothing for a pilot who stays', async () => {
    await openOlena('efz');
    expect($('#screening-deleted').hidden).toBe(true);
    expect($('#screening-deletion-due').hidden).toBe(true);
  });
});
