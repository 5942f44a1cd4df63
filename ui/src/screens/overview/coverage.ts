// The coverage dashboard at the top of the Übersicht (docs/DOMAIN.md#coverage): per former district the eligible
// pilots against the target with the traffic light, the other counts, each count opening the list of
// pilots behind it; the county totals; languages and gaps; the month-by-month history; the report.
import * as api from '../../backend/api';
import { historyChart, historyLegend, historyTable, type Series } from './coverageChart';
import { h, replace, svg } from '../../shared/dom';
import { dateInput, FIELD_MESSAGES, FieldErrors, labelled, readDate } from '../../shared/fields';
import { formatCount, formatDate, pilotName } from '../../shared/format';
import type { RecordTab } from '../pilots/pilotRecord';
import type { ScreenContext } from '../../app/screen';
import type { CoverageKind, CoverageView, DistrictCoverage, Light, PilotName } from '../../backend/types';

export const KIND_LABELS: Record<CoverageKind, string> = {
  eligible: 'einsatzbereit',
  pipeline: 'in Qualifizierung',
  paused: 'ruhend',
  ending_soon: 'eFZ läuft ab',
  refresher_overdue: 'Auffrischung überfällig',
};

/** Where on the pilot's page the reason for being in a list is dealt with. */
const KIND_TABS: Record<CoverageKind, RecordTab> = {
  eligible: 'stammdaten',
  pipeline: 'status',
  paused: 'status',
  ending_soon: 'efz',
  refresher_overdue: 'status',
};

export const LIGHT_LABELS: Record<Light, string> = { green: 'grün', amber: 'gelb', red: 'rot' };

const DATE_LABEL = 'Stichtag';

/** What the drill-down shows: a count of a district, or the eligible pilots without a district. */
type Drill = { district: string; kind: CoverageKind } | { unassigned: true };

export interface CoverageDashboard {
  element: HTMLElement;
  refresh: () => Promise<void>;
  /** Closes the drill-down; true when it was open. */
  onEscape: () => boolean;
}

