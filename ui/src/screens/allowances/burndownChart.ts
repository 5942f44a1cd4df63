// The burn-down chart of the Abrechnung screen: the budget left over the twelve months of a year, from the
// budget at the start of the year to what is left after each month. Solid as far as runs are approved or
// paid, dashed beyond (drafts and the forecast with today's eligible pilots); the zero line, and the month
// the money runs out marked. Pure builder over the backend's BudgetYear; colours come from classes in
// styles.css (no style attributes: the CSP forbids them).
import { h, svg } from '../../shared/dom';
import { formatCents, formatWholeEuros, monthName } from '../../shared/format';
import type { BudgetYear, ReferenceData } from '../../backend/types';

/** "2026-11" → "Nov": the first three letters of the backend's month name. */
export function shortMonth(ref: ReferenceData, month: string): string {
  const name = ref.month_names[Number(month.slice(5, 7)) - 1];
  return name === undefined ? month : name.slice(0, 3);
}

/** A round step (1, 2, 2.5, 5 × 10^n cents) that cuts the range into at most five parts. */
export function niceStep(range: number): number {
  const r = Math.max(range, 1);
  for (let p = 1; ; p *= 10) {
    const found = [1, 2, 2.5, 5].map((f) => f * p).find((s) => r / s <= 5);
    if (found) return found;
  }
}

/** The index of the last month whose run is approved or paid; -1 when there is none. */
export function lastSettled(year: BudgetYear): number {
  let k = -1;
  year.months.forEach((m, i) => {
    if (m.state === 'approved' || m.state === 'paid') k = i;
  });
  return k;
}

/** The sentence a screen reader gets for the chart. */
export function burndownSummary(year: BudgetYear, ref: ReferenceData): string {
  if (!year.budget) return `Verbleibendes Budget ${year.year}: Es ist noch kein Budget erfasst.`;
  const parts = [`Verbleibendes Budget ${year.year} im Jahresverlauf. Budget ${formatCents(year.budget_cents)}.`];
  const k = lastSettled(year);
  if (k >= 0) {
    const m = year.months[k];
    parts.push(`Nach ${m.label} (freigegeben) ${formatCents(m.remaining_after_cents ?? 0)}.`);
  }
  const last = year.months[year.months.length - 1];
  if (last) parts.push(`Ende ${last.label} voraussichtlich ${formatCents(last.remaining_after_cents ?? 0)}.`);
  if (year.first_uncovered) parts.push(`Ab ${labelOf(year, ref, year.first_uncovered)} fehlt Geld.`);
  return parts.join(' ');
}

function labelOf(year: BudgetYear, ref: ReferenceData, month: string): string {
  return year.months.find((m) => m.month === month)?.label ?? monthName(ref, month);
}

// Geometry in viewBox units; the SVG scales to the panel's width.
const W = 600;
const H = 230;
const PAD = { left: 70, right: 14, top: 26, bottom: 26 };

