import { sortedMetadata } from '../ledger/present.js';
import type { AccountRecord } from './accounts-rules.js';

export const presentAccount = (a: AccountRecord) => ({
  id: a.id,
  name: a.name,
  email: a.email,
  metadata: sortedMetadata(a.metadata),
  createdAt: a.createdAt.toISOString(),
  testClockId: a.testClockId ?? null,
});
