// The coverage dashboard of the Übersicht and the districts, municipalities and thresholds of the
// Einstellungen, driven through the shell against a fake backend behind Tauri's IPC mock.
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coverageView, parseAmount, pilot, record, reference, settings, pageOf } from '../../test/fixtures';
import { $, all, choose, fill, installBackend, key, labelOf, start, texts, type Call, type Handler } from '../../test/testkit';
import type { CoverageView, Pilot, ReferenceData, Settings } from '../../backend/types';

let calls: Call[];
let handlers: Record<string, Handler>;
let pilots: Pilot[];
let view: CoverageView;
let ref: ReferenceData;
let stored: Settings;

const callsOf = (cmd: string) => calls.filter((c) => c.cmd === cmd);

const NAMES: [number, string, string, string][] = [
  [1, 'Amal', 'Haddad', 'Halberstadt'],
  [2, 'Olena', 'Kovalenko', 'Halberstadt'],
  [3, 'Jana', 'Schulz', 'Osterwieck'],
  [6, 'Yonas', 'Tesfaye', 'Halberstadt'],
  [11, 'Ömer', 'Aydın', 'Quedlinburg'],
  [12, 'Karin', 'Berger', 'Thale'],
  [13, 'Lutz', 'Pfeiffer', 'Ballenstedt'],
  [21, 'Mariam', 'Rahimi', 'Wernigerode'],
  [22, 'Hanna', 'Voigt', 'Ilsenburg (Harz)'],
  [23, 'Tomasz', 'Nowak', 'Wernigerode'],
  [24, 'Dilan', 'Kaya', 'Nordharz'],
  [25, 'Sven', 'Lange', 'Wernigerode'],
  [26, 'Rana', 'Saleh', 'Blankenburg (Harz)'],
  [27, 'Ivan', 'Petrenko', 'Wernigerode'],
  [28, 'Lea', 'Brandt', 'Wernigerode'],
  [29, 'Nadia', 'Karimi', 'Wernigerode'],
  [30, 'Paul', 'Ohne', 'Halle'],
];

beforeEach(() => {
  pilots = NAMES.map(([id, first_name, last_name, town]) => pilot({ id, first_name, last_name, town }));
  view = coverageView();
  ref = reference();
  stored = settings();
  handlers = {
    reference_data: () => structuredClone(ref),
    parse_amount: parseAmount,
    app_state: () => ({ empty: false, db_path: '/tmp/lotsen.db', today: '2026-11-15' }),
    pilot_page: (a) => pageOf(pilots, a),
    pilot_names: () => pilots,
    get_pilot: (a) => pilots.find((p) => p.id === a.id),
    pilot_record: (a) => record({ pilot: pilots.find((p) => p.id === a.id)! }),
    due_list: () => [],
    coverage: (a) => ({ ...structuredClone(view), coverage: { ...structuredClone(view.coverage), date: a.date ?? '2026-11-15' } }),
    get_settings: () => structuredClone(stored),
    setting_views: () => [],
    task_areas: () => [],
  };
  calls = installBackend(handlers);
});

afterEach(() => {
  clearMocks();
  document.body.replaceChildren();
});

async function goTo(screen: 'uebersicht' | 'einstellungen'): Promise<void> {
  await start(calls);
  $(`#nav-${screen}`).click();
  await vi.waitFor(() => expect($(`#screen-${screen}`)).toBeTruthy());
  if (screen === 'uebersicht') await vi.waitFor(() => expect(all('.district-card')).toHaveLength(4));
  else await vi.waitFor(() => expect($<HTMLButtonElement>('#save-settings').disabled).toBe(false));
}

const count = (district: string, kind: string) => $(`.count-link[data-district="${district}"][data-kind="${kind}"]`);
const card = (district: string) => $(`.district-card[data-district="${district}"]`);

// ---- Übersicht --------------------------------------------------------------------------------

