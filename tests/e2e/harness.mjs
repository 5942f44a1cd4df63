// Shared steps of the end-to-end tests: start the real app on a temp database, read the database back.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, stopDriver, Session } from './webdriver.mjs';

export const APP = process.env.LOTSEN_APP;
export const CLI = process.env.LOTSEN_CLI;
export const TODAY = '2026-11-26';
export const SHOTS = join(process.cwd(), 'target', 'e2e');
mkdirSync(SHOTS, { recursive: true });

let driver;
let session;

/** A fresh database path in its own temp folder. */
export function freshDb() {
  return join(mkdtempSync(join(tmpdir(), 'lotsen-e2e-')), 'data', 'lotsenbuero.sqlite3');
}

/** Starts the app on `db` (a fresh tauri-driver per app start, so the environment is the app's). */
export async function openApp(db, env = {}) {
  await closeApp();
  const docs = join(db, '..', '..', 'Dokumente');
  driver = await startDriver({ LOTSEN_DB: db, LOTSEN_TODAY: TODAY, LOTSEN_DOCUMENTS: docs, LOTSEN_NO_OPEN: '1', ...env });
  session = await Session.start(APP);
  await session.el('#pilot-table, #first-start');
  return session;
}

export async function closeApp() {
  if (session) { try { await session.end(); } catch { /* app already gone */ } }
  session = undefined;
  await stopDriver(driver);
  driver = undefined;
}

/** Runs the `lotsen` command line on `db` and parses its JSON output. */
export function cliJson(db, ...args) {
  const out = execFileSync(CLI, ['--db', db, '--today', TODAY, ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(out);
}

export const pilotsInDb = (db) => cliJson(db, 'pilots', 'list');

export async function rowTexts(s) {
  return s.exec(`return [...document.querySelectorAll('#pilot-table tbody tr[data-id]')].map(r => r.innerText);`);
}

/** Chooses an option as the keyboard would (native select pop-ups are not scriptable in WebKitGTK). */
export async function selectOption(s, selectCss, value) {
  await s.el(`${selectCss} option[value="${value}"]`);
  await s.exec(
    `const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1];
     el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [selectCss, value],
  );
}
