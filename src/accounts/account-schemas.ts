import { z } from 'zod';
import { AccountId, Metadata, Text } from '../kernel/http/schemas.js';

/** The accounts slice's request and response shapes. */

export const CreateAccountBody = z.strictObject({
  name: Text(200),
  email: z.email().max(320).optional(),
  metadata: Metadata.optional(),
  /** Sandbox only: the test clock the account lives on (see docs/test-clocks.md). */
  testClockId: z
    .string()
    .regex(/^clock_[A-Za-z0-9]{1,64}$/)
    .optional()
    .meta({ description: 'Sandbox only: open the account on this test clock' }),
});

export const Account = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    createdAt: z.string(),
    testClockId: z.string().nullable().meta({ description: 'The test clock it lives on (sandbox)' }),
  })
  .meta({ id: 'Account' });

export const CreateApiKeyBody = z.strictObject({
  role: z.enum(['operator', 'service', 'customer']),
  accountId: AccountId.optional(),
  label: z.string().max(200).optional(),
});

export const ApiKeyCreated = z.object({
  id: z.string(),
  role: z.enum(['operator', 'service', 'customer']),
  accountId: z.string().nullable(),
  label: z.string(),
  secret: z.string().describe('shown once; only its hash is stored'),
  createdAt: z.string(),
});
