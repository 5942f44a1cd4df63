// Part of the Einstellungen screen: the former districts (name and target) and which district each
// municipality belongs to. Unlike the settings form above it, every row saves on its own; the new
// reference data goes to the shell, so the other screens (Lotsen filters, pilot form) use it next time.
import * as api from '../../backend/api';
import { formElement, h, options, replace } from '../../shared/dom';
import { errorLine, FIELD_MESSAGES, FieldErrors, integerInput, labelled, readInteger, reportSaveError, textInput } from '../../shared/fields';
import type { ScreenContext } from '../../app/screen';
import type { District, ReferenceData } from '../../backend/types';

const NAME_LABEL = 'Name';
const TARGET_LABEL = 'Soll (Lotsen)';

export interface ReferenceSettings {
  element: HTMLElement;
  refresh: () => Promise<void>;
}

export function createReferenceSettings(ctx: ScreenContext): ReferenceSettings {
  let shown: ReferenceData | null = null;

  const districtRows = h('div', { class: 'district-rows' });
  const districtSet = h(
    'fieldset',
    { id: 'districts-group', class: 'settings-group' },
    h('legend', {}, 'Altkreise'),
    h('p', { class: 'hint' }, 'Das Soll ist die Zahl einsatzbereiter Lotsen, die der Altkreis haben soll (Ampel der Übersicht).'),
    districtRows,
  );
  const muniBody = h('tbody', {});
  const muniSet = h(
    'fieldset',
    { id: 'municipalities-group', class: 'settings-group' },
    h('legend', {}, 'Gemeinden'),
    h(
      'p',
      { class: 'hint' },
      'Der Altkreis der Gemeinde wird bei neuen Lotsen vorgeschlagen. Bereits erfasste Lotsen behalten ihren Altkreis. ',
      'Eine Änderung wird sofort gespeichert.',
    ),
    h(
      'table',
      { id: 'municipality-table', class: 'data-table compact muni-table' },
      h('caption', { class: 'visually-hidden' }, 'Gemeinden und ihr Altkreis'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Gemeinde'), h('th', { scope: 'col' }, 'Altkreis'))),
      muniBody,
    ),
  );
  const element = h(
    'section',
    { class: 'reference-settings', 'aria-labelledby': 'reference-title' },
    h('h3', { id: 'reference-title', class: 'section-title' }, 'Altkreise und Gemeinden'),
    h('div', { class: 'reference-groups' }, districtSet, muniSet),
  );

  // ---- districts -----------------------------------------------------------------------------
  function districtRow(d: District): HTMLElement {
    const nameId = `district-name-${d.id}`;
    const targetId = `district-target-${d.id}`;
    const name = textInput({ maxlength: 100, value: d.name });
    const target = integerInput();
    target.value = String(d.target);
    const save = h('button', { type: 'submit', id: `save-district-${d.id}`, class: 'secondary' }, 'Speichern');
    const row = formElement(
      { class: 'district-row', 'data-district-id': d.id, 'aria-label': `Altkreis ${d.name}` },
      labelled(nameId, NAME_LABEL, name, 'district-name'),
      labelled(targetId, TARGET_LABEL, target, 'narrow district-target'),
      h('div', { class: 'row-action' }, save),
    );
    const errors = new FieldErrors(row, { name: nameId, target: targetId });
    let busy = false;

    row.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (busy) return;
      ctx.clearError();
      errors.clear();
      const newName = name.value.trim();
      const n = readInteger(target);
      if (newName === '') errors.set('name', FIELD_MESSAGES.missing(NAME_LABEL));
      if (n === null) errors.set('target', FIELD_MESSAGES.missing(TARGET_LABEL));
      else if (n === undefined) errors.set('target', FIELD_MESSAGES.notAWholeNumber(TARGET_LABEL));
      if (errors.any() || n === null || n === undefined) {
        errors.focusFirst();
        return;
      }
      busy = true;
      save.disabled = true;
      row.setAttribute('aria-busy', 'true');
      void (async () => {
        try {
          const ref = await api.saveDistrict(d.id, newName, n);
          const saved = ref.districts.find((x) => x.id === d.id);
          if (saved) {
            name.value = saved.name;
            target.value = String(saved.target);
            row.setAttribute('aria-label', `Altkreis ${saved.name}`);
          }
          adopt(ref, false);
          ctx.toast(`Altkreis „${saved?.name ?? newName}“ gespeichert.`);
        } catch (e) {
          reportSaveError(api.toAppError(e), errors, ctx.showError);
        } finally {
          busy = false;
          save.disabled = false;
          row.removeAttribute('aria-busy');
        }
      })();
    });
    return row;
  }

  // ---- municipalities ------------------------------------------------------------------------
  function muniRow(ref: ReferenceData, index: number): HTMLElement {
    const m = ref.municipalities[index];
    const id = `muni-${index}`;
    const known = ref.districts.some((d) => d.name === m.district);
    const select = h(
      'select',
      { id, 'data-municipality': m.name, 'aria-describedby': `err-${id}` },
      ...options([
        ...(known ? [] : [{ value: '', label: m.district ? `${m.district} (unbekannt)` : '– kein Altkreis –' }]),
        ...ref.districts.map((d) => ({ value: d.name, label: d.name })),
      ]),
    );
    select.value = known ? m.district : '';
    let saved = select.value;
    const line = errorLine(id);

    select.addEventListener('change', () => {
      const wanted = select.value;
      if (wanted === saved || wanted === '') {
        select.value = saved;
        return;
      }
      ctx.clearError();
      line.textContent = '';
      select.removeAttribute('aria-invalid');
      select.setAttribute('aria-busy', 'true');
      void (async () => {
        try {
          const ref2 = await api.setMunicipalityDistrict(m.name, wanted);
          saved = wanted;
          adopt(ref2, false);
          ctx.toast(`${m.name} gehört jetzt zum Altkreis ${wanted}.`);
        } catch (e) {
          // Put the select back to what is stored, and say why at the field (or in the banner).
          select.value = saved;
          const err = api.toAppError(e);
          const own = err.kind === 'validation' ? err.errors.filter((x) => x.field === 'district' || x.field === 'municipality') : [];
          if (own.length > 0) {
            line.textContent = own.map((x) => x.message).join(' ');
            select.setAttribute('aria-invalid', 'true');
          } else {
            ctx.showError(`Die Gemeinde ${m.name} konnte nicht zugeordnet werden: ${err.message}`);
          }
        } finally {
          select.removeAttribute('aria-busy');
        }
      })();
    });

    return h('tr', { 'data-municipality': m.name }, h('th', { scope: 'row' }, h('label', { for: id }, m.name)), h('td', {}, select, line));
  }

  function renderDistricts(ref: ReferenceData): void {
    replace(districtRows, ...(ref.districts.length === 0 ? [h('p', { class: 'muted' }, 'Keine Altkreise.')] : ref.districts.map(districtRow)));
  }

  function renderMunicipalities(ref: ReferenceData): void {
    replace(
      muniBody,
      ...(ref.municipalities.length === 0
        ? [h('tr', { class: 'empty' }, h('td', { colspan: 2 }, 'Keine Gemeinden.'))]
        : ref.municipalities.map((_, i) => muniRow(ref, i))),
    );
  }

  /**
   * Takes new reference data: shares it with the shell and redraws what changed. After a save the
   * district rows stay as they are (the saved row is already updated; others may hold unsaved edits).
   */
  function adopt(ref: ReferenceData, redrawDistricts: boolean): void {
    ctx.setReference(ref);
    const before = shown;
    shown = ref;
    if (redrawDistricts || !before || JSON.stringify(before.districts.map((d) => d.id)) !== JSON.stringify(ref.districts.map((d) => d.id))) {
      renderDistricts(ref);
    }
    // The selects are rebuilt when names or the mapping changed elsewhere; a change made here is already shown.
    const key = (r: ReferenceData) => JSON.stringify([r.districts.map((d) => d.name), r.municipalities]);
    if (!before || key(before) !== key(ref) || muniBody.childElementCount === 0) {
      const focused = document.activeElement?.id;
      renderMunicipalities(ref);
      if (focused?.startsWith('muni-')) document.getElementById(focused)?.focus();
    }
  }

  async function refresh(): Promise<void> {
    try {
      const ref = await api.referenceData();
      const same = shown && JSON.stringify(shown) === JSON.stringify(ref);
      if (!same) adopt(ref, true);
    } catch (e) {
      ctx.showError(`Altkreise und Gemeinden konnten nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  // Show what the shell already has at once; refresh() brings it up to date.
  shown = ctx.reference;
  renderDistricts(ctx.reference);
  renderMunicipalities(ctx.reference);

  return { element, refresh };
}
