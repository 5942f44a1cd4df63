// The run panel of the Abrechnung screen: one month's Abrechnungslauf with its state, the actions the state
// allows, the lines grouped by former district with subtotals, the totals and the corrections booked into
// it. A draft can be recomputed, lowered line by line, approved or deleted; an approved or paid run shows
// no editing control at all (docs/DOMAIN.md#runs: approved runs are never edited).
import * as api from '../../backend/api';
import { createWaiverDialog } from './waiverDialog';
import { formElement, h, replace } from '../../shared/dom';
import { closeDialog, dateInput, dialogOpen, FIELD_MESSAGES, FieldErrors, labelled, openDialog, readDate, textInput } from '../../shared/fields';
import { formatCents, formatDate, formatDateTime, formatEuros, formatIban, monthName, pilotCount, pilotName, runStateLabel } from '../../shared/format';
import type { ScreenContext } from '../../app/screen';
import type { Approval, Difference, ReferenceData, Run, RunLine, RunState, SepaExport } from '../../backend/types';


const NO_DISTRICT = 'ohne Altkreis';
const PAID_ON_LABEL = 'Bezahlt am';
const LOWER_AMOUNT_LABEL = 'Neuer Betrag (€)';
const LOWER_REASON_LABEL = 'Begründung';
const SEPA_REASON_LABEL = 'Warum wird die Datei erneut erstellt?';

/** The run's state as a badge, in the backend's words. */
export function runStateBadge(ref: ReferenceData, state: RunState, id?: string): HTMLElement {
  return h('span', { id, class: `state-badge run-state run-${state}` }, runStateLabel(ref, state));
}

/** "+20,00 €", "-20,00 €", "—" for nothing. */
function signedCents(cents: number): string {
  if (cents === 0) return '—';
  return cents > 0 ? `+${formatCents(cents)}` : formatCents(cents);
}

export interface RunPanelHooks {
  /** After the run changed on the server (created, recomputed, lowered, approved, paid, deleted). */
  changed: () => Promise<void>;
  /** After the panel closed; month is the run it showed (focus goes back to its row). */
  closed: (month: string) => void;
  /** The month shown changed (null: closed), so the month table can mark its row. */
  selected: (month: string | null) => void;
}

export interface RunPanel {
  element: HTMLElement;
  /** The month shown, or null when closed. */
  month(): string | null;
  /** "Abrechnungslauf erstellen" (or recompute a draft) and show it. */
  create(month: string): Promise<void>;
  /** Loads and shows an existing run. */
  load(month: string): Promise<void>;
  close(returnFocus: boolean): void;
  onEscape(): boolean;
}

