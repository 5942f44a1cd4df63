// The "Verlauf" of the Übersicht: eligible pilots per district at each month end as an SVG line chart,
// and the same numbers as a table. Pure builders over the backend's MonthPoints; colours come from
// the classes series-0 … series-5 in styles.css (no style attributes: the CSP forbids them).
import { h, svg } from '../../shared/dom';
import { formatDate } from '../../shared/format';
import type { MonthPoint } from '../../backend/types';

export interface Series {
  name: string;
  target: number;
}

/** How many distinct line colours styles.css defines; further districts repeat them. */
export const SERIES_COLOURS = 6;

export function seriesClass(index: number): string {
  return `series-${index % SERIES_COLOURS}`;
}

/** "2026-11" → "11/26". */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[2]}/${m[1].slice(2)}` : month;
}

/** "2026-11" → "11/2026". */
export function monthLong(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[2]}/${m[1]}` : month;
}

/** An axis from 0 to a round top at or above max, with at most five steps of 1, 2, 5, 10, 20, 50 … */
export function niceScale(max: number): { top: number; step: number } {
  const m = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let p = 1; ; p *= 10) {
    const found = [1, 2, 5].map((f) => f * p).find((s) => Math.ceil(m / s) <= 5);
    if (found) {
      step = found;
      break;
    }
  }
  return { top: Math.ceil(m / step) * step, step };
}

/** The index of today's month: the last point that is not outlook. */
function currentIndex(history: MonthPoint[]): number {
  let i = -1;
  history.forEach((p, k) => {
    if (!p.outlook) i = k;
  });
  return i;
}

/** The sentence a screen reader gets for the chart. */
export function historySummary(history: MonthPoint[], series: Series[]): string {
  if (history.length === 0) return 'Verlauf: keine Daten.';
  const cur = currentIndex(history);
  const first = history[0];
  const last = history[history.length - 1];
  const pastEnd = cur >= 0 ? history[cur] : last;
  let text = `Einsatzbereite Lotsen am Monatsende je Altkreis, ${monthLabel(first.month)} bis ${monthLabel(pastEnd.month)}`;
  if (last.outlook) text += `, Ausblick bis ${monthLabel(last.month)}`;
  text += '. ';
  text += series
    .map((s, i) => {
      const parts = [`${s.name}: ${monthLabel(pastEnd.month)} ${pastEnd.eligible[i] ?? 0}`];
      if (last.outlook) parts.push(`${monthLabel(last.month)} voraussichtlich ${last.eligible[i] ?? 0}`);
      parts.push(`Soll ${s.target}`);
      return parts.join(', ');
    })
    .join('. ');
  return `${text}.`;
}

// Geometry in viewBox units; the SVG scales to the panel's width.
const W = 760;
const H = 250;
const PAD = { left: 34, right: 92, top: 24, bottom: 26 };

/** The line chart, id "coverage-chart". One path.coverage-line per district (past and today), a dashed
 * path.coverage-outlook for the outlook months over a shaded band, and the targets as dashed lines. */
