import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { InvoiceSettingsVersion } from './billing-profile-rules.js';
import type { AccountsContext } from './context.js';
import { type CurrentInvoiceSettings, getInvoiceSettings } from './get-billing-profile.js';
import { updateInvoiceSettings } from './update-billing-profile.js';
import { InvoiceSettings, InvoiceSettingsBody } from './billing-profile-schemas.js';
import { callerOf, reply } from '../kernel/http/reply.js';
import { AccountParams, IdempotencyHeaders, ProblemSchema, COMMON_PROBLEMS } from '../kernel/http/schemas.js';

const ALL = ['operator', 'service', 'customer'] as const;
/** Settings are the customer's own details: the customer sets them, an operator may on its behalf. */
const SETTINGS_EDITORS = ['operator', 'customer'] as const;

const presentSettingsVersion = (s: InvoiceSettingsVersion) => ({
  accountId: s.accountId,
  source: 'invoice_settings' as const,
  version: s.version,
  name: s.name,
  email: s.email,
  address: s.address,
  taxInformation: s.taxInformation,
  effectiveAt: s.effectiveAt.toISOString(),
});

const presentCurrentSettings = (current: CurrentInvoiceSettings) =>
  current.source === 'invoice_settings'
    ? presentSettingsVersion(current.settings)
    : {
        accountId: current.accountId,
        source: 'account' as const,
        version: null,
        name: current.name,
        email: current.email,
        address: null,
        taxInformation: null,
        effectiveAt: null,
      };

/**
 * The account's billing profile (the invoice settings): one for both product lines, shown and
 * edited from Compute → Invoice Settings and Booth → Invoice Settings alike.
 */
export const billingProfileRoutes =
  (ctx: AccountsContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/accounts/:accountId/invoice-settings',
      {
        config: { roles: ALL },
        schema: {
          tags: ['invoices'],
          summary: 'The invoice settings that apply to new transactions',
          params: AccountParams,
          response: { 200: InvoiceSettings, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await getInvoiceSettings(ctx, request.params.accountId), presentCurrentSettings),
    );

    app.put(
      '/v1/accounts/:accountId/invoice-settings',
      {
        config: { roles: SETTINGS_EDITORS },
        schema: {
          tags: ['invoices'],
          summary: 'Replace the invoice settings from now on (a new version; earlier invoices keep theirs)',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: InvoiceSettingsBody,
          response: { 200: InvoiceSettings, 409: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await updateInvoiceSettings(
            ctx,
            callerOf(request),
            { accountId: request.params.accountId, ...request.body },
            request.headers['idempotency-key'],
          ),
          presentSettingsVersion,
        ),
    );
  };
