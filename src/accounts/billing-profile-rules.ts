/**
 * The billing profile (the invoice settings), without I/O: one per account, shared by both product
 * lines' documents (compute receipts and invoices, booth invoices and statements). Versioned: a
 * change applies to documents generated afterwards; earlier documents keep the version of their time.
 */

/** Length limits of the settings, shared by the HTTP schema and the domain check. */
export const INVOICE_SETTINGS_LIMITS = {
  name: 200,
  email: 320,
  address: 1000,
  taxInformation: 500,
} as const;

export interface InvoiceSettingsInput {
  email: string;
  name?: string;
  address?: string;
  taxInformation?: string;
}

/** One version of an account's invoice settings. Versions are never changed, only superseded. */
export interface InvoiceSettingsVersion {
  accountId: string;
  version: number;
  name: string | null;
  email: string;
  address: string | null;
  taxInformation: string | null;
  effectiveAt: Date;
  changedBy: string;
}

export type InvoiceSettingsError = { field: keyof InvoiceSettingsInput; message: string };

// Deliberately looser than the HTTP schema's email check, so anything the API accepts passes here
// too; it still refuses what cannot be an address (no @, spaces, no dot in the domain).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Trims the settings and checks them: email required and plausible, the rest optional and
 * bounded. Empty optional text means "not given". Every entry point goes through this, not only
 * the HTTP schema.
 */
export function normalizeInvoiceSettings(
  input: InvoiceSettingsInput,
): { ok: true; value: InvoiceSettingsInput } | { ok: false; error: InvoiceSettingsError } {
  const email = input.email.trim();
  if (email.length === 0) return { ok: false, error: { field: 'email', message: 'is required' } };
  if (email.length > INVOICE_SETTINGS_LIMITS.email || !EMAIL.test(email)) {
    return { ok: false, error: { field: 'email', message: 'is not a valid email address' } };
  }
  const value: InvoiceSettingsInput = { email };
  for (const field of ['name', 'address', 'taxInformation'] as const) {
    const text = input[field]?.trim();
    if (!text) continue;
    if (text.length > INVOICE_SETTINGS_LIMITS[field]) {
      return {
        ok: false,
        error: { field, message: `must be at most ${INVOICE_SETTINGS_LIMITS[field]} characters` },
      };
    }
    value[field] = text;
  }
  return { ok: true, value };
}

/** The buyer block of a document: the profile version in force, or the account's own name and email. */
export interface BillTo {
  /** null: the account had no billing profile at that time; name and email come from the account. */
  settingsVersion: number | null;
  name: string;
  email: string | null;
  address: string | null;
  taxInformation: string | null;
}
