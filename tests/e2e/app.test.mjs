// End-to-end: the real Lotsenbüro debug app, its own temp data folder, driven like a person would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, stopDriver, Session } from './webdriver.mjs';

const APP = process.env.LOTSEN_APP;
const CLI = process.env.LOTSEN_CLI;
const TODAY = '2026-11-26';
const SHOTS = join(process.cwd(), 'target', 'e2e');
mkdirSync(SHOTS, { recursive: true });

let driver;
let session;

/** Starts the app on `db` (a fresh tauri-driver per app start, so the environment is the app's). */
async function openApp(db) {
  await closeApp();
  driver = await startDriver({ LOTSEN_DB: db, LOTSEN_TODAY: TODAY });
  session = await Session.start(APP);
  await session.el('#pilot-table, #first-start');
  return session;
}

async function closeApp() {
  if (session) { try { await session.end(); } catch { /* app already gone */ } }
  session = undefined;
  await stopDriver(driver);
  driver = undefined;
}

function pilotsInDb(db) {
  const out = execFileSync(CLI, ['--db', db, '--today', TODAY, 'pilots', 'list', '--json'], { encoding: 'utf8' });
  return JSON.parse(out);
}

async function rowTexts(s) {
  return s.exec(`return [...document.querySelectorAll('#pilot-table tbody tr[data-id]')].map(r => r.innerText);`);
}

/** Chooses an option as the keyboard would (native select pop-ups are not scriptable in WebKitGTK). */
async function selectOption(s, selectCss, value) {
  await s.el(`${selectCss} option[value="${value}"]`);
  await s.exec(
    `const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1];
     el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [selectCss, value],
  );
}

before(() => { assert.ok(APP && CLI, 'LOTSEN_APP and LOTSEN_CLI must be set (see tests/e2e/run.sh)'); });
after(closeApp);

test('create a pilot with umlauts, find it by search, find it again after a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lotsen-e2e-'));
  const db = join(dir, 'data', 'lotsenbuero.sqlite3');
  let s = await openApp(db);

  // An empty database offers demo data or an empty start.
  assert.equal(await s.displayed('#first-start'), true);
  await s.click('#start-empty');
  await s.waitFor('first-start dialog to close', async () => !(await s.displayed('#first-start')));

  await s.click('#new-pilot');
  await s.fill('#f-first_name', 'Ayşe');
  await s.fill('#f-last_name', 'Müller-Öztürk');
  await s.fill('#f-birth_date', '17.05.1980');
  await s.fill('#f-street', 'Steinweg 12');
  await s.fill('#f-postcode', '06484');
  await s.fill('#f-town', 'Quedlinburg');
  await selectOption(s, '#f-municipality', 'Quedlinburg');
  await s.fill('#f-email', 'ayse@example.org');
  await s.fill('#f-iban', 'DE89 3704 0044 0532 0130 00');
  await s.click('#save');
  await s.waitFor('saved message', async () => (await s.text('#toast')).includes('Gespeichert'));

  const stored = pilotsInDb(db);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].last_name, 'Müller-Öztürk');
  assert.equal(stored[0].first_name, 'Ayşe');
  assert.equal(stored[0].iban, 'DE89370400440532013000');
  assert.equal(stored[0].district, 'Quedlinburg');
  assert.equal(stored[0].birth_date, '1980-05-17');

  await s.fill('#search', 'Müller-Öz');
  const rows = await s.waitFor('search result', async () => {
    const r = await rowTexts(s);
    return r.length === 1 && r[0].includes('Müller-Öztürk, Ayşe') ? r : null;
  });
  assert.match(rows[0], /DE89 3704 0044 0532 0130 00/);
  assert.match(rows[0], /Interessent/);

  // Restart: the pilot is still there, and the first-start dialog does not come back.
  s = await openApp(db);
  assert.equal(await s.displayed('#first-start'), false);
  await s.fill('#search', 'öztürk');
  await s.waitFor('pilot after restart', async () => {
    const r = await rowTexts(s);
    return r.length === 1 && r[0].includes('Müller-Öztürk, Ayşe');
  });
});

test('an invalid IBAN shows the German message at the IBAN field and saves nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lotsen-e2e-'));
  const db = join(dir, 'lotsenbuero.sqlite3');
  const s = await openApp(db);
  await s.click('#start-empty');
  await s.click('#new-pilot');
  await s.fill('#f-first_name', 'Jonas');
  await s.fill('#f-last_name', 'Berg');
  await s.fill('#f-iban', 'DE89 3704 0044 0532 0130 01');
  await s.click('#save');
  const msg = await s.waitFor('IBAN error', async () => {
    const t = await s.text('#err-iban');
    return t.trim() ? t : null;
  });
  assert.match(msg, /IBAN ist ungültig \(Prüfziffer falsch\)/);
  assert.equal(await s.attr('#f-iban', 'aria-invalid'), 'true');
  assert.equal(pilotsInDb(db).length, 0);

  // Wrong length gets its own message.
  await s.fill('#f-iban', 'DE89 3704 0044 0532 0130');
  await s.click('#save');
  await s.waitFor('length error', async () => (await s.text('#err-iban')).includes('Länge'));
  assert.equal(pilotsInDb(db).length, 0);
});

test('first start with demo data shows 30 pilots; screenshot of the Lotsen screen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lotsen-e2e-'));
  const db = join(dir, 'lotsenbuero.sqlite3');
  const s = await openApp(db);
  await s.click('#start-demo');
  await s.waitFor('30 demo pilots', async () => (await rowTexts(s)).length === 30);
  assert.equal(pilotsInDb(db).length, 30);

  // Filter by district and status through the selects.
  await selectOption(s, '#filter-district', 'Wernigerode');
  await s.waitFor('district filter', async () => (await rowTexts(s)).length === 10);
  await selectOption(s, '#filter-status', 'active');
  await s.waitFor('status filter', async () => (await rowTexts(s)).length === 5);
  await selectOption(s, '#filter-status', '');
  await selectOption(s, '#filter-district', '');
  await s.waitFor('filters cleared', async () => (await rowTexts(s)).length === 30);

  // Open a pilot's form from the list.
  await s.click('#pilot-table tbody tr[data-id] td');
  await s.waitFor('form filled', async () => (await s.exec(`return document.querySelector('#f-last_name').value;`)).length > 0);
  writeFileSync(join(SHOTS, 'lotsen-demo.png'), await s.screenshot());
});
