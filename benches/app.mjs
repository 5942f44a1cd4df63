#!/usr/bin/env node
// Times the desktop app (issue 16) as a person meets it: the real app under Xvfb through tauri-driver, on a demo
// database of each size. Prints one table: start (process start → first screen's rows on the page, and where that
// time goes: the web process started, the page's navigation, the app's script, the shared data, the first screen), each screen
// (click → its data loaded and drawn: the UI's performance measure "screen:<id>" and the next frame), the pilot search
// (last key → the rows found on the page) and the memory (PSS of the app and its WebKit processes, from
// /proc/PID/smaps_rollup). With --leak-minutes M it then switches screens for M minutes and samples PSS every 30 s.
//
//   (cd ui && npm run build) && cargo build --release -p lotsenbuero --features custom-protocol && cargo build --release -p lotsen
//   node benches/app.mjs [--sizes 30,10000] [--app target/release/lotsenbuero] [--cli target/release/lotsen]
//                        [--starts 3] [--rounds 3] [--leak-minutes 0] [--leak-pause 0] [--leak-screens a,b] [--smaps]
//                        [--pss-detail] [--screen-pause 0] [--rest 30]
// Needs xvfb-run, dbus-run-session, tauri-driver and WebKitWebDriver (as tests/e2e/run.sh); it starts itself under
// Xvfb when DISPLAY is not set. LOTSEN_WEBDRIVER_PORT moves the driver's port (default 4444).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Session, startDriver, stopDriver } from '../tests/e2e/webdriver.mjs';

const argv = process.argv.slice(2);
function opt(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
}
const APP = resolve(opt('app', 'target/release/lotsenbuero'));
const CLI = resolve(opt('cli', 'target/release/lotsen'));
const SIZES = opt('sizes', '30,10000').split(',').map(Number);
const STARTS = Number(opt('starts', '3'));
const ROUNDS = Number(opt('rounds', '3'));
const LEAK_MINUTES = Number(opt('leak-minutes', '0'));
/** --pss-detail: also prints each process's PSS (which part of the memory is the app's, which WebKit's). */
const PSS_DETAIL = argv.includes('--pss-detail');
/** --smaps: with --leak-minutes, prints where each process's PSS sits (glibc heap, anonymous maps by size, files)
 * after the first minute and at the end, to tell which allocator grows. */
const SMAPS = argv.includes('--smaps');
/** --leak-screens a,b: the screens the leak check switches between (default: all, in turn). */
const LEAK_SCREENS = opt('leak-screens', '').split(',').filter(Boolean);
/** --leak-pause MS: the leak check waits MS after each screen is drawn, as a person reading it would (default 0:
 * the next switch at once, as fast as the app draws). */
const LEAK_PAUSE = Number(opt('leak-pause', '0'));
/** --screen-pause MS: the rounds wait MS before each screen is clicked, so each is timed as a person meets it after
 * reading the last one, e.g. after the web process gave memory back (default 0: one after the other). */
const SCREEN_PAUSE = Number(opt('screen-pause', '0'));
/** --rest S: PSS is taken once more S seconds after the last screen, as the app is while a person reads (default 30;
 * WebKit's memory pressure handler looks every 10 s); 0 leaves it out. */
const REST = Number(opt('rest', '30'));
const TODAY = '2026-11-26';
const SCREENS = ['uebersicht', 'lotsen', 'qualifizierung', 'abrechnung', 'berichte', 'einstellungen', 'protokoll'];

if (!process.env.DISPLAY) {
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1400x900x24', 'dbus-run-session', '--', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NO_AT_BRIDGE: '1' },
  });
  process.exit(r.status ?? 1);
}

for (const f of [APP, CLI]) if (!existsSync(f)) throw new Error(`${f} fehlt: erst bauen (siehe Kopf der Datei)`);

// ---- processes and memory ----------------------------------------------------------------------
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
// The boot time on the wall clock to 10 ms: now minus /proc/uptime (btime in /proc/stat is whole seconds, up to 1 s
// early, which once showed every start up to a second slower than it was).
const BOOT_MS = Date.now() - parseFloat(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;

function stat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(rest[1]), startMs: BOOT_MS + (Number(rest[19]) * 1000) / CLK_TCK };
  } catch {
    return null;
  }
}

