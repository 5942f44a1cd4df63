// End-to-end: import the Excel list through the app (preview first), then find the pilots;
// the change log shows who did it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { SHOTS, openApp, closeApp, freshDb, pilotsInDb, rowTexts } from './harness.mjs';

after(closeApp);

test('import a CSV: preview with every row, import, find the pilots', async () => {
  const db = freshDb();
  const csv = join(dirname(db), '..', 'lotsenliste.csv');
  // As German Excel writes it: Windows-1252, semicolons, quoted fields, DD.MM.YYYY.
  const rows = [
    'Vorname;Nachname;Geburtsdatum;Straße;PLZ;Ort;Gemeinde;Sprachen;IBAN;Lieblingsfarbe',
    'Jürgen;Weiß;03.04.1961;"Markt 1";38820;Halberstadt;Halberstadt;"Deutsch, Russisch";;blau',
    'Gülsen;Öztürk-Maaß;12.12.1988;Breite Str. 5;06484;Quedlinburg;Quedlinburg;Türkisch/Deutsch;DE89 3704 0044 0532 0130 00;rot',
    'Falsch;=HYPERLINK("http://x");01.01.1980;;;;;;;',
    'Tim;Datum;31.02.1990;;;;;;;',
  ];
  const latin1 = Buffer.from(rows.join('\r\n') + '\r\n', 'latin1');
  writeFileSync(csv, latin1);
  assert.equal(latin1.includes(0xfc), true, 'ü as one Windows-1252 byte');

  const s = await openApp(db, { LOTSEN_OPEN_FILE: csv });
  await s.click('#start-empty');
  await s.click('#nav-einstellungen');
  await s.click('#import-pick');
  const statuses = await s.waitFor('preview rows', async () => {
    const v = await s.exec(`return [...document.querySelectorAll('#import-preview tr[data-line]')].map(r => r.className + ' ' + r.innerText);`);
    return v.length === 4 ? v : null;
  });
  assert.match(statuses[0], /row-new/);
  assert.match(statuses[1], /row-new/);
  assert.match(statuses[2], /row-error/);
  assert.match(statuses[2], /Formel/);
  assert.match(statuses[3], /row-error/);
  assert.match(statuses[3], /Geburtsdatum/);
  const previewText = await s.text('#import-preview');
  assert.match(previewText, /Windows-1252/);
  assert.match(previewText, /Lieblingsfarbe/);
  assert.equal(pilotsInDb(db).length, 0, 'the preview writes nothing');
  writeFileSync(join(SHOTS, 'import-vorschau.png'), await s.screenshot());

  await s.click('#import-apply');
  await s.waitFor('imported', async () => pilotsInDb(db).length === 2);
  const names = pilotsInDb(db).map((p) => `${p.first_name} ${p.last_name}`).sort();
  assert.deepEqual(names, ['Gülsen Öztürk-Maaß', 'Jürgen Weiß']);

  await s.click('#nav-lotsen');
  await s.fill('#search', 'maaß');
  await s.waitFor('found after import', async () => {
    const r = await rowTexts(s);
    return r.length === 1 && r[0].includes('Öztürk-Maaß, Gülsen');
  });

  // The change log records the import.
  await s.click('#nav-protokoll');
  await s.click('#audit-apply');
  await s.waitFor('audit rows', async () => (await s.text('#audit-table')).includes('Öztürk-Maaß'));
});
