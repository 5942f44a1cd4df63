// End-to-end: one SEPA file per run. The first "SEPA-Datei speichern…" records the export; the button then says
// "SEPA-Datei erneut erstellen…", asks for the reason, and the new file keeps the message id; the run's page lists
// both exports.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { SHOTS, openApp, closeApp, freshDb, cliJson } from './harness.mjs';

after(closeApp);

const msgId = (xml) => xml.match(/<MsgId>([^<]+)<\/MsgId>/)[1];
const pmtId = (xml) => xml.match(/<PmtInfId>([^<]+)<\/PmtInfId>/)[1];

test('SEPA: the second file needs "erneut erstellen" with a reason, keeps the message id, and both are listed', async () => {
  const db = freshDb();
  const saveDir = join(dirname(db), 'gespeichert');
  const s = await openApp(db, { LOTSEN_SAVE_AS_DIR: saveDir });
  await s.click('#start-demo');

  await s.click('#nav-einstellungen');
  await s.fill('#set-debtor_iban', 'DE02 1203 0000 0000 2020 51');
  await s.click('#save-settings');
  await s.waitFor('settings saved', async () => (await s.text('#toast')).includes('gespeichert'));

  await s.click('#nav-abrechnung');
  await s.el('#screen-abrechnung');
  await s.fill('#b-amount', '50.000,00');
  await s.click('#save-budget');
  await s.waitFor('budget shown', async () => (await s.text('#fig-budget')).includes('50.000,00'));
  await s.click('.create-run[data-month="2026-10"]');
  await s.el('#run-panel #run-lines');
  await s.click('#approve-run');
  await s.waitFor('approved', async () => cliJson(db, 'run', 'show', '2026-10').state === 'approved');

  // First file.
  await s.waitFor('first label', async () => (await s.text('#save-sepa')) === 'SEPA-Datei speichern…');
  await s.click('#save-sepa');
  const file = await s.waitFor('SEPA saved', async () => {
    if (!existsSync(saveDir)) return null;
    const f = readdirSync(saveDir).find((n) => n.endsWith('.xml'));
    return f ? join(saveDir, f) : null;
  });
  const first = readFileSync(file, 'utf8');
  await s.waitFor('one export listed', async () => s.exec(`return document.querySelectorAll('#sepa-export-table tbody tr').length === 1;`));

  // The second time the button says so and asks why.
  await s.waitFor('again label', async () => (await s.text('#save-sepa')) === 'SEPA-Datei erneut erstellen…');
  await s.click('#save-sepa');
  await s.waitFor('dialog open', async () => s.exec(`return document.querySelector('#sepa-again-dialog').open;`));
  assert.match(await s.text('#sepa-again-text'), new RegExp(msgId(first)));
  await s.click('#sepa-again-confirm');
  await s.waitFor('reason missing', async () => (await s.text('#err-sepa-reason')).includes('fehlt'));
  await s.fill('#sepa-reason', 'Datei beim Hochladen beschädigt');
  await s.click('#sepa-again-confirm');
  await s.waitFor('two exports listed', async () => s.exec(`return document.querySelectorAll('#sepa-export-table tbody tr').length === 2;`));
  const second = readFileSync(file, 'utf8');
  assert.equal(msgId(second), msgId(first), 'same message id');
  assert.equal(pmtId(second), pmtId(first), 'same payment-information id');
  const rows = await s.exec(`return [...document.querySelectorAll('#sepa-export-table tbody tr')].map((r) => r.innerText);`);
  assert.match(rows[0], /erste Datei/);
  assert.match(rows[1], /Datei beim Hochladen beschädigt/);
  for (const r of rows) assert.ok(r.includes(msgId(first)), r);
  writeFileSync(join(SHOTS, 'sepa-erneut.png'), await s.screenshot());

  // After "bezahlt" there is no SEPA button any more; the exports stay listed.
  await s.fill('#paid-on', '26.11.2026');
  await s.click('#mark-paid');
  await s.waitFor('paid', async () => cliJson(db, 'run', 'show', '2026-10').state === 'paid');
  await s.waitFor('no SEPA button', async () => s.exec(`return !document.querySelector('#save-sepa');`));
  assert.equal(await s.exec(`return document.querySelectorAll('#sepa-export-table tbody tr').length;`), 2);
});
