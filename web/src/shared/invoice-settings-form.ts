/** The invoice settings form's rules: its fields, what it refuses before sending, and what it sends. */
import type { InvoiceSettings } from './api-types';

/** The four details as typed (trimmed when checked and sent, not while typing). */
export type InvoiceSettingsForm = { name: string; email: string; address: string; taxInformation: string };
export type InvoiceSettingsErrors = Partial<Record<keyof InvoiceSettingsForm, string>>;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** The server's limits, in characters after trimming. */
const LIMITS = { name: 200, email: 320, address: 1000, taxInformation: 500 };

/** The form as the saved settings fill it (a detail not set is an empty field). */
export const formFromSettings = (settings: InvoiceSettings): InvoiceSettingsForm => ({
  name: settings.name ?? '',
  email: settings.email ?? '',
  address: settings.address ?? '',
  taxInformation: settings.taxInformation ?? '',
});

/** What is wrong with the form, one sentence per field; empty when it can be sent (the server checks it too). */
export function checkInvoiceSettings(form: InvoiceSettingsForm): InvoiceSettingsErrors {
  const errors: InvoiceSettingsErrors = {};
  if (!form.email.trim()) errors.email = 'Email is required: invoices are addressed to it.';
  else if (!EMAIL.test(form.email.trim()))
    errors.email = 'Enter an email address such as billing@company.com.';
  for (const k of Object.keys(LIMITS) as (keyof InvoiceSettingsForm)[])
    if (form[k].trim().length > LIMITS[k]) errors[k] = `At most ${LIMITS[k]} characters.`;
  return errors;
}

/** The PUT body: trimmed; the email always, the other details only when filled in. */
export function invoiceSettingsBody(form: InvoiceSettingsForm) {
  return {
    email: form.email.trim(),
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    ...(form.address.trim() ? { address: form.address.trim() } : {}),
    ...(form.taxInformation.trim() ? { taxInformation: form.taxInformation.trim() } : {}),
  };
}

/** The sentence beside a field the server refused (a 400 naming it). */
export const refusedFieldSentence = (field: string): string =>
  field === 'email'
    ? 'Enter a valid email address (name@example.com).'
    : 'This is too long or contains characters invoices cannot show. Shorten or simplify it.';