export function createRunPanel(ctx: ScreenContext, hooks: RunPanelHooks): RunPanel {
  let run: Run | null = null;
  let busy = false;
  let seq = 0;
  /** The line the lower dialog is open for. */
  let lowering: RunLine | null = null;
  /** The SEPA files recorded for the open run. */
  let exports: SepaExport[] = [];

  const title = h('h3', { id: 'run-title', tabindex: '-1' });
  const meta = h('p', { id: 'run-meta', class: 'run-meta' });
  const actions = h('div', { id: 'run-actions', class: 'run-actions' });
  const lockHint = h('p', { id: 'run-hint', class: 'hint run-hint' });
  const approveError = h('div', { id: 'approve-error', class: 'approve-error', role: 'alert', tabindex: '-1', hidden: true });
  // ---- the stale dialog: the facts changed since the draft was shown -------------------------------
  /** The fingerprint of the fresh figures the dialog lists; approving it accepts them. */
  let staleFingerprint: string | null = null;
  const staleList = h('ul', { id: 'stale-differences', class: 'missing-list' });
  const staleAccept = h('button', { type: 'button', id: 'stale-accept', class: 'primary' }, 'Übernehmen und freigeben');
  const staleCancel = h('button', { type: 'button', id: 'stale-cancel' }, 'Abbrechen');
  const staleDialog = h(
    'dialog',
    { id: 'stale-dialog', class: 'dialog', 'aria-labelledby': 'stale-title', 'aria-describedby': 'stale-intro' },
    h('h2', { id: 'stale-title' }, 'Der Entwurf ist nicht mehr aktuell'),
    h(
      'p',
      { id: 'stale-intro' },
      'Seit der Entwurf berechnet wurde, haben sich Daten geändert. Freigegeben wird mit den Zahlen von heute:',
    ),
    staleList,
    h('div', { class: 'button-row' }, staleAccept, staleCancel),
  ) as HTMLDialogElement;
  const linesWrap = h('div', { class: 'run-lines-wrap' });
  const totals = h('dl', { id: 'run-totals', class: 'run-totals' });
  const correctionsBox = h('div', { id: 'run-corrections', class: 'run-corrections', hidden: true });
  const exportsBox = h('div', { id: 'sepa-exports', class: 'sepa-exports', hidden: true });
  const closeButton = h('button', { type: 'button', id: 'close-run', class: 'secondary small', onclick: () => close(true) }, 'Schließen');

  // ---- lower dialog ----------------------------------------------------------------------------
  const lowerAmount = textInput({ inputmode: 'decimal', maxlength: 20, class: 'money-input' });
  const lowerReason = textInput({ maxlength: 500 });
  const lowerTitle = h('h2', { id: 'lower-title' }, 'Betrag senken');
  const lowerInfo = h('p', { id: 'lower-info', class: 'muted' });
  const lowerError = h('p', { id: 'lower-error', class: 'form-error', role: 'alert', hidden: true });
  const lowerApply = h('button', { type: 'submit', id: 'lower-apply', class: 'primary' }, 'Übernehmen');
  const lowerCancel = h('button', { type: 'button', id: 'lower-cancel', class: 'secondary' }, 'Abbrechen');
  const lowerForm = formElement(
    { id: 'lower-form' },
    lowerTitle,
    lowerInfo,
    labelled('lower-amount', LOWER_AMOUNT_LABEL, lowerAmount),
    labelled('lower-reason', LOWER_REASON_LABEL, lowerReason),
    h('p', { class: 'hint' }, 'Der Betrag kann nur gesenkt werden: höchstens der Höchstbetrag, nicht unter 0,00 €.'),
    lowerError,
    h('div', { class: 'button-row' }, lowerApply, lowerCancel),
  );
  const lowerDialog = h('dialog', { id: 'lower-dialog', class: 'dialog', 'aria-labelledby': 'lower-title' }, lowerForm);
  const lowerErrors = new FieldErrors(lowerForm, { amount: 'lower-amount', amount_cents: 'lower-amount', reason: 'lower-reason' });

  const waiver = createWaiverDialog(ctx, () => {
    if (run) void load(run.month);
  });

  // ---- delete confirmation -----------------------------------------------------------------------
  const deleteText = h('p', { id: 'delete-text' });
  const deleteConfirm = h('button', { type: 'button', id: 'delete-confirm', class: 'warning' }, 'Entwurf löschen');
  const deleteCancel = h('button', { type: 'button', id: 'delete-cancel', class: 'secondary' }, 'Abbrechen');
  const deleteDialog = h(
    'dialog',
    { id: 'delete-dialog', class: 'dialog', 'aria-labelledby': 'delete-title', 'aria-describedby': 'delete-text' },
    h('h2', { id: 'delete-title' }, 'Entwurf löschen?'),
    deleteText,
    h('div', { class: 'button-row' }, deleteConfirm, deleteCancel),
  );

  // ---- SEPA file again ---------------------------------------------------------------------------
  const againReason = textInput({ maxlength: 500 });
  const againError = h('p', { id: 'sepa-again-error', class: 'form-error', role: 'alert', hidden: true });
  const againConfirm = h('button', { type: 'submit', id: 'sepa-again-confirm', class: 'warning' }, 'Erneut erstellen');
  const againCancel = h('button', { type: 'button', id: 'sepa-again-cancel', class: 'secondary' }, 'Abbrechen');
  const againText = h('p', { id: 'sepa-again-text' });
  const againForm = formElement(
    { id: 'sepa-again-form' },
    h('h2', { id: 'sepa-again-title' }, 'SEPA-Datei erneut erstellen'),
    againText,
    labelled('sepa-reason', SEPA_REASON_LABEL, againReason),
    againError,
    h('div', { class: 'button-row' }, againConfirm, againCancel),
  );
  const againDialog = h('dialog', { id: 'sepa-again-dialog', class: 'dialog', 'aria-labelledby': 'sepa-again-title', 'aria-describedby': 'sepa-again-text' }, againForm);
  const againErrors = new FieldErrors(againForm, { reason: 'sepa-reason' });

  const element = h(
    'section',
    { id: 'run-panel', class: 'panel run-panel', 'aria-labelledby': 'run-title', hidden: true },
    h('div', { class: 'panel-header run-header' }, h('div', { class: 'run-heading' }, title, meta), closeButton),
    actions,
    lockHint,
    approveError,
    staleDialog,
    linesWrap,
    totals,
    correctionsBox,
    exportsBox,
    lowerDialog,
    deleteDialog,
    againDialog,
    waiver.element,
  );
  const actionErrors = new FieldErrors(element, { paid_on: 'paid-on' });

  // ---- rendering -------------------------------------------------------------------------------
  function button(id: string, label: string, cls: string, onclick: () => void): HTMLButtonElement {
    return h('button', { type: 'button', id, class: cls, onclick }, label);
  }

  function renderActions(r: Run): void {
    const groups: HTMLElement[] = [];
    if (r.state === 'draft') {
      groups.push(
        h(
          'div',
          { class: 'button-row', role: 'group', 'aria-label': 'Entwurf' },
          button('recompute-run', 'Neu berechnen', 'secondary', () => void recompute()),
          button('approve-run', 'Freigeben', 'primary', () => void approve()),
          button('delete-draft', 'Entwurf löschen', 'secondary', openDelete),
        ),
      );
    }
    if (r.state === 'approved') {
      const paidOn = dateInput();
      paidOn.value = formatDate(ctx.today());
      paidOn.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') {
          ev.preventDefault();
          void markPaid();
        }
      });
      groups.push(
        h(
          'div',
          { class: 'paid-group', role: 'group', 'aria-label': 'Zahlung' },
          labelled('paid-on', PAID_ON_LABEL, paidOn, 'paid-field'),
          button('mark-paid', 'Als bezahlt markieren', 'primary', () => void markPaid()),
        ),
      );
    }
    groups.push(h('span', { class: 'spacer' }));
    groups.push(
      h(
        'div',
        { class: 'button-row', role: 'group', 'aria-label': 'Dokumente' },
        button('print-run', 'Drucken', 'secondary', () => void documents('print')),
        button('save-run', 'Speichern unter…', 'secondary', () => void documents('save')),
        r.state === 'approved'
          ? button('save-sepa', exports.length > 0 ? 'SEPA-Datei erneut erstellen…' : 'SEPA-Datei speichern…', 'secondary', () => void documents('sepa'))
          : null,
      ),
    );
    replace(actions, ...groups);
    lockHint.textContent =
      r.state === 'draft'
        ? 'Nach der Freigabe ist der Lauf gesperrt: Fehler werden dann mit einer Korrektur im nächsten Lauf ausgeglichen. „Drucken“ zeigt den Entwurf als Vorschau.'
        : 'Der Lauf ist freigegeben und gesperrt. Fehler werden mit einer Korrektur (Seite des Lotsen, Reiter „Abrechnung“) im nächsten Lauf ausgeglichen.';
  }

  function districtOrder(): Map<string, number> {
    return new Map(ctx.reference.districts.map((d, i) => [d.name, i]));
  }

  /** The lines grouped by former district in the order of the settings, then by last and first name. */
  function groups(lines: RunLine[]): [string, RunLine[]][] {
    const order = districtOrder();
    const byDistrict = new Map<string, RunLine[]>();
    for (const l of lines) {
      const d = l.district.trim() || NO_DISTRICT;
      byDistrict.set(d, [...(byDistrict.get(d) ?? []), l]);
    }
    const rank = (d: string) => (d === NO_DISTRICT ? 2e9 : order.get(d) ?? 1e9);
    return [...byDistrict]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b, 'de'))
      .map(([d, ls]) => [
        d,
        [...ls].sort((a, b) => a.last_name.localeCompare(b.last_name, 'de') || a.first_name.localeCompare(b.first_name, 'de')),
      ]);
  }

  function nameOf(l: RunLine): string {
    return l.name.trim() || pilotName(l) || `Lotse Nr. ${l.pilot_id}`;
  }

  function amountCell(l: RunLine): HTMLElement {
    const lowered = l.amount_cents !== l.computed_cents || l.lowered_reason.trim() !== '';
    if (!lowered) return h('td', { class: 'num' }, formatCents(l.amount_cents));
    return h(
      'td',
      { class: 'num lowered' },
      h('s', { class: 'computed-amount' }, h('span', { class: 'visually-hidden' }, 'berechnet '), formatCents(l.computed_cents)),
      ' ',
      h('span', { class: 'lowered-amount' }, h('span', { class: 'visually-hidden' }, 'gesenkt auf '), formatCents(l.amount_cents)),
      l.lowered_reason.trim() ? h('span', { class: 'lowered-reason' }, `Gesenkt: ${l.lowered_reason}`) : null,
    );
  }

  function netCell(l: RunLine): HTMLElement {
    if (l.net_cents < 0) {
      return h('td', { class: 'num negative' }, formatCents(l.net_cents), h('span', { class: 'claim-tag' }, 'Rückforderung'));
    }
    return h('td', { class: 'num net' }, formatCents(l.net_cents));
  }

  /** The gate "Auszahlung nur mit Tätigkeitsnachweis": "Nachweis fehlt" (in a draft with the way out), or
   * the reason a line is paid without a record. */
  function activityNote(l: RunLine, draft: boolean, name: string): HTMLElement | null {
    if (l.activity_missing) {
      return h(
        'span',
        { class: 'activity-missing' },
        h('span', { class: 'claim-tag' }, 'Nachweis fehlt'),
        draft && run
          ? h(
              'button',
              { type: 'button', class: 'link-button waive-activity', 'data-pilot-id': l.pilot_id, 'aria-label': `Ohne Nachweis freigeben: ${name}`, onclick: () => run && waiver.open(l, run.month, name) },
              ' Ohne Nachweis freigeben…',
            )
          : null,
      );
    }
    return l.activity_waiver ? h('span', { class: 'hint activity-waiver' }, ` ohne Nachweis: ${l.activity_waiver}`) : null;
  }

  function lineRow(l: RunLine, draft: boolean): HTMLTableRowElement {
    const name = nameOf(l);
    return h(
      'tr',
      { 'data-pilot-id': l.pilot_id, class: l.iban.trim() === '' ? 'no-iban' : null },
      h('td', { class: 'statement-no' }, l.statement_number ?? '—'),
      h(
        'td',
        { class: 'col-name' },
        h(
          'button',
          { type: 'button', class: 'link-button pilot-link', title: 'Seite des Lotsen öffnen (Reiter Abrechnung)', onclick: () => ctx.openPilot(l.pilot_id, 'abrechnung') },
          name,
        ),
        activityNote(l, draft, name),
      ),
      h('td', {}, l.district || '—'),
      h('td', { class: 'num days' }, `${l.eligible_days}/${l.days_in_month}`),
      amountCell(l),
      h('td', { class: `num${l.corrections_cents < 0 ? ' negative' : ''}` }, signedCents(l.corrections_cents)),
      netCell(l),
      h(
        'td',
        { class: 'col-iban' },
        l.iban.trim() ? formatIban(l.iban) : h('span', { class: 'missing-value' }, 'fehlt'),
        // An account outside SEPA is paid by hand, never in the SEPA file (the backend decides).
        l.route === 'manual' && l.iban.trim() ? h('span', { class: 'hint manual-payment' }, ' manuelle Zahlung') : null,
      ),
      draft
        ? h(
            'td',
            { class: 'row-action' },
            h(
              'button',
              {
                type: 'button',
                class: 'secondary small lower-line',
                'data-pilot-id': l.pilot_id,
                'aria-label': `Betrag senken: ${name}`,
                onclick: () => openLower(l),
              },
              'Senken',
            ),
          )
        : null,
    );
  }

  function sums(lines: RunLine[]): [number, number, number] {
    return lines.reduce<[number, number, number]>(
      ([a, c, n], l) => [a + l.amount_cents, c + l.corrections_cents, n + l.net_cents],
      [0, 0, 0],
    );
  }

  function sumRow(cls: string, label: string, lines: RunLine[], draft: boolean, district?: string): HTMLTableRowElement {
    const [amount, corr, net] = sums(lines);
    return h(
      'tr',
      { class: cls, 'data-district': district ?? null },
      h('th', { scope: 'row', colspan: 4 }, label),
      h('td', { class: 'num' }, formatCents(amount)),
      h('td', { class: `num${corr < 0 ? ' negative' : ''}` }, signedCents(corr)),
      h('td', { class: `num${net < 0 ? ' negative' : ''}` }, formatCents(net)),
      h('td', { colspan: draft ? 2 : 1 }),
    );
  }

  function renderLines(r: Run): void {
    const draft = r.state === 'draft';
    const head = ['Nr.', 'Name', 'Altkreis', 'Tage', 'Betrag', 'Korrektur', 'Netto', 'IBAN'];
    const numeric = new Set(['Tage', 'Betrag', 'Korrektur', 'Netto']);
    const body = h('tbody', {});
    if (r.lines.length === 0) {
      body.append(h('tr', { class: 'empty' }, h('td', { colspan: draft ? 9 : 8 }, 'Keine Lotsen mit einem berechtigten Tag in diesem Monat.')));
    }
    for (const [district, lines] of groups(r.lines)) {
      for (const l of lines) body.append(lineRow(l, draft));
      body.append(sumRow('subtotal', `Summe ${district} (${pilotCount(lines.length)})`, lines, draft, district));
    }
    const table = h(
      'table',
      { id: 'run-lines', class: 'data-table compact run-lines' },
      h('caption', { class: 'visually-hidden' }, `Zeilen des Abrechnungslaufs ${r.label}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...head.map((t) => h('th', { scope: 'col', class: numeric.has(t) ? 'num' : null }, t)),
          draft ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Aktion')) : null,
        ),
      ),
      body,
      r.lines.length > 0 ? h('tfoot', {}, sumRow('total', `Gesamt (${pilotCount(r.lines.length)})`, r.lines, draft)) : null,
    );
    replace(linesWrap, table);
  }

  function renderTotals(r: Run): void {
    replace(
      totals,
      h('div', { class: 'run-total' }, h('dt', {}, 'Auszahlung gesamt'), h('dd', { id: 'run-total' }, formatCents(r.total_cents))),
      h(
        'div',
        { class: `run-total${r.claim_back_cents > 0 ? ' claim' : ''}` },
        h('dt', {}, 'Rückforderungen'),
        h('dd', { id: 'run-claim-back' }, formatCents(r.claim_back_cents)),
      ),
      r.manual_cents > 0
        ? h('div', { class: 'run-total' }, h('dt', {}, 'davon manuelle Zahlungen'), h('dd', { id: 'run-manual' }, formatCents(r.manual_cents)))
        : null,
    );
  }

  function renderCorrections(r: Run): void {
    correctionsBox.hidden = r.corrections.length === 0;
    if (r.corrections.length === 0) {
      replace(correctionsBox);
      return;
    }
    const names = new Map(r.lines.map((l) => [l.pilot_id, nameOf(l)]));
    replace(
      correctionsBox,
      h('h4', {}, 'Korrekturen in diesem Lauf'),
      h(
        'ul',
        { class: 'correction-list' },
        ...r.corrections.map((c) =>
          h(
            'li',
            { 'data-correction-id': c.id },
            h('strong', {}, names.get(c.pilot_id) ?? `Lotse Nr. ${c.pilot_id}`),
            `: ${signedCents(c.amount_cents)}`,
            ` zu ${c.original_statement || `${monthName(ctx.reference, c.for_month)} (ohne Abrechnung)`}`,
            c.reason ? ` – ${c.reason}` : '',
            h('span', { class: 'muted' }, ` (erfasst am ${formatDate(c.created_at)}${c.created_by ? ` von ${c.created_by}` : ''})`),
          ),
        ),
      ),
    );
  }

  function renderMeta(r: Run): void {
    const parts: (Node | string)[] = [];
    if (r.state === 'draft') {
      parts.push(h('span', { id: 'run-computed-info' }, `berechnet am ${formatDate(r.computed_at || r.created_at)}`));
    } else {
      const by = r.approved_by ? ` von ${r.approved_by}` : '';
      parts.push(h('span', { id: 'run-approved-info' }, `freigegeben am ${formatDate(r.approved_on)}${by}`));
      if (r.paid_on) parts.push(' · ', h('span', { id: 'run-paid-info' }, `bezahlt am ${formatDate(r.paid_on)}`));
    }
    replace(meta, ...parts);
  }

  function render(r: Run): void {
    run = r;
    replace(title, `Abrechnungslauf ${r.label}`, ' ', runStateBadge(ctx.reference, r.state, 'run-state'));
    element.dataset.month = r.month;
    element.dataset.state = r.state;
    renderMeta(r);
    renderActions(r);
    renderLines(r);
    renderTotals(r);
    renderCorrections(r);
    element.hidden = false;
  }

  function clearApproveError(): void {
    approveError.hidden = true;
    replace(approveError);
  }

  function showApproveError(message: string, missing: string[]): void {
    replace(
      approveError,
      h('p', { class: 'approve-error-title' }, message),
      missing.length > 0 ? h('ul', { id: 'approve-missing', class: 'missing-list' }, ...missing.map((m) => h('li', {}, m))) : null,
    );
    approveError.hidden = false;
    approveError.focus();
  }

  function show(r: Run, focusTitle: boolean): void {
    const fresh = run?.month !== r.month;
    clearApproveError();
    actionErrors.clear();
    if (fresh) exports = [];
    render(r);
    renderExports(r);
    if (r.state !== 'draft') void loadExports(r.month);
    if (fresh) hooks.selected(r.month);
    if (fresh || focusTitle) {
      if (typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'start', behavior: 'smooth' });
      title.focus();
    }
  }

  function setBusy(on: boolean): void {
    busy = on;
    if (on) element.setAttribute('aria-busy', 'true');
    else element.removeAttribute('aria-busy');
    for (const b of actions.querySelectorAll<HTMLButtonElement>('button')) b.disabled = on;
  }

  /** Runs an action that answers with the run; the budget figures follow. */
  async function act(work: () => Promise<Run>, done: (r: Run) => void, failure: (e: unknown) => void): Promise<void> {
    if (busy) return;
    ctx.clearError();
    setBusy(true);
    try {
      const r = await work();
      setBusy(false);
      done(r);
      await hooks.changed();
    } catch (e) {
      setBusy(false);
      failure(e);
    }
  }

  function bannerFailure(what: string): (e: unknown) => void {
    return (e) => ctx.showError(`${what}: ${api.toAppError(e).message}`);
  }

  // ---- actions ---------------------------------------------------------------------------------
  async function recompute(): Promise<void> {
    if (!run) return;
    const month = run.month;
    clearApproveError();
    await act(
      () => api.createRun(month),
      (r) => {
        show(r, false);
        ctx.toast(`Abrechnungslauf ${r.label} neu berechnet.`);
        actions.querySelector<HTMLElement>('#recompute-run')?.focus();
      },
      bannerFailure('Der Lauf konnte nicht neu berechnet werden'),
    );
  }

  function showStale(differences: Difference[], fingerprint: string): void {
    staleFingerprint = fingerprint;
    replace(staleList, ...differences.map((d) => h('li', {}, d.text)));
    openDialog(staleDialog);
    staleAccept.focus();
  }

  function closeStale(): void {
    staleFingerprint = null;
    if (dialogOpen(staleDialog)) closeDialog(staleDialog);
  }

  staleCancel.addEventListener('click', () => {
    closeStale();
    actions.querySelector<HTMLElement>('#approve-run')?.focus();
  });
  staleDialog.addEventListener('cancel', (ev) => {
    ev.preventDefault();
    closeStale();
    actions.querySelector<HTMLElement>('#approve-run')?.focus();
  });
  staleAccept.addEventListener('click', () => {
    const fingerprint = staleFingerprint;
    closeStale();
    if (fingerprint) void approve(fingerprint);
  });

  /** "Freigeben" of the draft shown, or (from the stale dialog) of the fresh figures it listed. */
  async function approve(fingerprint?: string): Promise<void> {
    if (!run) return;
    const month = run.month;
    const shown = fingerprint ?? run.fingerprint;
    clearApproveError();
    let answer: Approval | null = null;
    await act(
      async () => {
        answer = await api.approveRun(month, shown);
        return answer.outcome === 'approved' ? answer.run : await api.runDetail(month);
      },
      (r) => {
        const a = answer as Approval | null;
        if (a && a.outcome === 'stale') {
          show(r, false);
          showStale(a.differences, a.fingerprint);
          return;
        }
        show(r, false);
        ctx.toast(`Abrechnungslauf ${r.label} freigegeben.`);
        title.focus();
      },
      (e) => {
        const err = api.toAppError(e);
        if (err.kind === 'storage' || err.kind === 'not_found') {
          ctx.showError(`Der Lauf konnte nicht freigegeben werden: ${err.message}`);
          return;
        }
        showApproveError(err.message, [...err.missing, ...err.errors.map((x) => x.message)]);
      },
    );
  }

  async function markPaid(): Promise<void> {
    if (!run) return;
    const month = run.month;
    actionErrors.clear();
    const input = element.querySelector<HTMLInputElement>('#paid-on');
    const iso = input ? readDate(input) : null;
    if (iso === null) actionErrors.set('paid_on', FIELD_MESSAGES.missing(PAID_ON_LABEL));
    else if (iso === undefined) actionErrors.set('paid_on', FIELD_MESSAGES.notADate(PAID_ON_LABEL));
    if (!iso) {
      input?.focus();
      return;
    }
    await act(
      () => api.markPaid(month, iso),
      (r) => {
        show(r, false);
        ctx.toast(`Abrechnungslauf ${r.label} als bezahlt markiert (${formatDate(iso)}).`);
        title.focus();
      },
      (e) => {
        const err = api.toAppError(e);
        const unplaced = err.kind === 'validation' ? actionErrors.show(err.errors) : [];
        if (err.kind !== 'validation' || unplaced.length > 0 || err.errors.length === 0) {
          ctx.showError(`Die Zahlung konnte nicht vermerkt werden: ${[err.message, ...unplaced.map((u) => u.message)].join(' ')}`);
        }
        actionErrors.focusFirst();
      },
    );
  }

  async function documents(kind: 'print' | 'save' | 'sepa', reason: string | null = null): Promise<void> {
    if (!run || busy) return;
    const month = run.month;
    if (kind === 'sepa' && exports.length > 0 && reason === null) {
      openAgain();
      return;
    }
    ctx.clearError();
    setBusy(true);
    try {
      const saved = kind === 'print' ? await api.printRun(month) : kind === 'save' ? await api.saveRunAs(month) : await api.saveSepa(month, reason);
      if (saved) ctx.toast(`Gespeichert unter ${saved.path}`);
      if (kind === 'sepa') await loadExports(month);
    } catch (e) {
      const what = kind === 'sepa' ? 'Die SEPA-Datei' : 'Das Dokument';
      ctx.showError(`${what} konnte nicht erstellt werden: ${api.toAppError(e).message}`);
    } finally {
      setBusy(false);
    }
  }

  // ---- SEPA exports ------------------------------------------------------------------------------
  function renderExports(r: Run): void {
    exportsBox.hidden = exports.length === 0;
    if (exports.length === 0) {
      replace(exportsBox);
      return;
    }
    replace(
      exportsBox,
      h('h4', {}, 'SEPA-Dateien dieses Laufs'),
      h(
        'table',
        { id: 'sepa-export-table', class: 'data-table compact' },
        h('caption', { class: 'visually-hidden' }, `SEPA-Exporte ${r.label}`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Erstellt'),
            h('th', { scope: 'col' }, 'von'),
            h('th', { scope: 'col' }, 'Nachrichten-ID'),
            h('th', { scope: 'col', class: 'num' }, 'Überweisungen'),
            h('th', { scope: 'col', class: 'num' }, 'Summe'),
            h('th', { scope: 'col' }, 'Begründung'),
          ),
        ),
        h(
          'tbody',
          {},
          ...exports.map((e) =>
            h(
              'tr',
              { 'data-export-id': e.id },
              h('td', {}, formatDateTime(e.exported_at)),
              h('td', {}, e.exported_by || '—'),
              h('td', { class: 'mono' }, e.message_id),
              h('td', { class: 'num' }, String(e.transactions)),
              h('td', { class: 'num' }, formatCents(e.control_sum_cents)),
              h('td', {}, e.reason || 'erste Datei'),
            ),
          ),
        ),
      ),
    );
  }

  async function loadExports(month: string): Promise<void> {
    try {
      const list = await api.sepaExports(month);
      if (!run || run.month !== month) return;
      exports = list;
      renderActions(run);
      renderExports(run);
    } catch (e) {
      ctx.showError(`Die SEPA-Exporte konnten nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  function openAgain(): void {
    if (!run) return;
    const first = exports[0];
    againErrors.clear();
    againError.hidden = true;
    againReason.value = '';
    againText.textContent = `Die SEPA-Datei für ${run.label} wurde bereits am ${formatDateTime(first.exported_at)} erstellt (Nachrichten-ID ${first.message_id}). Die neue Datei trägt dieselbe Nachrichten-ID, damit die Bank eine doppelte Einreichung erkennt.`;
    openDialog(againDialog);
    againReason.focus();
  }

  function closeAgain(): void {
    closeDialog(againDialog);
    actions.querySelector<HTMLButtonElement>('#save-sepa')?.focus();
  }

  againCancel.addEventListener('click', closeAgain);
  againForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    againErrors.clear();
    const why = againReason.value.trim();
    if (why === '') {
      againErrors.set('reason', FIELD_MESSAGES.missing(SEPA_REASON_LABEL));
      againErrors.focusFirst();
      return;
    }
    closeDialog(againDialog);
    void documents('sepa', why);
  });

  // ---- lowering a line -------------------------------------------------------------------------
  function clearLowerMessages(): void {
    lowerErrors.clear();
    lowerError.hidden = true;
    lowerError.textContent = '';
  }

  function openLower(l: RunLine): void {
    if (!run || run.state !== 'draft') return;
    lowering = l;
    lowerTitle.textContent = `Betrag senken: ${nameOf(l)}`;
    lowerInfo.textContent = `Berechnet: ${formatCents(l.computed_cents)} (${l.eligible_days}/${l.days_in_month} Tage zu ${formatCents(l.rate_cents)}); jetzt ${formatCents(l.amount_cents)}.`;
    lowerAmount.value = formatEuros(l.amount_cents);
    lowerReason.value = l.lowered_reason;
    clearLowerMessages();
    openDialog(lowerDialog);
    lowerAmount.focus();
    lowerAmount.select?.();
  }

  function closeLower(): void {
    const id = lowering?.pilot_id;
    lowering = null;
    closeDialog(lowerDialog);
    if (id !== undefined) element.querySelector<HTMLElement>(`.lower-line[data-pilot-id="${id}"]`)?.focus();
  }

  lowerCancel.addEventListener('click', closeLower);
  lowerDialog.addEventListener('cancel', (ev) => {
    ev.preventDefault();
    closeLower();
  });
  lowerForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy || !run || !lowering) return;
    clearLowerMessages();
    const amount = lowerAmount.value.trim();
    const reason = lowerReason.value.trim();
    if (amount === '') lowerErrors.set('amount', FIELD_MESSAGES.missing(LOWER_AMOUNT_LABEL));
    if (reason === '') lowerErrors.set('reason', FIELD_MESSAGES.missing(LOWER_REASON_LABEL));
    if (lowerErrors.any()) {
      lowerErrors.focusFirst();
      return;
    }
    const month = run.month;
    const line = lowering;
    lowerForm.setAttribute('aria-busy', 'true');
    void act(
      () => api.lowerLine(month, line.pilot_id, amount, reason),
      (r) => {
        lowerForm.removeAttribute('aria-busy');
        show(r, false);
        const now = r.lines.find((x) => x.pilot_id === line.pilot_id);
        closeLower();
        ctx.toast(`Betrag geändert: ${nameOf(line)}${now ? `, ${formatCents(now.amount_cents)}` : ''}.`);
      },
      (e) => {
        lowerForm.removeAttribute('aria-busy');
        const err = api.toAppError(e);
        const unplaced = err.kind === 'validation' ? lowerErrors.show(err.errors) : [];
        if (err.kind !== 'validation' || unplaced.length > 0 || err.errors.length === 0) {
          lowerError.textContent = [err.message, ...unplaced.map((u) => u.message)].join(' ');
          lowerError.hidden = false;
        }
        lowerErrors.focusFirst();
      },
    );
  });

  // ---- deleting a draft ------------------------------------------------------------------------
  function openDelete(): void {
    if (!run || run.state !== 'draft') return;
    deleteText.textContent = `Der Entwurf für ${run.label} wird gelöscht. Ein neuer Lauf kann jederzeit wieder erstellt werden; Korrekturen bleiben erhalten und warten auf den nächsten Entwurf.`;
    openDialog(deleteDialog);
    deleteCancel.focus();
  }

  function closeDelete(): void {
    closeDialog(deleteDialog);
    element.querySelector<HTMLElement>('#delete-draft')?.focus();
  }

  deleteCancel.addEventListener('click', closeDelete);
  deleteDialog.addEventListener('cancel', (ev) => {
    ev.preventDefault();
    closeDelete();
  });
  deleteConfirm.addEventListener('click', () => {
    if (!run || busy) return;
    const { month, label } = run;
    busy = true;
    deleteConfirm.disabled = true;
    ctx.clearError();
    void (async () => {
      try {
        await api.deleteDraft(month);
        closeDialog(deleteDialog);
        ctx.toast(`Entwurf ${label} gelöscht.`);
        close(false);
        await hooks.changed();
        hooks.closed(month);
      } catch (e) {
        closeDelete();
        ctx.showError(`Der Entwurf konnte nicht gelöscht werden: ${api.toAppError(e).message}`);
      } finally {
        busy = false;
        deleteConfirm.disabled = false;
      }
    })();
  });

  // ---- opening and closing ---------------------------------------------------------------------
  async function create(month: string): Promise<void> {
    if (busy) return;
    const mine = ++seq;
    ctx.clearError();
    busy = true;
    try {
      const r = await api.createRun(month);
      if (mine !== seq) return;
      busy = false;
      show(r, true);
      ctx.toast(`Abrechnungslauf ${r.label} erstellt.`);
      await hooks.changed();
    } catch (e) {
      if (mine === seq) ctx.showError(`Der Abrechnungslauf konnte nicht erstellt werden: ${api.toAppError(e).message}`);
    } finally {
      if (mine === seq) busy = false;
    }
  }

  async function load(month: string): Promise<void> {
    const mine = ++seq;
    ctx.clearError();
    try {
      const r = await api.runDetail(month);
      if (mine !== seq) return;
      show(r, true);
    } catch (e) {
      if (mine !== seq) return;
      const err = api.toAppError(e);
      ctx.showError(
        err.kind === 'not_found' ? `Für diesen Monat gibt es keinen Abrechnungslauf (mehr). ${err.message}` : `Der Abrechnungslauf konnte nicht geladen werden: ${err.message}`,
      );
      if (err.kind === 'not_found') await hooks.changed();
    }
  }

  function close(returnFocus: boolean): void {
    const month = run?.month ?? null;
    seq++;
    run = null;
    lowering = null;
    if (dialogOpen(lowerDialog)) closeDialog(lowerDialog);
    if (dialogOpen(deleteDialog)) closeDialog(deleteDialog);
    if (dialogOpen(againDialog)) closeDialog(againDialog);
    exports = [];
    element.hidden = true;
    delete element.dataset.month;
    delete element.dataset.state;
    if (month) hooks.selected(null);
    if (returnFocus && month) hooks.closed(month);
  }

  return {
    element,
    month: () => run?.month ?? null,
    create,
    load,
    close,
    onEscape(): boolean {
      if (waiver.onEscape()) return true;
      if (dialogOpen(staleDialog)) {
        closeStale();
        return true;
      }
      if (dialogOpen(lowerDialog)) {
        closeLower();
        return true;
      }
      if (dialogOpen(deleteDialog)) {
        closeDelete();
        return true;
      }
      if (dialogOpen(againDialog)) {
        closeAgain();
        return true;
      }
      if (!element.hidden) {
        close(true);
        return true;
      }
      return false;
    },
  };
}
