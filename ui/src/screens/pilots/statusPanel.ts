// The "Status" tab of a pilot's page: current status, eligibility, appointment and refresher, "Im Programm
// seit", the history (cancelled changes shown as cancelled), the "Status ändern" dialog (also for a past
// day), "Rückgängig" (Storno of the latest change, with a reason) and the district history. The backend
// decides what is allowed, by the rules of the day a fact is dated; the forms show why not.
import * as api from '../../backend/api';
import { formElement, h, options, replace } from '../../shared/dom';
import {
  closeDialog, dialogOpen, FIELD_MESSAGES, FieldErrors, dateInput, labelled, openDialog, readDate, reportSaveError, textInput,
} from '../../shared/fields';
import { createDistrictSection } from './districtSection';
import { formatDate, formatDateTime, statusLabel } from '../../shared/format';
import { facts, printDocument, type RecordDeps, type RecordPanel } from './recordPanel';
import type { CancelledChange, PilotRecord, StatusChange, StatusCode } from '../../backend/types';

const DATE_LABEL = 'Wirksam ab';
const SINCE_LABEL = 'Im Programm seit';
const REASON_LABEL = 'Grund';

/** A row of the history: a change in force, or one cancelled by a Storno. */
type HistoryRow = StatusChange & { cancelled?: CancelledChange };

