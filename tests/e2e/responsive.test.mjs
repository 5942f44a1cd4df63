// End-to-end: the window stays usable while long work runs. "Drucken" of a month with 3,000
// pilots (about 2,100 statements) takes about 3 s in the debug build; 600 pilots, once printing
// used both cores, took 0.6 s, too short to switch tabs in reliably on a busy machine. Meanwhile
// another tab answers with fresh data from the backend, and the busy bar says what is being done
// (counts from 1.000 on carry a thousands point). Also: a failed daily backup at start is shown in
// the app and written to the log file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { SHOTS, openApp, closeApp, freshDb, cliJson, rowTexts } from './harness.mjs';

after(closeApp);

const PILOTS = 3000;

test('while a month of 3,000 pilots prints, another tab answers and the busy bar shows what runs', async () => {
  const db = freshDb();
  const docs = join(db, '..', '..', 'Dokumente');
  const s = await openApp(db, { LOTSEN_DEMO_COUNT: String(PILOTS) });
  await s.click('#start-demo');
  await s.waitFor('demo pilots loaded', async () => (await s.text('#toast')).includes(`${PILOTS} Demo-Lotsen`), 60000);

  await s.click('#nav-abrechnung');
  await s.click('.create-run[data-month="2026-10"]');
  await s.el('#run-panel #run-lines');
  const run = cliJson(db, 'run', 'show', '2026-10');
  assert.ok(run.lines.length >= 1400, `${run.lines.length} lines in October`);
  const pdf = join(docs, '2026', '10', 'Entwurf_2026-10_Abrechnung.pdf');
  assert.equal(existsSync(pdf), false);

  await s.click('#print-run');
  // The busy bar names the work and, from the backend's steps, how far it is.
  const busy = await s.waitFor('busy bar with a step', async () => {
    if (!(await s.displayed('#busy'))) return null;
    const t = await s.text('#busy');
    return /Abrechnung [\d.]+ von [\d.]+ wird erstellt/.test(t) ? t : null;
  });
  assert.match(busy, /Abrechnung wird gedruckt/);
  writeFileSync(join(SHOTS, 'drucken-laeuft.png'), await s.screenshot());

  // Another tab, while printing: it opens and shows its data, loaded from the backend now.
  const clicked = Date.now();
  await s.click('#nav-lotsen');
  await s.waitFor('pilot list while printing', async () => (await rowTexts(s)).length > 0);
  const answered = Date.now() - clicked;
  // Still printing: the list came while the month was being drawn, not after it.
  assert.equal(await s.displayed('#busy'), true, 'the print is still running');
  assert.equal(existsSync(pdf), false, 'the PDF is not written yet');
  assert.match(await s.text('#busy'), /Abrechnung wird gedruckt/);
  writeFileSync(join(SHOTS, 'drucken-lotsen-tab.png'), await s.screenshot());

  // The print ends: the file is filed and the bar goes.
  await s.waitFor('run PDF filed', async () => existsSync(pdf), 180000);
  await s.waitFor('busy bar gone', async () => !(await s.displayed('#busy')), 30000);
  const printed = Date.now() - clicked;
  console.log(`Lotsen tab answered after ${answered} ms; the print took ${printed} ms`);
  assert.ok(readFileSync(pdf).subarray(0, 5).toString() === '%PDF-');
});

test('a daily backup that fails at start is shown in the app and written to the log file', async () => {
  const db = freshDb();
  const data = dirname(db);
  const logs = join(data, '..', 'logs');
  mkdirSync(data, { recursive: true });
  // A file where the backup folder should be: the backup cannot be written.
  writeFileSync(join(data, 'Sicherungen'), 'kein Ordner');
  const s = await openApp(db, { LOTSEN_LOG_DIR: logs });
  await s.click('#start-empty');
  const text = await s.waitFor('care banner', async () => (await s.displayed('#care-banner')) && s.text('#care-banner'));
  assert.match(text, /tägliche Sicherung konnte nicht geschrieben werden/);
  assert.match(text, /Sicherung von Hand/);
  const log = readFileSync(join(logs, 'lotsenbuero.log'), 'utf8');
  assert.match(log, /Wartung \(backup\): Die tägliche Sicherung konnte nicht geschrieben werden/);
  // The app still works.
  await s.click('#nav-einstellungen');
  await s.el('#screen-einstellungen');
});
