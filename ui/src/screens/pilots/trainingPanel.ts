// The "Qualifizierung" tab of a pilot's page: the five modules of the basic course, modules and refreshers
// recognised without a course of the app ("anerkannt", also long ago), and the final test (also a past
// attempt). The backend checks each entry by the rules of its day.
import * as api from '../../backend/api';
import { formElement, h, replace } from '../../shared/dom';
import {
  FIELD_MESSAGES, FieldErrors, reportSaveError, dateInput, errorLine, integerInput, labelled, labelledCheckbox, readDate, readInteger, textInput,
} from '../../shared/fields';
import { formatDate, formatPoints } from '../../shared/format';
import type { RecordDeps, RecordPanel } from './recordPanel';
import type { AttemptField, AttemptInput, AttemptRow, CreditRecord, ModuleRow, PilotRecord, SessionKind } from '../../backend/types';

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

const CREDIT_LABELS = { modules: 'Anerkannt', on: 'Datum', note: 'Notiz (z. B. wo besucht)' } as const;

/** The refresher's entry in ModulesInput.modules (the backend also reads module numbers there). */
const REFRESHER = 'Auffrischung';

/** "✓ 03.11.2026 · Basislehrgang Herbst 2026 · Halberstadt", "✓ anerkannt: 10.04.2024 · VHS-Kurs" or "offen". */
function moduleItem(m: ModuleRow): HTMLElement {
  const parts = m.recognised
    ? ['anerkannt: ' + (m.first_attended_on ? formatDate(m.first_attended_on) : ''), m.note ?? '']
    : [m.first_attended_on ? formatDate(m.first_attended_on) : '', m.course ?? '', m.place ?? ''];
  const where = parts.filter((x) => x !== '').join(' · ');
  return h(
    'li',
    { class: `module ${m.done ? 'done' : 'open'}`, 'data-module': m.number },
    h('span', { class: 'module-title' }, `Modul ${m.number}: ${m.title}`),
    m.done
      ? h(
          'span',
          { class: 'module-state' },
          h('span', { class: 'check', 'aria-hidden': 'true' }, '✓ '),
          h('span', { class: 'visually-hidden' }, m.recognised ? '' : 'besucht: '),
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

/** "Modul 4" or "Auffrischung". */
function kindLabel(kind: SessionKind): string {
  return kind === 'refresher' ? REFRESHER : `Modul ${kind.module}`;
}

function creditRow(c: CreditRecord): HTMLTableRowElement {
  return h('tr', {}, h('td', {}, formatDate(c.on)), h('td', {}, kindLabel(c.kind)), h('td', {}, c.note), h('td', {}, c.who));
}

export function createTrainingPanel(deps: RecordDeps): RecordPanel {
  const { ctx } = deps;
  let record: PilotRecord | null = null;
  let busy = false;
  /** The form whose save is being shown. */
  let saving: 'attempt' | 'credit' | null = null;

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
  const form = formElement(
    { id: 'attempt-form', class: 'record-form', 'aria-labelledby': 'attempt-form-title' },
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

  // ---- recognised modules and refreshers ("anerkannt") ------------------------------------------
  const creditBody = h('tbody', {});
  const creditTable = h(
    'table',
    { id: 'credit-table', class: 'data-table compact' },
    h('caption', { class: 'visually-hidden' }, 'Anerkannte Module und Auffrischungen'),
    h('thead', {}, h('tr', {}, ...['Datum', 'Was', 'Notiz', 'Wer'].map((t) => h('th', { scope: 'col' }, t)))),
    creditBody,
  );
  const kinds = [
    ...ctx.reference.modules.map((m) => ({ value: String(m.number), label: `Modul ${m.number}`, title: m.title })),
    { value: REFRESHER, label: REFRESHER, title: 'Auffrischungsschulung' },
  ];
  const kindBoxes = kinds.map((k) => {
    const box = h('input', { type: 'checkbox', value: k.value, id: `c-kind-${k.value === REFRESHER ? 'refresher' : k.value}` });
    return { box, label: k.label, title: k.title };
  });
  const firstBoxId = kindBoxes[0].box.id;
  const creditOn = dateInput();
  const creditNote = textInput({ maxlength: 500 });
  const creditForm = formElement(
    { id: 'credit-form', class: 'record-form', 'aria-labelledby': 'credit-form-title' },
    h('h4', { id: 'credit-form-title' }, 'Außerhalb der Lehrgänge besucht (anerkannt)'),
    h(
      'fieldset',
      { class: 'checkbox-group', 'aria-describedby': `err-${firstBoxId}` },
      h('legend', {}, CREDIT_LABELS.modules),
      ...kindBoxes.map(({ box, label, title }) =>
        h('div', { class: 'checkbox' }, box, h('label', { for: box.id, title }, label)),
      ),
      errorLine(firstBoxId),
    ),
    h(
      'div',
      { class: 'field-row' },
      labelled('c-on', CREDIT_LABELS.on, creditOn),
      labelled('c-note', CREDIT_LABELS.note, creditNote),
    ),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', id: 'add-credit', class: 'secondary' }, 'Anerkennung speichern')),
  );
  const creditErrors = new FieldErrors(creditForm, { modules: firstBoxId, on: 'c-on', note: 'c-note' });
  let creditBusy = false;

  const element = h(
    'section',
    { class: 'record-section', 'aria-label': 'Qualifizierung' },
    h('h3', {}, 'Basislehrgang'),
    moduleList,
    h('h4', {}, 'Anerkannt'),
    h('div', { class: 'table-wrap inline' }, creditTable),
    creditForm,
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
    replace(creditBody);
    const credits = [...r.credits].sort((a, b) => b.on.localeCompare(a.on) || b.id - a.id);
    if (credits.length === 0) creditBody.append(h('tr', { class: 'empty' }, h('td', { colspan: 4 }, 'Nichts anerkannt.')));
    for (const c of credits) creditBody.append(creditRow(c));
    // A form that saved starts afresh; what is typed in the other one stays.
    if (!samePilot || (refill && saving === null)) {
      reset();
      resetCredit();
    } else if (refill && saving === 'attempt') reset();
    else if (refill && saving === 'credit') resetCredit();
  }

  function resetCredit(): void {
    creditErrors.clear();
    for (const { box } of kindBoxes) box.checked = false;
    creditOn.value = formatDate(ctx.today());
    creditNote.value = '';
  }

  creditForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (creditBusy || !record) return;
    ctx.clearError();
    creditErrors.clear();
    const modules = kindBoxes.filter(({ box }) => box.checked).map(({ box }) => box.value);
    // An empty choice goes to the backend too: it names what is missing.
    const on = readDate(creditOn);
    if (on === null) creditErrors.set('on', FIELD_MESSAGES.missing(CREDIT_LABELS.on));
    else if (on === undefined) creditErrors.set('on', FIELD_MESSAGES.notADate(CREDIT_LABELS.on));
    if (creditErrors.any() || !on) {
      creditErrors.focusFirst();
      return;
    }
    const pilotId = record.pilot.id;
    creditBusy = true;
    creditForm.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const updated = await api.addModules(pilotId, { modules, on, note: creditNote.value.trim() });
        ctx.toast(`Anerkannt: ${modules.map((m) => (m === REFRESHER ? m : `Modul ${m}`)).join(', ')} am ${formatDate(on)}.`);
        saving = 'credit';
        deps.update(updated, 'qualifizierung');
        saving = null;
      } catch (e) {
        reportSaveError(api.toAppError(e), creditErrors, ctx.showError);
      } finally {
        creditBusy = false;
        creditForm.removeAttribute('aria-busy');
      }
    })();
  });

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
        saving = 'attempt';
        deps.update(updated, 'qualifizierung');
        saving = null;
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