describe('Übersicht: coverage per district', () => {
  it('asks for today’s coverage and shows every district’s numbers, target, percent and light', async () => {
    await goTo('uebersicht');
    expect(callsOf('coverage')[0].args).toEqual({ date: '2026-11-15' });
    expect($<HTMLInputElement>('#coverage-date').value).toBe('15.11.2026');
    expect(labelOf('coverage-date')).toBe('Stichtag');
    expect(all('.district-card').map((c) => c.dataset.district)).toEqual(['Halberstadt', 'Quedlinburg', 'Wernigerode', 'Landkreis']);

    const hbs = card('Halberstadt');
    expect(hbs.querySelector('h3')!.textContent).toBe('Halberstadt');
    expect(hbs.querySelector('.card-figure')!.textContent).toBe('3 von 10 einsatzbereit');
    expect(hbs.querySelector('.percent')!.textContent).toBe('30 % des Solls');
    expect(hbs.querySelector('.light')!.className).toBe('light light-red');
    expect(hbs.querySelector('.light')!.textContent).toBe('Ampel: rot');
    const kinds = ['eligible', 'pipeline', 'paused', 'ending_soon', 'refresher_overdue'];
    expect(kinds.map((k) => count('Halberstadt', k).textContent)).toEqual(['3', '1', '0', '1', '1']);
    expect(texts('.district-card[data-district="Halberstadt"] dt')).toEqual([
      'in Qualifizierung',
      'ruhend',
      'eFZ läuft ab',
      'Auffrischung überfällig',
    ]);
    // The bar: eligible of target as a width in a 0–100 box, coloured by the light; no style attributes.
    const fillBar = hbs.querySelector('.bar-fill')!;
    expect(fillBar.getAttribute('width')).toBe('30');
    expect(fillBar.getAttribute('class')).toBe('bar-fill fill-red');

    expect(card('Quedlinburg').querySelector('.card-figure')!.textContent).toBe('2 von 2 einsatzbereit');
    expect(card('Quedlinburg').querySelector('.light')!.textContent).toBe('Ampel: grün');
    expect(card('Quedlinburg').querySelector('.light-green')).toBeTruthy();
    expect(kinds.map((k) => count('Quedlinburg', k).textContent)).toEqual(['2', '0', '1', '0', '0']);
    expect(card('Wernigerode').querySelector('.light')!.textContent).toBe('Ampel: gelb');
    expect(card('Wernigerode').querySelector('.light-amber')).toBeTruthy();
    expect(card('Wernigerode').querySelector('.percent')!.textContent).toBe('70 % des Solls');

    // Every count is a button that names what it opens.
    for (const b of all('.count-link')) expect(b.tagName).toBe('BUTTON');
    expect(all('.count-link')).toHaveLength(20);
    expect(count('Wernigerode', 'pipeline').getAttribute('aria-label')).toBe('Wernigerode: 2 in Qualifizierung – Liste anzeigen');
    expect(document.querySelector('[style]')).toBeNull();
    expect($('#coverage-unassigned').hidden).toBe(true);
  });

  it('writes large counts, targets and percentages with the thousands point', async () => {
    view.coverage.total = { ...view.coverage.total, eligible: 2004, target: 1000, coverage_percent: 200 };
    view.coverage.districts[0] = { ...view.coverage.districts[0], eligible: 2004, coverage_percent: 20040 };
    await goTo('uebersicht');
    expect(card('Halberstadt').querySelector('.card-figure')!.textContent).toBe('2.004 von 10 einsatzbereit');
    expect(card('Halberstadt').querySelector('.percent')!.textContent).toBe('20.040 % des Solls');
    expect(count('Halberstadt', 'eligible').getAttribute('aria-label')).toBe('Halberstadt: 2.004 einsatzbereit – Liste anzeigen');
    expect(card('Landkreis').querySelector('.card-figure')!.textContent).toBe('2.004 von 1.000 einsatzbereit');
  });

  it('shows the county totals with the same clickable numbers', async () => {
    await goTo('uebersicht');
    const total = card('Landkreis');
    expect(total.classList.contains('total-card')).toBe(true);
    expect(total.querySelector('.card-figure')!.textContent).toBe('12 von 22 einsatzbereit');
    expect(total.querySelector('.percent')!.textContent).toBe('54 % des Solls');
    expect(total.querySelector('.light')!.textContent).toBe('Ampel: rot');
    const kinds = ['eligible', 'pipeline', 'paused', 'ending_soon', 'refresher_overdue'];
    expect(kinds.map((k) => count('Landkreis', k).textContent)).toEqual(['12', '3', '1', '1', '1']);

    count('Landkreis', 'pipeline').click();
    await vi.waitFor(() => expect($('#drilldown').hidden).toBe(false));
    expect($('#drilldown-title').textContent).toBe('Landkreis – in Qualifizierung (3)');
    expect(texts('#drilldown .drill-name')).toEqual(['Brandt, Lea', 'Karimi, Nadia', 'Kovalenko, Olena']);
  });

  it('lists exactly the pilots behind a district’s eligible count, by name, and opens a pilot’s page', async () => {
    await goTo('uebersicht');
    expect(callsOf('pilot_names')).toHaveLength(0); // the dashboard needs no names; the list of pilots does
    const link = count('Halberstadt', 'eligible');
    link.click();
    await vi.waitFor(() => expect(callsOf('pilot_names')).toHaveLength(1));
    await vi.waitFor(() => expect($('#drilldown').hidden).toBe(false));
    expect($('#drilldown-title').textContent).toBe('Halberstadt – einsatzbereit (3)');
    expect(document.activeElement?.id).toBe('drilldown-title');
    expect(link.getAttribute('aria-expanded')).toBe('true');
    const buttons = all('#drilldown .drill-pilot');
    expect(buttons.map((b) => b.dataset.pilotId)).toEqual(['1', '3', '6']);
    expect(buttons.map((b) => b.querySelector('.drill-name')!.textContent)).toEqual(['Haddad, Amal', 'Schulz, Jana', 'Tesfaye, Yonas']);
    expect(buttons[1].textContent).toContain('Osterwieck');
    expect(buttons.every((b) => b.tagName === 'BUTTON')).toBe(true);

    // Another count replaces the list; an empty one says so.
    count('Halberstadt', 'paused').click();
    await vi.waitFor(() => expect($('#drilldown-title').textContent).toBe('Halberstadt – ruhend (0)'));
    expect($('#drilldown .drill-list').textContent).toBe('Keine Lotsen.');
    expect(link.getAttribute('aria-expanded')).toBe('false');

    count('Wernigerode', 'eligible').click();
    await vi.waitFor(() => expect(all('#drilldown .drill-pilot')).toHaveLength(7));
    all('#drilldown .drill-pilot').find((b) => b.dataset.pilotId === '22')!.click();
    await vi.waitFor(() => expect($('#screen-lotsen')).toBeTruthy());
    await vi.waitFor(() => expect($<HTMLInputElement>('#f-first_name').value).toBe('Hanna'));
    expect(callsOf('get_pilot').at(-1)!.args).toEqual({ id: 22 });
    expect($('#nav-lotsen').getAttribute('aria-current')).toBe('page');
  });

  it('closes the drill-down with Escape and gives the focus back to the count', async () => {
    await goTo('uebersicht');
    const link = count('Quedlinburg', 'paused');
    link.click();
    await vi.waitFor(() => expect($('#drilldown').hidden).toBe(false));
    expect(texts('#drilldown .drill-name')).toEqual(['Pfeiffer, Lutz']);
    key(document.activeElement!, 'Escape');
    expect($('#drilldown').hidden).toBe(true);
    expect(document.activeElement).toBe(link);
  });

  it('warns about eligible pilots without a district and lists them', async () => {
    view.coverage.eligible_without_district = [30];
    await goTo('uebersicht');
    const warning = $('#coverage-unassigned');
    expect(warning.hidden).toBe(false);
    expect(warning.textContent).toContain('1 einsatzbereiter Lotse hat keinen Altkreis');
    $('#show-unassigned').click();
    await vi.waitFor(() => expect($('#drilldown-title').textContent).toBe('Ohne Altkreis – einsatzbereit (1)'));
    expect(texts('#drilldown .drill-name')).toEqual(['Ohne, Paul']);
  });

  it('shows each district’s languages and the gaps', async () => {
    await goTo('uebersicht');
    const hbs = $('.language-district[data-district="Halberstadt"]');
    expect(Array.from(hbs.querySelectorAll('.language-chip')).map((c) => c.textContent)).toEqual(['Deutsch 3', 'Arabisch 2']);
    expect(hbs.querySelector('.language-gaps')!.textContent).toBe('Lücken: Dari/Farsi, Tigrinya, Paschtu');
    expect($('.language-district[data-district="Quedlinburg"] .language-gaps').textContent).toBe('Lücken: Arabisch, Tigrinya');
    expect($('.language-district[data-district="Wernigerode"] .language-gaps').textContent).toBe('Keine Lücken.');
  });

  it('draws the history: one line per district, the outlook marked, targets, every third month labelled', async () => {
    await goTo('uebersicht');
    const chart = $('#coverage-chart') as unknown as SVGSVGElement;
    expect(chart.getAttribute('role')).toBe('img');
    const label = chart.getAttribute('aria-label')!;
    expect(label).toContain('11/24 bis 11/26, Ausblick bis 02/27');
    expect(label).toContain('Halberstadt: 11/26 6, 02/27 voraussichtlich 5, Soll 10');
    expect(label).toContain('Quedlinburg: 11/26 4, 02/27 voraussichtlich 5, Soll 2');

    const lines = Array.from(chart.querySelectorAll('path.coverage-line'));
    expect(lines.map((p) => p.getAttribute('data-district'))).toEqual(['Halberstadt', 'Quedlinburg', 'Wernigerode']);
    expect(new Set(lines.map((p) => p.getAttribute('class'))).size).toBe(3); // a colour class each
    // past and today: 25 points; the outlook continues dashed from today over 3 more months
    expect(lines[0].getAttribute('d')!.split('L')).toHaveLength(25);
    const outlook = Array.from(chart.querySelectorAll('path.coverage-outlook'));
    expect(outlook).toHaveLength(3);
    expect(outlook[0].getAttribute('d')!.split('L')).toHaveLength(4);
    expect(chart.querySelector('.outlook-band')).toBeTruthy();
    expect(chart.querySelector('.outlook-label')!.textContent).toBe('Ausblick');

    // targets 10, 2, 10: one dashed line per distinct value
    expect(Array.from(chart.querySelectorAll('.target-line')).map((l) => l.getAttribute('data-target'))).toEqual(['10', '2']);
    expect(Array.from(chart.querySelectorAll('.target-label')).map((l) => l.firstChild!.textContent)).toEqual(['Soll 10', 'Soll 2']);

    const xLabels = Array.from(chart.querySelectorAll('.chart-x-axis text')).map((t) => t.textContent);
    expect(xLabels).toEqual(['11/24', '02/25', '05/25', '08/25', '11/25', '02/26', '05/26', '08/26', '11/26', '02/27']);
    expect(Array.from(chart.querySelectorAll('.chart-grid text')).map((t) => t.textContent)).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(texts('.chart-legend li')).toEqual(['Halberstadt', 'Quedlinburg', 'Wernigerode', 'Soll', 'Ausblick (bekannte eFZ-Abläufe)']);
    expect(chart.querySelector('[style]')).toBeNull();
  });

  it('draws a single target line when all targets are equal', async () => {
    view.coverage.districts[1].target = 10;
    await goTo('uebersicht');
    expect(all('#coverage-chart .target-line')).toHaveLength(1);
    expect($('#coverage-chart .target-label').textContent).toBe('Soll 10');
  });

  it('shows the same numbers as a table on request', async () => {
    await goTo('uebersicht');
    const toggle = $('#history-as-table');
    expect(toggle.textContent).toBe('Als Tabelle');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(document.querySelector('#coverage-history-table')).toBeNull();
    toggle.click();
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector('#coverage-chart')).toBeNull();
    expect(texts('#coverage-history-table thead th')).toEqual([
      'Monat',
      'Stichtag',
      'Halberstadt (Soll 10)',
      'Quedlinburg (Soll 2)',
      'Wernigerode (Soll 10)',
      'Landkreis',
    ]);
    const rows = all('#coverage-history-table tbody tr');
    expect(rows).toHaveLength(28);
    const cells = (tr: HTMLElement) => Array.from(tr.children).map((c) => c.textContent);
    expect(cells(rows[0])).toEqual(['11/2024', '30.11.2024', '0', '0', '0', '0']);
    expect(cells(rows[24])).toEqual(['11/2026', '30.11.2026', '6', '4', '4', '14']);
    expect(rows[24].classList.contains('current')).toBe(true);
    expect(cells(rows[27])).toEqual(['02/2027 Ausblick', '28.02.2027', '5', '5', '4', '14']);
    expect(rows[27].classList.contains('outlook')).toBe(true);
    toggle.click();
    expect(document.querySelector('#coverage-history-table')).toBeNull();
    expect($('#coverage-chart')).toBeTruthy();
  });

  it('reloads the coverage for another Stichtag; an invalid date is shown at the field', async () => {
    await goTo('uebersicht');
    fill('#coverage-date', '31.02.2026');
    $('#coverage-date').dispatchEvent(new Event('change', { bubbles: true }));
    expect($('#err-coverage-date').textContent).toBe('„Stichtag“ ist kein gültiges Datum (TT.MM.JJJJ).');
    expect($('#coverage-date').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('coverage')).toHaveLength(1);

    view.coverage.districts[0].eligible_ids = [1];
    view.coverage.districts[0].eligible = 1;
    fill('#coverage-date', '1.6.2026');
    key($('#coverage-date'), 'Enter');
    await vi.waitFor(() => expect(callsOf('coverage')).toHaveLength(2));
    expect(callsOf('coverage')[1].args).toEqual({ date: '2026-06-01' });
    expect($('#err-coverage-date').textContent).toBe('');
    await vi.waitFor(() => expect(count('Halberstadt', 'eligible').textContent).toBe('1'));

    // The backend's own objection lands at the field too.
    handlers.coverage = () => {
      throw { kind: 'validation', message: 'Bitte prüfen.', errors: [{ field: 'date', message: 'Stichtag liegt zu weit zurück.' }], missing: [] };
    };
    fill('#coverage-date', '01.01.1900');
    $('#coverage-date').dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect($('#err-coverage-date').textContent).toBe('Stichtag liegt zu weit zurück.'));
    expect($('#error-banner').hidden).toBe(true);
  });

  it('keeps an open list up to date when the Stichtag changes', async () => {
    await goTo('uebersicht');
    count('Halberstadt', 'eligible').click();
    await vi.waitFor(() => expect(all('#drilldown .drill-pilot')).toHaveLength(3));
    view.coverage.districts[0].eligible_ids = [6];
    view.coverage.districts[0].eligible = 1;
    fill('#coverage-date', '01.06.2026');
    $('#coverage-date').dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect($('#drilldown-title').textContent).toBe('Halberstadt – einsatzbereit (1)'));
    expect($('.drill-date').textContent).toBe('Stand 01.06.2026');
    expect(texts('#drilldown .drill-name')).toEqual(['Tesfaye, Yonas']);
  });

  it('prints and saves the report for the Stichtag; a cancelled "Speichern unter…" says nothing', async () => {
    handlers.print_coverage_report = (a) => ({ path: `/home/k/Dokumente/Lotsenbüro/2026/11/Abdeckungsbericht_${a.date}.pdf` });
    let answer: { path: string } | null = null;
    handlers.save_coverage_report = () => answer;
    await goTo('uebersicht');
    expect($('#print-coverage').textContent).toBe('Drucken');
    expect($('#save-coverage').textContent).toBe('Speichern unter…');

    fill('#coverage-date', '30.09.2026');
    $('#print-coverage').click();
    await vi.waitFor(() => expect(callsOf('print_coverage_report')).toHaveLength(1));
    expect(callsOf('print_coverage_report')[0].args).toEqual({ date: '2026-09-30' });
    await vi.waitFor(() =>
      expect($('#toast').textContent).toBe('Gespeichert unter /home/k/Dokumente/Lotsenbüro/2026/11/Abdeckungsbericht_2026-09-30.pdf'),
    );

    $('#toast').textContent = '';
    $('#save-coverage').click();
    await vi.waitFor(() => expect(callsOf('save_coverage_report')).toHaveLength(1));
    expect(callsOf('save_coverage_report')[0].args).toEqual({ date: '2026-09-30' });
    await new Promise((r) => setTimeout(r, 20));
    expect($('#toast').textContent).toBe('');
    expect($('#error-banner').hidden).toBe(true);

    answer = { path: '/home/k/Schreibtisch/Bericht.pdf' };
    $('#save-coverage').click();
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Gespeichert unter /home/k/Schreibtisch/Bericht.pdf'));

    // An invalid Stichtag is not sent; a failure goes to the banner.
    fill('#coverage-date', 'gestern');
    $('#print-coverage').click();
    expect($('#err-coverage-date').textContent).toBe('„Stichtag“ ist kein gültiges Datum (TT.MM.JJJJ).');
    expect(callsOf('print_coverage_report')).toHaveLength(1);
    handlers.print_coverage_report = () => {
      throw { kind: 'storage', message: 'Der Ordner ist schreibgeschützt.', errors: [], missing: [] };
    };
    fill('#coverage-date', '30.09.2026');
    $('#print-coverage').click();
    await vi.waitFor(() => expect($('#error-banner').hidden).toBe(false));
    expect($('#error-banner').textContent).toContain('Der Ordner ist schreibgeschützt.');
  });
});

