// The "Abrechnung" tab of a pilot's page: the pilot's corrections (+/−, reason, the month they are for)
// and the form to enter one, which lands in the next draft run; and the pilot's statement of a month.
// The corrections are loaded when the tab is first shown for a pilot, not with every record.
import * as api from '../../backend/api';
import { formElement, h, replace } from '../../shared/dom';
import { FIELD_MESSAGES, FieldErrors, labelled, reportSaveError, textInput } from '../../shared/fields';
import { formatCents, formatDate, isMonth, monthName, previousMonth } from '../../shared/format';
import type { RecordDeps, RecordPanel } from './recordPanel';
import type { Correction, PilotRecord } from '../../backend/types';

const AMOUNT_LABEL = 'Betrag (€, negativ = Rückforderung)';
const FOR_MONTH_LABEL = 'Für Monat (JJJJ-MM)';
const REASON_LABEL = 'Begründung';
const MONTH_LABEL = 'Monat (JJJJ-MM)';

const CORRECTION_FIELDS: Record<string, string> = {
  amount: 'c-amount',
  amount_cents: 'c-amount',
  month: 'c-month',
  reason: 'c-reason',
};

export function createAllowancePanel(deps: RecordDeps): RecordPanel {
  const { ctx } = deps;
  let pilotId: number | null = null;
  /** The pilot whose corrections are shown; null when they have to be loaded (again). */
  let loadedFor: number | null = null;
  let loadSeq = 0;
  let saving = false;
  let printing = false;

  // ---- corrections -----------------------------------------------------------------------------
  const listBody = h('tbody', {});
  const listTable = h(
    'table',
    { id: 'correction-table', class: 'data-table compact correction-table' },
    h('caption', { class: 'visually-hidden' }, 'Korrekturen des Lotsen'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Erfasst'),
        h('th', { scope: 'col', class: 'num' }, 'Betrag'),
        h('th', { scope: 'col' }, 'Zu'),
        h('th', { scope: 'col' }, 'Begründung'),
        h('th', { scope: 'col' }, 'Verbucht in'),
      ),
    ),
    listBody,
  );

  const amount = textInput({ inputmode: 'decimal', maxlength: 20, placeholder: 'z. B. -20,00', class: 'money-input' });
  const forMonth = textInput({ maxlength: 7, placeholder: 'JJJJ-MM', inputmode: 'numeric', class: 'month-input' });
  const reason = textInput({ maxlength: 500 });
  const saveButton = h('button', { type: 'submit', id: 'add-correction', class: 'primary' }, 'Korrektur speichern');
  const form = formElement(
    { id: 'correction-form', class: 'record-form', 'aria-labelledby': 'correction-form-title' },
    h('h4', { id: 'correction-form-title' }, 'Korrektur erfassen'),
    h('div', { class: 'field-row' }, labelled('c-amount', AMOUNT_LABEL, amount), labelled('c-month', FOR_MONTH_LABEL, forMonth)),
    labelled('c-reason', REASON_LABEL, reason),
    h('p', { id: 'correction-hint', class: 'hint' }, 'Für einen freigegebenen Monat, auch ohne Abrechnung des Lotsen in diesem Monat. Sie wird in den Entwurf des Monats nach der letzten Freigabe übernommen. Der Monat bleibt insgesamt zwischen 0,00 € und dem Höchstbetrag; bleibt netto weniger als 0,00 €, ist es eine Rückforderung.'),
    h('div', { class: 'button-row' }, saveButton),
  );
  const errors = new FieldErrors(form, CORRECTION_FIELDS);

  // ---- statement -------------------------------------------------------------------------------
  const stmtMonth = textInput({ maxlength: 7, placeholder: 'JJJJ-MM', inputmode: 'numeric', class: 'month-input' });
  const printButton = h('button', { type: 'button', id: 'print-statement', class: 'secondary' }, 'Abrechnung drucken');
  const stmtBox = h(
    'div',
    { id: 'statement-print', class: 'statement-print' },
    labelled('stmt-month', MONTH_LABEL, stmtMonth, 'month-field'),
    h('div', { class: 'statement-action' }, printButton),
  );
  const stmtErrors = new FieldErrors(stmtBox, { month: 'stmt-month' });

  const element = h(
    'section',
    { class: 'record-section', 'aria-label': 'Abrechnung' },
    h('h3', {}, 'Korrekturen'),
    h('div', { class: 'table-wrap inline' }, listTable),
    form,
    h('h3', {}, 'Abrechnung drucken'),
    h('p', { class: 'hint' }, 'Die Abrechnung des Lotsen für einen Monat mit Lauf (vor der Freigabe als Entwurf).'),
    stmtBox,
  );

  function placeholderRow(text: string): HTMLElement {
    return h('tr', { class: 'empty' }, h('td', { colspan: 5 }, text));
  }

  function renderList(list: Correction[]): void {
    const rows = [...list].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
    replace(
      listBody,
      ...(rows.length === 0
        ? [placeholderRow('Keine Korrekturen.')]
        : rows.map((c) =>
            h(
              'tr',
              { 'data-correction-id': c.id },
              h('td', { class: 'date' }, formatDate(c.created_at), c.created_by ? h('span', { class: 'muted who' }, ` ${c.created_by}`) : null),
              h('td', { class: `num${c.amount_cents < 0 ? ' negative' : ''}` }, formatCents(c.amount_cents)),
              h('td', { class: 'statement' }, c.original_statement || `${monthName(ctx.reference, c.for_month)} (ohne Abrechnung)`),
              h('td', {}, c.reason),
              h('td', {}, c.month ? monthName(ctx.reference, c.month) : h('span', { class: 'pending' }, 'wartet auf den nächsten Entwurf')),
            ),
          )),
    );
  }

  async function loadList(): Promise<void> {
    if (pilotId === null) return;
    const id = pilotId;
    const mine = ++loadSeq;
    try {
      const list = await api.pilotCorrections(id);
      if (mine !== loadSeq || id !== pilotId) return;
      loadedFor = id;
      renderList(list);
    } catch (e) {
      if (mine !== loadSeq) return;
      replace(listBody, placeholderRow('Die Korrekturen konnten nicht geladen werden.'));
      ctx.showError(`Die Korrekturen konnten nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  function resetForm(): void {
    errors.clear();
    amount.value = '';
    forMonth.value = '';
    reason.value = '';
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (saving || pilotId === null) return;
    ctx.clearError();
    errors.clear();
    const typed = amount.value.trim();
    const why = reason.value.trim();
    if (typed === '') errors.set('amount', FIELD_MESSAGES.missing('Betrag'));
    const month = forMonth.value.trim();
    if (month === '') errors.set('month', FIELD_MESSAGES.missing(FOR_MONTH_LABEL));
    if (why === '') errors.set('reason', FIELD_MESSAGES.missing(REASON_LABEL));
    if (errors.any()) {
      errors.focusFirst();
      return;
    }
    const id = pilotId;
    saving = true;
    form.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const c = await api.addCorrection(id, typed, month, why);
        resetForm();
        ctx.toast(`Korrektur über ${formatCents(c.amount_cents)} erfasst; sie wird in den nächsten Entwurf übernommen.`);
        await loadList();
        amount.focus();
      } catch (e) {
        reportSaveError(api.toAppError(e), errors, ctx.showError);
      } finally {
        saving = false;
        form.removeAttribute('aria-busy');
      }
    })();
  });

  printButton.addEventListener('click', () => {
    if (printing || pilotId === null) return;
    stmtErrors.clear();
    const month = stmtMonth.value.trim();
    if (month === '') stmtErrors.set('month', FIELD_MESSAGES.missing(MONTH_LABEL));
    else if (!isMonth(month)) stmtErrors.set('month', `„${MONTH_LABEL}“ ist kein gültiger Monat, z. B. 2026-10.`);
    if (stmtErrors.any()) {
      stmtErrors.focusFirst();
      return;
    }
    const id = pilotId;
    printing = true;
    printButton.setAttribute('aria-busy', 'true');
    ctx.clearError();
    void (async () => {
      try {
        const saved = await api.printStatement(month, id);
        ctx.toast(`Gespeichert unter ${saved.path}`);
      } catch (e) {
        const err = api.toAppError(e);
        const unplaced = err.kind === 'validation' ? stmtErrors.show(err.errors) : [];
        if (err.kind !== 'validation' || unplaced.length > 0 || err.errors.length === 0) {
          ctx.showError(`Die Abrechnung konnte nicht erstellt werden: ${[err.message, ...unplaced.map((u) => u.message)].join(' ')}`);
        }
      } finally {
        printing = false;
        printButton.removeAttribute('aria-busy');
      }
    })();
  });
  stmtMonth.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      printButton.click();
    }
  });

  return {
    element,
    show(r: PilotRecord): void {
      if (pilotId === r.pilot.id) return;
      pilotId = r.pilot.id;
      loadedFor = null;
      loadSeq++;
      resetForm();
      stmtErrors.clear();
      stmtMonth.value = previousMonth(ctx.today());
      replace(listBody, placeholderRow('Wird geladen …'));
    },
    activate(): void {
      if (pilotId !== null && loadedFor !== pilotId) void loadList();
    },
  };
}
