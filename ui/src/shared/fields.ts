// Building blocks for the smaller forms (status, screening, test, courses, settings): a labelled control
// with its error line, German date and whole-number inputs, and a book of field errors.
import { h, type Attrs } from './dom';
import { formatDate, parseGermanDate } from './format';
import type { AppError, FieldError } from '../backend/types';

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * <div class="field"><label for=id>label</label>control<p id="err-id"></p></div>.
 * The control gets the id and points at its error line with aria-describedby.
 */
export function labelled(id: string, label: string, control: Control, extraClass = ''): HTMLElement {
  control.id = id;
  control.setAttribute('aria-describedby', `err-${id}`);
  return h(
    'div',
    { class: `field ${extraClass}`.trim() },
    h('label', { for: id }, label),
    control,
    errorLine(id),
  );
}

/** A checkbox with its label after it, and an error line. */
export function labelledCheckbox(id: string, label: string, box: HTMLInputElement): HTMLElement {
  box.id = id;
  box.setAttribute('aria-describedby', `err-${id}`);
  return h('div', { class: 'field checkbox-field' }, h('div', { class: 'checkbox' }, box, h('label', { for: id }, label)), errorLine(id));
}

export function errorLine(id: string): HTMLElement {
  return h('p', { id: `err-${id}`, class: 'field-error', 'aria-live': 'polite' });
}

export function textInput(attrs: Attrs = {}): HTMLInputElement {
  return h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
}

/** A date typed as TT.MM.JJJJ; a date that parses is written back as DD.MM.YYYY on leaving the field. */
export function dateInput(): HTMLInputElement {
  const input = textInput({ placeholder: 'TT.MM.JJJJ', inputmode: 'numeric', maxlength: 10, class: 'date-input' });
  input.addEventListener('blur', () => {
    const iso = parseGermanDate(input.value);
    if (iso) input.value = formatDate(iso);
  });
  return input;
}

/** A whole number ≥ 0, typed as text (a number input would swallow what it cannot parse). */
export function integerInput(): HTMLInputElement {
  return textInput({ inputmode: 'numeric', maxlength: 10, class: 'number-input' });
}

/** '' → null, a real TT.MM.JJJJ date → ISO, anything else → undefined (not a date). */
export function readDate(input: HTMLInputElement): string | null | undefined {
  const raw = input.value.trim();
  if (raw === '') return null;
  return parseGermanDate(raw) ?? undefined;
}

const U32_MAX = 4_294_967_295;

/** '' → null, digits within the backend's range → the number, anything else → undefined. */
export function readInteger(input: HTMLInputElement): number | null | undefined {
  const raw = input.value.trim();
  if (raw === '') return null;
  if (!/^[0-9]+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n <= U32_MAX ? n : undefined;
}

export const FIELD_MESSAGES = {
  missing: (label: string) => `„${label}“ fehlt.`,
  notADate: (label: string) => `„${label}“ ist kein gültiges Datum (TT.MM.JJJJ).`,
  notAWholeNumber: (label: string) => `„${label}“ muss eine ganze Zahl (0 oder größer) sein.`,
} as const;

/**
 * The error lines of one form. Maps the backend's field keys to control ids; the error line of a control
 * has the id "err-<control id>". Keys are kept in screen order, for focusing the first error.
 */
export class FieldErrors {
  constructor(
    private readonly root: HTMLElement,
    private readonly ids: Record<string, string>,
  ) {}

  private find(id: string): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`#${id}`);
  }

  /** Shows (or with null clears) the message at the field; false when the key is not a field of this form. */
  set(key: string, message: string | null): boolean {
    const id = this.ids[key];
    if (!id) return false;
    const control = this.find(id);
    const line = this.find(`err-${id}`);
    if (!control || !line) return false;
    line.textContent = message ?? '';
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    return true;
  }

  /** Puts each error at its field; returns those that belong to no field of this form. */
  show(errors: FieldError[]): FieldError[] {
    const byKey = new Map<string, string[]>();
    const unplaced: FieldError[] = [];
    for (const e of errors) {
      // The backend may qualify a key ("letterhead.authority"); the last part names the field.
      const key = e.field in this.ids ? e.field : e.field.split('.').pop() ?? e.field;
      if (key in this.ids) byKey.set(key, [...(byKey.get(key) ?? []), e.message]);
      else unplaced.push(e);
    }
    for (const [key, messages] of byKey) {
      if (!this.set(key, messages.join(' '))) unplaced.push({ field: key, message: messages.join(' ') });
    }
    return unplaced;
  }

  clear(): void {
    for (const key of Object.keys(this.ids)) this.set(key, null);
  }

  /** True when at least one field shows an error. */
  any(): boolean {
    return this.firstKey() !== null;
  }

  focusFirst(): void {
    const key = this.firstKey();
    if (key) this.find(this.ids[key])?.focus();
  }

  private firstKey(): string | null {
    for (const [key, id] of Object.entries(this.ids)) {
      if ((this.find(`err-${id}`)?.textContent ?? '') !== '') return key;
    }
    return null;
  }
}

/**
 * After a failed save: validation errors go to their fields (focus on the first); anything else, or a
 * message that belongs to no field of the form, goes to the banner.
 */
export function reportSaveError(err: AppError, book: FieldErrors, showError: (message: string) => void): void {
  const unplaced = err.kind === 'validation' ? book.show(err.errors) : [];
  if (err.kind !== 'validation' || unplaced.length > 0 || err.errors.length === 0) {
    showError([err.message, ...unplaced.map((u) => u.message)].join(' '));
  }
  book.focusFirst();
}

/** Opens a <dialog> modally (or as a plain open element where showModal is missing). */
export function openDialog(dialog: HTMLDialogElement): void {
  if (typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
  else dialog.setAttribute('open', '');
}

export function closeDialog(dialog: HTMLDialogElement): void {
  if (typeof dialog.close === 'function') dialog.close();
  dialog.removeAttribute('open');
}

export function dialogOpen(dialog: HTMLDialogElement): boolean {
  return dialog.open || dialog.hasAttribute('open');
}
