// The "Einstellungen" screen: lifecycle periods and pass mark, the traffic-light thresholds, the letterhead
// of printed documents, the name of the person at the desk (recorded as "who" in histories), the monthly
// allowance and the county's account for the SEPA file; below the form, the former districts and the
// municipality mapping, which save on their own (referenceSettings.ts). The backup settings are in the form;
// backups, restore, import and export ("Daten", dataSettings.ts) act at once, between the two.
import * as api from '../../backend/api';
import { createDataSettings } from './dataSettings';
import { createDatedSettings } from './datedSettings';
import { formElement, h, options } from '../../shared/dom';
import { FIELD_MESSAGES, FieldErrors, reportSaveError, integerInput, labelled, labelledCheckbox, readInteger, textInput } from '../../shared/fields';
import { formatEuros, formatIban, normalizeIban } from '../../shared/format';
import { readAmount } from '../../shared/validate';
import { createReferenceSettings } from './referenceSettings';
import { createTaskAreaSettings } from './taskAreaSettings';
import type { Screen, ScreenContext } from '../../app/screen';
import type { AllowanceSettings, CoverageSettings, DataSettings, DebtorSettings, Letterhead, LifecycleSettings, PartialMonth, ReportSettings, Settings, Timing } from '../../backend/types';

export const LIFECYCLE_LABELS: Record<keyof LifecycleSettings, string> = {
  certificate_max_age_months: 'Höchstalter des Zeugnisses bei Vorlage (Monate)',
  reinspection_years: 'Wiedervorlage nach (Jahren)',
  warning_days: 'Vorwarnung (Tage)',
  pass_mark_percent: 'Bestehensgrenze Abschlusstest (%)',
  refresher_months: 'Auffrischung fällig nach (Monaten)',
  qualified_waiting_days: 'Qualifiziert, aber nicht berufen: Hinweis nach (Tagen)',
  letter_followup_days: 'Bestätigungsschreiben ohne Vorlage: Hinweis nach (Tagen)',
  not_started_keep_months: 'eFZ-Daten ohne Tätigkeitsbeginn: zur Löschung nennen nach (Monaten)',
};

export const COVERAGE_LABELS: Record<keyof CoverageSettings, string> = {
  green_percent: 'Grün ab (% des Solls)',
  amber_percent: 'Gelb ab (% des Solls)',
};

export const LETTERHEAD_LABELS: Record<keyof Letterhead, string> = {
  authority: 'Behörde',
  department: 'Amt/Stelle',
  street: 'Straße',
  postcode_town: 'PLZ und Ort',
  phone: 'Telefon',
  email: 'E-Mail',
  place: 'Ort für Datumszeile',
  signer_name: 'Unterzeichnende/r',
  signer_title: 'Funktion',
  footer: 'Fußzeile',
};

export const ALLOWANCE_LABELS = {
  rate: 'Monatsbetrag (€)',
  cap: 'Höchstbetrag (€)',
  partial_month: 'Angebrochene Monate',
  timing: 'Zahlung',
  due_days: 'Fällig nach (Tagen)',
  legal_basis: 'Rechtsgrundlage (Abrechnung)',
  tax_note: 'Hinweis zu Steuern und Sozialleistungen',
  require_activity: 'Auszahlung nur mit Tätigkeitsnachweis',
  inactive_months: 'Hinweis „keine Tätigkeit“ nach (Monaten, 0 = aus)',
} as const;

export const PARTIAL_MONTH_OPTIONS: { value: PartialMonth; label: string }[] = [
  { value: 'pro_rata', label: 'pro rata nach Tagen' },
  { value: 'full_month_if_any_day', label: 'voller Monat, wenn mindestens ein Tag' },
  { value: 'nothing_for_partial', label: 'nichts für angebrochene Monate' },
];

export const TIMING_OPTIONS: { value: Timing; label: string }[] = [
  { value: 'in_arrears', label: 'nachträglich' },
  { value: 'in_advance', label: 'im Voraus' },
];

