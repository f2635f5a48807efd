/**
 * The API's response types for the page, all taken from the client's types generated from
 * /openapi.json (clients/typescript/src/schema.ts, `npm run client:types`): nothing here is copied
 * by hand, so a schema change the page does not follow fails `tsc -p web/tsconfig.json`.
 */
import type { components, paths } from '../../../clients/typescript/src/schema';

type Schemas = components['schemas'];
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The 200 answer of a GET. */
export type GetAnswer<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } }
  ? Json<R>
  : never;
/** The success answer (200 or 201) of a POST. */
export type PostAnswer<P extends keyof paths> = paths[P] extends {
  post: { responses: infer Rs };
}
  ? Rs extends { 201: infer R }
    ? Json<R>
    : Rs extends { 200: infer R }
      ? Json<R>
      : never
  : never;

/** The JSON body that `method` of a path takes. */
export type RequestBody<P extends keyof paths, M extends 'post' | 'put'> = paths[P] extends {
  [K in M]: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

// Both lines
export type Balance = Schemas['Balance'];
export type Transaction = Schemas['Transaction'];
export type TransactionPage = GetAnswer<'/v1/accounts/{accountId}/transactions'>;

// Compute
export type TopUpQuote = Schemas['TopUpQuote'];
export type TopUpOrder = Schemas['TopUpOrder'];
export type Overview = Schemas['BillingOverview'];
export type InvoiceSettings = Schemas['InvoiceSettings'];
export type AlertSettings = Schemas['AlertSettings'];
export type AlertSettingsBody = RequestBody<'/v1/accounts/{accountId}/alert-settings', 'put'>;
export type Instance = Schemas['GpuInstance'];
export type RenderJob = Schemas['RenderJob'];
export type Runway = Schemas['Runway'];
export type InstanceType = GetAnswer<'/v1/gpu/instance-types'>['data'][number];
export type RentalQuote = PostAnswer<'/v1/accounts/{accountId}/instance-quote'>;
export type RenderJobRow = GetAnswer<'/v1/accounts/{accountId}/render-jobs'>['data'][number];
export type TerminationPreview = GetAnswer<'/v1/accounts/{accountId}/termination-preview'>;

// Booth
export type Catalog = Schemas['LicenseCatalog'];
export type LicenseQuote = Schemas['LicenseQuote'];
export type License = Schemas['License'];
export type UpcomingInvoices = GetAnswer<'/v1/accounts/{accountId}/licenses/upcoming-invoice'>;
export type Tier = Catalog['tiers'][number]['tier'];
export type Product = License['tier'];
export type Period = License['period'];
export type Purchased = PostAnswer<'/v1/accounts/{accountId}/licenses'>;
export type BoothStatus = Schemas['BoothStatus'];
export type TokenWallet = GetAnswer<'/v1/accounts/{accountId}/tokens'>;
export type TokenPack = Schemas['TokenPacks']['data'][number];
export type Estimate = PostAnswer<'/v1/accounts/{accountId}/tokens/estimate'>;
export type PaymentMethod = Schemas['PaymentMethod'];
export type CardProcessorInfo = GetAnswer<'/v1/card-processor'>;
export type AutoTopupSettings = NonNullable<GetAnswer<'/v1/accounts/{accountId}/tokens/auto-top-up'>>;
export type BoothInvoice = Schemas['BoothInvoiceRow'];
export type PaymentAttempt = Schemas['PaymentAttempt'];
export type BoothTemplate = Schemas['BoothTemplate'];

// Sign-in and account settings
export type Me = Schemas['Me'];
export type WaysIn = Schemas['WaysIn'];
export type SessionRow = Schemas['Session'];
export type SiweNonce = Schemas['SiweNonce'];
export type SessionCreated = Schemas['SessionCreated'];
export type EmailSessionCreated = Schemas['EmailSessionCreated'];
export type SignInCodeSent = Schemas['SignInCodeSent'];
export type DemoSignIn = Schemas['DemoSignIn'];