// ---- Einstellungen ----------------------------------------------------------------------------

describe('Einstellungen: districts, municipalities, thresholds', () => {
  it('shows the districts and every municipality with its district', async () => {
    await goTo('einstellungen');
    expect(texts('.screen-einstellungen legend')).toEqual([
      'Fristen und Bewertung', 'Briefkopf', 'Ampel', 'Arbeitsplatz', 'Aufwandsentschädigung', 'Tätigkeitsnachweis', 'SEPA-Auftraggeber', 'Sicherung und Ablage', 'Berichte', 'Werte mit Gültigkeit',
      'Sicherungen', 'Exportieren', 'Excel-Liste einlesen', 'Altkreise', 'Gemeinden',
    ]);
    expect($<HTMLInputElement>('#district-name-2').value).toBe('Quedlinburg');
    expect($<HTMLInputElement>('#district-target-2').value).toBe('10');
    expect(labelOf('district-name-2')).toBe('Name');
    expect(labelOf('district-target-2')).toBe('Soll (Lotsen)');
    expect($('#save-district-2').textContent).toBe('Speichern');
    expect(all('#municipality-table select')).toHaveLength(6);
    expect(labelOf('muni-3')).toBe('Thale');
    expect($<HTMLSelectElement>('#muni-3').value).toBe('Quedlinburg');
    expect(Array.from($<HTMLSelectElement>('#muni-3').options).map((o) => o.value)).toEqual(['Halberstadt', 'Quedlinburg', 'Wernigerode']);
  });

  it('saves a district; the new name reaches the municipalities and the Lotsen filter', async () => {
    handlers.save_district = (a) => {
      const d = ref.districts.find((x) => x.id === a.id)!;
      const old = d.name;
      d.name = String(a.name);
      d.target = Number(a.target);
      for (const m of ref.municipalities) if (m.district === old) m.district = d.name;
      return structuredClone(ref);
    };
    await goTo('einstellungen');
    fill('#district-name-3', ' Harz-Nord ');
    fill('#district-target-3', '12');
    $('#save-district-3').click();
    await vi.waitFor(() => expect(callsOf('save_district')).toHaveLength(1));
    expect(callsOf('save_district')[0].args).toEqual({ id: 3, name: 'Harz-Nord', target: 12 });
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Altkreis „Harz-Nord“ gespeichert.'));
    expect($<HTMLInputElement>('#district-name-3').value).toBe('Harz-Nord');
    expect($<HTMLSelectElement>('#muni-4').value).toBe('Harz-Nord');
    expect(Array.from($<HTMLSelectElement>('#muni-0').options).map((o) => o.value)).toContain('Harz-Nord');

    $('#nav-lotsen').click();
    await vi.waitFor(() => expect($('#screen-lotsen')).toBeTruthy());
    expect(Array.from($<HTMLSelectElement>('#filter-district').options).map((o) => o.textContent)).toContain('Harz-Nord');
    expect(Array.from($<HTMLSelectElement>('#filter-district').options).map((o) => o.textContent)).not.toContain('Wernigerode');
  });

  it('shows district errors at the field: the form’s own checks and the backend’s', async () => {
    handlers.save_district = () => {
      throw { kind: 'validation', message: 'Bitte prüfen.', errors: [{ field: 'name', message: 'Einen Altkreis „Halberstadt“ gibt es schon.' }], missing: [] };
    };
    await goTo('einstellungen');
    fill('#district-name-2', '');
    fill('#district-target-2', 'zehn');
    $('#save-district-2').click();
    expect($('#err-district-name-2').textContent).toBe('„Name“ fehlt.');
    expect($('#err-district-target-2').textContent).toBe('„Soll (Lotsen)“ muss eine ganze Zahl (0 oder größer) sein.');
    expect(document.activeElement?.id).toBe('district-name-2');
    expect(callsOf('save_district')).toEqual([]);

    fill('#district-name-2', 'Halberstadt');
    fill('#district-target-2', '10');
    $('#save-district-2').click();
    await vi.waitFor(() => expect($('#err-district-name-2').textContent).toBe('Einen Altkreis „Halberstadt“ gibt es schon.'));
    expect($('#district-name-2').getAttribute('aria-invalid')).toBe('true');
    expect($('#err-district-target-2').textContent).toBe('');
    expect($('#error-banner').hidden).toBe(true);
    expect($('#toast').textContent).toBe('');
  });

  it('assigns a municipality at once, and puts the select back when that fails', async () => {
    handlers.set_municipality_district = (a) => {
      const m = ref.municipalities.find((x) => x.name === a.municipality)!;
      m.district = String(a.district);
      return structuredClone(ref);
    };
    await goTo('einstellungen');
    choose('#muni-3', 'Wernigerode');
    await vi.waitFor(() => expect(callsOf('set_municipality_district')).toHaveLength(1));
    expect(callsOf('set_municipality_district')[0].args).toEqual({ municipality: 'Thale', district: 'Wernigerode' });
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Thale gehört jetzt zum Altkreis Wernigerode.'));
    expect($<HTMLSelectElement>('#muni-3').value).toBe('Wernigerode');

    handlers.set_municipality_district = () => {
      throw { kind: 'validation', message: 'Bitte prüfen.', errors: [{ field: 'district', message: 'Altkreis „Halberstadt“ ist unbekannt.' }], missing: [] };
    };
    choose('#muni-3', 'Halberstadt');
    await vi.waitFor(() => expect($('#err-muni-3').textContent).toBe('Altkreis „Halberstadt“ ist unbekannt.'));
    expect($<HTMLSelectElement>('#muni-3').value).toBe('Wernigerode');
    expect($('#muni-3').getAttribute('aria-invalid')).toBe('true');

    handlers.set_municipality_district = () => {
      throw { kind: 'storage', message: 'Die Datenbank ist gesperrt.', errors: [], missing: [] };
    };
    choose('#muni-0', 'Quedlinburg');
    await vi.waitFor(() => expect($('#error-banner').hidden).toBe(false));
    expect($('#error-banner').textContent).toContain('Halberstadt');
    expect($('#error-banner').textContent).toContain('Die Datenbank ist gesperrt.');
    expect($<HTMLSelectElement>('#muni-0').value).toBe('Halberstadt');
  });

  it('sends the traffic-light thresholds with the settings and shows their errors at the fields', async () => {
    let fail = true;
    handlers.save_settings = (a) => {
      if (fail) {
        throw {
          kind: 'validation',
          message: 'Bitte prüfen.',
          errors: [{ field: 'coverage.amber_percent', message: 'Gelb ab (%) muss größer als 0 und kleiner als „Grün ab“ sein.' }],
          missing: [],
        };
      }
      stored = structuredClone(a.settings as Settings);
      return stored;
    };
    await goTo('einstellungen');
    expect(labelOf('set-green_percent')).toBe('Grün ab (% des Solls)');
    expect(labelOf('set-amber_percent')).toBe('Gelb ab (% des Solls)');
    expect($<HTMLInputElement>('#set-green_percent').value).toBe('100');
    expect($<HTMLInputElement>('#set-amber_percent').value).toBe('70');

    fill('#set-amber_percent', 'viel');
    $('#save-settings').click();
    expect($('#err-set-amber_percent').textContent).toBe('„Gelb ab (% des Solls)“ muss eine ganze Zahl (0 oder größer) sein.');
    expect(callsOf('save_settings')).toEqual([]);
    await vi.waitFor(() => expect($('#settings-form').hasAttribute('aria-busy')).toBe(false));

    fill('#set-green_percent', '90');
    fill('#set-amber_percent', '95');
    $('#save-settings').click();
    await vi.waitFor(() => expect($('#err-set-amber_percent').textContent).toBe('Gelb ab (%) muss größer als 0 und kleiner als „Grün ab“ sein.'));
    expect($('#set-amber_percent').getAttribute('aria-invalid')).toBe('true');

    fail = false;
    fill('#set-amber_percent', '60');
    $('#save-settings').click();
    await vi.waitFor(() => expect(callsOf('save_settings')).toHaveLength(2));
    const expected = settings();
    expected.coverage = { green_percent: 90, amber_percent: 60 };
    expect(callsOf('save_settings')[1].args).toEqual({ settings: expected });
    await vi.waitFor(() => expect($('#toast').textContent).toBe('Einstellungen gespeichert.'));
    expect($('#err-set-amber_percent').textContent).toBe('');
  });
});
