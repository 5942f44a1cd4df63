// The "Qualifizierung" screen: courses (Lehrgänge), their sessions, and the attendance tick list of a session.
import * as api from '../../backend/api';
import { formElement, h, options, replace } from '../../shared/dom';
import { FIELD_MESSAGES, FieldErrors, reportSaveError, dateInput, labelled, readDate, textInput } from '../../shared/fields';
import { formatDate, pilotName } from '../../shared/format';
import type { Screen, ScreenContext } from '../../app/screen';
import type { Course, PilotName, SessionInput } from '../../backend/types';

const SESSION_IDS = { held_on: 'sess-held_on', module: 'sess-module', place: 'sess-place', trainer: 'sess-trainer' } as const;
const SESSION_LABELS = { held_on: 'Datum', module: 'Modul', place: 'Ort', trainer: 'Referent/in' } as const;

function byName(a: PilotName, b: PilotName): number {
  return pilotName(a).localeCompare(pilotName(b), 'de', { sensitivity: 'base' }) || a.id - b.id;
}

export function mountCourses(container: HTMLElement, ctx: ScreenContext): Screen {
  let courses: Course[] = [];
  let pilots: PilotName[] = [];
  let courseId: number | null = null;
  let sessionId: number | null = null;
  /** The session the session form edits; null while adding one. */
  let editingSession: number | null = null;
  /** Course being renamed in the course form; null for a new course. */
  let editingCourse: number | null = null;
  let attendanceSeq = 0;
  let busy = false;

  // ---- courses column ------------------------------------------------------------------------
  const courseList = h('ul', { id: 'course-list', class: 'pick-list' });
  const newCourse = h('button', { type: 'button', id: 'new-course', class: 'primary' }, 'Neuer Lehrgang');
  const courseName = textInput({ maxlength: 200 });
  const courseFormTitle = h('h4', { id: 'course-form-title' }, 'Neuer Lehrgang');
  const courseForm = formElement(
    { id: 'course-form', class: 'record-form', hidden: true, 'aria-labelledby': 'course-form-title' },
    courseFormTitle,
    labelled('course-name', 'Bezeichnung', courseName),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', id: 'save-course', class: 'primary' }, 'Speichern'),
      h('button', { type: 'button', id: 'cancel-course', class: 'secondary', onclick: () => closeCourseForm() }, 'Abbrechen'),
    ),
  );
  const courseErrors = new FieldErrors(courseForm, { name: 'course-name' });

  // ---- sessions column -----------------------------------------------------------------------
  const courseTitle = h('h3', { id: 'course-title' });
  const renameCourse = h('button', { type: 'button', id: 'rename-course', class: 'secondary small' }, 'Umbenennen');
  const sessionBody = h('tbody', {});
  const sessionTable = h(
    'table',
    { id: 'session-table', class: 'data-table compact' },
    h('caption', { class: 'visually-hidden' }, 'Termine'),
    h(
      'thead',
      {},
      h('tr', {}, ...['Datum', 'Modul', 'Ort', 'Referent/in', 'Teilnehmende'].map((t) => h('th', { scope: 'col' }, t))),
    ),
    sessionBody,
  );
  const heldOn = dateInput();
  const moduleSelect = h('select', {});
  moduleSelect.append(
    ...options([
      ...ctx.reference.modules.map((m) => ({ value: String(m.number), label: `Modul ${m.number}: ${m.title}` })),
      { value: '', label: 'Auffrischung' },
    ]),
  );
  const place = textInput({ maxlength: 200 });
  const trainer = textInput({ maxlength: 200 });
  const sessionFormTitle = h('h4', { id: 'session-form-title' }, 'Neuer Termin');
  const cancelSession = h('button', { type: 'button', id: 'cancel-session', class: 'secondary', hidden: true }, 'Abbrechen');
  const sessionForm = formElement(
    { id: 'session-form', class: 'record-form', 'aria-labelledby': 'session-form-title' },
    sessionFormTitle,
    h('div', { class: 'field-row' }, labelled(SESSION_IDS.held_on, SESSION_LABELS.held_on, heldOn), labelled(SESSION_IDS.module, SESSION_LABELS.module, moduleSelect)),
    h('div', { class: 'field-row' }, labelled(SESSION_IDS.place, SESSION_LABELS.place, place), labelled(SESSION_IDS.trainer, SESSION_LABELS.trainer, trainer)),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', id: 'save-session', class: 'primary' }, 'Termin speichern'), cancelSession),
  );
  const sessionErrors = new FieldErrors(sessionForm, SESSION_IDS);
  const courseDetail = h(
    'div',
    { id: 'course-detail', class: 'panel', hidden: true },
    h('div', { class: 'panel-header' }, courseTitle, renameCourse),
    h('div', { class: 'table-wrap inline' }, sessionTable),
    sessionForm,
  );

  // ---- attendance column ---------------------------------------------------------------------
  const attendanceTitle = h('h3', { id: 'attendance-title' }, 'Anwesenheit');
  const attendanceSession = h('p', { id: 'attendance-session', class: 'muted' });
  const editSession = h('button', { type: 'button', id: 'edit-session', class: 'secondary small' }, 'Termin bearbeiten');
  const attendanceList = h('ul', { id: 'attendance-list', class: 'tick-list', 'aria-labelledby': 'attendance-title' });
  const attendanceCount = h('p', { id: 'attendance-count', class: 'count', 'aria-live': 'polite' });
  const attendancePanel = h(
    'div',
    { id: 'attendance-panel', class: 'panel', hidden: true },
    h('div', { class: 'panel-header' }, attendanceTitle, editSession),
    attendanceSession,
    attendanceList,
    attendanceCount,
  );

  const element = h(
    'section',
    { id: 'screen-qualifizierung', class: 'screen screen-qualifizierung', 'aria-labelledby': 'qualifizierung-title' },
    h('h2', { id: 'qualifizierung-title', class: 'screen-title' }, 'Qualifizierung'),
    h(
      'div',
      { class: 'columns three' },
      h('div', { class: 'panel' }, h('div', { class: 'panel-header' }, h('h3', {}, 'Lehrgänge'), newCourse), courseList, courseForm),
      courseDetail,
      attendancePanel,
    ),
  );
  container.append(element);

  const course = () => courses.find((c) => c.id === courseId) ?? null;
  const session = () => course()?.sessions.find((s) => s.id === sessionId) ?? null;
  const participants = (n: number) => (n === 1 ? '1 Teilnehmende/r' : `${n} Teilnehmende`);

  // ---- rendering -----------------------------------------------------------------------------
  function renderCourses(): void {
    replace(courseList);
    if (courses.length === 0) courseList.append(h('li', { class: 'empty' }, 'Noch kein Lehrgang.'));
    for (const c of courses) {
      courseList.append(
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'course-item',
              'data-course-id': c.id,
              'aria-current': c.id === courseId ? 'true' : null,
              onclick: () => selectCourse(c.id),
            },
            c.name,
            h('span', { class: 'muted' }, ` (${c.sessions.length} ${c.sessions.length === 1 ? 'Termin' : 'Termine'})`),
          ),
        ),
      );
    }
  }

  function renderCourse(): void {
    const c = course();
    courseDetail.hidden = c === null;
    if (!c) return;
    courseTitle.textContent = c.name;
    replace(sessionBody);
    const sessions = [...c.sessions].sort((a, b) => a.held_on.localeCompare(b.held_on) || a.id - b.id);
    if (sessions.length === 0) sessionBody.append(h('tr', { class: 'empty' }, h('td', { colspan: 5 }, 'Noch kein Termin.')));
    for (const s of sessions) {
      const tr = h(
        'tr',
        { 'data-session-id': s.id, tabindex: 0, class: `clickable${s.id === sessionId ? ' selected' : ''}`, 'aria-current': s.id === sessionId ? 'true' : null },
        h('td', {}, formatDate(s.held_on)),
        h('td', {}, s.label),
        h('td', {}, s.place),
        h('td', {}, s.trainer),
        h('td', { class: 'num' }, String(s.attendees.length)),
      );
      sessionBody.append(tr);
    }
  }

  function renderAttendance(): void {
    const s = session();
    attendancePanel.hidden = s === null;
    if (!s) return;
    attendanceSession.textContent = `${formatDate(s.held_on)} · ${s.label}${s.place ? ` · ${s.place}` : ''}`;
    // Pilots who left are not offered, but one who attended stays visible so the record is not hidden.
    const shown = pilots.filter((p) => p.status !== 'left' || s.attendees.includes(p.id)).sort(byName);
    replace(attendanceList);
    if (shown.length === 0) attendanceList.append(h('li', { class: 'empty' }, 'Keine Lotsen erfasst.'));
    for (const p of shown) {
      const box = h('input', { type: 'checkbox', id: `att-${p.id}`, 'data-pilot-id': p.id });
      box.checked = s.attendees.includes(p.id);
      box.addEventListener('change', () => void tick(s.id, p, box));
      attendanceList.append(h('li', { class: 'checkbox' }, box, h('label', { for: `att-${p.id}` }, pilotName(p))));
    }
    attendanceCount.textContent = participants(s.attendees.length);
  }

  function renderAll(): void {
    renderCourses();
    renderCourse();
    renderAttendance();
  }

  // ---- selection -----------------------------------------------------------------------------
  function selectCourse(id: number): void {
    if (courseId !== id) {
      courseId = id;
      sessionId = null;
      resetSessionForm();
    }
    renderAll();
  }

  function selectSession(id: number): void {
    sessionId = id;
    renderCourse();
    renderAttendance();
    sessionBody.querySelector<HTMLElement>(`tr[data-session-id="${id}"]`)?.focus();
  }

  sessionBody.addEventListener('click', (ev) => {
    const tr = (ev.target as HTMLElement).closest('tr[data-session-id]');
    if (tr) selectSession(Number(tr.getAttribute('data-session-id')));
  });
  sessionBody.addEventListener('keydown', (ev) => {
    const tr = (ev.target as HTMLElement).closest<HTMLElement>('tr[data-session-id]');
    if (!tr) return;
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      selectSession(Number(tr.getAttribute('data-session-id')));
    } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      ((ev.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling) as HTMLElement | null)?.focus();
    }
  });

  /** Puts a course the backend returned into the list, keeping the order. */
  function storeCourse(c: Course): void {
    const at = courses.findIndex((x) => x.id === c.id);
    if (at >= 0) courses[at] = c;
    else courses.push(c);
  }

  // ---- course form ---------------------------------------------------------------------------
  function openCourseForm(c: Course | null): void {
    editingCourse = c?.id ?? null;
    courseFormTitle.textContent = c ? 'Lehrgang umbenennen' : 'Neuer Lehrgang';
    courseName.value = c?.name ?? '';
    courseErrors.clear();
    courseForm.hidden = false;
    courseName.focus();
  }

  function closeCourseForm(): void {
    const wasOpen = !courseForm.hidden;
    courseForm.hidden = true;
    courseErrors.clear();
    if (wasOpen) newCourse.focus();
  }

  newCourse.addEventListener('click', () => openCourseForm(null));
  renameCourse.addEventListener('click', () => openCourseForm(course()));

  courseForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy) return;
    ctx.clearError();
    courseErrors.clear();
    const name = courseName.value.trim();
    if (name === '') {
      courseErrors.set('name', FIELD_MESSAGES.missing('Bezeichnung'));
      courseName.focus();
      return;
    }
    busy = true;
    void (async () => {
      try {
        const saved = await api.saveCourse(editingCourse, name);
        storeCourse(saved);
        courseForm.hidden = true;
        ctx.toast(editingCourse === null ? 'Lehrgang angelegt.' : 'Lehrgang umbenannt.');
        selectCourse(saved.id);
        courseList.querySelector<HTMLElement>(`button[data-course-id="${saved.id}"]`)?.focus();
      } catch (e) {
        reportSaveError(api.toAppError(e), courseErrors, ctx.showError);
      } finally {
        busy = false;
      }
    })();
  });

  // ---- session form --------------------------------------------------------------------------
  function resetSessionForm(): void {
    editingSession = null;
    sessionFormTitle.textContent = 'Neuer Termin';
    heldOn.value = '';
    moduleSelect.value = '1';
    place.value = '';
    trainer.value = '';
    cancelSession.hidden = true;
    sessionErrors.clear();
  }

  function editSelectedSession(): void {
    const s = session();
    if (!s) return;
    editingSession = s.id;
    sessionFormTitle.textContent = 'Termin bearbeiten';
    heldOn.value = formatDate(s.held_on);
    moduleSelect.value = s.module === null ? '' : String(s.module);
    place.value = s.place;
    trainer.value = s.trainer;
    cancelSession.hidden = false;
    sessionErrors.clear();
    heldOn.focus();
  }

  editSession.addEventListener('click', editSelectedSession);
  cancelSession.addEventListener('click', () => {
    resetSessionForm();
    heldOn.focus();
  });

  function readSession(): SessionInput | null {
    sessionErrors.clear();
    const date = readDate(heldOn);
    if (date === null) sessionErrors.set('held_on', FIELD_MESSAGES.missing(SESSION_LABELS.held_on));
    else if (date === undefined) sessionErrors.set('held_on', FIELD_MESSAGES.notADate(SESSION_LABELS.held_on));
    if (!date) {
      sessionErrors.focusFirst();
      return null;
    }
    return {
      held_on: date,
      module: moduleSelect.value === '' ? null : Number(moduleSelect.value),
      place: place.value.trim(),
      trainer: trainer.value.trim(),
    };
  }

  sessionForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const c = course();
    if (busy || !c) return;
    ctx.clearError();
    const input = readSession();
    if (!input) return;
    const editing = editingSession;
    busy = true;
    void (async () => {
      try {
        const before = new Set(c.sessions.map((s) => s.id));
        const saved = await api.saveSession(c.id, editing, input);
        storeCourse(saved);
        // Show the session just saved, so attendance can be ticked straight away.
        sessionId = editing ?? saved.sessions.find((s) => !before.has(s.id))?.id ?? sessionId;
        resetSessionForm();
        ctx.toast(editing === null ? 'Termin angelegt.' : 'Termin gespeichert.');
        renderAll();
        heldOn.focus();
      } catch (e) {
        reportSaveError(api.toAppError(e), sessionErrors, ctx.showError);
      } finally {
        busy = false;
      }
    })();
  });

  // ---- attendance ----------------------------------------------------------------------------
  async function tick(forSession: number, p: PilotName, box: HTMLInputElement): Promise<void> {
    const present = box.checked;
    const seq = ++attendanceSeq;
    ctx.clearError();
    try {
      const saved = await api.setAttendance(forSession, p.id, present);
      storeCourse(saved);
      if (seq !== attendanceSeq) return; // a later tick's answer will bring the counts
      // Not renderAttendance(): the list stays as it is, so focus stays on the box just ticked.
      renderCourses();
      renderCourse();
      const s = session();
      if (s && s.id === forSession) attendanceCount.textContent = participants(s.attendees.length);
    } catch (e) {
      box.checked = !present;
      ctx.showError(`Die Anwesenheit von ${pilotName(p)} konnte nicht gespeichert werden: ${api.toAppError(e).message}`);
    }
  }

  // ---- loading -------------------------------------------------------------------------------
  async function refresh(): Promise<void> {
    try {
      const [loadedCourses, loadedPilots] = await Promise.all([api.listCourses(), api.pilotNames()]);
      courses = loadedCourses;
      pilots = loadedPilots;
      if (courseId !== null && !course()) courseId = null;
      if (courseId === null && courses.length > 0) courseId = courses[courses.length - 1].id; // the newest cohort
      if (sessionId !== null && !session()) sessionId = null;
      renderAll();
    } catch (e) {
      ctx.showError(`Die Lehrgänge konnten nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  resetSessionForm();

  return {
    element,
    refresh,
    onEscape(): boolean {
      if (!courseForm.hidden) {
        closeCourseForm();
        return true;
      }
      if (editingSession !== null) {
        resetSessionForm();
        heldOn.focus();
        return true;
      }
      return false;
    },
  };
}

