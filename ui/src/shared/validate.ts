// Checks of what a person typed, answered by the backend's own rules: the same code that checks again
// when saving. The window keeps no copy of a rule (IBAN, e-mail, postcode, dates, amounts).
import * as api from '../backend/api';
import type { FieldError } from '../backend/types';

/** The messages about one field, joined; null when there is none. */
export function messagesFor(errors: FieldError[], field: string): string | null {
  return errors.filter((e) => e.field === field).map((e) => e.message).join(' ') || null;
}

/**
 * An amount as typed ("1.234,56") → cents, read by the backend; or the backend's field error naming
 * `label` when the text is not an amount. Anything else the backend answers (no field) is thrown on.
 */
export async function readAmount(field: string, label: string, text: string): Promise<number | FieldError> {
  try {
    return await api.parseAmount(field, label, text);
  } catch (e) {
    const err = api.toAppError(e);
    const mine = messagesFor(err.errors, field);
    if (err.kind === 'validation' && mine) return { field, message: mine };
    throw e;
  }
}