export const DEBTOR_LABELS: Record<keyof DebtorSettings, string> = {
  name: 'Kontoinhaber (Landkreis)',
  iban: 'IBAN',
  bic: 'BIC (optional)',
};

export const DATA_LABELS: Record<keyof DataSettings, string> = {
  backup_keep: 'Aufbewahrte tägliche Sicherungen',
  documents_dir: 'Ablageordner für Dokumente (leer = Dokumente/Lotsenbüro)',
  anonymise_after_years: 'Stammdaten Ausgeschiedener anonymisieren nach (Jahren nach dem Jahr des Ausscheidens)',
};

export const REPORT_LABELS: Record<keyof ReportSettings, string> = {
  certificate_note: 'Hinweis der Jahresbescheinigung (Steuer, Jobcenter)',
  grant_due_months: 'Verwendungsnachweis fällig nach Ende des Haushaltsjahres (Monate)',
  grant_notice_weeks: 'In „Fällig“ ab (Wochen vor der Frist)',
};

export const DESK_USER_LABEL = 'Name der Person am Arbeitsplatz (wird in Verläufen als „wer“ vermerkt)';

const LIFECYCLE_KEYS = Object.keys(LIFECYCLE_LABELS) as (keyof LifecycleSettings)[];
const LETTERHEAD_KEYS = Object.keys(LETTERHEAD_LABELS) as (keyof Letterhead)[];
const COVERAGE_KEYS = Object.keys(COVERAGE_LABELS) as (keyof CoverageSettings)[];

/** Backend field key → control id: set-<key> for the numbers and the desk user, lh-<key> for the letterhead. */
const FIELD_IDS: Record<string, string> = {
  ...Object.fromEntries(LIFECYCLE_KEYS.map((k) => [k, `set-${k}`])),
  ...Object.fromEntries(COVERAGE_KEYS.map((k) => [k, `set-${k}`])),
  ...Object.fromEntries(LETTERHEAD_KEYS.map((k) => [k, `lh-${k}`])),
  desk_user: 'set-desk_user',
  // allowance: the amounts are typed in euros, the backend names the cents
  rate_cents: 'set-rate',
  cap_cents: 'set-cap',
  partial_month: 'set-partial_month',
  timing: 'set-timing',
  due_days: 'set-due_days',
  legal_basis: 'set-legal_basis',
  tax_note: 'set-tax_note',
  require_activity: 'set-require_activity',
  inactive_months: 'set-inactive_months',
  // SEPA debtor: the backend names them debtor_iban (also "debtor.iban", which arrives as "iban")
  debtor_name: 'set-debtor_name',
  debtor_iban: 'set-debtor_iban',
  debtor_bic: 'set-debtor_bic',
  name: 'set-debtor_name',
  iban: 'set-debtor_iban',
  bic: 'set-debtor_bic',
  // backups and documents folder
  backup_keep: 'set-backup_keep',
  documents_dir: 'set-documents_dir',
  // the yearly reports
  certificate_note: 'set-certificate_note',
  grant_due_months: 'set-grant_due_months',
  grant_notice_weeks: 'set-grant_notice_weeks',
};

/** Euros as typed → cents, read by the backend; or the message for the field. Limits are checked on saving. */
async function readEuros(input: HTMLInputElement, field: string, label: string): Promise<number | string> {
  const raw = input.value.trim();
  if (raw === '') return FIELD_MESSAGES.missing(label);
  const cents = await readAmount(field, label, raw);
  return typeof cents === 'number' ? cents : cents.message;
}

