// End-to-end: the ledger's two guards in the real app. (1) A pause reported after October was approved:
// the "Abrechnung" screen shows the banner, "Abgleich…" lists the difference, "Übernehmen" books it as a
// correction, after which the command line finds nothing left to reconcile. (2) Restoring a backup taken
// before October was approved: the dialog names the approved run that would be lost and restores only after
// the loss is confirmed; the lost statement numbers stay reserved.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { SHOTS, CLI, TODAY, openApp, closeApp, freshDb, cliJson } from './harness.mjs';

after(closeApp);

const cli = (db, ...args) => execFileSync(CLI, ['--db', db, '--today', TODAY, ...args], { encoding: 'utf8' });

/** October approved on the demo data (loaded first unless `demo` is false). */
function approvedOctober(db, demo = true) {
  if (demo) cli(db, 'demo');
  cli(db, 'budget', 'set', '2026', '50000');
  cli(db, 'run', 'create', '2026-10');
  cli(db, 'run', 'approve', '2026-10');
  const run = cliJson(db, 'run', 'show', '2026-10');
  assert.equal(run.state, 'approved');
  return run;
}

test('a pause reported after approval: the banner, the Abgleich dialog, the correction booked', async () => {
  const db = freshDb();
  const run = approvedOctober(db);
  const line = run.lines.find((l) => l.eligible_days === 31 && l.amount_cents === 13000);
  assert.ok(line, 'a pilot paid the full October');
  cli(db, 'pilots', 'status', String(line.pilot_id), 'paused', '--on', '2026-10-20');
  assert.equal(cliJson(db, 'reconcile').differences.length, 1);

  const s = await openApp(db);
  await s.click('#nav-abrechnung');
  const banner = await s.waitFor('banner', async () => {
    const shown = await s.exec(`const b = document.querySelector('#reconcile-banner'); return b && !b.hidden ? b.innerText : null;`);
    return shown;
  });
  assert.match(banner, /Ein freigegebener Monat stimmt nicht mehr mit den Daten überein \(1 Unterschied\)/);
  await s.click('#reconcile-open');
  await s.el('#reconcile-dialog[open], dialog[open] #reconcile-table');
  const rows = await s.exec(`return [...document.querySelectorAll('#reconcile-table tbody tr')].map((r) => r.innerText);`);
  assert.equal(rows.length, 1);
  assert.match(rows[0], new RegExp(line.name));
  assert.match(rows[0], /19 statt 31/);
  assert.match(rows[0], /−50,32 €|-50,32 €/);
  writeFileSync(join(SHOTS, 'abrechnung-abgleich.png'), await s.screenshot());

  await s.click('#reconcile-apply');
  await s.waitFor('booked', async () => (await s.text('#toast')).includes('1 Korrekturen übernommen'));
  assert.equal(cliJson(db, 'reconcile').differences.length, 0, 'nothing left to reconcile');
  await s.waitFor('banner gone', async () => s.exec(`return document.querySelector('#reconcile-banner').hidden;`));
  assert.equal(cliJson(db, 'run', 'show', '2026-10').total_cents, run.total_cents, 'the approved run is unchanged');
});

test('restore of an older backup: the lost approved run is named and must be confirmed', async () => {
  const db = freshDb();
  cli(db, 'demo');
  const backup = join(dirname(dirname(db)), 'vor-oktober.sqlite3');
  cli(db, 'backup', backup);
  const run = approvedOctober(db, false);
  const numbers = run.lines.map((l) => l.statement_number);

  const s = await openApp(db, { LOTSEN_OPEN_FILE: backup });
  await s.click('#nav-einstellungen');
  await s.click('#restore-pick');
  await s.el('#restore-dialog[open]');
  const lost = await s.waitFor('losses named', async () => {
    const shown = await s.exec(`const l = document.querySelector('#restore-losses'); return l && !l.hidden ? document.querySelector('#restore-loss-list').innerText : null;`);
    return shown;
  });
  assert.match(lost, /Oktober 2026/);
  await s.click('#restore-confirm');
  await s.waitFor('confirmation asked', async () => (await s.text('#restore-dialog')).includes('Bitte zuerst den Verlust bestätigen'));
  assert.equal(cliJson(db, 'run', 'show', '2026-10').state, 'approved', 'nothing restored yet');
  writeFileSync(join(SHOTS, 'wiederherstellen-verlust.png'), await s.screenshot());

  await s.click('#restore-accept-loss');
  await s.click('#restore-confirm');
  await s.waitFor('restored', async () => (await s.text('#toast')).includes('Sicherung wiederhergestellt'), 60000);
  await closeApp();
  // October was lost: approved anew, it never reuses a lost statement number.
  cli(db, 'run', 'create', '2026-10');
  cli(db, 'run', 'approve', '2026-10');
  const again = cliJson(db, 'run', 'show', '2026-10').lines.map((l) => l.statement_number);
  assert.equal(again.length, numbers.length);
  assert.deepEqual(again.filter((n) => numbers.includes(n)), [], 'no number names two payments');
});
