// The "Status" tab of a pilot's page: current status, eligibility, appointment and refresher, the history,
// and the "Status ändern" dialog. The backend decides what is allowed; the dialog shows why not.
import * as api from '../../backend/api';
import { h, options, replace } from '../../shared/dom';
import { closeDialog, dialogOpen, FIELD_MESSAGES, FieldErrors, dateInput, labelled, openDialog, readDate, textInput } from '../../shared/fields';
import { formatDate, statusLabel } from '../../shared/format';
import { facts, printDocument, type RecordDeps, type RecordPanel } from './recordPanel';
import type { PilotRecord, StatusChange, StatusCode } from '../../backend/types';

const DATE_LABEL = 'Wirksam ab';

/** Newest first: the latest effective date on top, the later entry first on the same day. */
function newestFirst(history: StatusChange[]): StatusChange[] {
  return [...history].sort((a, b) => b.effective_on.localeCompare(a.effective_on) || b.seq - a.seq);
}

export function createStatusPanel(deps: RecordDeps): RecordPanel {
  const { ctx } = deps;
  let record: PilotRecord | null = null;
  let busy = false;

  // ---- overview ------------------------------------------------------------------------------
  const summary = h('div', { class: 'record-summary' });
  const changeButton = h('button', { type: 'button', id: 'change-status', class: 'primary' }, 'Status ändern');
  // Focusable from script: after a change to a final status, focus lands here and the reason is read out.
  const hint = h('p', { id: 'status-hint', class: 'hint', hidden: true, tabindex: -1 });
  const printButton = h('button', { type: 'button', id: 'print-certificate', class: 'secondary', hidden: true }, 'Berufungsurkunde drucken');
  const historyBody = h('tbody', {});
  const historyTable = h(
    'table',
    { id: 'status-history', class: 'data-table compact' },
    h('caption', { class: 'visually-hidden' }, 'Statusverlauf'),
    h('thead', {}, h('tr', {}, ...['Datum', 'Status', 'Notiz', 'Wer'].map((t) => h('th', { scope: 'col' }, t)))),
    historyBody,
  );

  // ---- dialog --------------------------------------------------------------------------------
  const select = h('select', { name: 'status' });
  const date = dateInput();
  const note = textInput({ maxlength: 500 });
  const dialogCurrent = h('p', { id: 'status-current' });
  const dialogError = h('p', { id: 'status-error', class: 'form-error', role: 'alert', hidden: true });
  const missingList = h('ul', { id: 'status-missing', class: 'missing-list', hidden: true });
  const applyButton = h('button', { type: 'submit', id: 'status-apply', class: 'primary' }, 'Übernehmen');
  const cancelButton = h('button', { type: 'button', id: 'status-cancel', class: 'secondary' }, 'Abbrechen');
  const dialogForm = h(
    'form',
    { id: 'status-form', novalidate: true, autocomplete: 'off' },
    h('h2', { id: 'status-dialog-title' }, 'Status ändern'),
    dialogCurrent,
    labelled('status-new', 'Neuer Status', select),
    labelled('status-date', DATE_LABEL, date),
    labelled('status-note', 'Notiz', note),
    dialogError,
    missingList,
    h('div', { class: 'button-row' }, applyButton, cancelButton),
  );
  const dialog = h('dialog', { id: 'status-dialog', class: 'dialog', 'aria-labelledby': 'status-dialog-title' }, dialogForm);
  const errors = new FieldErrors(dialogForm, { status: 'status-new', effective_on: 'status-date', note: 'status-note' });

  const element = h(
    'section',
    { class: 'record-section', 'aria-label': 'Status' },
    summary,
    h('div', { class: 'button-row' }, changeButton, printButton),
    hint,
    h('h3', {}, 'Verlauf'),
    h('div', { class: 'table-wrap inline' }, historyTable),
    dialog,
  );

  function show(r: PilotRecord): void {
    record = r;
    replace(
      summary,
      facts([
        ['Aktueller Status', h('span', { class: `status-badge status-${r.status}` }, statusLabel(ctx.reference, r.status)), 'rec-status'],
        ['Einsatzberechtigt', r.eligible ? 'ja' : 'nein', 'rec-eligible'],
        ['Berufen am', r.appointed_on ? formatDate(r.appointed_on) : '—', 'rec-appointed'],
        ['Auffrischung', r.refresher.label, 'rec-refresher'],
      ]),
    );
    const none = r.allowed_next.length === 0;
    changeButton.disabled = none;
    hint.hidden = !none;
    hint.textContent = none ? `Aus dem Status „${statusLabel(ctx.reference, r.status)}“ ist kein Wechsel möglich.` : '';
    if (none) changeButton.setAttribute('aria-describedby', 'status-hint');
    else changeButton.removeAttribute('aria-describedby');
    printButton.hidden = !(r.status === 'active' && r.appointed_on);

    replace(historyBody);
    const rows = newestFirst(r.history);
    if (rows.length === 0) historyBody.append(h('tr', { class: 'empty' }, h('td', { colspan: 4 }, 'Noch kein Eintrag.')));
    for (const c of rows) {
      historyBody.append(
        h('tr', {}, h('td', {}, formatDate(c.effective_on)), h('td', {}, statusLabel(ctx.reference, c.status)), h('td', {}, c.note), h('td', {}, c.who)),
      );
    }
  }

  // ---- dialog behaviour ----------------------------------------------------------------------
  function clearDialogMessages(): void {
    errors.clear();
    dialogError.hidden = true;
    dialogError.textContent = '';
    missingList.hidden = true;
    replace(missingList);
  }

  function open(): void {
    if (!record || record.allowed_next.length === 0) return;
    replace(select, ...options(record.allowed_next.map((o) => ({ value: o.code, label: o.label }))));
    date.value = formatDate(ctx.today());
    note.value = '';
    dialogCurrent.textContent = `Aktueller Status: ${statusLabel(ctx.reference, record.status)}`;
    clearDialogMessages();
    openDialog(dialog);
    select.focus();
  }

  function close(): void {
    closeDialog(dialog);
    (changeButton.disabled ? hint : changeButton).focus();
  }

  function showFailure(e: unknown): void {
    const err = api.toAppError(e);
    const unplaced = err.kind === 'validation' ? errors.show(err.errors) : [];
    if (err.kind === 'validation' && unplaced.length === 0 && err.errors.length > 0) {
      errors.focusFirst();
      return;
    }
    dialogError.textContent = [err.message, ...unplaced.map((u) => u.message)].join(' ');
    dialogError.hidden = false;
    if (err.missing.length > 0) {
      replace(missingList, ...err.missing.map((m) => h('li', {}, m)));
      missingList.hidden = false;
    }
  }

  changeButton.addEventListener('click', open);
  cancelButton.addEventListener('click', close);
  dialog.addEventListener('cancel', (ev) => {
    ev.preventDefault(); // close through our own path, so focus returns to "Status ändern"
    close();
  });

  dialogForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy || !record) return;
    clearDialogMessages();
    const effectiveOn = readDate(date);
    if (effectiveOn === null) errors.set('effective_on', FIELD_MESSAGES.missing(DATE_LABEL));
    else if (effectiveOn === undefined) errors.set('effective_on', FIELD_MESSAGES.notADate(DATE_LABEL));
    if (!effectiveOn) {
      errors.focusFirst();
      return;
    }
    const status = select.value as StatusCode;
    const id = record.pilot.id;
    busy = true;
    dialogForm.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const updated = await api.changeStatus(id, status, effectiveOn, note.value.trim());
        deps.update(updated, 'status'); // first, so close() knows whether the button is still usable
        close();
        ctx.toast(`Status geändert: ${statusLabel(ctx.reference, status)} ab ${formatDate(effectiveOn)}.`);
      } catch (e) {
        showFailure(e);
      } finally {
        busy = false;
        dialogForm.removeAttribute('aria-busy');
      }
    })();
  });

  printButton.addEventListener('click', () => {
    if (record) void printDocument(ctx, record.pilot.id, 'appointment_certificate', printButton);
  });

  return {
    element,
    show: (r) => show(r),
    onEscape(): boolean {
      if (!dialogOpen(dialog)) return false;
      close();
      return true;
    },
  };
}
