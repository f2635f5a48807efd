import { z } from 'zod';
import { INVOICE_SETTINGS_LIMITS } from './billing-profile-rules.js';

/** The billing profile (invoice settings) request and answer. Strict: unknown fields are errors. */

const OptionalText = (max: number) => z.string().trim().min(1).max(max).optional();

export const InvoiceSettingsBody = z.strictObject({
  email: z.email().max(INVOICE_SETTINGS_LIMITS.email).describe('required: where invoices are addressed'),
  name: OptionalText(INVOICE_SETTINGS_LIMITS.name).describe(
    'person or company; the account name when absent',
  ),
  address: OptionalText(INVOICE_SETTINGS_LIMITS.address).describe('postal address, may span lines'),
  taxInformation: OptionalText(INVOICE_SETTINGS_LIMITS.taxInformation).describe('tax id, VAT number ...'),
});

export const InvoiceSettings = z
  .object({
    accountId: z.string(),
    source: z
      .enum(['invoice_settings', 'account'])
      .describe("account: none set yet; invoices use the account's name and email"),
    version: z.number().int().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    taxInformation: z.string().nullable(),
    effectiveAt: z.string().nullable().describe('from when this version applies (to later transactions)'),
  })
  .meta({ id: 'InvoiceSettings' });
