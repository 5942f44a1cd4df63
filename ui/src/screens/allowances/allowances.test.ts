// The Abrechnung screen (budget, forecast, months, runs), the Abrechnung tab of a pilot's page and the
// allowance settings, driven as a user would against a fake backend behind Tauri's IPC mock: command
// names and argument keys are checked as Tauri sees them.
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activityMonth, budgetYear, correction, parseAmount, pilot, record, reference, run, settings, pageOf } from '../../test/fixtures';
import { $, all, choose, fill, installBackend, key, labelOf, start, texts, type Call, type Handler } from '../../test/testkit';
import { formatCents, formatDateTime, monthName } from '../../shared/format';
import type { ActivityInput, ActivityRecord, ActivityRow, BudgetYear, ClaimBack, Correction, MonthDifference, Pilot, Reconciliation, Run, SepaExport, Settings } from '../../backend/types';

let calls: Call[];
let handlers: Record<string, Handler>;
let pilots: Pilot[];
let year: BudgetYear;
let current: Run | null;
let stored: Settings;
let corrections: Correction[];
let exports: SepaExport[];

function reconciliation(differences: MonthDifference[]): Reconciliation {
  return {
    year: null,
    months: ['2026-09', '2026-10'],
    differences,
    back_pay_cents: differences.filter((d) => d.difference_cents > 0).reduce((a, d) => a + d.difference_cents, 0),
    claim_back_cents: differences.filter((d) => d.difference_cents < 0).reduce((a, d) => a - d.difference_cents, 0),
    into_month: '2026-11',
  };
}

function difference(overrides: Partial<MonthDifference> = {}): MonthDifference {
  return {
    pilot_id: 8,
    name: 'Yonas Beispielsohn',
    month: '2026-10',
    month_label: 'Oktober 2026',
    statement_number: null,
    booked_days: 0,
    days: 31,
    days_in_month: 31,
    paid_cents: 0,
    due_cents: 13000,
    difference_cents: 13000,
    kind: 'Nachzahlung',
    reason: 'Abgleich Oktober 2026 (ohne Abrechnung in diesem Monat): 31 statt 0 Tage berechtigt',
    ...overrides,
  };
}

function sepaExport(overrides: Partial<SepaExport> = {}): SepaExport {
  return {
    id: 1,
    month: '2026-10',
    exported_at: '2026-11-15T11:30:00Z',
    exported_by: 'S. Krüger',
    message_id: 'LOTSEN-2026-10-20261115113000',
    payment_info_id: 'LOTSEN-2026-10-20261115113000-1',
    transactions: 3,
    control_sum_cents: 32100,
    reason: '',
    ...overrides,
  };
}

const callsOf = (cmd: string) => calls.filter((c) => c.cmd === cmd);
const row = (month: string) => $(`#month-table tr[data-month="${month}"]`);
const cells = (tr: HTMLElement) => Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent);
const has = (sel: string) => document.querySelector(sel) !== null;

const validation = (field: string, message: string) => ({ kind: 'validation', message: 'Bitte prüfen.', errors: [{ field, message }], missing: [] });

beforeEach(() => {
  pilots = [
    pilot({ id: 1 }),
    pilot({ id: 2, first_name: 'Olena', last_name: 'Kovalenko', status: 'active' }),
    pilot({ id: 3, first_name: 'Jana', last_name: 'Schulz' }),
  ];
  year = budgetYear();
  current = null;
  stored = settings();
  corrections = [correction({ id: 5, month: '2026-10' }), correction({ id: 6, amount_cents: 2500, reason: 'Fahrtkosten nachträglich', original_statement: 'AE-2026-10-002', created_at: '2026-11-12T08:00:00Z', month: null })];
  handlers = {
    reference_data: () => reference(),
    parse_amount: parseAmount,
    app_state: () => ({ empty: false, db_path: '/tmp/lotsen.db', today: '2026-11-15' }),
    pilot_page: (a) => pageOf(pilots, a),
    pilot_names: () => pilots,
    get_pilot: (a) => pilots.find((p) => p.id === a.id),
    pilot_record: (a) => record({ pilot: pilots.find((p) => p.id === a.id)! }),
    get_settings: () => structuredClone(stored),
    budget_year: () => structuredClone(year),
    run_detail: (a) => {
      if (!current || current.month !== a.month) throw { kind: 'not_found', message: 'Kein Abrechnungslauf.', errors: [], missing: [] };
      return structuredClone(current);
    },
    create_run: (a) => {
      current = run({ month: a.month as string, label: monthName(reference(), a.month as string) });
      return structuredClone(current);
    },
    pilot_corrections: () => structuredClone(corrections),
    activity_month: () => activityMonth(),
    task_areas: () => [],
    reconcile: () => reconciliation([]),
    claim_backs: () => [],
    sepa_exports: () => structuredClone(exports),
  };
  exports = [];
  calls = installBackend(handlers);
});

afterEach(() => {
  clearMocks();
  document.body.replaceChildren();
});

async function goToAbrechnung(): Promise<void> {
  await start(calls);
  $('#nav-abrechnung').click();
  await vi.waitFor(() => expect(all('#month-table tbody tr')).toHaveLength(12));
}

/** Opens the October draft through "Öffnen". */
async function openOctober(r: Run = run()): Promise<void> {
  current = r;
  await goToAbrechnung();
  $<HTMLButtonElement>('.open-run[data-month="2026-10"]').click();
  await vi.waitFor(() => expect($('#run-panel').hidden).toBe(false));
}

// ---- budget, forecast, months ------------------------------------------------------------------