export function historyChart(history: MonthPoint[], series: Series[]): SVGSVGElement {
  const chart = svg('svg', {
    id: 'coverage-chart',
    class: 'coverage-chart',
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-label': historySummary(history, series),
    preserveAspectRatio: 'xMidYMid meet',
  });
  const n = history.length;
  if (n === 0) return chart;

  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const max = Math.max(0, ...history.flatMap((p) => p.eligible), ...series.map((s) => s.target));
  const { top, step } = niceScale(max);
  const dx = n > 1 ? plotW / (n - 1) : 0;
  const x = (i: number) => PAD.left + (n > 1 ? i * dx : plotW / 2);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const r1 = (v: number) => Math.round(v * 10) / 10;
  const cur = currentIndex(history);

  // Outlook band behind everything, from half-way after today's month to the right edge.
  if (cur < n - 1) {
    const from = cur >= 0 ? x(cur) + dx / 2 : PAD.left;
    const to = PAD.left + plotW + Math.min(dx / 2, 8);
    chart.append(
      svg('rect', { class: 'outlook-band', x: r1(from), y: PAD.top - 16, width: r1(to - from), height: plotH + 16 }),
      svg('text', { class: 'outlook-label', x: r1((from + to) / 2), y: PAD.top - 5, 'text-anchor': 'middle' }, 'Ausblick'),
    );
  }

  // y grid and ticks
  const grid = svg('g', { class: 'chart-grid' });
  for (let v = 0; v <= top; v += step) {
    grid.append(
      svg('line', { class: v === 0 ? 'axis-line' : 'grid-line', x1: PAD.left, x2: PAD.left + plotW, y1: r1(y(v)), y2: r1(y(v)) }),
      svg('text', { class: 'tick-label', x: PAD.left - 6, y: r1(y(v) + 4), 'text-anchor': 'end' }, String(v)),
    );
  }
  chart.append(grid);

  // x labels: every third month, counted back from today's month so that it is always labelled.
  const anchor = cur >= 0 ? cur : 0;
  const xAxis = svg('g', { class: 'chart-x-axis' });
  history.forEach((p, i) => {
    if ((anchor - i) % 3 !== 0) return;
    xAxis.append(
      svg('line', { class: 'tick-mark', x1: r1(x(i)), x2: r1(x(i)), y1: PAD.top + plotH, y2: PAD.top + plotH + 4 }),
      svg(
        'text',
        { class: `tick-label${p.outlook ? ' outlook' : ''}`, x: r1(x(i)), y: H - 8, 'text-anchor': 'middle' },
        monthLabel(p.month),
      ),
    );
  });
  chart.append(xAxis);

  // Targets: one dashed line per distinct value. When the districts' targets differ, a target of a
  // single district takes that district's colour.
  const targets = new Map<number, number[]>();
  series.forEach((s, k) => targets.set(s.target, [...(targets.get(s.target) ?? []), k]));
  const targetGroup = svg('g', { class: 'chart-targets' });
  const labelYs: number[] = [];
  for (const [value, members] of [...targets].sort((a, b) => b[0] - a[0])) {
    const ty = r1(y(value));
    // Labels of close targets are pushed apart so they stay readable.
    let ly = ty + 4;
    while (labelYs.some((o) => Math.abs(o - ly) < 12)) ly += 12;
    labelYs.push(ly);
    const own = targets.size > 1 && members.length === 1 ? ` ${seriesClass(members[0])}` : '';
    const names = members.map((k) => series[k].name).join(', ');
    targetGroup.append(
      svg('line', { class: `target-line${own}`, 'data-target': value, x1: PAD.left, x2: PAD.left + plotW, y1: ty, y2: ty }),
      svg(
        'text',
        { class: `target-label${own}`, x: PAD.left + plotW + 6, y: r1(ly) },
        `Soll ${value}`,
        targets.size > 1 ? svg('title', {}, `Soll ${value}: ${names}`) : null,
      ),
    );
  }
  chart.append(targetGroup);

  // One line per district; the outlook continues it dashed from today's month.
  const lines = svg('g', { class: 'chart-lines' });
  series.forEach((s, k) => {
    const pts = history.map((p, i) => `${r1(x(i))},${r1(y(p.eligible[k] ?? 0))}`);
    const past = pts.slice(0, Math.max(cur, 0) + 1);
    const cls = seriesClass(k);
    if (past.length > 0) {
      lines.append(svg('path', { class: `coverage-line ${cls}`, 'data-district': s.name, d: `M${past.join('L')}` }));
    }
    if (cur < n - 1) {
      const ahead = pts.slice(Math.max(cur, 0));
      lines.append(svg('path', { class: `coverage-outlook ${cls}`, 'data-district': s.name, d: `M${ahead.join('L')}` }));
    }
    history.forEach((p, i) => {
      const v = p.eligible[k] ?? 0;
      lines.append(
        svg(
          'circle',
          { class: `chart-point ${cls}${p.outlook ? ' outlook' : ''}`, cx: r1(x(i)), cy: r1(y(v)), r: i === cur ? 3.5 : 2.2 },
          svg('title', {}, `${s.name}, ${monthLong(p.month)}${p.outlook ? ' (Ausblick)' : ''}: ${v}`),
        ),
      );
    });
  });
  chart.append(lines);
  return chart;
}

/** The legend under the chart: a swatch per district, the target and the outlook. */
export function historyLegend(series: Series[]): HTMLElement {
  return h(
    'ul',
    { class: 'chart-legend', 'aria-hidden': 'true' },
    ...series.map((s, k) => h('li', {}, h('span', { class: `legend-swatch ${seriesClass(k)}` }), s.name)),
    h('li', {}, h('span', { class: 'legend-swatch target' }), 'Soll'),
    h('li', {}, h('span', { class: 'legend-swatch outlook' }), 'Ausblick (bekannte eFZ-Abläufe)'),
  );
}

/** The same numbers as a table (id "coverage-history-table"), for the keyboard and screen readers. */
export function historyTable(history: MonthPoint[], series: Series[]): HTMLTableElement {
  const cur = currentIndex(history);
  return h(
    'table',
    { id: 'coverage-history-table', class: 'data-table compact history-table' },
    h('caption', { class: 'visually-hidden' }, 'Einsatzbereite Lotsen am Monatsende je Altkreis'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Monat'),
        h('th', { scope: 'col' }, 'Stichtag'),
        ...series.map((s) => h('th', { scope: 'col', class: 'num' }, `${s.name} (Soll ${s.target})`)),
        h('th', { scope: 'col', class: 'num' }, 'Landkreis'),
      ),
    ),
    h(
      'tbody',
      {},
      ...history.map((p, i) =>
        h(
          'tr',
          { class: p.outlook ? 'outlook' : i === cur ? 'current' : null, 'data-month': p.month },
          h('th', { scope: 'row' }, monthLong(p.month), p.outlook ? h('span', { class: 'row-note' }, ' Ausblick') : null),
          h('td', {}, formatDate(p.date)),
          ...series.map((_, k) => h('td', { class: 'num' }, String(p.eligible[k] ?? 0))),
          h('td', { class: 'num' }, String(p.total)),
        ),
      ),
    ),
  );
}