function pids() {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

/** The app's process (its executable is APP), started by our driver. */
function appPid() {
  const real = realpathSync(APP);
  for (const pid of pids()) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) === real) return pid;
    } catch {
      /* gone or not ours */
    }
  }
  return null;
}

/** The app and every process below it (WebKitWebProcess, WebKitNetworkProcess). */
function tree(root) {
  const all = pids().map((pid) => ({ pid, ...stat(pid) }));
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const p of all) if (p.ppid === out[i]) out.push(p.pid);
  return out;
}

/** A process's /proc/PID/smaps_rollup as a lookup of its fields in kB (throws if the process has ended). */
function rollupOf(pid) {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
}

/** The web process's PSS and private dirty memory in MB (what WebKit's memory pressure handler weighs). */
function webMb(root) {
  for (const pid of tree(root)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'WebKitWebProces') continue;
      const field = rollupOf(pid);
      return { pss: field('Pss') / 1024, dirty: field('Private_Dirty') / 1024 };
    } catch {
      /* ended meanwhile */
    }
  }
  return { pss: 0, dirty: 0 };
}

function pssMb(root, detail = false) {
  let kb = 0;
  for (const pid of tree(root)) {
    try {
      const field = rollupOf(pid);
      const own = field('Pss');
      if (detail) {
        const mb = (k) => (k / 1024).toFixed(1);
        const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        console.log(`PSS ${comm} (${pid}): ${mb(own)} MB (anonymous ${mb(field('Pss_Anon'))}, files ${mb(field('Pss_File'))}, shared memory ${mb(field('Pss_Shmem'))})`);
      }
      kb += own;
    } catch {
      /* ended meanwhile */
    }
  }
  return kb / 1024;
}

/** PSS in MB of each process of the tree by kind of mapping: the glibc heap, anonymous maps (by size), files. */
function smapsByKind(root) {
  const out = {};
  for (const pid of tree(root)) {
    let text;
    try {
      text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
    } catch {
      continue;
    }
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    const kinds = (out[`${comm} ${pid}`] = {});
    let kind = null;
    for (const line of text.split('\n')) {
      const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (head) {
        const size = (parseInt(head[2], 16) - parseInt(head[1], 16)) / 1048576;
        const name = head[3];
        kind = name === '' ? `anon ${size >= 64 ? '≥64' : size >= 1 ? '1–64' : '<1'} MB` : name.startsWith('/') ? 'files' : name;
        continue;
      }
      const pss = /^Pss:\s+(\d+) kB/.exec(line);
      if (pss && kind) kinds[kind] = (kinds[kind] ?? 0) + Number(pss[1]) / 1024;
    }
  }
  return Object.fromEntries(
    Object.entries(out).map(([proc, kinds]) => [proc, Object.fromEntries(Object.entries(kinds).filter(([, mb]) => mb >= 1).map(([k, mb]) => [k, Math.round(mb)]))]),
  );
}

// ---- the page ----------------------------------------------------------------------------------
/** Clicks a screen's navigation button; answers ms until its data is loaded (the UI's measure) and drawn. */
const SHOW_SCREEN = `
  const [id, done] = arguments;
  const name = 'screen:' + id;
  performance.clearMeasures(name);
  const t0 = performance.now();
  document.querySelector('#nav-' + id).click();
  (function poll() {
    const m = performance.getEntriesByName(name);
    if (m.length === 0) return setTimeout(poll, 2);
    requestAnimationFrame(() => requestAnimationFrame(() => done({ loaded: m[0].duration, drawn: performance.now() - t0 })));
  })();`;

/** Types a search as a person would (a key every 80 ms); answers ms from the last key until the rows found are drawn. */
const SEARCH = `
  const [term, done] = arguments;
  const input = document.querySelector('#search');
  const body = document.querySelector('#pilot-table tbody');
  const before = body.firstElementChild;
  input.value = '';
  let t0 = 0;
  const keys = [...term];
  (function key(i) {
    input.value = term.slice(0, i + 1);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    if (i + 1 < keys.length) return setTimeout(() => key(i + 1), 80);
    t0 = performance.now();
    (function poll() {
      const first = body.firstElementChild;
      if (first === before || !first || !first.textContent.toLowerCase().includes(term.toLowerCase())) return setTimeout(poll, 2);
      requestAnimationFrame(() => requestAnimationFrame(() => done({ drawn: performance.now() - t0, count: document.querySelector('#pilot-count').textContent })));
    })();
  })(0);`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; // of two: their mean, not the larger
};