describe('Abrechnung: the budget year', () => {
  it('sits between Qualifizierung and Einstellungen and asks for the year of the rules’ today', async () => {
    await goToAbrechnung();
    expect(texts('nav button')).toEqual(['Übersicht', 'Lotsen', 'Qualifizierung', 'Abrechnung', 'Berichte', 'Einstellungen', 'Protokoll']);
    expect($('#nav-abrechnung').getAttribute('aria-current')).toBe('page');
    expect($('#screen-abrechnung')).toBeTruthy();
    expect(callsOf('budget_year')[0].args).toEqual({ year: 2026 });
    expect(labelOf('budget-year')).toBe('Haushaltsjahr');
    expect($<HTMLSelectElement>('#budget-year').value).toBe('2026');
  });

  it('shows the figures, the grant notice and the budget in the form', async () => {
    await goToAbrechnung();
    expect($('#fig-budget').textContent).toBe('46.800,00 €');
    expect($('#fig-approved').textContent).toBe('35.100,00 €');
    expect($('#fig-paid').textContent).toBe('31.200,00 €');
    expect($('#fig-draft').textContent).toBe('3.900,00 €');
    expect($('#fig-remaining').textContent).toBe('11.700,00 €');
    expect(texts('#budget-figures dt')).toEqual(['Budget', 'freigegeben', 'bezahlt', 'Entwürfe', 'verbleibend']);
    expect($('#budget-notice').textContent).toBe('Zuwendungsbescheid Nr. 2026/0815 vom 20.01.2026 · Buchungsstelle 31500.531800');
    expect($<HTMLInputElement>('#b-amount').value).toBe('46.800,00');
    expect($<HTMLInputElement>('#b-notice_number').value).toBe('2026/0815');
    expect($<HTMLInputElement>('#b-notice_date').value).toBe('20.01.2026');
    expect($<HTMLInputElement>('#b-budget_line').value).toBe('31500.531800');
    expect(['b-amount', 'b-notice_number', 'b-notice_date', 'b-budget_line'].map(labelOf)).toEqual([
      'Budget (€)',
      'Bescheid-Nr.',
      'Bescheid vom',
      'Buchungsstelle',
    ]);
    expect(document.querySelector('[style]')).toBeNull();
  });

  it('lists the twelve months with state, amounts, what is left and the right button', async () => {
    await goToAbrechnung();
    expect(texts('#month-table thead th').slice(0, 6)).toEqual(['Monat', 'Stand', 'freigegeben', 'Entwurf', 'Prognose', 'danach übrig']);
    expect(cells(row('2026-01'))).toEqual(['Januar 2026', 'bezahlt', '3.900,00 €', '—', '—', '42.900,00 €', 'Öffnen']);
    expect(cells(row('2026-09'))).toEqual(['September 2026', 'freigegeben', '3.900,00 €', '—', '—', '11.700,00 €', 'Öffnen']);
    expect(cells(row('2026-10'))).toEqual(['Oktober 2026', 'Entwurf', '—', '3.900,00 €', '—', '7.800,00 €', 'Öffnen']);
    expect(cells(row('2026-11'))).toEqual(['November 2026 aktuell', '—', '—', '—', '3.900,00 €', '3.900,00 €', 'Abrechnungslauf erstellen']);
    expect(cells(row('2026-12'))[5]).toBe('0,00 €');
    expect(all('#month-table .open-run')).toHaveLength(10);
    expect(all('#month-table .create-run').map((b) => b.dataset.month)).toEqual(['2026-11', '2026-12']);
    expect(row('2026-11').classList.contains('current')).toBe(true);
    expect(cells($('#month-table tfoot tr'))).toEqual(['Jahr 2026', '35.100,00 €', '3.900,00 €', '7.800,00 €', '0,00 €', '']);
  });

  it('says the budget lasts to the year end, and how many pilots the free budget carries', async () => {
    await goToAbrechnung();
    expect($('#forecast-summary').textContent).toBe(
      'Das Budget reicht voraussichtlich bis zum Jahresende. Das freie Budget trägt beim aktuellen Satz 30 Lotsen bis Jahresende.',
    );
    expect($('#forecast-summary').classList.contains('warning-line')).toBe(false);
    const chart = $('#burndown-chart');
    expect(chart.getAttribute('role')).toBe('img');
    expect(chart.getAttribute('aria-label')).toContain('Verbleibendes Budget 2026');
    expect(chart.querySelector('.uncovered-band')).toBeNull();
    expect(chart.querySelector('.zero-line')).toBeTruthy();
    // Solid through September (the last approved run), dashed from there.
    expect(chart.querySelectorAll('.burndown-actual')).toHaveLength(1);
    expect(chart.querySelectorAll('.burndown-forecast')).toHaveLength(1);
    expect(chart.querySelectorAll('.burndown-point')).toHaveLength(13);
    expect(chart.querySelectorAll('.burndown-point.forecast')).toHaveLength(3);
  });

  it('warns from the first month the budget does not cover, in the sentence, the table and the chart', async () => {
    year = budgetYear({ firstUncovered: true });
    await goToAbrechnung();
    expect($('#forecast-summary').textContent).toBe(
      'Das Budget reicht voraussichtlich nur bis einschließlich Oktober 2026; ab November 2026 fehlt Geld. ' +
        'Das freie Budget trägt beim aktuellen Satz 0 Lotsen bis Jahresende.',
    );
    expect($('#forecast-summary').classList.contains('warning-line')).toBe(true);
    expect(row('2026-11').classList.contains('uncovered')).toBe(true);
    const left = row('2026-11').querySelector('td.remaining')!;
    expect(left.textContent).toBe('-3.900,00 €');
    expect(left.classList.contains('negative')).toBe(true);
    expect(row('2026-10').querySelector('td.remaining')!.classList.contains('negative')).toBe(false);
    const chart = $('#burndown-chart');
    expect(chart.querySelector('.uncovered-band')).toBeTruthy();
    expect(chart.querySelector('.uncovered-label')!.textContent).toBe('ab November 2026 fehlt Geld');
    expect(chart.getAttribute('aria-label')).toContain('Ab November 2026 fehlt Geld.');
    expect(chart.querySelectorAll('.burndown-point.negative')).toHaveLength(2);
  });

  it('says so when the year has no budget yet', async () => {
    year = budgetYear({ budget: false });
    await goToAbrechnung();
    expect($('#fig-budget').textContent).toBe('—');
    expect($('#fig-remaining').textContent).toBe('—');
    expect($('#forecast-summary').textContent).toContain('Für 2026 ist noch kein Budget erfasst');
    expect($('#budget-form-title').textContent).toBe('Budget 2026 festlegen');
    expect($<HTMLInputElement>('#b-amount').value).toBe('');
    expect(cells(row('2026-11'))[5]).toBe('—');
  });

  it('loads another year', async () => {
    await goToAbrechnung();
    handlers.budget_year = (a) => ({ ...budgetYear({ budget: false }), year: a.year as number });
    choose('#budget-year', '2025');
    await vi.waitFor(() => expect(callsOf('budget_year').at(-1)!.args).toEqual({ year: 2025 }));
    await vi.waitFor(() => expect($('#budget-title').textContent).toBe('Budget 2025'));
  });

  it('saves the budget with the amount as typed, and shows the backend’s errors at the fields', async () => {
    await goToAbrechnung();
    handlers.set_budget = () => {
      throw validation('amount', 'Das Budget darf nicht unter den freigegebenen 35.100,00 € liegen.');
    };
    fill('#b-amount', ' 30.000,00 ');
    fill('#b-notice_date', '31.02.2026');
    $('#save-budget').click();
    expect($('#err-b-notice_date').textContent).toBe('„Bescheid vom“ ist kein gültiges Datum (TT.MM.JJJJ).');
    expect(callsOf('set_budget')).toHaveLength(0);

    fill('#b-notice_date', '3.2.2026');
    $('#save-budget').click();
    await vi.waitFor(() => expect($('#err-b-amount').textContent).toBe('Das Budget darf nicht unter den freigegebenen 35.100,00 € liegen.'));
    expect(callsOf('set_budget')[0].args).toEqual({
      budget: { year: 2026, amount: '30.000,00', notice_number: '2026/0815', notice_date: '2026-02-03', budget_line: '31500.531800' },
    });
    expect($('#b-amount').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('b-amount');

    handlers.set_budget = (a) => {
      const b = a.budget as { amount: string };
      expect(b.amount).toBe('50000');
      return { ...budgetYear(), budget_cents: 5_000_000, budget: { ...budgetYear().budget!, amount_cents: 5_000_000 } };
    };
    fill('#b-amount', '50000');
    $('#save-budget').click();
    await vi.waitFor(() => expect($('#fig-budget').textContent).toBe('50.000,00 €'));
    expect($<HTMLInputElement>('#b-amount').value).toBe('50.000,00');
    expect($('#err-b-amount').textContent).toBe('');
    expect($('#toast').textContent).toBe('Budget 2026 gespeichert: 50.000,00 €.');
  });
});

// ---- runs ----------------------------------------------------------------------------------------

describe('Abrechnung: a run', () => {
  it('creates a run for a month and shows its lines by district with subtotals and totals', async () => {
    await goToAbrechnung();
    $<HTMLButtonElement>('.create-run[data-month="2026-11"]').click();
    await vi.waitFor(() => expect($('#run-panel').hidden).toBe(false));
    expect(callsOf('create_run')[0].args).toEqual({ month: '2026-11' });
    expect(callsOf('budget_year').length).toBeGreaterThanOrEqual(2); // the figures follow
    expect($('#run-title').textContent).toBe('Abrechnungslauf November 2026 Entwurf');
    expect($('#run-state').classList.contains('run-draft')).toBe(true);
    expect($('#toast').textContent).toBe('Abrechnungslauf November 2026 erstellt.');

    // District order of the settings, then by name; a subtotal after each district.
    const order = all('#run-lines tbody tr').map((tr) => tr.dataset.pilotId ?? `Σ ${tr.dataset.district}`);
    expect(order).toEqual(['1', '3', 'Σ Halberstadt', '11', 'Σ Quedlinburg', '21', 'Σ Wernigerode']);
    expect(texts('#run-lines thead th').slice(0, 8)).toEqual(['Nr.', 'Name', 'Altkreis', 'Tage', 'Betrag', 'Korrektur', 'Netto', 'IBAN']);
    const haddad = $('#run-lines tr[data-pilot-id="1"]');
    expect(cells(haddad)).toEqual(['—', 'Haddad, Amal', 'Halberstadt', '31/31', '130,00 €', '—', '130,00 €', 'DE89 3704 0044 0532 0130 00', 'Senken']);
    expect(cells($('#run-lines tr.subtotal[data-district="Halberstadt"]'))).toEqual([
      'Summe Halberstadt (2 Lotsen)',
      '180,00 €',
      '—',
      '180,00 €',
      '',
    ]);
    expect(cells($('#run-lines tr.subtotal[data-district="Quedlinburg"]'))).toEqual([
      'Summe Quedlinburg (1 Lotse)',
      '130,00 €',
      '-150,00 €',
      '-20,00 €',
      '',
    ]);
    expect(cells($('#run-lines tfoot tr'))).toEqual(['Gesamt (4 Lotsen)', '440,00 €', '-150,00 €', '290,00 €', '']);

    // Lowered: the computed amount struck through, the reason shown.
    const schulz = $('#run-lines tr[data-pilot-id="3"]');
    expect(schulz.querySelector('s.computed-amount')!.textContent).toBe('berechnet 62,90 €');
    expect(schulz.querySelector('.lowered-amount')!.textContent).toBe('gesenkt auf 50,00 €');
    expect(schulz.querySelector('.lowered-reason')!.textContent).toBe('Gesenkt: Nur halbe Einsätze');
    expect(cells(schulz)[3]).toBe('15/31');

    // A negative net is a claim-back, in red; a missing IBAN says so in red.
    const aydin = $('#run-lines tr[data-pilot-id="11"]');
    const net = aydin.querySelectorAll('td')[6];
    expect(net.textContent).toBe('-20,00 €Rückforderung');
    expect(net.classList.contains('negative')).toBe(true);
    expect(cells(aydin)[5]).toBe('-150,00 €');
    const iban = $('#run-lines tr[data-pilot-id="21"] .missing-value');
    expect(iban.textContent).toBe('fehlt');

    expect($('#run-total').textContent).toBe('310,00 €');
    expect($('#run-claim-back').textContent).toBe('20,00 €');
    expect(texts('#run-totals dt')).toEqual(['Auszahlung gesamt', 'Rückforderungen']);
    expect($('#run-corrections').textContent).toContain('Aydın, Ömer: -150,00 € zu AE-2026-09-004 – September doppelt gezahlt');

    // A draft: every editing control, no SEPA file.
    for (const id of ['recompute-run', 'approve-run', 'delete-draft', 'print-run', 'save-run']) expect(has(`#${id}`), id).toBe(true);
    expect(has('#save-sepa')).toBe(false);
    expect(has('#mark-paid')).toBe(false);
    expect(all('.lower-line')).toHaveLength(4);
    expect(document.querySelector('[style]')).toBeNull();
  });

  it('opens an existing run with "Öffnen" and closes it again', async () => {
    await openOctober();
    expect(callsOf('run_detail')[0].args).toEqual({ month: '2026-10' });
    expect(row('2026-10').getAttribute('aria-current')).toBe('true');
    expect($('#run-computed-info').textContent).toBe('berechnet am 14.11.2026');
    $('#close-run').click();
    expect($('#run-panel').hidden).toBe(true);
    expect(document.activeElement).toBe(row('2026-10').querySelector('button'));
  });

  it('recomputes a draft with "Neu berechnen"', async () => {
    await openOctober();
    handlers.create_run = (a) => {
      current = run({ month: a.month as string, computed_at: '2026-11-15T10:00:00Z' });
      return current;
    };
    $('#recompute-run').click();
    await vi.waitFor(() => expect($('#run-computed-info').textContent).toBe('berechnet am 15.11.2026'));
    expect(callsOf('create_run')[0].args).toEqual({ month: '2026-10' });
    expect($('#toast').textContent).toBe('Abrechnungslauf Oktober 2026 neu berechnet.');
  });

  it('shows every reason when "Freigeben" is refused', async () => {
    await openOctober();
    handlers.approve_run = () => {
      throw {
        kind: 'rule',
        message: 'Der Abrechnungslauf Oktober 2026 kann nicht freigegeben werden.',
        errors: [],
        missing: [
          'Das Budget 2026 reicht nicht: es fehlen 2.310,00 €.',
          'Keine gültige IBAN: Rahimi, Mariam.',
        ],
      };
    };
    $('#approve-run').click();
    await vi.waitFor(() => expect($('#approve-error').hidden).toBe(false));
    expect(callsOf('approve_run')[0].args).toEqual({ month: '2026-10', fingerprint: 'f00d' });
    expect($('#approve-error').getAttribute('role')).toBe('alert');
    expect($('#approve-error .approve-error-title').textContent).toBe('Der Abrechnungslauf Oktober 2026 kann nicht freigegeben werden.');
    expect(texts('#approve-error li')).toEqual(['Das Budget 2026 reicht nicht: es fehlen 2.310,00 €.', 'Keine gültige IBAN: Rahimi, Mariam.']);
    expect(document.activeElement?.id).toBe('approve-error');
    expect($('#run-state').textContent).toBe('Entwurf');
    expect(has('#approve-run')).toBe(true);
    expect($('#error-banner').hidden).toBe(true);
  });

  it('marks a line paid by hand (account outside SEPA) and shows their sum', async () => {
    const r = run();
    r.lines[0] = { ...r.lines[0], iban: 'UA213223130000026007233566001', route: 'manual' };
    r.manual_cents = r.lines[0].net_cents;
    await openOctober(r);
    expect(all('#run-lines .manual-payment')).toHaveLength(1);
    expect($('#run-manual').textContent).toBe(formatCents(r.manual_cents));
  });

  it('a stale draft shows the differences; "Übernehmen und freigeben" approves the fresh figures', async () => {
    await openOctober();
    handlers.approve_run = (a) => {
      if (a.fingerprint === 'f00d') {
        return {
          outcome: 'stale',
          fingerprint: 'beef',
          differences: [
            { pilot_id: 1, name: 'Amal Haddad', field: 'days', before: '31/31', after: '24/31', text: 'Amal Haddad: Tage 31/31 → 24/31' },
            { pilot_id: 1, name: 'Amal Haddad', field: 'amount', before: '130,00 €', after: '100,65 €', text: 'Amal Haddad: Betrag 130,00 € → 100,65 €' },
          ],
        };
      }
      current = run({ month: a.month as string, state: 'approved', approved_at: '2026-11-15T11:00:00Z', approved_by: 'S. Krüger' });
      return { outcome: 'approved', run: current };
    };
    $('#approve-run').click();
    await vi.waitFor(() => expect(has('#stale-dialog[open]')).toBe(true));
    expect(texts('#stale-differences li')).toEqual(['Amal Haddad: Tage 31/31 → 24/31', 'Amal Haddad: Betrag 130,00 € → 100,65 €']);
    expect($('#run-state').textContent).toBe('Entwurf');
    expect(document.activeElement?.id).toBe('stale-accept');
    $('#stale-accept').click();
    await vi.waitFor(() => expect($('#run-state').textContent).toBe('freigegeben'));
    expect(callsOf('approve_run').map((c) => c.args)).toEqual([
      { month: '2026-10', fingerprint: 'f00d' },
      { month: '2026-10', fingerprint: 'beef' },
    ]);
    expect(has('#stale-dialog[open]')).toBe(false);
  });

  it('after "Freigeben" shows numbers, who and when, and no editing control at all', async () => {
    await openOctober();
    handlers.approve_run = (a) => {
      current = run({ month: a.month as string, state: 'approved', approved_at: '2026-11-15T11:00:00Z', approved_by: 'S. Krüger' });
      return { outcome: 'approved', run: current };
    };
    $('#approve-run').click();
    await vi.waitFor(() => expect($('#run-state').textContent).toBe('freigegeben'));
    expect($('#toast').textContent).toBe('Abrechnungslauf Oktober 2026 freigegeben.');
    expect($('#run-approved-info').textContent).toBe('freigegeben am 15.11.2026 von S. Krüger');
    for (const id of ['recompute-run', 'approve-run', 'delete-draft']) expect(has(`#${id}`), id).toBe(false);
    expect(all('.lower-line')).toHaveLength(0);
    expect(all('#run-lines thead th')).toHaveLength(8);
    expect(has('#lower-dialog[open]')).toBe(false);
    expect(texts('#run-lines td.statement-no')).toEqual(['AE-2026-10-001', 'AE-2026-10-002', 'AE-2026-10-003', 'AE-2026-10-004']);
    // What stays: payment, documents, the SEPA file.
    for (const id of ['mark-paid', 'paid-on', 'print-run', 'save-run', 'save-sepa']) expect(has(`#${id}`), id).toBe(true);
    await vi.waitFor(() => expect(callsOf('budget_year').length).toBeGreaterThanOrEqual(2));
  });

  it('lowers a line: sends the amount as typed and the reason, and shows errors at the fields', async () => {
    await openOctober();
    $<HTMLButtonElement>('.lower-line[data-pilot-id="1"]').click();
    expect($('#lower-dialog').hasAttribute('open')).toBe(true);
    expect(labelOf('lower-amount')).toBe('Neuer Betrag (€)');
    expect(labelOf('lower-reason')).toBe('Begründung');
    expect($<HTMLInputElement>('#lower-amount').value).toBe('130,00');
    expect(document.activeElement?.id).toBe('lower-amount');

    fill('#lower-amount', '250,00');
    $('#lower-apply').click();
    expect($('#err-lower-reason').textContent).toBe('„Begründung“ fehlt.');
    expect(callsOf('lower_line')).toHaveLength(0);

    handlers.lower_line = () => {
      throw validation('amount_cents', 'Der Betrag darf den Höchstbetrag von 200,00 € nicht übersteigen.');
    };
    fill('#lower-reason', 'Nur zwei Einsätze');
    $('#lower-apply').click();
    await vi.waitFor(() => expect($('#err-lower-amount').textContent).toBe('Der Betrag darf den Höchstbetrag von 200,00 € nicht übersteigen.'));
    expect(callsOf('lower_line')[0].args).toEqual({ month: '2026-10', pilotId: 1, amount: '250,00', reason: 'Nur zwei Einsätze' });
    expect($('#lower-dialog').hasAttribute('open')).toBe(true);

    handlers.lower_line = (a) => {
      const r = run();
      r.lines = r.lines.map((l) => (l.pilot_id === a.pilotId ? { ...l, amount_cents: 8000, net_cents: 8000, lowered_reason: a.reason as string } : l));
      current = r;
      return r;
    };
    fill('#lower-amount', '80');
    $('#lower-apply').click();
    await vi.waitFor(() => expect($('#lower-dialog').hasAttribute('open')).toBe(false));
    expect(callsOf('lower_line')[1].args).toEqual({ month: '2026-10', pilotId: 1, amount: '80', reason: 'Nur zwei Einsätze' });
    const haddad = $('#run-lines tr[data-pilot-id="1"]');
    expect(haddad.querySelector('.lowered-amount')!.textContent).toBe('gesenkt auf 80,00 €');
    expect(haddad.querySelector('.lowered-reason')!.textContent).toBe('Gesenkt: Nur zwei Einsätze');
    expect(document.activeElement).toBe(haddad.querySelector('.lower-line'));
    expect($('#toast').textContent).toBe('Betrag geändert: Haddad, Amal, 80,00 €.');
  });

  it('closes the lower dialog with Escape without sending anything', async () => {
    await openOctober();
    $<HTMLButtonElement>('.lower-line[data-pilot-id="3"]').click();
    expect($<HTMLInputElement>('#lower-reason').value).toBe('Nur halbe Einsätze');
    key(document.body, 'Escape');
    expect($('#lower-dialog').hasAttribute('open')).toBe(false);
    expect($('#run-panel').hidden).toBe(false);
    expect(callsOf('lower_line')).toHaveLength(0);
  });

  it('marks an approved run as paid with an ISO date, and then offers no payment any more', async () => {
    await openOctober(run({ state: 'approved', approved_at: '2026-11-15T11:00:00Z', approved_by: 'S. Krüger' }));
    expect($<HTMLInputElement>('#paid-on').value).toBe('15.11.2026');
    expect(labelOf('paid-on')).toBe('Bezahlt am');
    fill('#paid-on', '31.11.2026');
    $('#mark-paid').click();
    expect($('#err-paid-on').textContent).toBe('„Bezahlt am“ ist kein gültiges Datum (TT.MM.JJJJ).');
    expect(callsOf('mark_paid')).toHaveLength(0);

    handlers.mark_paid = (a) => {
      current = run({ state: 'paid', approved_at: '2026-11-15T11:00:00Z', approved_by: 'S. Krüger', paid_on: a.paidOn as string });
      return current;
    };
    fill('#paid-on', '2.12.2026');
    $('#mark-paid').click();
    await vi.waitFor(() => expect($('#run-state').textContent).toBe('bezahlt'));
    expect(callsOf('mark_paid')[0].args).toEqual({ month: '2026-10', paidOn: '2026-12-02' });
    expect($('#run-paid-info').textContent).toBe('bezahlt am 02.12.2026');
    for (const id of ['mark-paid', 'paid-on', 'recompute-run', 'approve-run', 'delete-draft']) expect(has(`#${id}`), id).toBe(false);
    expect(all('.lower-line')).toHaveLength(0);
    expect(has('#save-sepa'), 'no SEPA file after "bezahlt"').toBe(false);
  });

  it('shows the backend’s date error at the payment date', async () => {
    await openOctober(run({ state: 'approved', approved_at: '2026-11-15T11:00:00Z', approved_by: 'S. Krüger' }));
    handlers.mark_paid = () => {
      throw validation('paid_on', 'Das Zahlungsdatum liegt vor der Freigabe.');
    };
    fill('#paid-on', '01.11.2026');
    $('#mark-paid').click();
    await vi.waitFor(() => expect($('#err-paid-on').textContent).toBe('Das Zahlungsdatum liegt vor der Freigabe.'));
    expect($('#error-banner').hidden).toBe(true);
  });

  it('prints, saves and writes the SEPA file with the right commands; a cancelled dialog says nothing', async () => {
    await openOctober(run({ state: 'approved', approved_at: '2026-11-15T11:00:00Z', approved_by: 'S. Krüger' }));
    handlers.print_run = () => ({ path: '/home/k/Dokumente/Lotsenbüro/2026/10/Abrechnung-2026-10.pdf' });
    handlers.save_run_as = () => null;
    handlers.save_sepa = () => ({ path: '/tmp/sepa-2026-10.xml' });

    $('#print-run').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Gespeichert unter /home/k/Dokumente/Lotsenbüro/2026/10/Abrechnung-2026-10.pdf'));
    expect(callsOf('print_run')[0].args).toEqual({ month: '2026-10' });

    $('#toast').textContent = '';
    $('#save-run').click();
    await vi.waitFor(() => expect(callsOf('save_run_as')).toHaveLength(1));
    expect(callsOf('save_run_as')[0].args).toEqual({ month: '2026-10' });
    await vi.waitFor(() => expect($<HTMLButtonElement>('#save-run').disabled).toBe(false));
    expect($('#toast').textContent).toBe('');

    $('#save-sepa').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Gespeichert unter /tmp/sepa-2026-10.xml'));
    expect(callsOf('save_sepa')[0].args).toEqual({ month: '2026-10', reason: null });

    handlers.save_sepa = () => null;
    $('#toast').textContent = '';
    $('#save-sepa').click();
    await vi.waitFor(() => expect(callsOf('save_sepa')).toHaveLength(2));
    await vi.waitFor(() => expect($<HTMLButtonElement>('#save-sepa').disabled).toBe(false));
    expect($('#toast').textContent).toBe('');

    handlers.print_run = () => {
      throw { kind: 'storage', message: 'Kein PDF-Betrachter gefunden.', errors: [], missing: [] };
    };
    $('#print-run').click();
    await vi.waitFor(() => expect($('#error-banner').hidden).toBe(false));
    expect($('#error-banner').textContent).toContain('Kein PDF-Betrachter gefunden.');
  });

  it('prints a draft as a preview', async () => {
    await openOctober();
    handlers.print_run = () => ({ path: '/tmp/Abrechnung-2026-10-ENTWURF.pdf' });
    $('#print-run').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Gespeichert unter /tmp/Abrechnung-2026-10-ENTWURF.pdf'));
  });

  it('deletes a draft only after confirmation', async () => {
    await openOctober();
    handlers.delete_draft = () => {
      current = null;
      year.months[9] = { ...year.months[9], state: null, draft_cents: 0 };
      return null;
    };
    $('#delete-draft').click();
    expect($('#delete-dialog').hasAttribute('open')).toBe(true);
    expect($('#delete-text').textContent).toContain('Der Entwurf für Oktober 2026 wird gelöscht.');
    $('#delete-cancel').click();
    expect($('#delete-dialog').hasAttribute('open')).toBe(false);
    expect(callsOf('delete_draft')).toHaveLength(0);

    $('#delete-draft').click();
    $('#delete-confirm').click();
    await vi.waitFor(() => expect($('#run-panel').hidden).toBe(true));
    expect(callsOf('delete_draft')[0].args).toEqual({ month: '2026-10' });
    expect($('#toast').textContent).toBe('Entwurf Oktober 2026 gelöscht.');
    await vi.waitFor(() => expect(has('.create-run[data-month="2026-10"]')).toBe(true));
    expect(document.activeElement).toBe($('.create-run[data-month="2026-10"]'));
  });

  it('says so in the banner when a run cannot be created', async () => {
    await goToAbrechnung();
    handlers.create_run = () => {
      throw { kind: 'conflict', message: 'Der Lauf für November 2026 ist bereits freigegeben.', errors: [], missing: [] };
    };
    $<HTMLButtonElement>('.create-run[data-month="2026-11"]').click();
    await vi.waitFor(() => expect($('#error-banner').hidden).toBe(false));
    expect($('#error-banner').textContent).toContain('Der Lauf für November 2026 ist bereits freigegeben.');
    expect($('#run-panel').hidden).toBe(true);
  });
});

// ---- pilot page ----------------------------------------------------------------------------------

describe('pilot page: Abrechnung tab', () => {
  async function openTab(): Promise<void> {
    await start(calls);
    $('tr[data-id="2"]').click();
    await vi.waitFor(() => expect($('#tab-abrechnung').hidden).toBe(false));
    $('#tab-abrechnung').click();
    await vi.waitFor(() => expect(all('#correction-table tbody tr[data-correction-id]')).toHaveLength(2));
  }

  it('loads the corrections only when the tab is shown, newest first', async () => {
    await start(calls);
    $('tr[data-id="2"]').click();
    await vi.waitFor(() => expect($('#tab-abrechnung').hidden).toBe(false));
    expect(callsOf('pilot_corrections')).toHaveLength(0);
    $('#tab-abrechnung').click();
    await vi.waitFor(() => expect(all('#correction-table tbody tr[data-correction-id]')).toHaveLength(2));
    expect(callsOf('pilot_corrections')[0].args).toEqual({ pilotId: 2 });
    expect(cells($('#correction-table tbody tr'))).toEqual([
      '12.11.2026 S. Krüger',
      '25,00 €',
      'AE-2026-10-002',
      'Fahrtkosten nachträglich',
      'wartet auf den nächsten Entwurf',
    ]);
    expect(cells(all('#correction-table tbody tr')[1])[4]).toBe('Oktober 2026');
    expect(all('#correction-table tbody tr')[1].querySelector('.negative')!.textContent).toBe('-150,00 €');
  });

  it('enters a correction with the strings as typed and shows errors at the fields', async () => {
    await openTab();
    expect(labelOf('c-amount')).toBe('Betrag (€, negativ = Rückforderung)');
    expect(labelOf('c-month')).toBe('Für Monat (JJJJ-MM)');
    expect(labelOf('c-reason')).toBe('Begründung');
    expect($<HTMLInputElement>('#c-month').placeholder).toBe('JJJJ-MM');
    expect($('#correction-hint').textContent).toContain('Entwurf des Monats nach der letzten Freigabe');

    $('#add-correction').click();
    expect($('#err-c-amount').textContent).toBe('„Betrag“ fehlt.');
    expect($('#err-c-month').textContent).toBe('„Für Monat (JJJJ-MM)“ fehlt.');
    expect($('#err-c-reason').textContent).toBe('„Begründung“ fehlt.');
    expect(callsOf('add_correction')).toHaveLength(0);

    handlers.add_correction = () => {
      throw {
        kind: 'validation',
        message: 'Bitte prüfen.',
        errors: [
          { field: 'amount', message: 'Betrag „-20,0x“ ist ungültig, z. B. 46.800,00.' },
          { field: 'month', message: 'Oktober 2026 ist nicht freigegeben.' },
        ],
        missing: [],
      };
    };
    fill('#c-amount', '-20,0x');
    fill('#c-month', '2026-12');
    fill('#c-reason', 'Fahrtkosten doppelt');
    $('#add-correction').click();
    await vi.waitFor(() => expect($('#err-c-amount').textContent).toBe('Betrag „-20,0x“ ist ungültig, z. B. 46.800,00.'));
    expect($('#err-c-month').textContent).toBe('Oktober 2026 ist nicht freigegeben.');
    expect($('#err-c-reason').textContent).toBe('');
    expect(callsOf('add_correction')[0].args).toEqual({
      pilotId: 2,
      amount: '-20,0x',
      month: '2026-12',
      reason: 'Fahrtkosten doppelt',
    });

    handlers.add_correction = (a) => {
      const c = correction({ id: 9, amount_cents: -2000, reason: a.reason as string, for_month: a.month as string, original_statement: '', created_at: '2026-11-15T09:00:00Z' });
      corrections = [...corrections, c];
      return c;
    };
    fill('#c-amount', '-20,00');
    fill('#c-month', '2026-10');
    $('#add-correction').click();
    await vi.waitFor(() => expect(all('#correction-table tbody tr[data-correction-id]')).toHaveLength(3));
    expect(callsOf('add_correction')[1].args).toEqual({
      pilotId: 2,
      amount: '-20,00',
      month: '2026-10',
      reason: 'Fahrtkosten doppelt',
    });
    expect($('#toast').textContent).toBe('Korrektur über -20,00 € erfasst; sie wird in den nächsten Entwurf übernommen.');
    expect($<HTMLInputElement>('#c-amount').value).toBe('');
    expect($('#err-c-amount').textContent).toBe('');
  });

  it('prints the pilot’s statement of a month', async () => {
    await openTab();
    expect(labelOf('stmt-month')).toBe('Monat (JJJJ-MM)');
    expect($<HTMLInputElement>('#stmt-month').value).toBe('2026-10');
    fill('#stmt-month', '2026-13');
    $('#print-statement').click();
    expect($('#err-stmt-month').textContent).toBe('„Monat (JJJJ-MM)“ ist kein gültiger Monat, z. B. 2026-10.');
    expect(callsOf('print_statement')).toHaveLength(0);

    handlers.print_statement = () => ({ path: '/tmp/AE-2026-09-004.pdf' });
    fill('#stmt-month', '2026-09');
    $('#print-statement').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Gespeichert unter /tmp/AE-2026-09-004.pdf'));
    expect(callsOf('print_statement')[0].args).toEqual({ month: '2026-09', pilotId: 2 });
    expect($('#err-stmt-month').textContent).toBe('');
  });

  it('is where a pilot’s name in a run leads', async () => {
    await openOctober();
    $<HTMLButtonElement>('#run-lines tr[data-pilot-id="3"] .pilot-link').click();
    await vi.waitFor(() => expect($('#tab-abrechnung').getAttribute('aria-selected')).toBe('true'));
    expect($('#record-title').textContent).toBe('Schulz, Jana');
    await vi.waitFor(() => expect(callsOf('pilot_corrections')[0]?.args).toEqual({ pilotId: 3 }));
  });
});

// ---- settings ------------------------------------------------------------------------------------

describe('Einstellungen: allowance and SEPA debtor', () => {
  async function goToSettings(): Promise<void> {
    await start(calls);
    $('#nav-einstellungen').click();
    await vi.waitFor(() => expect($<HTMLButtonElement>('#save-settings').disabled).toBe(false));
  }

  it('shows the amounts in euros, the choices and the debtor account', async () => {
    await goToSettings();
    expect($<HTMLInputElement>('#set-rate').value).toBe('130,00');
    expect($<HTMLInputElement>('#set-cap').value).toBe('200,00');
    expect($<HTMLSelectElement>('#set-partial_month').value).toBe('pro_rata');
    expect(texts('#set-partial_month option')).toEqual(['pro rata nach Tagen', 'voller Monat, wenn mindestens ein Tag', 'nichts für angebrochene Monate']);
    expect(texts('#set-timing option')).toEqual(['nachträglich', 'im Voraus']);
    expect($<HTMLInputElement>('#set-due_days').value).toBe('15');
    expect($('#set-legal_basis').tagName).toBe('TEXTAREA');
    expect($('#set-tax_note').tagName).toBe('TEXTAREA');
    expect($<HTMLInputElement>('#set-debtor_iban').value).toBe('DE02 8105 3051 0123 4567 89');
    expect(
      ['set-rate', 'set-cap', 'set-due_days', 'set-legal_basis', 'set-tax_note', 'set-debtor_name', 'set-debtor_iban', 'set-debtor_bic'].map(labelOf),
    ).toEqual([
      'Monatsbetrag (€)',
      'Höchstbetrag (€)',
      'Fällig nach (Tagen)',
      'Rechtsgrundlage (Abrechnung)',
      'Hinweis zu Steuern und Sozialleistungen',
      'Kontoinhaber (Landkreis)',
      'IBAN',
      'BIC (optional)',
    ]);
  });

  it('converts the euros to cents, sends the choices and maps the backend’s errors to the fields', async () => {
    handlers.save_settings = () => {
      throw {
        kind: 'validation',
        message: 'Bitte prüfen.',
        errors: [
          { field: 'rate_cents', message: 'Der Monatsbetrag darf den Höchstbetrag nicht übersteigen.' },
          { field: 'debtor_iban', message: 'IBAN ist ungültig (Prüfziffer).' },
        ],
        missing: [],
      };
    };
    await goToSettings();
    fill('#set-rate', '13O,00');
    fill('#set-cap', '');
    $('#save-settings').click();
    // the backend reads the amount; its answer appears at the field
    await vi.waitFor(() =>
      expect($('#err-set-rate').textContent).toBe('„Monatsbetrag (€)“: „13O,00“ ist kein eindeutiger Betrag; bitte z. B. 1.234,56 oder 1234 eingeben.'),
    );
    expect(callsOf('parse_amount').map((c) => c.args)).toEqual([{ field: 'rate_cents', label: 'Monatsbetrag (€)', text: '13O,00' }]);
    expect($('#err-set-cap').textContent).toBe('„Höchstbetrag (€)“ fehlt.');
    expect(callsOf('save_settings')).toHaveLength(0);

    fill('#set-rate', '250');
    fill('#set-cap', '1.000,50');
    choose('#set-partial_month', 'full_month_if_any_day');
    choose('#set-timing', 'in_advance');
    fill('#set-debtor_iban', 'de02 8105 3051 0123 4567 80');
    fill('#set-debtor_bic', 'nolade21har');
    $('#save-settings').click();
    await vi.waitFor(() => expect($('#err-set-rate').textContent).toBe('Der Monatsbetrag darf den Höchstbetrag nicht übersteigen.'));
    expect($('#set-rate').getAttribute('aria-invalid')).toBe('true');
    expect($('#err-set-debtor_iban').textContent).toBe('IBAN ist ungültig (Prüfziffer).');
    expect($('#err-set-cap').textContent).toBe('');
    expect($('#error-banner').hidden).toBe(true);
    const sent = (callsOf('save_settings')[0].args.settings as Settings);
    expect(sent.allowance).toEqual({ ...settings().allowance, rate_cents: 25000, cap_cents: 100050, partial_month: 'full_month_if_any_day', timing: 'in_advance' });
    expect(sent.debtor).toEqual({ name: 'Landkreis Harz', iban: 'DE02810530510123456780', bic: 'NOLADE21HAR' });

    handlers.save_settings = (a) => structuredClone(a.settings as Settings);
    fill('#set-rate', '130,00');
    fill('#set-cap', '200');
    $('#save-settings').click();
    await vi.waitFor(() => expect(callsOf('save_settings')).toHaveLength(2));
    expect((callsOf('save_settings')[1].args.settings as Settings).allowance.rate_cents).toBe(13000);
    expect((callsOf('save_settings')[1].args.settings as Settings).allowance.cap_cents).toBe(20000);
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Einstellungen gespeichert.'));
    expect($<HTMLInputElement>('#set-cap').value).toBe('200,00');
  });

  it('shows the backend’s refusal of a negative amount at the field', async () => {
    handlers.save_settings = () => {
      throw validation('cap_cents', 'Höchstbetrag muss zwischen 0 und 1.000,00 € liegen.');
    };
    await goToSettings();
    fill('#set-cap', '-5');
    $('#save-settings').click();
    await vi.waitFor(() => expect($('#err-set-cap').textContent).toBe('Höchstbetrag muss zwischen 0 und 1.000,00 € liegen.'));
    expect($('#set-cap').getAttribute('aria-invalid')).toBe('true');
    expect((callsOf('save_settings')[0].args.settings as Settings).allowance.cap_cents).toBe(-500);
  });
});

describe('Abrechnung: the ledger', () => {
  it('shows a banner when approved months disagree with the facts and books the Abgleich', async () => {
    handlers.reconcile = () => reconciliation([difference(), difference({ pilot_id: 1, name: 'Anna Beispiel', statement_number: 'AE-2026-09-001', month: '2026-09', month_label: 'September 2026', booked_days: 30, days: 20, paid_cents: 13000, due_cents: 8667, difference_cents: -4333, kind: 'Rückforderung' })]);
    handlers.apply_reconciliation = () => reconciliation([difference()]);
    await goToAbrechnung();
    await vi.waitFor(() => expect($('#reconcile-banner').hidden).toBe(false));
    expect($('#reconcile-text').textContent).toBe('2 freigegebene Monate stimmen nicht mehr mit den Daten überein (2 Unterschiede).');
    expect(callsOf('reconcile')[0].args).toEqual({ year: null });
    $('#reconcile-open').click();
    expect($<HTMLDialogElement>('#reconcile-dialog').open).toBe(true);
    const rows = all('#reconcile-table tbody tr');
    expect(rows).toHaveLength(2);
    expect(cells(rows[0])).toEqual(['Yonas Beispielsohn', 'Oktober 2026', 'ohne Abrechnung', '31 statt 0', '0,00 €', '130,00 €', '130,00 €', 'Nachzahlung']);
    expect(cells(rows[1])[2]).toBe('AE-2026-09-001');
    expect(cells(rows[1])[6]).toBe('-43,33 €');
    expect($('#reconcile-summary').textContent).toBe('Nachzahlungen 130,00 €, Rückforderungen 43,33 €. Sie kommen in den Lauf November 2026.');

    handlers.reconcile = () => reconciliation([]);
    $('#reconcile-apply').click();
    await vi.waitFor(() => expect(callsOf('apply_reconciliation')).toHaveLength(1));
    expect(callsOf('apply_reconciliation')[0].args).toEqual({ year: null });
    await vi.waitFor(() => expect($('#reconcile-banner').hidden).toBe(true));
    expect($<HTMLDialogElement>('#reconcile-dialog').open).toBe(false);
    expect($('#toast').textContent).toContain('1 Korrekturen übernommen');
  });

  it('lists claim-backs and settles them: offset, repaid with a date, waived with a reason', async () => {
    const open = (n: string, name: string) => ({ line_id: Number(n.slice(-1)), pilot_id: 1, name, month: '2026-10', statement_number: n, amount_cents: 2000, settled: null, settled_on: null, reason: '', offset_in: null });
    let list: ClaimBack[] = [open('AE-2026-10-001', 'Anna Beispiel'), open('AE-2026-10-002', 'Ömer Aydın')];
    handlers.claim_backs = () => structuredClone(list);
    handlers.settle_claim = (a) => {
      const input = a.input as { statement_number: string; how: string; on: string; reason: string };
      if (input.how === 'waived' && input.reason === 'x') throw validation('reason', 'Begründung zu kurz.');
      list = list.map((c) => (c.statement_number === input.statement_number ? { ...c, settled: input.how as ClaimBack['settled'], settled_on: input.on || '2026-11-15', reason: input.reason } : c));
      return list.find((c) => c.statement_number === input.statement_number);
    };
    await goToAbrechnung();
    await vi.waitFor(() => expect($('#claims-panel').hidden).toBe(false));
    expect(all('#claims-table tbody tr')).toHaveLength(2);
    expect(cells(all('#claims-table tbody tr')[0]).slice(0, 4)).toEqual(['AE-2026-10-001', 'Anna Beispiel', '20,00 €', 'offen']);

    (all('#claims-table .claim-repaid')[0] as HTMLButtonElement).click();
    expect($<HTMLDialogElement>('#settle-dialog').open).toBe(true);
    expect(labelOf('settle-on')).toBe('Eingegangen am');
    fill('#settle-on', '31.02.2026');
    $('#settle-confirm').click();
    expect($('#err-settle-on').textContent).not.toBe('');
    expect(callsOf('settle_claim')).toHaveLength(0);
    fill('#settle-on', '14.11.2026');
    $('#settle-confirm').click();
    await vi.waitFor(() => expect(callsOf('settle_claim')).toHaveLength(1));
    expect(callsOf('settle_claim')[0].args).toEqual({ input: { statement_number: 'AE-2026-10-001', how: 'repaid', on: '2026-11-14', reason: '' } });
    await vi.waitFor(() => expect(cells(all('#claims-table tbody tr')[0])[3]).toBe('zurückgezahlt am 14.11.2026'));

    (all('#claims-table .claim-waive')[0] as HTMLButtonElement).click();
    $('#settle-confirm').click();
    expect($('#err-settle-reason').textContent).toBe('„Begründung“ fehlt.');
    fill('#settle-reason', 'x');
    $('#settle-confirm').click();
    await vi.waitFor(() => expect($('#err-settle-reason').textContent).toBe('Begründung zu kurz.'));
    fill('#settle-reason', 'Härtefall');
    $('#settle-confirm').click();
    await vi.waitFor(() => expect(cells(all('#claims-table tbody tr')[1])[3]).toBe('erlassen am 15.11.2026: Härtefall'));
  });

  it('says "erneut erstellen" once a SEPA file exists, asks why, and lists the exports', async () => {
    exports = [sepaExport()];
    handlers.save_sepa = () => ({ path: '/tmp/sepa-2026-10.xml' });
    await openOctober(run({ state: 'approved', approved_at: '2026-11-15T11:00:00Z', approved_by: 'S. Krüger' }));
    await vi.waitFor(() => expect($('#save-sepa').textContent).toBe('SEPA-Datei erneut erstellen…'));
    expect(callsOf('sepa_exports')[0].args).toEqual({ month: '2026-10' });
    expect(cells(all('#sepa-export-table tbody tr')[0])).toEqual([formatDateTime('2026-11-15T11:30:00Z'), 'S. Krüger', 'LOTSEN-2026-10-20261115113000', '3', '321,00 €', 'erste Datei']);

    $('#save-sepa').click();
    expect($<HTMLDialogElement>('#sepa-again-dialog').open).toBe(true);
    expect($('#sepa-again-text').textContent).toContain('dieselbe Nachrichten-ID');
    $('#sepa-again-confirm').click();
    expect($('#err-sepa-reason').textContent).toBe('„Warum wird die Datei erneut erstellt?“ fehlt.');
    expect(callsOf('save_sepa')).toHaveLength(0);
    fill('#sepa-reason', 'Datei beim Hochladen beschädigt');
    exports = [sepaExport(), sepaExport({ id: 2, reason: 'Datei beim Hochladen beschädigt', exported_at: '2026-11-16T08:00:00Z' })];
    $('#sepa-again-confirm').click();
    await vi.waitFor(() => expect(callsOf('save_sepa')).toHaveLength(1));
    expect(callsOf('save_sepa')[0].args).toEqual({ month: '2026-10', reason: 'Datei beim Hochladen beschädigt' });
    await vi.waitFor(() => expect(all('#sepa-export-table tbody tr')).toHaveLength(2));
    expect(cells(all('#sepa-export-table tbody tr')[1])[5]).toBe('Datei beim Hochladen beschädigt');
  });

  it('offers no SEPA file for a paid run', async () => {
    exports = [sepaExport()];
    await openOctober(run({ state: 'paid', approved_at: '2026-11-15T11:00:00Z', approved_by: 'S. Krüger', paid_on: '2026-11-20' }));
    await vi.waitFor(() => expect(all('#sepa-export-table tbody tr')).toHaveLength(1));
    expect(has('#save-sepa')).toBe(false);
  });
});

// ---- month grid of activity records ------------------------------------------------------------
describe('Tätigkeitsnachweise (month grid)', () => {
  function row(pilot_id: number, name: string, record: ActivityRecord | null = null): ActivityRow {
    return { pilot_id, name, district: 'Halberstadt', record, waiver: null };
  }

  it('is filled with the keyboard: numbers only, Enter saves the row and goes down, errors at the cell', async () => {
    const saved: ActivityInput[] = [];
    handlers.activity_month = () => activityMonth({ required: true, rows: [row(1, 'Albers, Anna'), row(2, 'Brandt, Bernd')] });
    handlers.record_activity = (a) => {
      const input = a.input as ActivityInput;
      saved.push(input);
      if (input.hours === '2,555') throw { kind: 'validation', message: 'Stunden falsch.', errors: [{ field: 'hours', message: 'Stunden: „2,555“ ist keine Stundenzahl.' }], missing: [] };
      return { pilot_id: input.pilot_id, month: input.month, contacts: Number(input.contacts), minutes: input.hours ? 150 : null, areas: [], people: Number(input.people || 0), families: Number(input.families || 0), note: '', recorded_at: '', recorded_by: '' };
    };
    await goToAbrechnung();
    await vi.waitFor(() => expect(all('#activity-grid tbody tr')).toHaveLength(2));
    expect($('#grid-month').getAttribute('value') ?? $<HTMLInputElement>('#grid-month').value).toBe('2026-10');
    expect($('#grid-summary').textContent).toContain('0 von 2 Lotsen mit Nachweis');

    // A letter never reaches a number cell; a digit does.
    const contacts = $<HTMLInputElement>('#grid-1-contacts');
    const letter = new KeyboardEvent('keydown', { key: 'x', bubbles: true, cancelable: true });
    contacts.dispatchEvent(letter);
    expect(letter.defaultPrevented).toBe(true);
    const digit = new KeyboardEvent('keydown', { key: '4', bubbles: true, cancelable: true });
    contacts.dispatchEvent(digit);
    expect(digit.defaultPrevented).toBe(false);

    fill('#grid-1-contacts', '4');
    fill('#grid-1-hours', '2.5');
    key($('#grid-1-hours'), 'Enter');
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ pilot_id: 1, month: '2026-10', contacts: '4', hours: '2.5', areas: [], note: '' });
    expect(document.activeElement?.id).toBe('grid-2-hours');
    await vi.waitFor(() => expect($<HTMLInputElement>('#grid-1-hours').value).toBe('2,5'));
    expect($('tr[data-pilot-id="1"] .grid-state').textContent).toBe('erfasst');
    expect($('#grid-summary').textContent).toContain('1 von 2');

    // Hours without contacts: the quick check asks at the cell, nothing is sent.
    fill('#grid-2-hours', '1');
    key($('#grid-2-hours'), 'Enter');
    await vi.waitFor(() => expect($('#err-grid-2-contacts').textContent).toContain('Kontakte'));
    expect(saved).toHaveLength(1);

    // The backend's refusal shows at its cell.
    fill('#grid-2-contacts', '1');
    fill('#grid-2-hours', '2,555');
    key($('#grid-2-hours'), 'Enter');
    await vi.waitFor(() => expect($('#err-grid-2-hours').textContent).toContain('keine Stundenzahl'));
    expect($('#grid-2-hours').getAttribute('aria-invalid')).toBe('true');
    expect($('tr[data-pilot-id="2"] .grid-state').textContent).toBe('Nachweis fehlt');
  });

  it('builds a month of many pilots a hundred rows at a time; Enter on the last row built goes on to the next', async () => {
    handlers.activity_month = () => activityMonth({ rows: Array.from({ length: 150 }, (_, i) => row(i + 1, `Name${i + 1}, Vorname`)) });
    await goToAbrechnung();
    await vi.waitFor(() => expect(all('#activity-grid tbody tr')).toHaveLength(100));
    expect($('#grid-summary').textContent).toContain('0 von 150 Lotsen mit Nachweis (100 angezeigt)');
    expect($('#grid-more').hidden).toBe(false);
    key($('#grid-100-contacts'), 'Enter');
    expect(all('#activity-grid tbody tr')).toHaveLength(150);
    expect(document.activeElement?.id).toBe('grid-101-contacts');
    expect($('#grid-more').hidden).toBe(true);
    expect($('#grid-summary').textContent).toContain('0 von 150 Lotsen mit Nachweis.');
  });

  it('counts a large month with the thousands point', async () => {
    handlers.activity_month = () => activityMonth({ rows: Array.from({ length: 1200 }, (_, i) => row(i + 1, `Name${i + 1}, Vorname`)) });
    await goToAbrechnung();
    await vi.waitFor(() => expect(all('#activity-grid tbody tr')).toHaveLength(100));
    expect($('#grid-summary').textContent).toContain('0 von 1.200 Lotsen mit Nachweis (100 angezeigt)');
  });
});