export function createCoverageDashboard(ctx: ScreenContext): CoverageDashboard {
  let view: CoverageView | null = null;
  let pilots = new Map<number, PilotName>();
  let drill: Drill | null = null;
  let opener: HTMLElement | null = null;
  let loadedDate: string | null = null;
  let seq = 0;
  let busy = false;

  // ---- toolbar: Stichtag and the report ----------------------------------------------------
  const dateField = dateInput();
  const printButton = h('button', { type: 'button', id: 'print-coverage', class: 'secondary' }, 'Drucken');
  const saveButton = h('button', { type: 'button', id: 'save-coverage', class: 'secondary' }, 'Speichern unter…');
  const toolbar = h(
    'div',
    { class: 'toolbar coverage-toolbar' },
    labelled('coverage-date', DATE_LABEL, dateField, 'tool'),
    h(
      'p',
      { class: 'toolbar-hint' },
      'Einsatzbereit: Status Aktiv und Führungszeugnis gültig am Stichtag.',
    ),
    h('span', { class: 'spacer' }),
    h('div', { class: 'button-row', role: 'group', 'aria-label': 'Abdeckungsbericht' }, printButton, saveButton),
  );
  const errors = new FieldErrors(toolbar, { date: 'coverage-date' });

  // ---- cards, warning, drill-down ----------------------------------------------------------
  const cards = h('div', { id: 'coverage-cards', class: 'district-cards' }, h('p', { class: 'muted' }, 'Wird geladen …'));
  const unassigned = h('div', { id: 'coverage-unassigned', class: 'notice warning-line', role: 'note', hidden: true });

  const drillTitle = h('h3', { id: 'drilldown-title', tabindex: '-1' });
  const drillDate = h('p', { class: 'muted drill-date' });
  const drillList = h('ul', { class: 'drill-list', 'aria-labelledby': 'drilldown-title' });
  const drillPanel = h(
    'section',
    { id: 'drilldown', class: 'panel drilldown', 'aria-labelledby': 'drilldown-title', hidden: true },
    h(
      'div',
      { class: 'panel-header' },
      h('div', {}, drillTitle, drillDate),
      h('button', { type: 'button', class: 'secondary small', id: 'drilldown-close', onclick: () => closeDrill(true) }, 'Schließen'),
    ),
    drillList,
  );

  // ---- history and languages ---------------------------------------------------------------
  const tableToggle = h(
    'button',
    { type: 'button', id: 'history-as-table', class: 'secondary small', 'aria-pressed': 'false', 'aria-controls': 'coverage-history' },
    'Als Tabelle',
  );
  const historyBody = h('div', { id: 'coverage-history', class: 'history-body' });
  const historyPanel = h(
    'section',
    { class: 'panel history-panel', 'aria-labelledby': 'history-title' },
    h(
      'div',
      { class: 'panel-header' },
      h('h3', { id: 'history-title' }, 'Verlauf', h('span', { class: 'title-note' }, ' · einsatzbereit am Monatsende')),
      tableToggle,
    ),
    historyBody,
  );
  const languageBody = h('div', { id: 'coverage-languages', class: 'language-body' });
  const languagePanel = h(
    'section',
    { class: 'panel language-panel', 'aria-labelledby': 'languages-title' },
    h('div', { class: 'panel-header' }, h('h3', { id: 'languages-title' }, 'Sprachen', h('span', { class: 'title-note' }, ' · der einsatzbereiten Lotsen'))),
    languageBody,
  );

  const element = h(
    'div',
    { class: 'coverage-dashboard' },
    toolbar,
    cards,
    unassigned,
    drillPanel,
    h('div', { class: 'coverage-lower' }, historyPanel, languagePanel),
  );

  // ---- rendering ---------------------------------------------------------------------------
  function countLink(d: DistrictCoverage, kind: CoverageKind, extra = ''): HTMLButtonElement {
    const n = d[kind];
    return h(
      'button',
      {
        type: 'button',
        class: `count-link${n === 0 ? ' zero' : ''}${extra ? ` ${extra}` : ''}`,
        'data-district': d.district,
        'data-kind': kind,
        'aria-controls': 'drilldown',
        'aria-expanded': 'false',
        'aria-label': `${d.district}: ${formatCount(n)} ${KIND_LABELS[kind]} – Liste anzeigen`,
        onclick: (ev) => openDrill({ district: d.district, kind }, ev.currentTarget as HTMLElement),
      },
      formatCount(n),
    );
  }

  function lightBadge(light: Light): HTMLElement {
    return h(
      'span',
      { class: `light light-${light}` },
      h('span', { class: 'light-dot', 'aria-hidden': 'true' }),
      h('span', { class: 'visually-hidden' }, 'Ampel: '),
      LIGHT_LABELS[light] ?? light,
    );
  }

  /** Eligible against the target; the bar runs to the target, or further when the target is exceeded. */
  function bar(d: DistrictCoverage): SVGSVGElement {
    const scale = Math.max(d.target, d.eligible, 1);
    const fill = (d.eligible / scale) * 100;
    const mark = (d.target / scale) * 100;
    return svg(
      'svg',
      { class: 'coverage-bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
      svg('rect', { class: 'bar-track', x: 0, y: 0, width: 100, height: 10, rx: 1.5 }),
      svg('rect', { class: `bar-fill fill-${d.light}`, x: 0, y: 0, width: Math.round(fill * 10) / 10, height: 10, rx: 1.5 }),
      d.target > 0 && d.target < scale
        ? svg('rect', { class: 'bar-target', x: Math.round(mark * 10) / 10 - 0.4, y: 0, width: 0.8, height: 10 })
        : null,
    );
  }

  function card(d: DistrictCoverage, index: number, total: boolean): HTMLElement {
    const titleId = total ? 'card-title-total' : `card-title-${index}`;
    const row = (kind: CoverageKind) =>
      h('div', { class: 'count-row' }, h('dt', {}, KIND_LABELS[kind]), h('dd', {}, countLink(d, kind)));
    return h(
      'article',
      { class: `district-card${total ? ' total-card' : ''}`, 'data-district': d.district, 'data-light': d.light, 'aria-labelledby': titleId },
      h('header', { class: 'card-head' }, h('h3', { id: titleId }, d.district), lightBadge(d.light)),
      h(
        'p',
        { class: 'card-figure' },
        countLink(d, 'eligible', 'big'),
        h('span', { class: 'figure-text' }, ` von ${formatCount(d.target)} einsatzbereit`),
      ),
      h('div', { class: 'card-bar' }, bar(d), h('span', { class: 'percent' }, `${formatCount(d.coverage_percent)} %`, h('span', { class: 'visually-hidden' }, ' des Solls'))),
      h('dl', { class: 'card-counts' }, row('pipeline'), row('paused'), row('ending_soon'), row('refresher_overdue')),
    );
  }

  function renderCards(v: CoverageView): void {
    const c = v.coverage;
    replace(cards, ...c.districts.map((d, i) => card(d, i, false)), card(c.total, 0, true));
    const ids = c.eligible_without_district;
    unassigned.hidden = ids.length === 0;
    if (ids.length > 0) {
      replace(
        unassigned,
        h('strong', {}, 'Hinweis: '),
        ids.length === 1
          ? '1 einsatzbereiter Lotse hat keinen Altkreis und ist in keiner Zahl enthalten. '
          : `${ids.length} einsatzbereite Lotsen haben keinen Altkreis und sind in keiner Zahl enthalten. `,
        h(
          'button',
          {
            type: 'button',
            id: 'show-unassigned',
            class: 'link-button',
            'aria-controls': 'drilldown',
            onclick: (ev) => openDrill({ unassigned: true }, ev.currentTarget as HTMLElement),
          },
          ids.length === 1 ? 'Lotse anzeigen' : 'Lotsen anzeigen',
        ),
      );
    }
  }

  function renderLanguages(v: CoverageView): void {
    replace(
      languageBody,
      ...v.coverage.districts.map((d) =>
        h(
          'div',
          { class: 'language-district', 'data-district': d.district },
          h('h4', {}, d.district),
          d.languages.length === 0
            ? h('p', { class: 'muted' }, 'Keine einsatzbereiten Lotsen.')
            : h(
                'ul',
                { class: 'language-list', 'aria-label': `Sprachen in ${d.district}` },
                ...d.languages.map((l) =>
                  h('li', { class: 'language-chip' }, l.language, ' ', h('span', { class: 'language-count' }, String(l.pilots))),
                ),
              ),
          d.language_gaps.length === 0
            ? h('p', { class: 'language-gaps none' }, 'Keine Lücken.')
            : h('p', { class: 'language-gaps' }, h('strong', {}, 'Lücken: '), d.language_gaps.join(', ')),
        ),
      ),
    );
  }

  function series(v: CoverageView): Series[] {
    return v.coverage.districts.map((d) => ({ name: d.district, target: d.target }));
  }

  function renderHistory(v: CoverageView): void {
    const asTable = tableToggle.getAttribute('aria-pressed') === 'true';
    const s = series(v);
    if (v.history.length === 0) {
      replace(historyBody, h('p', { class: 'muted' }, 'Noch kein Verlauf.'));
    } else if (asTable) {
      replace(historyBody, h('div', { class: 'table-wrap inline history-table-wrap' }, historyTable(v.history, s)));
    } else {
      replace(historyBody, historyChart(v.history, s), historyLegend(s));
    }
  }

  tableToggle.addEventListener('click', () => {
    tableToggle.setAttribute('aria-pressed', tableToggle.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
    if (view) renderHistory(view);
  });

  // ---- drill-down --------------------------------------------------------------------------
  function sameDrill(a: Drill | null, b: Drill): boolean {
    if (!a) return false;
    if ('unassigned' in a || 'unassigned' in b) return 'unassigned' in a && 'unassigned' in b;
    return a.district === b.district && a.kind === b.kind;
  }

  function openDrill(d: Drill, from: HTMLElement): void {
    if (sameDrill(drill, d) && !drillPanel.hidden) {
      closeDrill(true);
      return;
    }
    drill = d;
    opener = from;
    // Shown once the names are there (the first time they are loaded now), so no number stands in for a name.
    void loadNames().then(() => {
      if (drill !== d) return;
      renderDrill();
      drillTitle.focus();
    });
  }

  /** The pilots' names, loaded when a list of pilots is first opened (the dashboard itself needs none). */
  let names: Promise<void> | null = null;
  function loadNames(): Promise<void> {
    names ??= api
      .pilotNames()
      .then((list) => {
        pilots = new Map(list.map((p) => [p.id, p]));
      })
      .catch((e) => {
        names = null;
        ctx.showError(`Die Namen der Lotsen konnten nicht geladen werden: ${api.toAppError(e).message}`);
      });
    return names;
  }

  function closeDrill(returnFocus: boolean): void {
    drill = null;
    drillPanel.hidden = true;
    markOpen();
    if (returnFocus && opener?.isConnected) opener.focus();
    opener = null;
  }

  function markOpen(): void {
    for (const b of cards.querySelectorAll<HTMLElement>('.count-link')) {
      const on = !!drill && !('unassigned' in drill) && b.dataset.district === drill.district && b.dataset.kind === drill.kind;
      b.setAttribute('aria-expanded', String(on));
      b.classList.toggle('open', on);
    }
  }

  function pilotButton(id: number, tab: RecordTab): HTMLElement {
    const p = pilots.get(id);
    return h(
      'li',
      {},
      h(
        'button',
        { type: 'button', class: 'drill-pilot', 'data-pilot-id': id, onclick: () => ctx.openPilot(id, tab) },
        h('span', { class: 'drill-name' }, p ? pilotName(p) : `Lotse Nr. ${id}`),
        p?.town ? h('span', { class: 'drill-town' }, p.town) : null,
      ),
    );
  }

  function byName(a: number, b: number): number {
    const pa = pilots.get(a);
    const pb = pilots.get(b);
    return (pa ? pilotName(pa) : `~${a}`).localeCompare(pb ? pilotName(pb) : `~${b}`, 'de');
  }

  function renderDrill(): void {
    if (!drill || !view) return;
    const c = view.coverage;
    let title: string;
    let ids: number[];
    let tab: RecordTab;
    if ('unassigned' in drill) {
      ids = c.eligible_without_district;
      title = `Ohne Altkreis – einsatzbereit (${ids.length})`;
      tab = 'stammdaten';
    } else {
      const name = drill.district;
      const d = name === c.total.district ? c.total : c.districts.find((x) => x.district === name);
      if (!d) {
        closeDrill(false);
        return;
      }
      ids = d[`${drill.kind}_ids`];
      title = `${d.district} – ${KIND_LABELS[drill.kind]} (${ids.length})`;
      tab = KIND_TABS[drill.kind];
    }
    drillTitle.textContent = title;
    drillDate.textContent = `Stand ${formatDate(c.date)}`;
    const sorted = [...ids].sort(byName);
    replace(drillList, ...(sorted.length === 0 ? [h('li', { class: 'empty' }, 'Keine Lotsen.')] : sorted.map((id) => pilotButton(id, tab))));
    drillPanel.hidden = false;
    markOpen();
  }

  // ---- loading -----------------------------------------------------------------------------
  function render(v: CoverageView): void {
    view = v;
    loadedDate = v.coverage.date;
    renderCards(v);
    renderLanguages(v);
    renderHistory(v);
    if (drill) renderDrill();
  }

  /** The Stichtag as ISO, or null after showing why it cannot be read. Empty means today. */
  function readStichtag(): string | null {
    errors.clear();
    const iso = readDate(dateField);
    if (iso === undefined) {
      errors.set('date', FIELD_MESSAGES.notADate(DATE_LABEL));
      return null;
    }
    if (iso === null) {
      dateField.value = formatDate(ctx.today());
      return ctx.today();
    }
    return iso;
  }

  async function load(date: string): Promise<void> {
    const mine = ++seq;
    try {
      const v = await api.coverage(date);
      if (mine !== seq) return;
      render(v);
    } catch (e) {
      if (mine !== seq) return;
      const err = api.toAppError(e);
      const unplaced = err.kind === 'validation' ? errors.show(err.errors) : [];
      if (err.kind !== 'validation' || unplaced.length > 0 || err.errors.length === 0) {
        ctx.showError(`Die Abdeckung konnte nicht geladen werden: ${err.message}`);
      }
    }
  }

  function applyDate(): void {
    const iso = readStichtag();
    if (iso === null || (iso === loadedDate && view)) return;
    ctx.clearError();
    void load(iso);
  }
  dateField.addEventListener('change', applyDate);
  dateField.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      applyDate();
    }
  });

  async function report(kind: 'print' | 'save'): Promise<void> {
    if (busy) return;
    const iso = readStichtag();
    if (iso === null) {
      dateField.focus();
      return;
    }
    ctx.clearError();
    busy = true;
    printButton.disabled = true;
    saveButton.disabled = true;
    try {
      const saved = kind === 'print' ? await api.printCoverageReport(iso) : await api.saveCoverageReport(iso);
      if (saved) ctx.toast(`Gespeichert unter ${saved.path}`);
    } catch (e) {
      const err = api.toAppError(e);
      const unplaced = err.kind === 'validation' ? errors.show(err.errors) : [];
      if (err.kind !== 'validation' || unplaced.length > 0 || err.errors.length === 0) {
        ctx.showError(`Der Abdeckungsbericht konnte nicht erstellt werden: ${err.message}`);
      }
    } finally {
      busy = false;
      printButton.disabled = false;
      saveButton.disabled = false;
    }
  }
  printButton.addEventListener('click', () => void report('print'));
  saveButton.addEventListener('click', () => void report('save'));

  async function refresh(): Promise<void> {
    if (dateField.value.trim() === '') dateField.value = formatDate(ctx.today());
    const iso = readStichtag() ?? ctx.today();
    names = null; // names may have changed since
    await Promise.all([drill ? loadNames() : null, load(iso)]);
    if (drill) renderDrill();
  }

  function onEscape(): boolean {
    if (drillPanel.hidden) return false;
    closeDrill(true);
    return true;
  }

  return { element, refresh, onEscape };
}