export function burndownChart(year: BudgetYear, ref: ReferenceData): SVGSVGElement {
  const chart = svg('svg', {
    id: 'burndown-chart',
    class: 'burndown-chart',
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-label': burndownSummary(year, ref),
    preserveAspectRatio: 'xMidYMid meet',
  });
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  if (!year.budget || year.months.length === 0) {
    chart.append(
      svg('rect', { class: 'chart-empty', x: PAD.left, y: PAD.top, width: plotW, height: plotH, rx: 4 }),
      svg('text', { class: 'chart-empty-text', x: PAD.left + plotW / 2, y: PAD.top + plotH / 2 + 4, 'text-anchor': 'middle' }, 'Noch kein Budget erfasst'),
    );
    return chart;
  }

  // Point 0 is the start of the year (the whole budget), point i the budget left after month i.
  const values = [year.budget_cents, ...year.months.map((m) => m.remaining_after_cents ?? 0)];
  const n = values.length;
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const step = niceStep(hi - lo);
  const top = Math.max(step, Math.ceil(hi / step) * step);
  const bottom = Math.floor(lo / step) * step;
  const dx = plotW / (n - 1);
  const x = (i: number) => PAD.left + i * dx;
  const y = (v: number) => PAD.top + ((top - v) / (top - bottom)) * plotH;
  const r1 = (v: number) => Math.round(v * 10) / 10;

  // The month the money runs out: a band over that month, labelled.
  const uncovered = year.first_uncovered ? year.months.findIndex((m) => m.month === year.first_uncovered) : -1;
  if (uncovered >= 0) {
    const from = x(uncovered);
    const to = PAD.left + plotW;
    chart.append(
      svg('rect', { class: 'uncovered-band', x: r1(from), y: PAD.top, width: r1(to - from), height: plotH }),
      svg(
        'text',
        // The label starts at the band; near the right edge it ends there instead, so it stays inside.
        { class: 'uncovered-label', ...(to - from < 150 ? { x: r1(to), 'text-anchor': 'end' } : { x: r1(from + 4), 'text-anchor': 'start' }), y: PAD.top - 8 },
        `ab ${labelOf(year, ref, year.first_uncovered!)} fehlt Geld`,
      ),
      svg('line', { class: 'uncovered-line', x1: r1(from), x2: r1(from), y1: PAD.top - 4, y2: PAD.top + plotH }),
    );
  }

  // y grid, ticks in whole euros; the zero line stronger.
  const grid = svg('g', { class: 'chart-grid' });
  for (let v = bottom; v <= top + 0.5; v += step) {
    grid.append(
      svg('line', { class: v === 0 ? 'zero-line' : 'grid-line', x1: PAD.left, x2: PAD.left + plotW, y1: r1(y(v)), y2: r1(y(v)) }),
      svg('text', { class: 'tick-label', x: PAD.left - 6, y: r1(y(v) + 4), 'text-anchor': 'end' }, formatWholeEuros(v)),
    );
  }
  chart.append(grid);

  // x labels: the start, then the end of each month.
  const xAxis = svg('g', { class: 'chart-x-axis' });
  xAxis.append(svg('text', { class: 'tick-label', x: r1(x(0)), y: H - 8, 'text-anchor': 'middle' }, 'Start'));
  year.months.forEach((m, i) => {
    xAxis.append(svg('text', { class: 'tick-label', x: r1(x(i + 1)), y: H - 8, 'text-anchor': 'middle' }, shortMonth(ref, m.month)));
  });
  chart.append(xAxis);

  // The line: solid through the last approved or paid month, dashed beyond.
  const pts = values.map((v, i) => `${r1(x(i))},${r1(y(v))}`);
  const settled = lastSettled(year) + 1; // index of the point after that month
  const lines = svg('g', { class: 'chart-lines' });
  if (settled > 0) lines.append(svg('path', { class: 'burndown-actual', d: `M${pts.slice(0, settled + 1).join('L')}` }));
  if (settled < n - 1) lines.append(svg('path', { class: 'burndown-forecast', d: `M${pts.slice(settled).join('L')}` }));
  values.forEach((v, i) => {
    const m = i === 0 ? null : year.months[i - 1];
    const forecast = i > settled;
    const cls = `burndown-point${forecast ? ' forecast' : ''}${v < 0 ? ' negative' : ''}`;
    const what = m ? `nach ${m.label}${forecast ? ' (Prognose)' : ''}` : 'zu Jahresbeginn';
    lines.append(
      svg(
        'circle',
        { class: cls, cx: r1(x(i)), cy: r1(y(v)), r: 2.8, 'data-month': m?.month ?? null },
        svg('title', {}, `Verbleibend ${what}: ${formatCents(v)}`),
      ),
    );
  });
  chart.append(lines);
  return chart;
}

/** The legend under the chart. */
export function burndownLegend(): HTMLElement {
  return h(
    'ul',
    { class: 'chart-legend', 'aria-hidden': 'true' },
    h('li', {}, h('span', { class: 'legend-swatch burndown-actual' }), 'verbleibend nach freigegebenen Läufen'),
    h('li', {}, h('span', { class: 'legend-swatch burndown-forecast' }), 'Prognose (Entwürfe und heutige Lotsen)'),
    h('li', {}, h('span', { class: 'legend-swatch uncovered' }), 'Budget reicht nicht'),
  );
}
