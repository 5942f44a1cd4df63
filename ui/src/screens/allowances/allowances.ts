// The "Abrechnung" screen (docs/DOMAIN.md#budget, #runs): per budget year the budget with its grant notice, what is
// approved, paid, in drafts and left; the forecast to year end in plain words and as a burn-down chart; the
// twelve months with their runs; and the run panel (runPanel.ts) for the month opened.
import * as api from '../../backend/api';
import { burndownChart, burndownLegend } from './burndownChart';
import { createActivityGrid } from './activityGrid';
import { formElement, h, options, replace } from '../../shared/dom';
import { dateInput, FIELD_MESSAGES, FieldErrors, labelled, readDate, reportSaveError, textInput } from '../../shared/fields';
import { formatCents, formatDate, formatEuros, monthName, pilotCount } from '../../shared/format';
import { createLedgerPanel } from './ledgerPanel';
import { createRunPanel, runStateBadge } from './runPanel';
import type { Screen, ScreenContext } from '../../app/screen';
import type { BudgetInput, BudgetYear, MonthRow, ReferenceData } from '../../backend/types';

const AMOUNT_LABEL = 'Budget (€)';
const NOTICE_DATE_LABEL = 'Bescheid vom';

/** Backend field key → control id of the budget form. */
const BUDGET_FIELDS: Record<string, string> = {
  amount: 'b-amount',
  amount_cents: 'b-amount',
  notice_number: 'b-notice_number',
  notice_date: 'b-notice_date',
  budget_line: 'b-budget_line',
};

/** The two sentences of the forecast. */
export function forecastSentences(y: BudgetYear, ref: ReferenceData): { coverage: string; pilots: string | null; warning: boolean } {
  if (!y.budget) {
    return {
      coverage: `Für ${y.year} ist noch kein Budget erfasst; die Prognose braucht den Betrag aus dem Zuwendungsbescheid.`,
      pilots: null,
      warning: true,
    };
  }
  let coverage: string;
  let warning = false;
  if (y.first_uncovered) {
    warning = true;
    const i = y.months.findIndex((m) => m.month === y.first_uncovered);
    const label = (k: number, month: string) => y.months[k]?.label ?? monthName(ref, month);
    const from = label(i, y.first_uncovered);
    coverage =
      i > 0
        ? `Das Budget reicht voraussichtlich nur bis einschließlich ${label(i - 1, '')}; ab ${from} fehlt Geld.`
        : `Das Budget reicht voraussichtlich nicht einmal für ${from}; ab ${from} fehlt Geld.`;
  } else {
    coverage = 'Das Budget reicht voraussichtlich bis zum Jahresende.';
  }
  const pilots =
    y.pilots_affordable === null ? null : `Das freie Budget trägt beim aktuellen Satz ${pilotCount(Math.max(0, y.pilots_affordable))} bis Jahresende.`;
  return { coverage, pilots, warning };
}

