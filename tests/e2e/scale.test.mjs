// End-to-end: a large office (issue 16). On a demo database of 10,000 pilots every screen shows its content, the
// register shows the count of all and a first page of rows (never all 10,000 in the page), "Weitere anzeigen" adds
// the next page, and the search finds a pilot from the middle of the register. Content is asserted, not time
// (benches/app.mjs measures the time).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CLI, TODAY, openApp, closeApp, freshDb, cliJson, rowTexts } from './harness.mjs';

after(closeApp);

const PILOTS = 10000;

test('10,000 pilots: the register a page at a time, the search, and every screen with its content', async () => {
  const db = freshDb();
  execFileSync(CLI, ['--db', db, '--today', TODAY, 'demo', '--pilots', String(PILOTS)], { encoding: 'utf8' });
  const all = cliJson(db, 'pilots', 'list');
  assert.equal(all.length, PILOTS);

  const s = await openApp(db);
  // The first page and the count of all.
  await s.waitFor('the count', async () => (await s.text('#pilot-count')) === '100 von 10.000 Lotsen angezeigt');
  assert.equal((await rowTexts(s)).length, 100);
  // The first rows are the first of the register in name order, as the command line lists them.
  const first = await s.exec(`return [...document.querySelectorAll('#pilot-table tbody tr[data-id]')].slice(0, 3).map((r) => Number(r.dataset.id));`);
  assert.deepEqual(first, all.slice(0, 3).map((p) => p.id));
  await s.click('#more-pilots');
  await s.waitFor('the second page', async () => (await rowTexts(s)).length === 200);
  assert.equal(await s.text('#pilot-count'), '200 von 10.000 Lotsen angezeigt');

  // The search finds a pilot from the middle of the register, and only that pilot: the first from the middle whose
  // full name no other pilot's contains.
  const fullName = (p) => `${p.first_name} ${p.last_name}`;
  const wanted = all.slice(PILOTS / 2).find((p) => all.filter((q) => fullName(q).includes(fullName(p))).length === 1);
  assert.ok(wanted, 'a pilot with a name of their own');
  await s.fill('#search', fullName(wanted));
  await s.waitFor(`${fullName(wanted)} found`, async () =>
    s.exec(`return document.querySelectorAll('#pilot-table tbody tr[data-id]').length === 1 && !!document.querySelector('#pilot-table tbody tr[data-id="${wanted.id}"]');`));
  const found = await rowTexts(s);
  assert.equal(found.length, 1);
  assert.ok(found[0].startsWith(`${wanted.last_name}, ${wanted.first_name}`), found[0]);
  assert.equal(await s.text('#pilot-count'), '1 Lotse');
  await s.clear('#search');

  // Every screen shows its content.
  const screens = [
    ['uebersicht', '#due-list li', async () => {
      const total = await s.exec(`return document.querySelector('#due-title').textContent;`);
      assert.match(total, /^Fällig \(\d+\)$/);
    }],
    ['qualifizierung', '#screen-qualifizierung', null],
    ['abrechnung', '#screen-abrechnung', null],
    ['berichte', '#certificate-pilot option', async () => {
      // The choice of a pilot for the certificate names all of them once it is used.
      await s.exec(`document.querySelector('#certificate-pilot').focus();`);
      const n = await s.exec(`return document.querySelectorAll('#certificate-pilot option').length;`);
      assert.equal(n, PILOTS + 1);
    }],
    ['einstellungen', '#screen-einstellungen', null],
    ['protokoll', '#audit-table tbody tr', null],
    ['lotsen', '#pilot-table tbody tr[data-id]', async () => {
      await s.waitFor('the first page again', async () => (await rowTexts(s)).length === 100);
    }],
  ];
  for (const [id, content, check] of screens) {
    await s.click(`#nav-${id}`);
    await s.el(`#screen-${id}`);
    await s.el(content);
    if (check) await check();
  }
});