async function openApp(db) {
  const driver = await startDriver({ LOTSEN_DB: db, LOTSEN_TODAY: TODAY, LOTSEN_DOCUMENTS: join(db, '..', '..', 'Dokumente'), LOTSEN_NO_OPEN: '1' });
  const s = await Session.start(APP);
  // On the page's clock: the navigation's start, the app's marks (ui/src/main.ts) and the first screen's measure.
  const at = await s.waitFor('first screen', async () =>
    s.exec(`const m = performance.getEntriesByName('screen:lotsen')[0]; if (!m) return null;
      const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
      return { origin: performance.timeOrigin, script: mark('start:script'), data: mark('start:data'), done: m.startTime + m.duration };`),
  30000);
  const pid = appPid();
  const began = stat(pid).startMs;
  // The web process is the app's child that WebKit starts for the page (its start to 10 ms).
  const web = pids().find((p) => stat(p)?.ppid === pid && exeName(p) === 'WebKitWebProcess');
  const phases = {
    web: web ? stat(web).startMs - began : null,
    navigation: at.origin - began,
    script: at.script,
    data: at.data - at.script,
    screen: at.done - at.data,
  };
  return { driver, s, pid, startMs: at.origin + at.done - began, phases };
}

function exeName(pid) {
  try {
    return readlinkSync(`/proc/${pid}/exe`).split('/').pop();
  } catch {
    return '';
  }
}

async function closeApp({ driver, s }) {
  try {
    await s.end();
  } catch {
    /* already gone */
  }
  await stopDriver(driver);
}

function freshCopy(template) {
  const dir = mkdtempSync(join(tmpdir(), 'lotsen-bench-app-'));
  cpSync(template, dir, { recursive: true });
  return join(dir, 'data', 'lotsenbuero.sqlite3');
}