export function mountAbrechnung(container: HTMLElement, ctx: ScreenContext): Screen {
  const thisYear = Number(ctx.today().slice(0, 4));
  let year = thisYear;
  /** The year the budget form was last filled for; a reload of the same year keeps what is typed. */
  let formYear: number | null = null;
  let seq = 0;
  let saving = false;

  // ---- header: title and year ------------------------------------------------------------------
  const yearSelect = h('select', {});
  yearSelect.append(...options([...Array(5)].map((_, i) => thisYear - 3 + i).map((y) => ({ value: String(y), label: String(y) }))));
  yearSelect.value = String(year);

  // ---- budget panel ----------------------------------------------------------------------------
  const budgetTitle = h('h3', { id: 'budget-title' }, 'Budget');
  const figure = (id: string, label: string) =>
    h('div', { class: 'budget-figure', 'data-figure': id }, h('dt', {}, label), h('dd', { id }, '—'));
  const figures = h(
    'dl',
    { id: 'budget-figures', class: 'budget-figures' },
    figure('fig-budget', 'Budget'),
    figure('fig-approved', 'freigegeben'),
    figure('fig-paid', 'bezahlt'),
    figure('fig-draft', 'Entwürfe'),
    figure('fig-remaining', 'verbleibend'),
  );
  const notice = h('p', { id: 'budget-notice', class: 'budget-notice' });

  const amount = textInput({ inputmode: 'decimal', maxlength: 20, placeholder: 'z. B. 46.800,00', class: 'money-input' });
  const noticeNumber = textInput({ maxlength: 100 });
  const noticeDate = dateInput();
  const budgetLine = textInput({ maxlength: 100 });
  const formTitle = h('h4', { id: 'budget-form-title' }, 'Budget festlegen');
  const saveBudget = h('button', { type: 'submit', id: 'save-budget', class: 'primary' }, 'Budget speichern');
  const budgetForm = formElement(
    { id: 'budget-form', class: 'budget-form', 'aria-labelledby': 'budget-form-title' },
    formTitle,
    h(
      'div',
      { class: 'budget-fields' },
      labelled('b-amount', AMOUNT_LABEL, amount),
      labelled('b-notice_number', 'Bescheid-Nr.', noticeNumber),
      labelled('b-notice_date', NOTICE_DATE_LABEL, noticeDate),
      labelled('b-budget_line', 'Buchungsstelle', budgetLine),
      h('div', { class: 'budget-save' }, saveBudget),
    ),
    h('p', { class: 'hint' }, 'Ein Budget unter der Summe der freigegebenen Läufe wird abgelehnt.'),
  );
  const budgetErrors = new FieldErrors(budgetForm, BUDGET_FIELDS);

  const budgetPanel = h(
    'section',
    { id: 'budget-panel', class: 'panel budget-panel', 'aria-labelledby': 'budget-title' },
    h('div', { class: 'panel-header' }, budgetTitle),
    figures,
    notice,
    budgetForm,
  );

  // ---- forecast panel --------------------------------------------------------------------------
  const forecastCoverage = h('span', { id: 'forecast-coverage' });
  const forecastPilots = h('span', { id: 'forecast-pilots' });
  const forecastSummary = h('p', { id: 'forecast-summary', class: 'notice forecast-summary', role: 'status' }, forecastCoverage, forecastPilots);
  const chartBox = h('div', { id: 'burndown', class: 'burndown' });
  const forecastPanel = h(
    'section',
    { id: 'forecast-panel', class: 'panel forecast-panel', 'aria-labelledby': 'forecast-title' },
    h(
      'div',
      { class: 'panel-header' },
      h('h3', { id: 'forecast-title' }, 'Prognose bis Jahresende', h('span', { class: 'title-note' }, ' · verbleibendes Budget')),
    ),
    forecastSummary,
    chartBox,
    burndownLegend(),
    h('p', { class: 'hint chart-note' }, 'Prognose: Entwürfe und, für Monate ohne Lauf, die heute einsatzbereiten Lotsen (bekannte eFZ-Abläufe berücksichtigt).'),
  );

  // ---- months ----------------------------------------------------------------------------------
  const monthBody = h('tbody', {});
  const monthFoot = h('tfoot', {});
  const monthTable = h(
    'table',
    { id: 'month-table', class: 'data-table compact month-table' },
    h('caption', { class: 'visually-hidden' }, 'Monate des Haushaltsjahres mit ihren Abrechnungsläufen'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Monat'),
        h('th', { scope: 'col' }, 'Stand'),
        h('th', { scope: 'col', class: 'num' }, 'freigegeben'),
        h('th', { scope: 'col', class: 'num' }, 'Entwurf'),
        h('th', { scope: 'col', class: 'num' }, 'Prognose'),
        h('th', { scope: 'col', class: 'num' }, 'danach übrig'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Abrechnungslauf')),
      ),
    ),
    monthBody,
    monthFoot,
  );
  const monthsPanel = h(
    'section',
    { id: 'months-panel', class: 'panel months-panel', 'aria-labelledby': 'months-title' },
    h('div', { class: 'panel-header' }, h('h3', { id: 'months-title' }, 'Monate')),
    monthTable,
  );

  const runPanel = createRunPanel(ctx, {
    changed: () => load(year),
    closed: (month) => {
      monthBody.querySelector<HTMLElement>(`tr[data-month="${month}"] button`)?.focus();
    },
    selected: (month) => {
      for (const tr of monthBody.querySelectorAll<HTMLElement>('tr[data-month]')) {
        const on = tr.dataset.month === month;
        tr.classList.toggle('selected', on);
        if (on) tr.setAttribute('aria-current', 'true');
        else tr.removeAttribute('aria-current');
      }
    },
  });

  const ledger = createLedgerPanel(ctx, () => refresh());
  // A saved record can lift "Nachweis fehlt" of the open draft.
  const grid = createActivityGrid(ctx, () => {
    const open = runPanel.month();
    if (open) void runPanel.load(open);
  });

  const element = h(
    'section',
    { id: 'screen-abrechnung', class: 'screen screen-abrechnung', 'aria-labelledby': 'abrechnung-title' },
    h(
      'div',
      { class: 'screen-header' },
      h('h2', { id: 'abrechnung-title', class: 'screen-title' }, 'Abrechnung'),
      labelled('budget-year', 'Haushaltsjahr', yearSelect, 'year-field'),
    ),
    ledger.banner,
    h('div', { class: 'abrechnung-top' }, budgetPanel, forecastPanel),
    monthsPanel,
    runPanel.element,
    ledger.claims,
    grid.element,
  );
  container.append(element);

  // ---- rendering -------------------------------------------------------------------------------
  function money(cents: number, zeroDash = false): string {
    return zeroDash && cents === 0 ? '—' : formatCents(cents);
  }

  function renderFigures(y: BudgetYear): void {
    budgetTitle.textContent = `Budget ${y.year}`;
    const set = (id: string, text: string, negative = false) => {
      const dd = figures.querySelector<HTMLElement>(`#${id}`)!;
      dd.textContent = text;
      dd.classList.toggle('negative', negative);
    };
    set('fig-budget', y.budget ? formatCents(y.budget_cents) : '—');
    set('fig-approved', formatCents(y.approved_cents));
    set('fig-paid', formatCents(y.paid_cents));
    set('fig-draft', formatCents(y.draft_cents));
    set('fig-remaining', y.budget ? formatCents(y.remaining_cents) : '—', y.remaining_cents < 0);
    const b = y.budget;
    if (!b) {
      replace(notice, h('span', { class: 'muted' }, `Für ${y.year} ist noch kein Budget erfasst.`));
    } else {
      const parts: string[] = [];
      if (b.notice_number || b.notice_date) {
        parts.push(`Zuwendungsbescheid${b.notice_number ? ` Nr. ${b.notice_number}` : ''}${b.notice_date ? ` vom ${formatDate(b.notice_date)}` : ''}`);
      } else parts.push('Zuwendungsbescheid: nicht erfasst');
      parts.push(`Buchungsstelle ${b.budget_line || '—'}`);
      replace(notice, parts.join(' · '));
    }
  }

  function fillForm(y: BudgetYear): void {
    formYear = y.year;
    budgetErrors.clear();
    const b = y.budget;
    formTitle.textContent = b ? `Budget ${y.year} ändern` : `Budget ${y.year} festlegen`;
    amount.value = b ? formatEuros(b.amount_cents) : '';
    noticeNumber.value = b?.notice_number ?? '';
    noticeDate.value = formatDate(b?.notice_date ?? null);
    budgetLine.value = b?.budget_line ?? '';
  }

  function renderForecast(y: BudgetYear): void {
    const s = forecastSentences(y, ctx.reference);
    forecastCoverage.textContent = s.coverage;
    forecastPilots.textContent = s.pilots ? ` ${s.pilots}` : '';
    forecastSummary.classList.toggle('warning-line', s.warning);
    replace(chartBox, burndownChart(y, ctx.reference));
  }

  function monthRow(m: MonthRow, y: BudgetYear): HTMLTableRowElement {
    const current = m.month === ctx.today().slice(0, 7);
    const uncovered = m.month === y.first_uncovered;
    const open = runPanel.month() === m.month;
    const cls = [current ? 'current' : '', uncovered ? 'uncovered' : '', open ? 'selected' : ''].filter(Boolean).join(' ');
    const remaining = m.remaining_after_cents;
    const action =
      m.state === null
        ? h(
            'button',
            { type: 'button', class: 'secondary small create-run', 'data-month': m.month, 'aria-label': `Abrechnungslauf erstellen: ${m.label}`, onclick: () => void runPanel.create(m.month) },
            'Abrechnungslauf erstellen',
          )
        : h(
            'button',
            { type: 'button', class: 'secondary small open-run', 'data-month': m.month, 'aria-label': `Abrechnungslauf ${m.label} öffnen`, onclick: () => void runPanel.load(m.month) },
            'Öffnen',
          );
    return h(
      'tr',
      { 'data-month': m.month, 'data-state': m.state ?? 'none', class: cls || null, 'aria-current': open ? 'true' : null },
      h('th', { scope: 'row' }, m.label, current ? h('span', { class: 'row-note' }, ' aktuell') : null),
      h('td', {}, m.state ? runStateBadge(ctx.reference, m.state) : h('span', { class: 'muted' }, '—')),
      h('td', { class: 'num' }, money(m.approved_cents, true)),
      h('td', { class: 'num' }, money(m.draft_cents, true)),
      h('td', { class: 'num forecast' }, money(m.forecast_cents, true)),
      h('td', { class: `num remaining${remaining !== null && remaining < 0 ? ' negative' : ''}` }, remaining === null ? '—' : formatCents(remaining)),
      h('td', { class: 'row-action' }, action),
    );
  }

  function renderMonths(y: BudgetYear): void {
    replace(monthBody, ...y.months.map((m) => monthRow(m, y)));
    const sum = (k: 'approved_cents' | 'draft_cents' | 'forecast_cents') => y.months.reduce((a, m) => a + m[k], 0);
    const last = y.months[y.months.length - 1]?.remaining_after_cents ?? null;
    replace(
      monthFoot,
      h(
        'tr',
        { class: 'total' },
        h('th', { scope: 'row', colspan: 2 }, `Jahr ${y.year}`),
        h('td', { class: 'num' }, formatCents(sum('approved_cents'))),
        h('td', { class: 'num' }, formatCents(sum('draft_cents'))),
        h('td', { class: 'num' }, formatCents(sum('forecast_cents'))),
        h('td', { class: `num${last !== null && last < 0 ? ' negative' : ''}` }, last === null ? '—' : formatCents(last)),
        h('td', {}),
      ),
    );
  }

  function render(y: BudgetYear): void {
    renderFigures(y);
    if (formYear !== y.year) fillForm(y);
    renderForecast(y);
    renderMonths(y);
  }

  // ---- loading ---------------------------------------------------------------------------------
  async function load(y: number): Promise<void> {
    const mine = ++seq;
    try {
      const [result] = await Promise.all([api.budgetYear(y), ledger.load()]);
      if (mine !== seq) return;
      render(result);
    } catch (e) {
      if (mine !== seq) return;
      ctx.showError(`Das Haushaltsjahr ${y} konnte nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  yearSelect.addEventListener('change', () => {
    const y = Number(yearSelect.value);
    if (!Number.isInteger(y) || y === year) return;
    year = y;
    ctx.clearError();
    runPanel.close(false);
    void load(year);
  });

  // ---- budget form -----------------------------------------------------------------------------
  function readBudget(): BudgetInput | null {
    budgetErrors.clear();
    const typed = amount.value.trim();
    if (typed === '') budgetErrors.set('amount', FIELD_MESSAGES.missing(AMOUNT_LABEL));
    const date = readDate(noticeDate);
    if (date === undefined) budgetErrors.set('notice_date', FIELD_MESSAGES.notADate(NOTICE_DATE_LABEL));
    if (budgetErrors.any()) {
      budgetErrors.focusFirst();
      return null;
    }
    return {
      year,
      amount: typed,
      notice_number: noticeNumber.value.trim(),
      notice_date: date ?? null,
      budget_line: budgetLine.value.trim(),
    };
  }

  budgetForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (saving) return;
    ctx.clearError();
    const input = readBudget();
    if (!input) return;
    saving = true;
    budgetForm.setAttribute('aria-busy', 'true');
    saveBudget.disabled = true;
    void (async () => {
      try {
        const result = await api.setBudget(input);
        seq++; // a load still under way is older than this answer
        formYear = null;
        if (result.year === year) render(result);
        ctx.toast(`Budget ${input.year} gespeichert: ${formatCents(result.budget_cents)}.`);
      } catch (e) {
        reportSaveError(api.toAppError(e), budgetErrors, ctx.showError);
      } finally {
        saving = false;
        budgetForm.removeAttribute('aria-busy');
        saveBudget.disabled = false;
      }
    })();
  });

  async function refresh(): Promise<void> {
    await Promise.all([load(year), grid.refresh()]);
    const open = runPanel.month();
    if (open) await runPanel.load(open);
  }

  return {
    element,
    refresh,
    onEscape: () => ledger.onEscape() || runPanel.onEscape(),
  };
}
