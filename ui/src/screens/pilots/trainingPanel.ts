// The "Qualifizierung" tab of a pilot's page: the five modules of the basic course and the final test.
import * as api from '../../backend/api';
import { h, replace } from '../../shared/dom';
import { FIELD_MESSAGES, FieldErrors, reportSaveError, dateInput, integerInput, labelled, labelledCheckbox, readDate, readInteger, textInput } from '../../shared/fields';
import { formatDate, formatPoints } from '../../shared/format';
import type { RecordDeps, RecordPanel } from './recordPanel';
import type { AttemptField, AttemptInput, AttemptRow, ModuleRow, PilotRecord } from '../../backend/types';

const FIELD_IDS: Record<AttemptField, string> = {
  taken_on: 't-taken_on',
  points: 't-points',
  max_points: 't-max_points',
  interview_passed: 't-interview_passed',
  interviewer: 't-interviewer',
};

const LABELS = {
  taken_on: 'Datum',
  points: 'Punkte',
  max_points: 'von max. Punkten',
  interview_passed: 'Gespräch bestanden',
  interviewer: 'Prüfer/in',
} as const;

/** "✓ 03.11.2026 · Basislehrgang Herbst 2026 · Halberstadt" or "offen". */
function moduleItem(m: ModuleRow): HTMLElement {
  const where = [m.first_attended_on ? formatDate(m.first_attended_on) : '', m.course ?? '', m.place ?? '']
    .filter((x) => x !== '')
    .join(' · ');
  return h(
    'li',
    { class: `module ${m.done ? 'done' : 'open'}`, 'data-module': m.number },
    h('span', { class: 'module-title' }, `Modul ${m.number}: ${m.title}`),
    m.done
      ? h(
          'span',
          { class: 'module-state' },
          h('span', { class: 'check', 'aria-hidden': 'true' }, '✓ '),
          h('span', { class: 'visually-hidden' }, 'besucht: '),
          where,
        )
      : h('span', { class: 'module-state' }, 'offen'),
  );
}

function attemptRow(a: AttemptRow): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-attempt-id': a.id },
    h('td', {}, formatDate(a.taken_on)),
    h('td', { class: 'num' }, formatPoints(a.points, a.max_points)),
    h('td', {}, a.interview_passed ? 'bestanden' : 'nicht bestanden'),
    h('td', {}, a.interviewer),
    h('td', {}, h('span', { class: `result ${a.passed ? 'passed' : 'failed'}` }, a.passed ? 'bestanden' : 'nicht bestanden')),
  );
}

export function createTrainingPanel(deps: RecordDeps): RecordPanel {
  const { ctx } = deps;
  let record: PilotRecord | null = null;
  let busy = false;

  const moduleList = h('ol', { id: 'module-list', class: 'module-list' });
  const finalTest = h('p', { id: 'final-test', class: 'final-test' });
  const attemptBody = h('tbody', {});
  const attemptTable = h(
    'table',
    { id: 'attempt-table', class: 'data-table compact' },
    h('caption', { class: 'visually-hidden' }, 'Testversuche'),
    h('thead', {}, h('tr', {}, ...['Datum', 'Punkte', 'Gespräch', 'Prüfer/in', 'Ergebnis'].map((t) => h('th', { scope: 'col' }, t)))),
    attemptBody,
  );

  const takenOn = dateInput();
  const points = integerInput();
  const maxPoints = integerInput();
  const interviewPassed = h('input', { type: 'checkbox' });
  const interviewer = textInput({ maxlength: 200 });
  const form = h(
    'form',
    { id: 'attempt-form', class: 'record-form', novalidate: true, autocomplete: 'off', 'aria-labelledby': 'attempt-form-title' },
    h('h4', { id: 'attempt-form-title' }, 'Versuch eintragen'),
    h(
      'div',
      { class: 'field-row three' },
      labelled(FIELD_IDS.taken_on, LABELS.taken_on, takenOn),
      labelled(FIELD_IDS.points, LABELS.points, points),
      labelled(FIELD_IDS.max_points, LABELS.max_points, maxPoints),
    ),
    h(
      'div',
      { class: 'field-row' },
      labelled(FIELD_IDS.interviewer, LABELS.interviewer, interviewer),
      labelledCheckbox(FIELD_IDS.interview_passed, LABELS.interview_passed, interviewPassed),
    ),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', id: 'add-attempt', class: 'primary' }, 'Versuch speichern')),
  );
  const errors = new FieldErrors(form, FIELD_IDS);

  const element = h(
    'section',
    { class: 'record-section', 'aria-label': 'Qualifizierung' },
    h('h3', {}, 'Basislehrgang'),
    moduleList,
    h('h3', {}, 'Abschlusstest'),
    finalTest,
    h('div', { class: 'table-wrap inline' }, attemptTable),
    form,
  );

  function show(r: PilotRecord, refill: boolean): void {
    const samePilot = record?.pilot.id === r.pilot.id;
    record = r;
    replace(moduleList, ...r.modules.map(moduleItem));
    finalTest.textContent = r.final_test_passed
      ? 'Abschlusstest bestanden'
      : r.attempts.length === 0
        ? 'Abschlusstest nicht bestanden (noch kein Versuch)'
        : 'Abschlusstest nicht bestanden';
    finalTest.className = `final-test ${r.final_test_passed ? 'passed' : 'failed'}`;
    replace(attemptBody);
    if (r.attempts.length === 0) attemptBody.append(h('tr', { class: 'empty' }, h('td', { colspan: 5 }, 'Noch kein Versuch.')));
    for (const a of r.attempts) attemptBody.append(attemptRow(a));
    if (refill || !samePilot) reset();
  }

  function reset(): void {
    errors.clear();
    takenOn.value = formatDate(ctx.today());
    points.value = '';
    maxPoints.value = '';
    interviewPassed.checked = false;
    interviewer.value = '';
  }

  /** The form as AttemptInput, or null after showing what is missing or cannot be read. */
  function read(): AttemptInput | null {
    errors.clear();
    const date = readDate(takenOn);
    if (date === null) errors.set('taken_on', FIELD_MESSAGES.missing(LABELS.taken_on));
    else if (date === undefined) errors.set('taken_on', FIELD_MESSAGES.notADate(LABELS.taken_on));
    const numbers: Partial<Record<'points' | 'max_points', number>> = {};
    for (const [key, input] of [['points', points], ['max_points', maxPoints]] as const) {
      const n = readInteger(input);
      if (n === null) errors.set(key, FIELD_MESSAGES.missing(LABELS[key]));
      else if (n === undefined) errors.set(key, FIELD_MESSAGES.notAWholeNumber(LABELS[key]));
      else numbers[key] = n;
    }
    if (errors.any() || !date || numbers.points === undefined || numbers.max_points === undefined) {
      errors.focusFirst();
      return null;
    }
    return {
      taken_on: date,
      points: numbers.points,
      max_points: numbers.max_points,
      interview_passed: interviewPassed.checked,
      interviewer: interviewer.value.trim(),
    };
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy || !record) return;
    ctx.clearError();
    const input = read();
    if (!input) return;
    const pilotId = record.pilot.id;
    busy = true;
    form.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const updated = await api.addTestAttempt(pilotId, input);
        ctx.toast('Testversuch gespeichert.');
        deps.update(updated, 'qualifizierung');
        takenOn.focus();
      } catch (e) {
        reportSaveError(api.toAppError(e), errors, ctx.showError);
      } finally {
        busy = false;
        form.removeAttribute('aria-busy');
      }
    })();
  });

  return { element, show };
}
