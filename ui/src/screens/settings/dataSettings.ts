// Part of the Einstellungen screen: "Daten" (docs/DOMAIN.md#backup). Backups by hand and the list of those in the
// backup folder; an encrypted copy for a USB stick ("Sicherung auf Datenträger …", passphrase typed twice, checked by
// the backend); restoring a backup (checked by the backend, details shown and confirmed here; afterwards
// the whole window reloads, as everything shown is stale); reading the old Excel list with a preview of
// every row before anything is written; and exporting lists as CSV or XLSX. File dialogs are the backend's.
import * as api from '../../backend/api';
import { h, options, replace } from '../../shared/dom';
import { closeDialog, dialogOpen, FieldErrors, labelled, openDialog, readInteger, textInput } from '../../shared/fields';
import { formatDate, formatDateTime, formatMegabytes, pilotCount } from '../../shared/format';
import { rememberNotice, restart } from '../../app/notice';
import { facts } from '../pilots/recordPanel';
import type { ScreenContext } from '../../app/screen';
import type { AppError, BackupEntry, BackupKind, ExportFormat, ExportKind, ImportPreview, ImportRowStatus, PickedBackup, PickedImport } from '../../backend/types';

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  daily: 'täglich',
  before_restore: 'vor Wiederherstellung',
  manual: 'von Hand',
};

export const ROW_STATUS_LABELS: Record<ImportRowStatus, string> = {
  new: 'neu',
  duplicate: 'Doppeleintrag',
  error: 'Fehler',
};

export const EXPORT_KINDS: { value: ExportKind; label: string }[] = [
  { value: 'pilots', label: 'Lotsen' },
  { value: 'coverage', label: 'Abdeckung' },
  { value: 'payments', label: 'Zahlungen' },
];

export const EXPORT_FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'csv', label: 'CSV' },
  { value: 'xlsx', label: 'XLSX' },
];

export const ENCRYPT_HINT =
  'Für einen USB-Stick oder ein anderes Laufwerk: Die Datei wird verschlüsselt und ist nur mit dem Kennwort lesbar. ' +
  'Ohne das Kennwort lässt sie sich nicht wiederherstellen – bitte das Kennwort sicher aufbewahren.';

export const RESTORE_WARNING = 'Die aktuelle Datenbank wird vorher gesichert und dann ersetzt.';

const YEAR_LABEL = 'Jahr';

/** "Windows-1252, Trennzeichen „;“". */
export function formatLine(f: ImportPreview['format']): string {
  const d = f.delimiter === '\t' ? 'Tabulator' : `„${f.delimiter}“`;
  return `${f.encoding}, Trennzeichen ${d}`;
}

/** "3 neu · 1 Doppeleintrag · 2 Fehler". */
export function importCounts(p: ImportPreview): string {
  return `${p.new} neu · ${p.duplicates} ${p.duplicates === 1 ? 'Doppeleintrag' : 'Doppeleinträge'} · ${p.errors} Fehler`;
}

/** The message of an error, with field messages the message does not already say. */
function describe(err: AppError): string {
  const extra = err.errors.map((e) => e.message).filter((m) => !err.message.includes(m));
  return [err.message, ...extra].join(' ');
}

/** The file name of a path, Windows or Unix. */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export interface DataSettings {
  element: HTMLElement;
  refresh: () => Promise<void>;
  /** Closes the restore dialog; true when it was open. */
  onEscape: () => boolean;
}