async function measure(size) {
  const template = mkdtempSync(join(tmpdir(), 'lotsen-bench-tpl-'));
  const db = join(template, 'data', 'lotsenbuero.sqlite3');
  execFileSync(CLI, ['--db', db, '--today', TODAY, 'demo', '--pilots', String(size)], { stdio: 'ignore' });
  const pilots = JSON.parse(execFileSync(CLI, ['--db', db, '--today', TODAY, 'pilots', 'list', '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const term = pilots[Math.floor(pilots.length / 2)].last_name;

  const starts = [];
  const phases = [];
  for (let i = 0; i < STARTS; i++) {
    const app = await openApp(freshCopy(template));
    starts.push(app.startMs);
    phases.push(app.phases);
    await closeApp(app);
  }

  const app = await openApp(freshCopy(template));
  const { s, pid } = app;
  await sleep(6000); // the care at start-up (backup) has run
  const screens = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const id of SCREENS) {
      if (SCREEN_PAUSE > 0) await sleep(SCREEN_PAUSE);
      (screens[id] ??= []).push((await s.execAsync(SHOW_SCREEN, [id])).drawn);
    }
  }
  await s.execAsync(SHOW_SCREEN, ['lotsen']);
  const searches = [];
  for (let r = 0; r < ROUNDS; r++) {
    searches.push((await s.execAsync(SEARCH, [term])).drawn);
    await s.execAsync(SHOW_SCREEN, ['lotsen']);
  }
  const pss = pssMb(pid, PSS_DETAIL);
  let rested = null;
  if (REST > 0) {
    await sleep(REST * 1000);
    rested = pssMb(pid, PSS_DETAIL);
  }

  let leak = null;
  if (LEAK_MINUTES > 0) {
    const samples = [];
    const t0 = Date.now();
    let next = t0;
    let clicks = 0;
    while (Date.now() - t0 < LEAK_MINUTES * 60000) {
      if (Date.now() >= next) {
        samples.push({ min: (Date.now() - t0) / 60000, mb: pssMb(pid), web: webMb(pid) });
        if (SMAPS && samples.length === 3) console.log(`smaps after ${clicks} switches:`, JSON.stringify(smapsByKind(pid)));
        next += 30000;
      }
      const order = LEAK_SCREENS.length ? LEAK_SCREENS : SCREENS;
      await s.execAsync(SHOW_SCREEN, [order[clicks++ % order.length]]);
      if (LEAK_PAUSE > 0) await sleep(LEAK_PAUSE);
    }
    samples.push({ min: (Date.now() - t0) / 60000, mb: pssMb(pid), web: webMb(pid) });
    if (SMAPS) console.log(`smaps after ${clicks} switches:`, JSON.stringify(smapsByKind(pid)));
    leak = { samples, clicks };
  }
  await closeApp(app);
  return { size, starts, phases, screens, searches, term, pss, rested, leak };
}

// ---- the table ---------------------------------------------------------------------------------
const results = [];
for (const size of SIZES) results.push(await measure(size));

const ms = (x) => `${Math.round(x)} ms`;
function phase(r, key) {
  const xs = r.phases.map((p) => p[key]).filter((x) => typeof x === 'number');
  return xs.length ? `${ms(median(xs))} (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})` : '?';
}
const rows = [
  ['start (median of ' + STARTS + ')', (r) => `${ms(median(r.starts))} (${Math.round(Math.min(...r.starts))}–${Math.round(Math.max(...r.starts))})`],
  // Medians of each part on its own (they need not add up to the median start).
  ['start: process → web process started', (r) => phase(r, 'web')],
  ['start: process → page navigation', (r) => phase(r, 'navigation')],
  ['start: navigation → app script runs', (r) => phase(r, 'script')],
  ['start: shared data (app_state, reference_data)', (r) => phase(r, 'data')],
  ['start: first screen (Lotsen) drawn', (r) => phase(r, 'screen')],
  ...SCREENS.map((id) => [`screen ${id} (median of ${ROUNDS})`, (r) => ms(median(r.screens[id]))]),
  [`search (median of ${ROUNDS})`, (r) => ms(median(r.searches))],
  ['PSS app + WebKit', (r) => `${Math.round(r.pss)} MB`],
  ...(REST > 0 ? [[`PSS app + WebKit, ${REST} s after the last screen`, (r) => `${Math.round(r.rested)} MB`]] : []),
];
console.log(`| figure | ${results.map((r) => `${r.size} pilots`).join(' | ')} |`);
console.log(`|---|${results.map(() => '---').join('|')}|`);
for (const [label, f] of rows) console.log(`| ${label} | ${results.map(f).join(' | ')} |`);

for (const r of results) {
  if (!r.leak) continue;
  const { samples, clicks } = r.leak;
  // Growth from the first sample after a minute (caches filled) to the last, and the least-squares slope per hour.
  const warm = samples.filter((x) => x.min >= 1);
  const n = warm.length;
  const mx = warm.reduce((a, x) => a + x.min, 0) / n;
  const my = warm.reduce((a, x) => a + x.mb, 0) / n;
  const slope = warm.reduce((a, x) => a + (x.min - mx) * (x.mb - my), 0) / warm.reduce((a, x) => a + (x.min - mx) ** 2, 0);
  const first = warm[0].mb;
  const last = warm[n - 1].mb;
  console.log(
    `\nleak check, ${r.size} pilots${LEAK_PAUSE ? `, ${LEAK_PAUSE} ms after each screen` : ''}: ${clicks} screen switches in ${samples.at(-1).min.toFixed(1)} min; PSS ${first.toFixed(1)} MB (after 1 min) → ` +
      `${last.toFixed(1)} MB (${(((last - first) / first) * 100).toFixed(1)} %); slope ${(slope * 60).toFixed(1)} MB/h ` +
      `= ${(((slope * 60) / first) * 100).toFixed(1)} % per hour if it went on so`,
  );
  console.log(`samples (min: MB): ${samples.map((x) => `${x.min.toFixed(1)}: ${x.mb.toFixed(1)}`).join(', ')}`);
  console.log(
    `web process (min: PSS / private dirty MB): ${samples.map((x) => `${x.min.toFixed(1)}: ${x.web.pss.toFixed(0)} / ${x.web.dirty.toFixed(0)}`).join(', ')}`,
  );
}