/** Newest first: the latest effective date on top, the later entry first on the same day. */
function newestFirst(rows: HistoryRow[]): HistoryRow[] {
  return [...rows].sort((a, b) => b.effective_on.localeCompare(a.effective_on) || b.seq - a.seq);
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
  const undoButton = h(
    'button',
    { type: 'button', id: 'undo-status', class: 'secondary', hidden: true, 'aria-describedby': 'undo-hint' },
    'Rückgängig',
  );
  const undoHint = h('p', { id: 'undo-hint', class: 'hint', hidden: true });

  // "Im Programm seit": the day of the first status change; moved here for a pilot who joined earlier.
  const sinceInput = dateInput();
  const sinceForm = formElement(
    { id: 'since-form', class: 'record-form inline-form', 'aria-label': SINCE_LABEL },
    labelled('since', SINCE_LABEL, sinceInput),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', id: 'save-since', class: 'secondary' }, 'Datum übernehmen')),
  );
  const sinceErrors = new FieldErrors(sinceForm, { since: 'since' });
  let sinceBusy = false;

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
  const dialogForm = formElement(
    { id: 'status-form' },
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

  // ---- Storno dialog ("Rückgängig") ------------------------------------------------------------
  const undoWhat = h('p', { id: 'undo-what' });
  const reason = textInput({ maxlength: 500 });
  const undoError = h('p', { id: 'undo-error', class: 'form-error', role: 'alert', hidden: true });
  const undoApply = h('button', { type: 'submit', id: 'undo-apply', class: 'primary' }, 'Stornieren');
  const undoCancel = h('button', { type: 'button', id: 'undo-cancel', class: 'secondary' }, 'Abbrechen');
  const undoForm = formElement(
    { id: 'undo-form' },
    h('h2', { id: 'undo-dialog-title' }, 'Statusänderung stornieren'),
    undoWhat,
    h('p', { class: 'hint' }, 'Die Änderung bleibt im Verlauf als storniert sichtbar; alle Regeln übergehen sie.'),
    labelled('undo-reason', REASON_LABEL, reason),
    undoError,
    h('div', { class: 'button-row' }, undoApply, undoCancel),
  );
  const undoDialog = h('dialog', { id: 'undo-dialog', class: 'dialog', 'aria-labelledby': 'undo-dialog-title' }, undoForm);
  const undoErrors = new FieldErrors(undoForm, { reason: 'undo-reason' });
  let undoBusy = false;

  const district = createDistrictSection(deps);

  const element = h(
    'section',
    { class: 'record-section', 'aria-label': 'Status' },
    summary,
    sinceForm,
    h('div', { class: 'button-row' }, changeButton, undoButton, printButton),
    hint,
    undoHint,
    h('h3', {}, 'Verlauf'),
    h('div', { class: 'table-wrap inline' }, historyTable),
    district.element,
    dialog,
    undoDialog,
  );

  function show(r: PilotRecord, refill: boolean): void {
    const samePilot = record?.pilot.id === r.pilot.id;
    record = r;
    if (refill || !samePilot) {
      sinceErrors.clear();
      sinceInput.value = formatDate(r.in_programme_since);
    }
    district.show(r, refill || !samePilot);
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
    const undo = r.undo_candidate;
    undoButton.hidden = undo === null;
    undoHint.hidden = undo === null;
    undoHint.textContent = undo ? `„Rückgängig“ storniert die letzte Änderung: ${changeText(undo)}.` : '';

    replace(historyBody);
    const rows = newestFirst([...r.history, ...r.cancelled_changes.map((c) => ({ ...c, cancelled: c }))]);
    if (rows.length === 0) historyBody.append(h('tr', { class: 'empty' }, h('td', { colspan: 4 }, 'Noch kein Eintrag.')));
    for (const c of rows) historyBody.append(historyRow(c));
  }

  /** "Ausgeschieden ab 20.11.2026". */
  function changeText(c: StatusChange): string {
    return `„${statusLabel(ctx.reference, c.status)}“ ab ${formatDate(c.effective_on)}`;
  }

  function historyRow(c: HistoryRow): HTMLTableRowElement {
    const label = statusLabel(ctx.reference, c.status);
    const x = c.cancelled;
    if (!x) {
      return h('tr', {}, h('td', {}, formatDate(c.effective_on)), h('td', {}, label), h('td', {}, c.note), h('td', {}, c.who));
    }
    return h(
      'tr',
      { class: 'cancelled' },
      h('td', {}, formatDate(c.effective_on)),
      h('td', {}, h('span', { class: 'cancelled-status' }, label), ' ', h('span', { class: 'cancelled-mark' }, 'storniert')),
      h('td', {}, [c.note, `Storno: ${x.reason}`].filter((t) => t !== '').join(' · ')),
      h('td', {}, `${c.who}; storniert von ${x.cancelled_by} am ${formatDateTime(x.cancelled_at)}`),
    );
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

  // ---- "Im Programm seit" ----------------------------------------------------------------------
  sinceForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (sinceBusy || !record) return;
    ctx.clearError();
    sinceErrors.clear();
    const since = readDate(sinceInput);
    if (since === null) sinceErrors.set('since', FIELD_MESSAGES.missing(SINCE_LABEL));
    else if (since === undefined) sinceErrors.set('since', FIELD_MESSAGES.notADate(SINCE_LABEL));
    if (!since) {
      sinceErrors.focusFirst();
      return;
    }
    const id = record.pilot.id;
    sinceBusy = true;
    sinceForm.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const updated = await api.setProgrammeSince(id, since);
        deps.update(updated, 'status');
        ctx.toast(`Im Programm seit ${formatDate(updated.in_programme_since)}.`);
      } catch (e) {
        reportSaveError(api.toAppError(e), sinceErrors, ctx.showError);
      } finally {
        sinceBusy = false;
        sinceForm.removeAttribute('aria-busy');
      }
    })();
  });

  // ---- Storno ----------------------------------------------------------------------------------
  function clearUndoMessages(): void {
    undoErrors.clear();
    undoError.hidden = true;
    undoError.textContent = '';
  }

  function openUndo(): void {
    const undo = record?.undo_candidate;
    if (!undo) return;
    undoWhat.textContent = `Storniert wird ${changeText(undo)}${undo.note ? ` (${undo.note})` : ''}.`;
    reason.value = '';
    clearUndoMessages();
    openDialog(undoDialog);
    reason.focus();
  }

  function closeUndo(): void {
    closeDialog(undoDialog);
    // After a Storno the button may be gone (nothing left to cancel): focus goes where "Status ändern" sends it.
    if (!undoButton.hidden) undoButton.focus();
    else (changeButton.disabled ? hint : changeButton).focus();
  }

  undoButton.addEventListener('click', openUndo);
  undoCancel.addEventListener('click', closeUndo);
  undoDialog.addEventListener('cancel', (ev) => {
    ev.preventDefault();
    closeUndo();
  });
  undoForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (undoBusy || !record?.undo_candidate) return;
    clearUndoMessages();
    const why = reason.value.trim();
    if (why === '') {
      undoErrors.set('reason', FIELD_MESSAGES.missing(REASON_LABEL));
      undoErrors.focusFirst();
      return;
    }
    const id = record.pilot.id;
    const undone = record.undo_candidate;
    undoBusy = true;
    undoForm.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const updated = await api.undoStatus(id, why);
        deps.update(updated, 'status');
        closeUndo();
        ctx.toast(`Storniert: ${changeText(undone)}.`);
      } catch (e) {
        const err = api.toAppError(e);
        const unplaced = err.kind === 'validation' ? undoErrors.show(err.errors) : [];
        if (err.kind === 'validation' && unplaced.length === 0 && err.errors.length > 0) {
          undoErrors.focusFirst();
          return;
        }
        undoError.textContent = [err.message, ...unplaced.map((u) => u.message)].join(' ');
        undoError.hidden = false;
      } finally {
        undoBusy = false;
        undoForm.removeAttribute('aria-busy');
      }
    })();
  });

  return {
    element,
    show: (r, refill) => show(r, refill),
    onEscape(): boolean {
      if (dialogOpen(undoDialog)) {
        closeUndo();
        return true;
      }
      if (!dialogOpen(dialog)) return false;
      close();
      return true;
    },
  };
}
