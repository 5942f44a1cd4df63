// End-to-end: axe-core (the npm package, injected through WebDriver) on every screen of the real app
// and on each tab of a pilot's page. No screen may have a serious or critical finding; the counts of
// all findings by impact are printed per screen.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { SHOTS, openApp, closeApp, freshDb } from './harness.mjs';
import { PORT } from './webdriver.mjs';

after(closeApp);

const AXE = readFileSync(join(process.cwd(), 'ui', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'];

/** POSTs to the session like webdriver.mjs does (it has no execute/async). */
async function post(s, path, body) {
  const res = await fetch(`http://127.0.0.1:${PORT}${s.p(path)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok || (json.value && json.value.error)) throw new Error(`POST ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}

/** Runs axe on the whole document; returns its violations, reduced to what the report needs. */
async function axe(s) {
  const loaded = await s.exec('return typeof window.axe === "object";');
  if (!loaded) await s.exec(`${AXE}\nreturn typeof window.axe;`);
  const out = await post(s, '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      window.axe.run(document, { resultTypes: ['violations'] })
        .then((r) => done(JSON.stringify({
          passed: r.passes.length,
          violations: r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(' ')),
          })),
        })))
        .catch((e) => done(JSON.stringify({ error: String(e) })));`,
    args: [],
  });
  const parsed = JSON.parse(out);
  if (parsed.error) throw new Error(`axe failed: ${parsed.error}`);
  // A run that checked nothing (axe not really in the page) must not count as clean.
  assert.ok(parsed.passed > 10, `axe passed only ${parsed.passed} rules`);
  return parsed.violations;
}

const results = [];
/** Serious and critical findings of every screen checked, asserted empty at the end. */
const serious = [];

/** Runs axe on the screen as it is now and records its findings by impact. */
async function check(s, name) {
  // The screen at rest: a toast fading in is half transparent, and axe would measure its contrast mid-way.
  await s.waitFor(`${name}: transitions finished`, () => s.exec('return document.getAnimations().length === 0;'));
  const started = Date.now();
  const violations = await axe(s);
  const seconds = (Date.now() - started) / 1000;
  const counts = Object.fromEntries(IMPACTS.map((i) => [i, 0]));
  for (const v of violations) counts[v.impact] = (counts[v.impact] ?? 0) + v.nodes.length;
  results.push({ name, seconds, counts, rules: violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`) });
  for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    const where = v.nodes.slice(0, 3).join(', ') + (v.nodes.length > 3 ? ` … (${v.nodes.length} elements)` : '');
    serious.push(`${name}: ${v.id} (${v.impact}): ${v.help} — ${where}`);
  }
}

async function nav(s, id) {
  await s.click(`#nav-${id}`);
  await s.el(`#screen-${id}`);
}

test('axe-core: no serious or critical finding on any screen, the pilot page or an open run', async () => {
  const db = freshDb();
  const s = await openApp(db);
  await post(s, '/timeouts', { script: 120000 });
  await s.click('#start-demo');
  await s.waitFor('30 demo pilots', async () =>
    (await s.exec(`return document.querySelectorAll('#pilot-table tbody tr[data-id]').length;`)) === 30);

  try {
    await nav(s, 'uebersicht');
    await s.el('#screen-uebersicht .district-card, #screen-uebersicht table');
    await check(s, 'Übersicht');

    await nav(s, 'lotsen');
    await s.el('#pilot-table tbody tr[data-id]');
    await check(s, 'Lotsen');

    // A pilot's page, every tab (an active demo pilot, so each tab has content).
    await s.exec(`[...document.querySelectorAll('#pilot-table tbody tr[data-id]')]
      .find((r) => r.innerText.includes('Aktiv')).querySelector('td').click();`);
    await s.el('#tab-status:not([hidden])');
    for (const [tab, label] of [
      ['stammdaten', 'Stammdaten'], ['status', 'Status'], ['efz', 'Führungszeugnis'],
      ['qualifizierung', 'Qualifizierung'], ['abrechnung', 'Abrechnung'], ['verlauf', 'Verlauf'],
    ]) {
      await s.click(`#tab-${tab}`);
      await s.waitFor(`tab ${tab} shown`, async () => s.exec(
        `const p = document.querySelector('#panel-${tab}'); return p && !p.hidden && p.innerText.trim().length > 0;`));
      await check(s, `Lotse: ${label}`);
    }

    // Qualifizierung with a course and a session open, so its lists are on screen.
    await nav(s, 'qualifizierung');
    await s.click('#course-list button[data-course-id]');
    await s.el('#course-detail:not([hidden]) tbody tr');
    await s.exec(`document.querySelector('#screen-qualifizierung tbody tr').click();`);
    await s.el('#attendance-list li');
    await check(s, 'Qualifizierung');
    writeFileSync(join(SHOTS, 'a11y-qualifizierung.png'), await s.screenshot());

    // Abrechnung with an open draft run.
    await nav(s, 'abrechnung');
    await s.click('.create-run[data-month="2026-10"]');
    await s.el('#run-panel #run-lines tr[data-pilot-id]');
    await check(s, 'Abrechnung (Entwurf offen)');

    await nav(s, 'einstellungen');
    await s.el('#settings-form');
    await check(s, 'Einstellungen');

    await nav(s, 'protokoll');
    await s.el('#screen-protokoll tbody tr');
    await check(s, 'Protokoll');
    // WebKitWebDriver's screenshot of this long page does not come back; the X screen is the same picture.
    execFileSync('import', ['-window', 'root', join(SHOTS, 'a11y-protokoll.png')]);
  } finally {
    // The lead needs these figures whether or not the test passes.
    console.log('axe-core findings per screen (elements, by impact):');
    for (const r of results) {
      console.log(`  ${r.name.padEnd(28)} ${IMPACTS.map((i) => `${i} ${r.counts[i]}`).join(', ')} (${r.seconds.toFixed(1)} s)`
        + (r.rules.length ? `  [${r.rules.join('; ')}]` : ''));
    }
  }
  assert.equal(results.length, 12, 'every screen and tab was checked');
  assert.deepEqual(serious, [], 'serious or critical axe findings');
});
