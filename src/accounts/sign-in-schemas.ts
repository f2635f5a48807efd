import { z } from 'zod';
import { Account } from './account-schemas.js';
import { SiweVerifyBody } from './web3-schemas.js';
import { idOf } from '../kernel/http/schemas.js';

/** Request and response shapes of email sign-in, ways in and sessions (strict, like every schema). */

// Lengths only: the use cases check the contents, so bad input gets its own clear code.
export const EmailCodeBody = z.strictObject({
  email: z.string().max(320).describe('where to send the 6-digit code'),
});

export const EmailVerifyBody = z.strictObject({
  email: z.string().max(320),
  code: z.string().max(32).describe('the 6 digits from the email'),
});

export const CodeSent = z
  .object({
    email: z.string().describe('the address as it will be used (trimmed, lowercase)'),
    expiresAt: z.string().describe('the code works once, until then (10 minutes)'),
    sandboxMailUrl: z
      .string()
      .nullable()
      .describe('the embedded sandbox only: the page showing the code (no SMTP configured); null otherwise'),
  })
  .meta({ id: 'SignInCodeSent' });

export const Session = z
  .object({
    id: z.string(),
    method: z.enum(['wallet', 'email']),
    address: z.string().nullable().describe('the wallet of a wallet session'),
    email: z.string().nullable().describe('the email of an email session'),
    createdAt: z.string(),
    expiresAt: z.string(),
    current: z.boolean().describe('the session this request is authenticated with'),
  })
  .meta({ id: 'Session' });

export const EmailSessionCreated = z
  .object({
    token: z.string().describe('send as "Authorization: Bearer <token>"; shown once'),
    sessionId: z.string(),
    accountId: z.string(),
    email: z.string(),
    accountCreated: z.boolean().describe('true when this sign-in opened the account'),
    expiresAt: z.string(),
  })
  .meta({ id: 'EmailSessionCreated' });

export const WaysIn = z
  .object({
    wallets: z.array(z.string()).describe('checksummed addresses'),
    emails: z.array(z.string()),
  })
  .meta({ id: 'WaysIn' });

export const LinkWalletBody = SiweVerifyBody;

export const RemoveWayInBody = z.strictObject({
  kind: z.enum(['wallet', 'email']),
  value: z.string().min(1).max(320).describe('the wallet address or the email'),
});

export const SessionParams = z.strictObject({ sessionId: idOf('session') });
export const KeyParams = z.strictObject({ keyId: idOf('apiKey') });

export const ReasonBody = z.strictObject({
  reason: z.string().trim().min(1).max(500).describe('why (kept in the audit log)'),
});

export const LookupQuery = z.strictObject({
  email: z.string().max(320).optional(),
  wallet: z.string().max(64).optional(),
});

export const ApiKeySummary = z
  .object({
    id: z.string(),
    role: z.enum(['operator', 'service', 'customer']),
    accountId: z.string().nullable(),
    label: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ApiKeySummary' });

export const AccountLookup = z
  .object({
    account: Account,
    waysIn: WaysIn,
    sessions: z.array(Session.omit({ current: true })),
    apiKeys: z.array(ApiKeySummary),
  })
  .meta({ id: 'AccountLookup' });
