// "Ohne Nachweis freigeben…" in the run panel: with the gate "Auszahlung nur mit Tätigkeitsnachweis" on,
// a draft line without an activity record is let through for approval with a reason, which the payment
// list prints.
import * as api from '../../backend/api';
import { formElement, h } from '../../shared/dom';
import { FIELD_MESSAGES, FieldErrors, closeDialog, dialogOpen, labelled, openDialog, reportSaveError, textInput } from '../../shared/fields';
import type { ScreenContext } from '../../app/screen';
import type { RunLine } from '../../backend/types';

const REASON_LABEL = 'Begründung (steht auf der Auszahlungsliste)';

export interface WaiverDialog {
  element: HTMLDialogElement;
  open(line: RunLine, month: string, name: string): void;
  onEscape(): boolean;
}

export function createWaiverDialog(ctx: ScreenContext, saved: () => void): WaiverDialog {
  const title = h('h2', { id: 'waiver-title' }, 'Ohne Tätigkeitsnachweis freigeben');
  const reason = textInput({ maxlength: 300 });
  const confirm = h('button', { type: 'submit', id: 'waiver-confirm', class: 'primary' }, 'Übernehmen');
  const cancel = h('button', { type: 'button', id: 'waiver-cancel', class: 'secondary' }, 'Abbrechen');
  const form = formElement(
    { id: 'waiver-form' },
    title,
    h('p', { class: 'hint' }, 'Die Zeile kann dann ohne Nachweis freigegeben werden; der Nachweis lässt sich jederzeit nachtragen.'),
    labelled('waiver-reason', REASON_LABEL, reason),
    h('div', { class: 'button-row' }, confirm, cancel),
  );
  const element = h('dialog', { id: 'waiver-dialog', class: 'dialog', 'aria-labelledby': 'waiver-title' }, form);
  const errors = new FieldErrors(form, { reason: 'waiver-reason' });
  let target: { pilotId: number; month: string } | null = null;

  function close(): void {
    target = null;
    closeDialog(element);
  }

  cancel.addEventListener('click', close);
  element.addEventListener('cancel', (ev) => {
    ev.preventDefault();
    close();
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!target) return;
    errors.clear();
    if (reason.value.trim() === '') {
      errors.set('reason', FIELD_MESSAGES.missing('Begründung'));
      errors.focusFirst();
      return;
    }
    const { pilotId, month } = target;
    void (async () => {
      try {
        await api.waiveActivity({ pilot_id: pilotId, month, reason: reason.value });
        close();
        ctx.toast('Freigabe ohne Tätigkeitsnachweis vermerkt.');
        saved();
      } catch (e) {
        reportSaveError(api.toAppError(e), errors, ctx.showError);
      }
    })();
  });

  return {
    element,
    open(line: RunLine, month: string, name: string): void {
      target = { pilotId: line.pilot_id, month };
      title.textContent = `Ohne Tätigkeitsnachweis freigeben: ${name}`;
      reason.value = line.activity_waiver ?? '';
      errors.clear();
      openDialog(element);
      reason.focus();
    },
    onEscape(): boolean {
      if (!dialogOpen(element)) return false;
      close();
      return true;
    },
  };
}
