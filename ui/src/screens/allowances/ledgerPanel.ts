// The ledger on the "Abrechnung" screen (docs/DOMAIN.md#reconciliation): a banner when approved months no longer
// agree with today's facts (after a backdated change, a Storno, a restore) with the "Abgleich" dialog listing each
// difference per pilot and month ("Übernehmen" books them for the next draft); and the claim-backs
// (Rückforderungen) until they are settled: offset against the next payment, repaid, or waived with a reason.
// Every figure and every rule comes from the backend.
import * as api from '../../backend/api';
import { formElement, h, replace } from '../../shared/dom';
import { closeDialog, dateInput, dialogOpen, FieldErrors, labelled, openDialog, readDate, textInput, FIELD_MESSAGES } from '../../shared/fields';
import { formatCents, formatDate, monthName } from '../../shared/format';
import type { ScreenContext } from '../../app/screen';
import type { ClaimBack, Reconciliation } from '../../backend/types';

export interface LedgerPanel {
  banner: HTMLElement;
  claims: HTMLElement;
  load(): Promise<void>;
  onEscape(): boolean;
}

const SETTLE_DATE_LABEL = 'Eingegangen am';
const SETTLE_REASON_LABEL = 'Begründung';

export function createLedgerPanel(ctx: ScreenContext, changed: () => Promise<void>): LedgerPanel {
  let found: Reconciliation | null = null;
  let busy = false;
  let settling: { claim: ClaimBack; how: 'repaid' | 'waived' } | null = null;

  // ---- reconciliation ----------------------------------------------------------------------------
  const bannerText = h('span', { id: 'reconcile-text' });
  const openButton = h('button', { type: 'button', id: 'reconcile-open', class: 'secondary small' }, 'Abgleich…');
  const banner = h('div', { id: 'reconcile-banner', class: 'notice warning-line reconcile-banner', role: 'status', hidden: true }, bannerText, ' ', openButton);

  const diffBody = h('tbody', {});
  const summary = h('p', { id: 'reconcile-summary' });
  const applyButton = h('button', { type: 'button', id: 'reconcile-apply', class: 'primary' }, 'Übernehmen');
  const cancelButton = h('button', { type: 'button', id: 'reconcile-cancel', class: 'secondary' }, 'Abbrechen');
  const dialog = h(
    'dialog',
    { id: 'reconcile-dialog', class: 'dialog wide-dialog', 'aria-labelledby': 'reconcile-title' },
    h('h2', { id: 'reconcile-title' }, 'Abgleich der freigegebenen Monate'),
    h('p', { class: 'hint' }, 'Neu berechnet aus den heutigen Daten. Jeder Unterschied wird als Nachzahlung oder Rückforderung für seinen Monat in den nächsten Entwurf übernommen; freigegebene Läufe bleiben unverändert.'),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { id: 'reconcile-table', class: 'data-table compact' },
        h('caption', { class: 'visually-hidden' }, 'Unterschiede je Lotse und Monat'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Lotse'),
            h('th', { scope: 'col' }, 'Monat'),
            h('th', { scope: 'col' }, 'Abrechnung'),
            h('th', { scope: 'col', class: 'num' }, 'Tage'),
            h('th', { scope: 'col', class: 'num' }, 'gezahlt'),
            h('th', { scope: 'col', class: 'num' }, 'fällig'),
            h('th', { scope: 'col', class: 'num' }, 'Differenz'),
            h('th', { scope: 'col' }, 'Art'),
          ),
        ),
        diffBody,
      ),
    ),
    summary,
    h('div', { class: 'button-row' }, applyButton, cancelButton),
  );

  function renderBanner(r: Reconciliation): void {
    const n = r.differences.length;
    banner.hidden = n === 0;
    const months = new Set(r.differences.map((d) => d.month)).size;
    bannerText.textContent =
      n === 0
        ? ''
        : `${months === 1 ? 'Ein freigegebener Monat stimmt' : `${months} freigegebene Monate stimmen`} nicht mehr mit den Daten überein (${n} ${n === 1 ? 'Unterschied' : 'Unterschiede'}).`;
  }

  function renderDialog(r: Reconciliation): void {
    replace(
      diffBody,
      ...r.differences.map((d) =>
        h(
          'tr',
          { 'data-pilot-id': d.pilot_id, 'data-month': d.month },
          h('td', {}, d.name),
          h('td', {}, d.month_label),
          h('td', {}, d.statement_number ?? 'ohne Abrechnung'),
          h('td', { class: 'num' }, `${d.days} statt ${d.booked_days}`),
          h('td', { class: 'num' }, formatCents(d.paid_cents)),
          h('td', { class: 'num' }, formatCents(d.due_cents)),
          h('td', { class: `num${d.difference_cents < 0 ? ' negative' : ''}` }, formatCents(d.difference_cents)),
          h('td', {}, d.kind),
        ),
      ),
    );
    const into = r.into_month ? ` Sie kommen in den Lauf ${monthName(ctx.reference, r.into_month)}.` : '';
    summary.textContent = `Nachzahlungen ${formatCents(r.back_pay_cents)}, Rückforderungen ${formatCents(r.claim_back_cents)}.${into}`;
  }

  openButton.addEventListener('click', () => {
    if (!found) return;
    renderDialog(found);
    openDialog(dialog);
    applyButton.focus();
  });
  cancelButton.addEventListener('click', () => {
    closeDialog(dialog);
    openButton.focus();
  });
  applyButton.addEventListener('click', () => {
    if (busy) return;
    busy = true;
    applyButton.disabled = true;
    void (async () => {
      try {
        const booked = await api.applyReconciliation(null);
        closeDialog(dialog);
        ctx.toast(`${booked.differences.length} Korrekturen übernommen (Nachzahlungen ${formatCents(booked.back_pay_cents)}, Rückforderungen ${formatCents(booked.claim_back_cents)}).`);
        await changed();
      } catch (e) {
        closeDialog(dialog);
        ctx.showError(`Der Abgleich konnte nicht übernommen werden: ${api.toAppError(e).message}`);
      } finally {
        busy = false;
        applyButton.disabled = false;
      }
    })();
  });

  // ---- claim-backs -------------------------------------------------------------------------------
  const claimBody = h('tbody', {});
  const claims = h(
    'section',
    { id: 'claims-panel', class: 'panel claims-panel', 'aria-labelledby': 'claims-title', hidden: true },
    h('div', { class: 'panel-header' }, h('h3', { id: 'claims-title' }, 'Rückforderungen')),
    h(
      'table',
      { id: 'claims-table', class: 'data-table compact' },
      h('caption', { class: 'visually-hidden' }, 'Rückforderungen und wie sie erledigt wurden'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Abrechnung'),
          h('th', { scope: 'col' }, 'Lotse'),
          h('th', { scope: 'col', class: 'num' }, 'Betrag'),
          h('th', { scope: 'col' }, 'Stand'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Aktionen')),
        ),
      ),
      claimBody,
    ),
  );

  const settleDate = dateInput();
  const settleReason = textInput({ maxlength: 500 });
  const settleTitle = h('h2', { id: 'settle-title' });
  const settleDateField = labelled('settle-on', SETTLE_DATE_LABEL, settleDate);
  const settleConfirm = h('button', { type: 'submit', id: 'settle-confirm', class: 'primary' }, 'Speichern');
  const settleCancel = h('button', { type: 'button', id: 'settle-cancel', class: 'secondary' }, 'Abbrechen');
  const settleForm = formElement(
    { id: 'settle-form' },
    settleTitle,
    settleDateField,
    labelled('settle-reason', SETTLE_REASON_LABEL, settleReason),
    h('div', { class: 'button-row' }, settleConfirm, settleCancel),
  );
  const settleDialog = h('dialog', { id: 'settle-dialog', class: 'dialog', 'aria-labelledby': 'settle-title' }, settleForm);
  const settleErrors = new FieldErrors(settleForm, { on: 'settle-on', reason: 'settle-reason' });
  claims.append(settleDialog);

  function stateText(c: ClaimBack): string {
    if (!c.settled) return 'offen';
    const on = c.settled_on ? ` am ${formatDate(c.settled_on)}` : '';
    if (c.settled === 'offset') return `verrechnet${c.offset_in ? ` im Lauf ${monthName(ctx.reference, c.offset_in)}` : ' mit der nächsten Auszahlung'}`;
    if (c.settled === 'repaid') return `zurückgezahlt${on}`;
    return `erlassen${on}: ${c.reason}`;
  }

  function renderClaims(list: ClaimBack[]): void {
    claims.hidden = list.length === 0;
    replace(
      claimBody,
      ...list.map((c) =>
        h(
          'tr',
          { 'data-statement': c.statement_number },
          h('td', {}, c.statement_number),
          h('td', {}, c.name),
          h('td', { class: 'num' }, formatCents(c.amount_cents)),
          h('td', { class: 'claim-state' }, stateText(c)),
          h(
            'td',
            { class: 'actions' },
            c.settled
              ? null
              : h(
                  'div',
                  { class: 'button-row', role: 'group', 'aria-label': `Rückforderung ${c.statement_number}` },
                  h('button', { type: 'button', class: 'secondary small claim-offset', onclick: () => void settle(c, 'offset', '', '') }, 'Verrechnen'),
                  h('button', { type: 'button', class: 'secondary small claim-repaid', onclick: () => openSettle(c, 'repaid') }, 'Zurückgezahlt…'),
                  h('button', { type: 'button', class: 'secondary small claim-waive', onclick: () => openSettle(c, 'waived') }, 'Erlassen…'),
                ),
          ),
        ),
      ),
    );
  }

  function openSettle(c: ClaimBack, how: 'repaid' | 'waived'): void {
    settling = { claim: c, how };
    settleErrors.clear();
    settleTitle.textContent = `${how === 'repaid' ? 'Rückzahlung vermerken' : 'Rückforderung erlassen'}: ${c.statement_number}, ${c.name}, ${formatCents(c.amount_cents)}`;
    settleDateField.hidden = how !== 'repaid';
    settleDate.value = formatDate(ctx.today());
    settleReason.value = '';
    openDialog(settleDialog);
    (how === 'repaid' ? settleDate : settleReason).focus();
  }

  function closeSettle(): void {
    settling = null;
    closeDialog(settleDialog);
  }

  settleCancel.addEventListener('click', closeSettle);
  settleForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!settling) return;
    settleErrors.clear();
    const on = readDate(settleDate);
    if (settling.how === 'repaid' && on === undefined) settleErrors.set('on', FIELD_MESSAGES.notADate(SETTLE_DATE_LABEL));
    if (settling.how === 'waived' && settleReason.value.trim() === '') settleErrors.set('reason', FIELD_MESSAGES.missing(SETTLE_REASON_LABEL));
    if (settleErrors.any()) {
      settleErrors.focusFirst();
      return;
    }
    void settle(settling.claim, settling.how, settling.how === 'repaid' ? on ?? '' : '', settleReason.value.trim());
  });

  async function settle(c: ClaimBack, how: 'offset' | 'repaid' | 'waived', on: string, reason: string): Promise<void> {
    if (busy) return;
    busy = true;
    ctx.clearError();
    try {
      const done = await api.settleClaim({ statement_number: c.statement_number, how, on, reason });
      if (dialogOpen(settleDialog)) closeSettle();
      ctx.toast(`Rückforderung ${done.statement_number}: ${stateText(done)}.`);
      await changed();
    } catch (e) {
      const err = api.toAppError(e);
      const unplaced = dialogOpen(settleDialog) && err.kind === 'validation' ? settleErrors.show(err.errors) : [];
      if (!dialogOpen(settleDialog) || err.kind !== 'validation' || unplaced.length > 0) {
        ctx.showError(`Die Rückforderung konnte nicht erledigt werden: ${err.message}`);
      }
    } finally {
      busy = false;
    }
  }

  async function load(): Promise<void> {
    try {
      const [r, list] = await Promise.all([api.reconcile(null), api.claimBacks()]);
      found = r;
      renderBanner(r);
      renderClaims(list);
    } catch (e) {
      ctx.showError(`Der Abgleich konnte nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  banner.append(dialog);
  return {
    banner,
    claims,
    load,
    onEscape(): boolean {
      if (dialogOpen(dialog)) {
        closeDialog(dialog);
        return true;
      }
      if (dialogOpen(settleDialog)) {
        closeSettle();
        return true;
      }
      return false;
    },
  };
}
