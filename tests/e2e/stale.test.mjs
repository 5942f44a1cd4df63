// End-to-end: a draft goes stale. The October draft is shown in the app; meanwhile a pilot's pause
// from 20.10. is recorded through the command line on the same database. "Freigeben" then lists the
// differences in a dialog instead of approving, and "Übernehmen und freigeben" approves the figures
// the facts give now (19 of 31 days, 79,68 € instead of 130,00 €).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { SHOTS, CLI, TODAY, openApp, closeApp, freshDb, cliJson } from './harness.mjs';

after(closeApp);

test('a stale draft: approval lists the differences, accepting them approves the right amounts', async () => {
  const db = freshDb();
  const s = await openApp(db);
  await s.click('#start-demo');

  await s.click('#nav-abrechnung');
  await s.el('#screen-abrechnung');
  await s.fill('#b-amount', '50.000,00');
  await s.click('#save-budget');
  await s.waitFor('budget shown', async () => (await s.text('#fig-budget')).includes('50.000,00'));
  await s.click('.create-run[data-month="2026-10"]');
  await s.el('#run-panel #run-lines');
  const draft = cliJson(db, 'run', 'show', '2026-10');
  const line = draft.lines.find((l) => l.eligible_days === 31);
  assert.ok(line, 'a pilot with the full October');
  assert.equal(line.amount_cents, 13000);

  // Reported late, entered at the other desk: paused since 20 October.
  execFileSync(CLI, ['--db', db, '--today', TODAY, 'pilots', 'status', String(line.pilot_id), 'paused', '--on', '2026-10-20']);

  await s.click('#approve-run');
  const differences = await s.waitFor('stale dialog', async () => {
    const open = await s.exec(`return !!document.querySelector('#stale-dialog[open]');`);
    return open ? s.exec(`return [...document.querySelectorAll('#stale-differences li')].map((li) => li.innerText);`) : null;
  });
  assert.deepEqual(differences, [`${line.name}: Tage 31/31 → 19/31`, `${line.name}: Betrag 130,00 € → 79,68 €`]);
  assert.equal(cliJson(db, 'run', 'show', '2026-10').state, 'draft', 'nothing approved yet');
  writeFileSync(join(SHOTS, 'abrechnung-veraltet.png'), await s.screenshot());

  await s.click('#stale-accept');
  await s.waitFor('approved', async () => cliJson(db, 'run', 'show', '2026-10').state === 'approved');
  const run = cliJson(db, 'run', 'show', '2026-10');
  const paused = run.lines.find((l) => l.pilot_id === line.pilot_id);
  assert.equal(paused.eligible_days, 19);
  assert.equal(paused.amount_cents, 7968);
  assert.equal(run.total_cents, draft.total_cents - 13000 + 7968);
  await s.waitFor('approved in the window', async () => (await s.text('#run-state')) === 'freigegeben');
  assert.equal(await s.exec(`return !!document.querySelector('#stale-dialog[open]');`), false);
  writeFileSync(join(SHOTS, 'abrechnung-uebernommen.png'), await s.screenshot());
});