export function mountSettings(container: HTMLElement, ctx: ScreenContext): Screen {
  let loaded: Settings | null = null;
  let busy = false;

  const numbers = new Map<keyof LifecycleSettings, HTMLInputElement>();
  const thresholds = new Map<keyof CoverageSettings, HTMLInputElement>();
  const letterhead = new Map<keyof Letterhead, HTMLInputElement>();
  const deskUser = textInput({ maxlength: 100 });

  const lifecycleSet = h('fieldset', { class: 'settings-group' }, h('legend', {}, 'Fristen und Bewertung'));
  for (const key of LIFECYCLE_KEYS) {
    const input = integerInput();
    numbers.set(key, input);
    lifecycleSet.append(labelled(FIELD_IDS[key], LIFECYCLE_LABELS[key], input, 'narrow'));
  }
  const coverageSet = h('fieldset', { class: 'settings-group' }, h('legend', {}, 'Ampel'));
  for (const key of COVERAGE_KEYS) {
    const input = integerInput();
    thresholds.set(key, input);
    coverageSet.append(labelled(FIELD_IDS[key], COVERAGE_LABELS[key], input, 'narrow'));
  }
  coverageSet.append(h('p', { class: 'hint' }, 'Abdeckung der Altkreise: einsatzbereite Lotsen im Verhältnis zum Soll. Darunter: rot.'));
  const letterheadSet = h('fieldset', { class: 'settings-group' }, h('legend', {}, 'Briefkopf'));
  for (const key of LETTERHEAD_KEYS) {
    const input = textInput({ maxlength: key === 'footer' ? 500 : 200 });
    letterhead.set(key, input);
    letterheadSet.append(labelled(FIELD_IDS[key], LETTERHEAD_LABELS[key], input));
  }
  const deskSet = h('fieldset', { class: 'settings-group' }, h('legend', {}, 'Arbeitsplatz'), labelled(FIELD_IDS.desk_user, DESK_USER_LABEL, deskUser));

  const rate = textInput({ inputmode: 'decimal', maxlength: 12, class: 'money-input' });
  const cap = textInput({ inputmode: 'decimal', maxlength: 12, class: 'money-input' });
  const partialMonth = h('select', {});
  partialMonth.append(...options(PARTIAL_MONTH_OPTIONS));
  const timing = h('select', {});
  timing.append(...options(TIMING_OPTIONS));
  const dueDays = integerInput();
  const legalBasis = h('textarea', { rows: 3, maxlength: 1000 });
  const taxNote = h('textarea', { rows: 3, maxlength: 1000 });
  const allowanceSet = h(
    'fieldset',
    { id: 'allowance-group', class: 'settings-group span-2' },
    h('legend', {}, 'Aufwandsentschädigung'),
    h(
      'div',
      { class: 'field-row three' },
      labelled(FIELD_IDS.rate_cents, ALLOWANCE_LABELS.rate, rate, 'narrow'),
      labelled(FIELD_IDS.cap_cents, ALLOWANCE_LABELS.cap, cap, 'narrow'),
      labelled(FIELD_IDS.due_days, ALLOWANCE_LABELS.due_days, dueDays, 'narrow'),
    ),
    h(
      'div',
      { class: 'field-row' },
      labelled(FIELD_IDS.partial_month, ALLOWANCE_LABELS.partial_month, partialMonth),
      labelled(FIELD_IDS.timing, ALLOWANCE_LABELS.timing, timing),
    ),
    h(
      'p',
      { class: 'hint' },
      'Der Monatsbetrag darf den Höchstbetrag nicht übersteigen. Nachträglich: ein Lauf wird erst nach Monatsende freigegeben. ',
      'Änderungen gelten für Läufe, die danach erstellt oder neu berechnet werden.',
    ),
    h(
      'div',
      { class: 'field-row' },
      labelled(FIELD_IDS.legal_basis, ALLOWANCE_LABELS.legal_basis, legalBasis),
      labelled(FIELD_IDS.tax_note, ALLOWANCE_LABELS.tax_note, taxNote),
    ),
  );

  const requireActivity = h('input', { type: 'checkbox' });
  const inactiveMonths = integerInput();
  const activitySet = h(
    'fieldset',
    { id: 'activity-group', class: 'settings-group' },
    h('legend', {}, 'Tätigkeitsnachweis'),
    labelledCheckbox(FIELD_IDS.require_activity, ALLOWANCE_LABELS.require_activity, requireActivity),
    labelled(FIELD_IDS.inactive_months, ALLOWANCE_LABELS.inactive_months, inactiveMonths, 'narrow'),
    h(
      'p',
      { class: 'hint' },
      'Eingeschaltet wird ein Monat erst freigegeben, wenn jede Zeile mit Betrag einen Tätigkeitsnachweis hat oder mit Begründung ohne Nachweis freigegeben ist („Nachweis fehlt“). Aktive Lotsen ohne Tätigkeit stehen nach der eingestellten Zahl von Monaten in den Fälligkeiten.',
    ),
  );

  const debtorName = textInput({ maxlength: 70 });
  const debtorIban = textInput({ maxlength: 42, class: 'iban-input' });
  const debtorBic = textInput({ maxlength: 11 });
  const debtorSet = h(
    'fieldset',
    { id: 'debtor-group', class: 'settings-group' },
    h('legend', {}, 'SEPA-Auftraggeber'),
    labelled(FIELD_IDS.name, DEBTOR_LABELS.name, debtorName),
    labelled(FIELD_IDS.iban, DEBTOR_LABELS.iban, debtorIban),
    labelled(FIELD_IDS.bic, DEBTOR_LABELS.bic, debtorBic, 'narrow-text'),
    h('p', { class: 'hint' }, 'Das Konto, von dem die Überweisungen der SEPA-Datei ausgehen.'),
  );
  const backupKeep = integerInput();
  const documentsDir = textInput({ maxlength: 500 });
  const dataSet = h(
    'fieldset',
    { id: 'data-group', class: 'settings-group' },
    h('legend', {}, 'Sicherung und Ablage'),
    labelled(FIELD_IDS.backup_keep, DATA_LABELS.backup_keep, backupKeep, 'narrow'),
    labelled(FIELD_IDS.documents_dir, DATA_LABELS.documents_dir, documentsDir),
    h('p', { class: 'hint' }, 'Ältere tägliche Sicherungen werden gelöscht; Sicherungen von Hand und vor einer Wiederherstellung bleiben.'),
  );

  const certificateNote = h('textarea', { rows: 4, maxlength: 2000 });
  const grantDueMonths = integerInput();
  const grantNoticeWeeks = integerInput();
  const reportSet = h(
    'fieldset',
    { id: 'reports-group', class: 'settings-group span-2' },
    h('legend', {}, 'Berichte'),
    h(
      'div',
      { class: 'field-row' },
      labelled(FIELD_IDS.grant_due_months, REPORT_LABELS.grant_due_months, grantDueMonths, 'narrow'),
      labelled(FIELD_IDS.grant_notice_weeks, REPORT_LABELS.grant_notice_weeks, grantNoticeWeeks, 'narrow'),
    ),
    labelled(FIELD_IDS.certificate_note, REPORT_LABELS.certificate_note, certificateNote),
    h(
      'p',
      { class: 'hint' },
      'Welche Steuerbefreiung (§ 3 Nr. 12, 26 oder 26a EStG) gilt, entscheidet der Landkreis; die App druckt nur diesen Text.',
    ),
  );

  debtorIban.addEventListener('blur', () => {
    if (debtorIban.value.trim() !== '') debtorIban.value = formatIban(debtorIban.value);
  });

  const saveButton = h('button', { type: 'submit', id: 'save-settings', class: 'primary', disabled: true }, 'Speichern');
  const form = formElement(
    { id: 'settings-form', class: 'settings-form', 'aria-labelledby': 'einstellungen-title' },
    h(
      'div',
      { class: 'settings-groups' },
      lifecycleSet,
      letterheadSet,
      h('div', { class: 'settings-column' }, coverageSet, deskSet),
      allowanceSet,
      activitySet,
      debtorSet,
      dataSet,
      reportSet,
    ),
    h('div', { class: 'form-actions' }, saveButton),
  );
  const errors = new FieldErrors(form, FIELD_IDS);
  const reference = createReferenceSettings(ctx);
  const data = createDataSettings(ctx);
  const dated = createDatedSettings(ctx);
  const areas = createTaskAreaSettings(ctx);
  const element = h(
    'section',
    { id: 'screen-einstellungen', class: 'screen screen-einstellungen', 'aria-labelledby': 'einstellungen-title' },
    h('h2', { id: 'einstellungen-title', class: 'screen-title' }, 'Einstellungen'),
    h('div', { class: 'settings-scroll' }, form, dated.element, areas.element, data.element, reference.element),
  );
  container.append(element);

  function fill(s: Settings): void {
    loaded = s;
    errors.clear();
    for (const [key, input] of numbers) input.value = String(s.lifecycle[key] ?? '');
    for (const [key, input] of thresholds) input.value = String(s.coverage?.[key] ?? '');
    for (const [key, input] of letterhead) input.value = s.letterhead[key] ?? '';
    deskUser.value = s.desk_user ?? '';
    const a = s.allowance;
    rate.value = a ? formatEuros(a.rate_cents) : '';
    cap.value = a ? formatEuros(a.cap_cents) : '';
    partialMonth.value = a?.partial_month ?? 'pro_rata';
    timing.value = a?.timing ?? 'in_arrears';
    dueDays.value = a ? String(a.due_days) : '';
    legalBasis.value = a?.legal_basis ?? '';
    taxNote.value = a?.tax_note ?? '';
    requireActivity.checked = a?.require_activity ?? false;
    inactiveMonths.value = a ? String(a.inactive_months ?? 3) : '';
    debtorName.value = s.debtor?.name ?? '';
    debtorIban.value = formatIban(s.debtor?.iban ?? '');
    debtorBic.value = s.debtor?.bic ?? '';
    backupKeep.value = s.data ? String(s.data.backup_keep) : '';
    documentsDir.value = s.data?.documents_dir ?? '';
    certificateNote.value = s.reports?.certificate_note ?? '';
    grantDueMonths.value = s.reports ? String(s.reports.grant_due_months) : '';
    grantNoticeWeeks.value = s.reports ? String(s.reports.grant_notice_weeks) : '';
    saveButton.disabled = false;
  }

  /** The form as Settings, or null after showing the numbers that cannot be read. */
  async function read(): Promise<Settings | null> {
    errors.clear();
    const lifecycle: Partial<LifecycleSettings> = {};
    for (const [key, input] of numbers) {
      const n = readInteger(input);
      if (n === null) errors.set(key, FIELD_MESSAGES.missing(LIFECYCLE_LABELS[key]));
      else if (n === undefined) errors.set(key, FIELD_MESSAGES.notAWholeNumber(LIFECYCLE_LABELS[key]));
      else lifecycle[key] = n;
    }
    const coverage: Partial<CoverageSettings> = {};
    for (const [key, input] of thresholds) {
      const n = readInteger(input);
      if (n === null) errors.set(key, FIELD_MESSAGES.missing(COVERAGE_LABELS[key]));
      else if (n === undefined) errors.set(key, FIELD_MESSAGES.notAWholeNumber(COVERAGE_LABELS[key]));
      else coverage[key] = n;
    }
    const due = readInteger(dueDays);
    if (due === null) errors.set('due_days', FIELD_MESSAGES.missing(ALLOWANCE_LABELS.due_days));
    else if (due === undefined) errors.set('due_days', FIELD_MESSAGES.notAWholeNumber(ALLOWANCE_LABELS.due_days));
    const inactive = readInteger(inactiveMonths);
    if (inactive === null) errors.set('inactive_months', FIELD_MESSAGES.missing(ALLOWANCE_LABELS.inactive_months));
    else if (inactive === undefined) errors.set('inactive_months', FIELD_MESSAGES.notAWholeNumber(ALLOWANCE_LABELS.inactive_months));
    const keep = readInteger(backupKeep);
    if (keep === null) errors.set('backup_keep', FIELD_MESSAGES.missing(DATA_LABELS.backup_keep));
    else if (keep === undefined) errors.set('backup_keep', FIELD_MESSAGES.notAWholeNumber(DATA_LABELS.backup_keep));
    const dueMonths = readInteger(grantDueMonths);
    if (dueMonths === null) errors.set('grant_due_months', FIELD_MESSAGES.missing(REPORT_LABELS.grant_due_months));
    else if (dueMonths === undefined) errors.set('grant_due_months', FIELD_MESSAGES.notAWholeNumber(REPORT_LABELS.grant_due_months));
    const noticeWeeks = readInteger(grantNoticeWeeks);
    if (noticeWeeks === null) errors.set('grant_notice_weeks', FIELD_MESSAGES.missing(REPORT_LABELS.grant_notice_weeks));
    else if (noticeWeeks === undefined) errors.set('grant_notice_weeks', FIELD_MESSAGES.notAWholeNumber(REPORT_LABELS.grant_notice_weeks));
    // The amounts last: the backend reads them, while the checks above show at once.
    const [rateCents, capCents] = await Promise.all([
      readEuros(rate, 'rate_cents', ALLOWANCE_LABELS.rate),
      readEuros(cap, 'cap_cents', ALLOWANCE_LABELS.cap),
    ]);
    if (typeof rateCents === 'string') errors.set('rate_cents', rateCents);
    if (typeof capCents === 'string') errors.set('cap_cents', capCents);
    if (errors.any() || typeof rateCents === 'string' || typeof capCents === 'string' || due == null || keep == null || inactive == null || dueMonths == null || noticeWeeks == null) {
      errors.focusFirst();
      return null;
    }
    const allowance: AllowanceSettings = {
      // Keys this form does not edit travel back unchanged.
      ...loaded!.allowance,
      rate_cents: rateCents,
      cap_cents: capCents,
      partial_month: partialMonth.value as PartialMonth,
      timing: timing.value as Timing,
      due_days: due,
      legal_basis: legalBasis.value.trim(),
      tax_note: taxNote.value.trim(),
      require_activity: requireActivity.checked,
      inactive_months: inactive,
    };
    const debtor: DebtorSettings = {
      ...loaded!.debtor,
      name: debtorName.value.trim(),
      iban: normalizeIban(debtorIban.value),
      bic: debtorBic.value.replace(/\s+/g, '').toUpperCase(),
    };
    const head = Object.fromEntries(LETTERHEAD_KEYS.map((k) => [k, letterhead.get(k)!.value.trim()])) as unknown as Letterhead;
    return {
      // Keys this form does not edit travel back unchanged.
      ...loaded!,
      lifecycle: lifecycle as LifecycleSettings,
      coverage: coverage as CoverageSettings,
      letterhead: head,
      allowance,
      debtor,
      desk_user: deskUser.value.trim(),
      data: { ...loaded!.data, backup_keep: keep, documents_dir: documentsDir.value.trim() },
      reports: {
        ...loaded!.reports,
        certificate_note: certificateNote.value.trim(),
        grant_due_months: dueMonths,
        grant_notice_weeks: noticeWeeks,
      },
    };
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy || !loaded) return;
    ctx.clearError();
    busy = true;
    form.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const settings = await read();
        if (!settings) return;
        fill(await api.saveSettings(settings));
        ctx.toast('Einstellungen gespeichert.');
      } catch (e) {
        reportSaveError(api.toAppError(e), errors, ctx.showError);
      } finally {
        busy = false;
        form.removeAttribute('aria-busy');
      }
    })();
  });

  async function refresh(): Promise<void> {
    const settings = (async () => {
      try {
        fill(await api.getSettings());
      } catch (e) {
        ctx.showError(`Die Einstellungen konnten nicht geladen werden: ${api.toAppError(e).message}`);
      }
    })();
    await Promise.all([settings, dated.refresh(), areas.refresh(), reference.refresh(), data.refresh()]);
  }

  return { element, refresh, onEscape: data.onEscape };
}
