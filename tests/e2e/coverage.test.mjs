// End-to-end: the coverage dashboard shows what the core computes; drill-downs list exactly those pilots.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { SHOTS, openApp, closeApp, freshDb, cliJson, TODAY } from './harness.mjs';
import { execFileSync } from 'node:child_process';

after(closeApp);

const countOf = (s, district, kind) =>
  s.exec(`return document.querySelector('.count-link[data-district="${district}"][data-kind="${kind}"]')?.innerText;`);

test('Übersicht shows the core\'s coverage; the eligible count drills down to exactly those pilots', async () => {
  const db = freshDb();
  const saveDir = join(dirname(db), 'gespeichert');
  const s = await openApp(db, { LOTSEN_SAVE_AS_DIR: saveDir });
  await s.click('#start-demo');
  await s.click('#nav-uebersicht');
  await s.el('.district-card');

  const core = cliJson(db, 'coverage');
  const pilots = new Map(cliJson(db, 'pilots', 'list').map((p) => [p.id, p]));
  for (const d of [...core.districts, core.total]) {
    for (const kind of ['eligible', 'pipeline', 'paused', 'ending_soon', 'refresher_overdue']) {
      const shown = await s.waitFor(`${d.district} ${kind}`, () => countOf(s, d.district, kind));
      assert.match(shown, new RegExp(`\\b${d[kind]}\\b`), `${d.district} ${kind}`);
    }
  }
  writeFileSync(join(SHOTS, 'abdeckung.png'), await s.screenshot());

  // Drill down: Quedlinburg's eligible pilots, by id and by name.
  const qlb = core.districts.find((d) => d.district === 'Quedlinburg');
  await s.click('.count-link[data-district="Quedlinburg"][data-kind="eligible"]');
  const ids = await s.waitFor('drill-down list', async () => {
    const v = await s.exec(`return [...document.querySelectorAll('#drilldown .drill-pilot')].map(b => Number(b.dataset.pilotId));`);
    return v.length ? v : null;
  });
  assert.deepEqual([...ids].sort((a, b) => a - b), [...qlb.eligible_ids].sort((a, b) => a - b));
  const names = await s.exec(`return document.querySelector('#drilldown').innerText;`);
  for (const id of qlb.eligible_ids) {
    assert.ok(names.includes(pilots.get(id).last_name), `${pilots.get(id).last_name} in drill-down`);
  }
  writeFileSync(join(SHOTS, 'abdeckung-drilldown.png'), await s.screenshot());

  // "Speichern unter…" writes the report where the (test-overridden) dialog says.
  await s.click('#save-coverage');
  const file = join(saveDir, `Abdeckungsbericht_${TODAY}.pdf`);
  await s.waitFor('report saved', async () => existsSync(file));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.match(text, /Abdeckungsbericht/);
  assert.match(text, /Quedlinburg/);
});
