// End-to-end: the real Lotsenbüro debug app, its own temp data folder, driven like a person would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APP, CLI, SHOTS, cliJson, openApp, closeApp, freshDb, pilotsInDb, rowTexts, selectOption,
} from './harness.mjs';

before(() => { assert.ok(APP && CLI, 'LOTSEN_APP and LOTSEN_CLI must be set (see tests/e2e/run.sh)'); });
after(closeApp);

test('create a pilot with umlauts, find it by search, find it again after a restart', async () => {
  const db = freshDb();
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

  // Close the form: the list then shows every column, IBAN included.
  await s.click('#cancel');
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
  const db = freshDb();
  const s = await openApp(db);
  await s.click('#start-empty');
  await s.click('#new-pilot');
  await s.fill('#f-first_name', 'Jonas');
  await s.fill('#f-last_name', 'Berg');
  await s.fill('#f-iban', 'DE89 3704 0044 0532 0130 01');
  // Leaving the field asks the backend (validate_pilot): the message is there before saving.
  await s.click('#f-notes');
  await s.waitFor('IBAN error on leaving the field', async () => (await s.text('#err-iban')).includes('Prüfziffer'));
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
  const db = freshDb();
  const s = await openApp(db);
  await s.click('#start-demo');
  await s.waitFor('30 demo pilots', async () => (await rowTexts(s)).length === 30);
  assert.equal(pilotsInDb(db).length, 30);
  // The complete demo: budgets for this year and the last, a Storno, and the county's debtor account.
  for (const year of ['2025', '2026']) assert.equal(cliJson(db, 'budget', year).budget_cents, 30 * 12 * 13000, year);
  const schablone = pilotsInDb(db).find((p) => p.last_name === 'Schablone');
  assert.equal(cliJson(db, 'pilots', 'show', String(schablone.id)).cancelled_changes.length, 1);
  await s.click('#nav-einstellungen');
  await s.el('#settings-form');
  assert.match(await s.exec(`return document.querySelector('#set-debtor_name').value;`), /Demo/);
  assert.match(await s.exec(`return document.querySelector('#set-debtor_iban').value;`), /^DE/);
  await s.click('#nav-lotsen');
  await s.el('#pilot-table tbody tr[data-id]');

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