export function createDataSettings(ctx: ScreenContext): DataSettings {
  let backingUp = false;
  let picking = false;
  let restoring = false;
  let importing = false;
  let exporting = false;
  let pickedBackup: PickedBackup | null = null;
  let pickedImport: PickedImport | null = null;

  /** An error line of one part of the section; hidden while empty. */
  const errorBox = (id: string) => h('p', { id, class: 'form-error data-error', role: 'alert', hidden: true });
  function setError(box: HTMLElement, message: string | null): void {
    box.textContent = message ?? '';
    box.hidden = !message;
  }

  // ---- backups ---------------------------------------------------------------------------------
  const backupNow = h('button', { type: 'button', id: 'backup-now', class: 'primary' }, 'Sicherung erstellen');
  const backupEncrypted = h('button', { type: 'button', id: 'backup-encrypted', class: 'secondary' }, 'Sicherung auf Datenträger …');
  const restorePick = h('button', { type: 'button', id: 'restore-pick', class: 'secondary' }, 'Sicherung wiederherstellen…');
  const backupError = errorBox('backup-error');
  const restoreError = errorBox('restore-error');
  const backupBody = h('tbody', {});
  const backupTable = h(
    'table',
    { id: 'backup-list', class: 'data-table compact backup-list' },
    h('caption', { class: 'visually-hidden' }, 'Vorhandene Sicherungen, die neuesten zuerst'),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, 'Datei'), h('th', { scope: 'col' }, 'Art'), h('th', { scope: 'col' }, 'Datum'), h('th', { scope: 'col', class: 'num' }, 'Größe')),
    ),
    backupBody,
  );
  const backupGroup = h(
    'fieldset',
    { id: 'backup-group', class: 'settings-group' },
    h('legend', {}, 'Sicherungen'),
    h(
      'p',
      { class: 'hint' },
      'Beim ersten Start jedes Tages wird automatisch gesichert. Eine Wiederherstellung prüft die Datei, ',
      'bevor etwas ersetzt wird.',
    ),
    h('div', { class: 'button-row' }, backupNow, backupEncrypted, restorePick),
    backupError,
    restoreError,
    h('div', { class: 'table-wrap inline' }, backupTable),
  );

  function placeholderRow(text: string): HTMLElement {
    return h('tr', { class: 'empty' }, h('td', { colspan: 4 }, text));
  }

  function renderBackups(list: BackupEntry[]): void {
    replace(
      backupBody,
      ...(list.length === 0
        ? [placeholderRow('Noch keine Sicherungen.')]
        : list.map((b) =>
            h(
              'tr',
              { 'data-path': b.path },
              h('td', { class: 'backup-file', title: b.path }, b.file_name),
              h('td', { class: `backup-kind kind-${b.kind}` }, BACKUP_KIND_LABELS[b.kind] ?? b.kind),
              h('td', { class: 'backup-date' }, b.modified ? formatDateTime(b.modified) : formatDate(b.date) || '—'),
              h('td', { class: 'num' }, formatMegabytes(b.file_size)),
            ),
          )),
    );
  }

  async function loadBackups(): Promise<void> {
    try {
      renderBackups(await api.listBackups());
    } catch (e) {
      replace(backupBody, placeholderRow('Die Sicherungen konnten nicht gelesen werden.'));
      setError(backupError, `Die Sicherungen konnten nicht gelesen werden: ${api.toAppError(e).message}`);
    }
  }

  backupNow.addEventListener('click', () => {
    if (backingUp) return;
    backingUp = true;
    backupNow.setAttribute('aria-busy', 'true');
    setError(backupError, null);
    void (async () => {
      try {
        const saved = await api.backupNow();
        ctx.toast(`Sicherung gespeichert unter ${saved.path}`);
        await loadBackups();
      } catch (e) {
        setError(backupError, `Die Sicherung konnte nicht erstellt werden: ${describe(api.toAppError(e))}`);
      } finally {
        backingUp = false;
        backupNow.removeAttribute('aria-busy');
      }
    })();
  });

  // ---- encrypted copy ("Sicherung auf Datenträger …") --------------------------------------------
  const passwordInput = () => h('input', { type: 'password', autocomplete: 'new-password', spellcheck: 'false' });
  const encryptPassphrase = passwordInput();
  const encryptRepeat = passwordInput();
  const encryptError = h('p', { id: 'encrypt-dialog-error', class: 'form-error', role: 'alert', hidden: true });
  const encryptSave = h('button', { type: 'button', id: 'encrypt-save', class: 'primary' }, 'Verschlüsselt speichern…');
  const encryptCancel = h('button', { type: 'button', id: 'encrypt-cancel', class: 'secondary' }, 'Abbrechen');
  const encryptDialog = h(
    'dialog',
    { id: 'encrypt-dialog', class: 'dialog encrypt-dialog', 'aria-labelledby': 'encrypt-title', 'aria-describedby': 'encrypt-hint' },
    h('h2', { id: 'encrypt-title' }, 'Sicherung auf Datenträger'),
    h('p', { id: 'encrypt-hint', class: 'hint' }, ENCRYPT_HINT),
    labelled('encrypt-passphrase', 'Kennwort', encryptPassphrase),
    labelled('encrypt-repeat', 'Kennwort wiederholen', encryptRepeat),
    encryptError,
    h('div', { class: 'button-row' }, encryptSave, encryptCancel),
  );
  const encryptErrors = new FieldErrors(encryptDialog, { passphrase: 'encrypt-passphrase', passphrase_repeat: 'encrypt-repeat' });
  let encrypting = false;

  function closeEncrypt(): void {
    if (encrypting) return;
    encryptPassphrase.value = '';
    encryptRepeat.value = '';
    closeDialog(encryptDialog);
    backupEncrypted.focus();
  }

  backupEncrypted.addEventListener('click', () => {
    if (encrypting) return;
    encryptErrors.clear();
    setError(encryptError, null);
    openDialog(encryptDialog);
    encryptPassphrase.focus();
  });

  encryptSave.addEventListener('click', () => {
    if (encrypting) return;
    encrypting = true;
    encryptErrors.clear();
    setError(encryptError, null);
    encryptSave.setAttribute('aria-busy', 'true');
    encryptCancel.disabled = true;
    void (async () => {
      try {
        const saved = await api.backupEncrypted(encryptPassphrase.value, encryptRepeat.value);
        if (!saved) return; // the save dialog was cancelled: the passphrase stays for another try
        encrypting = false;
        closeEncrypt();
        ctx.toast(`Verschlüsselte Sicherung gespeichert unter ${saved.path}`);
      } catch (e) {
        const err = api.toAppError(e);
        const unplaced = err.kind === 'validation' ? encryptErrors.show(err.errors) : [];
        if (err.kind !== 'validation' || unplaced.length > 0 || err.errors.length === 0) {
          setError(encryptError, `Die Sicherung wurde nicht geschrieben: ${[err.message, ...unplaced.map((u) => u.message)].filter((m, i, a) => a.indexOf(m) === i).join(' ')}`);
        }
        encryptErrors.focusFirst();
      } finally {
        encrypting = false;
        encryptSave.removeAttribute('aria-busy');
        encryptCancel.disabled = false;
      }
    })();
  });
  encryptCancel.addEventListener('click', closeEncrypt);
  encryptDialog.addEventListener('cancel', (ev) => {
    ev.preventDefault();
    closeEncrypt();
  });

  // ---- restore ---------------------------------------------------------------------------------
  const details = h('div', { id: 'restore-details' });
  const restorePassphrase = h('input', { type: 'password', autocomplete: 'current-password', spellcheck: 'false' });
  const passphraseField = labelled('restore-passphrase', 'Kennwort der Sicherung', restorePassphrase);
  passphraseField.hidden = true;
  // What the restore would lose (approved or paid runs, SEPA exports): named, and confirmed explicitly.
  const lossList = h('ul', { id: 'restore-loss-list' });
  const acceptLoss = h('input', { type: 'checkbox', id: 'restore-accept-loss' }) as HTMLInputElement;
  const losses = h(
    'div',
    { id: 'restore-losses', class: 'notice warning-line', hidden: true },
    h('p', {}, 'Diese Sicherung ist älter als der aktuelle Stand. Beim Wiederherstellen gehen verloren:'),
    lossList,
    h(
      'p',
      { class: 'check-row' },
      acceptLoss,
      h('label', { for: 'restore-accept-loss' }, ' Ich bestätige den Verlust. Die Abrechnungsnummern bleiben reserviert und werden nie erneut vergeben.'),
    ),
  );
  let lossCount = 0;
  // Deleted eFZ data the file still holds: the restore applies the deletion to the file first.
  const erasureList = h('ul', { id: 'restore-erasure-list' });
  const erasures = h(
    'div',
    { id: 'restore-erasures', class: 'notice warning-line', hidden: true },
    h(
      'p',
      {},
      'Diese Sicherung enthält noch Daten zum Führungszeugnis, die inzwischen gelöscht wurden (§ 30a BZRG). ' +
        'Vor dem Wiederherstellen wird die Löschung auf die Datei angewandt (die Datei wird dabei geändert):',
    ),
    erasureList,
  );
  let erasureCount = 0;
  const dialogError = h('p', { id: 'restore-dialog-error', class: 'form-error', role: 'alert', hidden: true });
  const confirmRestore = h('button', { type: 'button', id: 'restore-confirm', class: 'warning' }, 'Wiederherstellen');
  const cancelRestore = h('button', { type: 'button', id: 'restore-cancel', class: 'secondary' }, 'Abbrechen');
  const dialog = h(
    'dialog',
    { id: 'restore-dialog', class: 'dialog restore-dialog', 'aria-labelledby': 'restore-title', 'aria-describedby': 'restore-warning' },
    h('h2', { id: 'restore-title' }, 'Sicherung wiederherstellen'),
    details,
    passphraseField,
    losses,
    erasures,
    h('p', { id: 'restore-warning', class: 'notice warning-line' }, RESTORE_WARNING),
    h('p', { class: 'hint' }, 'Danach wird die Anwendung neu geladen.'),
    dialogError,
    h('div', { class: 'button-row' }, confirmRestore, cancelRestore),
  );
  const restoreErrors = new FieldErrors(dialog, { passphrase: 'restore-passphrase' });

  function showDetails(p: PickedBackup): void {
    const i = p.info;
    restorePassphrase.value = '';
    passphraseField.hidden = !p.encrypted;
    restoreErrors.clear();
    if (!i) {
      replace(details, facts([['Datei', h('code', {}, p.path), 'restore-file'], ['Verschlüsselt', 'ja – bitte das Kennwort eingeben', 'restore-encrypted']]));
      return;
    }
    replace(
      details,
      facts([
        ['Datei', h('code', {}, p.path), 'restore-file'],
        ['Lotsen', String(i.pilot_count), 'restore-pilots'],
        ['Schema', String(i.schema_version), 'restore-schema'],
        ['Größe', formatMegabytes(i.file_size), 'restore-size'],
        ['Stand', i.modified ? formatDateTime(i.modified) : 'unbekannt', 'restore-modified'],
      ]),
    );
  }

  function closeRestore(): void {
    if (restoring) return;
    pickedBackup = null;
    restorePassphrase.value = '';
    closeDialog(dialog);
    restorePick.focus();
  }

  restorePick.addEventListener('click', () => {
    if (picking || restoring) return;
    picking = true;
    restorePick.setAttribute('aria-busy', 'true');
    setError(restoreError, null);
    void (async () => {
      try {
        const picked = await api.pickBackup();
        if (!picked) return;
        // An encrypted file is read only with its passphrase: its losses are named when the restore is tried.
        const lost = picked.encrypted ? [] : await api.restoreLosses(picked.path);
        const erased = picked.encrypted ? [] : await api.restoreErasures(picked.path);
        erasureCount = erased.length;
        replace(erasureList, ...erased.map((name) => h('li', {}, name)));
        erasures.hidden = erased.length === 0;
        confirmRestore.textContent = erased.length > 0 ? 'Löschung anwenden und wiederherstellen' : 'Wiederherstellen';
        pickedBackup = picked;
        showDetails(picked);
        lossCount = lost.length;
        replace(lossList, ...lost.map((l) => h('li', {}, l.description)));
        losses.hidden = lost.length === 0;
        acceptLoss.checked = false;
        setError(dialogError, null);
        openDialog(dialog);
        (picked.encrypted ? restorePassphrase : cancelRestore).focus();
      } catch (e) {
        setError(restoreError, `Diese Sicherung kann nicht wiederhergestellt werden: ${describe(api.toAppError(e))}`);
      } finally {
        picking = false;
        restorePick.removeAttribute('aria-busy');
      }
    })();
  });

  confirmRestore.addEventListener('click', () => {
    if (restoring || !pickedBackup) return;
    const { path, encrypted } = pickedBackup;
    if (lossCount > 0 && !acceptLoss.checked) {
      setError(dialogError, 'Bitte zuerst den Verlust bestätigen (Häkchen oben) oder „Abbrechen“.');
      acceptLoss.focus();
      return;
    }
    restoring = true;
    confirmRestore.disabled = true;
    cancelRestore.disabled = true;
    setError(dialogError, null);
    restoreErrors.clear();
    void (async () => {
      try {
        const outcome = await api.restoreBackup(
          path,
          encrypted ? restorePassphrase.value : null,
          lossCount > 0 && acceptLoss.checked,
          erasureCount > 0,
        );
        const r = outcome.restored;
        const stand = r.modified ? `, Stand ${formatDateTime(r.modified)}` : '';
        rememberNotice(
          `Sicherung wiederhergestellt (${pilotCount(r.pilot_count)}${stand}). ` +
            `Die vorherige Datenbank wurde gesichert unter ${outcome.previous_saved_as}`,
        );
        restart.reload();
      } catch (e) {
        const err = api.toAppError(e);
        if (err.kind === 'rule' && err.missing.length > 0 && lossCount === 0) {
          // The losses of an encrypted backup, known after decrypting: named, then confirmed like the others.
          lossCount = err.missing.length;
          replace(lossList, ...err.missing.map((m) => h('li', {}, m)));
          losses.hidden = false;
          acceptLoss.checked = false;
        }
        const unplaced = err.kind === 'validation' ? restoreErrors.show(err.errors) : err.errors;
        if (err.kind !== 'validation' || unplaced.length > 0 || err.errors.length === 0) {
          setError(dialogError, `Die Sicherung wurde nicht wiederhergestellt; es wurde nichts ersetzt. ${describe({ ...err, errors: unplaced })}`);
        } else {
          restorePassphrase.select();
          restorePassphrase.focus();
        }
        restoring = false;
        confirmRestore.disabled = false;
        cancelRestore.disabled = false;
      }
    })();
  });
  cancelRestore.addEventListener('click', closeRestore);
  dialog.addEventListener('cancel', (ev) => {
    ev.preventDefault(); // close through our own path (focus back, nothing while restoring)
    closeRestore();
  });

  // ---- import ----------------------------------------------------------------------------------
  const importPick = h('button', { type: 'button', id: 'import-pick', class: 'secondary' }, 'Excel-Liste einlesen…');
  const importError = errorBox('import-error');
  const importResult = h('p', { id: 'import-result', class: 'notice import-result', role: 'status', hidden: true });
  const previewTitle = h('h4', { id: 'import-preview-title' }, 'Vorschau');
  const previewFile = h('p', { id: 'import-file', class: 'muted import-file' });
  const previewFormat = h('p', { id: 'import-format', class: 'import-format' });
  const previewUnknown = h('p', { id: 'import-unknown', class: 'notice warning-line', hidden: true });
  const previewCounts = h('p', { id: 'import-counts', class: 'import-counts' });
  const previewBody = h('tbody', {});
  const applyImport = h('button', { type: 'button', id: 'import-apply', class: 'primary' }, 'Übernehmen');
  const cancelImport = h('button', { type: 'button', id: 'import-cancel', class: 'secondary' }, 'Abbrechen');
  const preview = h(
    'div',
    { id: 'import-preview', class: 'import-preview', role: 'region', 'aria-labelledby': 'import-preview-title', hidden: true },
    previewTitle,
    previewFile,
    previewFormat,
    previewUnknown,
    previewCounts,
    h(
      'div',
      { class: 'table-wrap inline import-table-wrap' },
      h(
        'table',
        { id: 'import-table', class: 'data-table compact import-table' },
        h('caption', { class: 'visually-hidden' }, 'Ergebnis jeder Zeile der Datei'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', class: 'num' }, 'Zeile'),
            h('th', { scope: 'col' }, 'Ergebnis'),
            h('th', { scope: 'col' }, 'Name'),
            h('th', { scope: 'col' }, 'Meldungen'),
          ),
        ),
        previewBody,
      ),
    ),
    h('p', { class: 'hint' }, 'Übernommen werden nur die neuen Zeilen, alle zusammen; Doppeleinträge und Zeilen mit Fehlern werden übersprungen.'),
    h('div', { class: 'button-row' }, applyImport, cancelImport),
  );
  const importGroup = h(
    'fieldset',
    { id: 'import-group', class: 'settings-group span-2' },
    h('legend', {}, 'Excel-Liste einlesen'),
    h(
      'p',
      { class: 'hint' },
      'Eine CSV-Datei, wie Excel sie speichert (Semikolon oder Komma, Windows-1252 oder UTF-8). Die Spalten werden an ',
      'ihrer Überschrift erkannt: Vorname, Nachname, Geburtsdatum, Straße, PLZ, Ort, Gemeinde, Altkreis, Telefon, E-Mail, ',
      'Sprachen, Kontoinhaber, IBAN, Gewinnung über, Notizen. Vor dem Übernehmen zeigt eine Vorschau jede Zeile.',
    ),
    h('div', { class: 'button-row' }, importPick),
    importError,
    importResult,
    preview,
  );

  function showPreview(p: PickedImport): void {
    const v = p.preview;
    previewTitle.textContent = `Vorschau: ${fileName(p.path)}`;
    previewFile.textContent = p.path;
    previewFormat.textContent = formatLine(v.format);
    previewUnknown.textContent = v.unknown_columns.length ? `Unbekannte Spalten (werden ignoriert): ${v.unknown_columns.join(', ')}` : '';
    previewUnknown.hidden = v.unknown_columns.length === 0;
    previewCounts.textContent = importCounts(v);
    replace(
      previewBody,
      ...(v.rows.length === 0
        ? [h('tr', { class: 'empty' }, h('td', { colspan: 4 }, 'Die Datei enthält keine Zeilen.'))]
        : v.rows.map((r) =>
            h(
              'tr',
              { 'data-line': r.line, class: `row-${r.status}` },
              h('td', { class: 'num' }, String(r.line)),
              h('td', { class: 'import-status' }, ROW_STATUS_LABELS[r.status] ?? r.status),
              h('td', { class: 'import-name' }, r.name || '—'),
              h(
                'td',
                { class: 'import-messages' },
                r.messages.length === 0 ? '' : r.messages.length === 1 ? r.messages[0] : h('ul', { class: 'message-list' }, ...r.messages.map((m) => h('li', {}, m))),
              ),
            ),
          )),
    );
    applyImport.textContent = `${v.new} Lotsen übernehmen`;
    applyImport.disabled = v.new === 0;
    preview.hidden = false;
  }

  function hidePreview(): void {
    pickedImport = null;
    preview.hidden = true;
    replace(previewBody);
  }

  importPick.addEventListener('click', () => {
    if (importing) return;
    importing = true;
    importPick.setAttribute('aria-busy', 'true');
    setError(importError, null);
    void (async () => {
      try {
        const picked = await api.pickImport();
        if (!picked) return;
        importResult.hidden = true;
        pickedImport = picked;
        showPreview(picked);
        previewTitle.setAttribute('tabindex', '-1');
        previewTitle.focus();
      } catch (e) {
        setError(importError, `Die Datei kann nicht eingelesen werden: ${describe(api.toAppError(e))}`);
      } finally {
        importing = false;
        importPick.removeAttribute('aria-busy');
      }
    })();
  });

  applyImport.addEventListener('click', () => {
    if (importing || !pickedImport || pickedImport.preview.new === 0) return;
    const { path } = pickedImport;
    importing = true;
    applyImport.disabled = true;
    cancelImport.disabled = true;
    setError(importError, null);
    void (async () => {
      let keep = true;
      try {
        const done = await api.importFile(path);
        keep = false;
        hidePreview();
        const message = `${pilotCount(done.new)} übernommen.`;
        ctx.toast(message);
        const show = h('button', { type: 'button', id: 'import-show-pilots', class: 'link-button' }, 'Lotsen anzeigen');
        show.addEventListener('click', () => ctx.showScreen('lotsen'));
        replace(importResult, `${message} `, show);
        importResult.hidden = false;
        importPick.focus();
      } catch (e) {
        setError(importError, `Es wurde nichts übernommen: ${describe(api.toAppError(e))}`);
      } finally {
        importing = false;
        cancelImport.disabled = false;
        if (keep && pickedImport) applyImport.disabled = pickedImport.preview.new === 0;
      }
    })();
  });
  cancelImport.addEventListener('click', () => {
    if (importing) return;
    hidePreview();
    setError(importError, null);
    importPick.focus();
  });

  // ---- export ----------------------------------------------------------------------------------
  const exportKind = h('select', {});
  exportKind.append(...options(EXPORT_KINDS));
  const exportFormat = h('select', {});
  exportFormat.append(...options(EXPORT_FORMATS));
  const exportYear = textInput({ inputmode: 'numeric', maxlength: 4, class: 'number-input' });
  exportYear.value = ctx.today().slice(0, 4);
  const yearField = labelled('export-year', YEAR_LABEL, exportYear, 'narrow export-year-field');
  yearField.hidden = true;
  const exportRun = h('button', { type: 'button', id: 'export-run', class: 'secondary' }, 'Exportieren…');
  const exportError = errorBox('export-error');
  const exportGroup = h(
    'fieldset',
    { id: 'export-group', class: 'settings-group' },
    h('legend', {}, 'Exportieren'),
    h('p', { class: 'hint' }, 'Listen als CSV (für Excel) oder XLSX. Zellen, die mit = + - @ beginnen, werden entschärft.'),
    h(
      'div',
      { class: 'field-row three export-fields' },
      labelled('export-kind', 'Liste', exportKind),
      labelled('export-format', 'Format', exportFormat),
      yearField,
    ),
    h('div', { class: 'button-row' }, exportRun),
    exportError,
  );
  const exportErrors = new FieldErrors(exportGroup, { kind: 'export-kind', format: 'export-format', year: 'export-year' });

  exportKind.addEventListener('change', () => {
    yearField.hidden = exportKind.value !== 'payments';
    exportErrors.set('year', null);
  });

  exportRun.addEventListener('click', () => {
    if (exporting) return;
    exportErrors.clear();
    setError(exportError, null);
    const kind = exportKind.value as ExportKind;
    const format = exportFormat.value as ExportFormat;
    let year: number | null = null;
    if (kind === 'payments') {
      const n = readInteger(exportYear);
      if (n === null || n === undefined || n < 2000 || n > 2100) {
        exportErrors.set('year', `„${YEAR_LABEL}“ muss eine Jahreszahl sein, z. B. ${ctx.today().slice(0, 4)}.`);
        exportErrors.focusFirst();
        return;
      }
      year = n;
    }
    exporting = true;
    exportRun.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const saved = await api.exportList(kind, format, year);
        if (saved) ctx.toast(`Gespeichert unter ${saved.path}`);
      } catch (e) {
        const err = api.toAppError(e);
        const unplaced = err.kind === 'validation' ? exportErrors.show(err.errors) : [];
        if (err.kind !== 'validation' || unplaced.length > 0 || err.errors.length === 0) {
          setError(exportError, `Die Liste konnte nicht exportiert werden: ${[err.message, ...unplaced.map((u) => u.message)].join(' ')}`);
        }
      } finally {
        exporting = false;
        exportRun.removeAttribute('aria-busy');
      }
    })();
  });

  // ---- the section -----------------------------------------------------------------------------
  const element = h(
    'section',
    { id: 'data-section', class: 'data-settings', 'aria-labelledby': 'data-title' },
    h('h3', { id: 'data-title', class: 'section-title' }, 'Daten'),
    h('div', { class: 'data-groups' }, backupGroup, exportGroup, importGroup),
    dialog,
    encryptDialog,
  );
  replace(backupBody, placeholderRow('Wird geladen …'));

  return {
    element,
    refresh: loadBackups,
    onEscape(): boolean {
      if (dialogOpen(encryptDialog)) {
        closeEncrypt();
        return true;
      }
      if (!dialogOpen(dialog)) return false;
      closeRestore();
      return true;
    },
  };
}
