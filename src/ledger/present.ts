import type { HoldRecord, TransactionRecord, HistoryCursor } from './ledger-rules.js';
import { type Unit, formatAmount } from '../kernel/money.js';
import type { Balance } from './get-balances.js';
import { documentPath } from './document-links.js';
import { isoUtc } from '../kernel/dates.js';

/** Domain records to API JSON: money as exact decimal strings with their unit, times as ISO-8601 UTC. */
export const money = (micros: bigint, unit: Unit) => ({ amount: formatAmount(micros, unit), unit });

export const presentBalance = (b: Balance) => ({
  unit: b.unit,
  balance: formatAmount(b.balanceMicros, b.unit),
  held: formatAmount(b.heldMicros, b.unit),
  available: formatAmount(b.availableMicros, b.unit),
});

/**
 * Metadata keys in sorted order: PostgreSQL's jsonb reorders keys, and a response must be the same
 * bytes whether it comes from the write that made it or from a later read (idempotent replays).
 */
export const sortedMetadata = (metadata: Record<string, string>) =>
  Object.fromEntries(
    Object.keys(metadata)
      .sort()
      .map((k) => [k, metadata[k]!]),
  );

export const presentTransaction = (t: TransactionRecord) => ({
  id: t.id,
  accountId: t.accountId,
  kind: t.kind,
  amount: money(t.amountMicros, t.unit),
  description: t.description,
  metadata: sortedMetadata(t.metadata),
  holdId: t.holdId,
  createdAt: isoUtc(t.createdAt),
  // What the history table links to: the document that covers the transaction (null: none, see
  // document-links.ts), and for on-chain payments the explorer page of their transaction hash.
  links: {
    invoice: documentPath(t),
    explorer: t.metadata.explorerUrl ?? null,
  },
});

export const presentHold = (h: HoldRecord) => ({
  id: h.id,
  accountId: h.accountId,
  amount: money(h.amountMicros, h.unit),
  status: h.status,
  posted: h.postedMicros === null ? null : money(h.postedMicros, h.unit),
  transactionId: h.transactionId,
  description: h.description,
  metadata: sortedMetadata(h.metadata),
  createdAt: h.createdAt.toISOString(),
  expiresAt: h.expiresAt.toISOString(),
  resolvedAt: h.resolvedAt ? h.resolvedAt.toISOString() : null,
});

export function encodeCursor(cursor: HistoryCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.seq}`).toString('base64url');
}

export function decodeCursor(text: string): HistoryCursor | undefined {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|(\d{1,19})$/.exec(
    Buffer.from(text, 'base64url').toString(),
  );
  if (!match) return undefined;
  const createdAt = new Date(match[1]!);
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, seq: BigInt(match[2]!) };
}
