// End-to-end: safe on a shared office PC. One instance (a second start hands over to the running
// window and exits; only one window exists), the command line works beside the app but a restore is
// refused while the app has the database open, and the log file and its folder are private.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { APP, CLI, TODAY, openApp, closeApp, freshDb, pilotsInDb } from './harness.mjs';

after(closeApp);

const mode = (p) => statSync(p).mode & 0o777;
const octal = (m) => m.toString(8).padStart(4, '0');

/** The top-level windows titled "Lotsenbüro" on this X display. */
function appWindows() {
  const tree = execFileSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' });
  // `0x200003 "Lotsenbüro": ("lotsenbuero" "Lotsenbuero") 1280x800…`: the title, not the class (the GTK leader window
  // "lotsenbuero" has the same class).
  return tree.split('\n').filter((l) => /^\s*0x[0-9a-f]+ "Lotsenb(ü|\\303\\274)ro":/.test(l));
}

/** Starts the app binary a second time with `env`; resolves with its exit code (or null after 20 s). */
function secondStart(env) {
  return new Promise((resolve) => {
    const child = spawn(APP, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve({ code: null, out }); }, 20000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

test('a second start brings the running window forward and exits; restore from the CLI is refused meanwhile', async () => {
  const db = freshDb();
  const root = dirname(dirname(db));
  // A folder that does not exist yet: the app creates it, so its mode is the app's doing.
  const logDir = join(root, 'logs', 'lotsenbuero');
  const env = { LOTSEN_DB: db, LOTSEN_TODAY: TODAY, LOTSEN_LOG_DIR: logDir, LOTSEN_NO_OPEN: '1' };
  const s = await openApp(db, env);
  await s.click('#start-demo');
  await s.waitFor('demo loaded', async () => (await s.exec(`return document.querySelectorAll('#pilot-table tbody tr[data-id]').length;`)) > 0);
  const pilots = pilotsInDb(db).length;
  assert.ok(pilots > 0);
  await s.waitFor('one window', async () => appWindows().length === 1).catch((e) => {
    throw new Error(`${e.message}\n${execFileSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' })}`);
  });

  const started = Date.now();
  const second = await secondStart(env);
  assert.equal(second.code, 0, `the second start exits at once (exit code ${second.code}): ${second.out}`);
  assert.ok(Date.now() - started < 15000, 'and soon');
  await new Promise((r) => setTimeout(r, 1500)); // a second window would have mapped by now
  assert.equal(appWindows().length, 1, `only one window:\n${appWindows().join('\n')}`);
  assert.doesNotMatch(second.out, /Lotsenbüro startet mit/, 'the second start never opened the database');

  // The first still answers, and the log says it was asked to come forward.
  await s.click('#nav-einstellungen');
  await s.el('#backup-now');
  const logFile = join(logDir, 'lotsenbuero.log');
  await s.waitFor('log line', async () => readFileSync(logFile, 'utf8').includes('Zweiter Start'));

  // The command line works beside the app (WAL) …
  const backup = join(root, 'cli-sicherung.sqlite3');
  execFileSync(CLI, ['--db', db, 'backup', backup]);
  assert.equal(pilotsInDb(db).length, pilots);
  // … but a restore while the app has the database open is refused, in German, with nothing replaced.
  const restore = spawnSync(CLI, ['--db', db, 'restore', backup], { encoding: 'utf8' });
  assert.equal(restore.status, 1, restore.stderr);
  assert.match(restore.stderr, /noch in einem anderen Programm geöffnet/);
  assert.equal(pilotsInDb(db).length, pilots);
  await s.click('#nav-lotsen');
  await s.waitFor('app still shows its pilots', async () => (await s.exec(`return document.querySelectorAll('#pilot-table tbody tr[data-id]').length;`)) > 0);

  // The log file the app wrote, and the folders it created for it, are private.
  assert.equal(octal(mode(logFile)), '0600', 'log file');
  assert.equal(octal(mode(logDir)), '0700', 'log folder');
  assert.equal(octal(mode(dirname(logDir))), '0700', 'its parent, created by the app too');
});

test('a log folder and file left readable by others are made private at start', async () => {
  const db = freshDb();
  const logDir = join(dirname(dirname(db)), 'alte-logs');
  mkdirSync(logDir, { recursive: true });
  const old = join(logDir, 'lotsenbuero.log');
  const rotated = join(logDir, 'lotsenbuero_2026-01-01_10-00-00.log');
  writeFileSync(old, 'alte Zeile\n');
  writeFileSync(rotated, 'noch älter\n');
  chmodSync(logDir, 0o755);
  chmodSync(old, 0o644);
  chmodSync(rotated, 0o644);
  const s = await openApp(db, { LOTSEN_LOG_DIR: logDir });
  await s.el('#first-start');
  await s.waitFor('tightened', async () => mode(old) === 0o600);
  assert.equal(octal(mode(logDir)), '0700');
  assert.equal(octal(mode(rotated)), '0600');
  assert.deepEqual(readdirSync(logDir).filter((f) => mode(join(logDir, f)) & 0o077), []);
  assert.match(readFileSync(old, 'utf8'), /Nur noch für Sie lesbar gemacht/);
});
