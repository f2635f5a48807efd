/**
 * The accounts slice's entities as its stores, use cases and the other slices pass them around (the
 * stores map their rows into these; docs/architecture.md, "Entity types"). Pure: no I/O.
 */
import type { AuditEntry } from '../ledger/ledger-rules.js';

export interface AccountRecord {
  id: string;
  name: string;
  email: string | null;
  metadata: Record<string, string>;
  createdAt: Date;
  /** The sandbox test clock the account lives on (its "now" everywhere), or null: the real clock. */
  testClockId?: string | null;
}

export type Role = 'operator' | 'service' | 'customer';

export interface ApiKeyRecord {
  id: string;
  role: Role;
  accountId: string | null;
  label: string;
  createdAt: Date;
}

/** How a session was opened: by a wallet's signature or by a code sent to an email. */
export type SessionMethod = 'wallet' | 'email';

/** One kind of session for every way in: expiring, revocable, bound to an account. */
export interface SessionRecord {
  id: string;
  accountId: string;
  method: SessionMethod;
  /** The wallet (lowercase) of a wallet session; null otherwise. */
  address: string | null;
  /** The email of an email session; null otherwise. */
  email: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** An audit entry as stored, with its position in the log (the listing's cursor). */
export interface AuditRecord extends AuditEntry {
  seq: bigint;
}

export type DepositStatus = 'seen' | 'credited' | 'held_for_review' | 'reorged';

/** A Transfer log to the deposit address. */
export interface SeenLog {
  id: string;
  chainId: number;
  tokenAddress: string;
  txHash: string;
  logIndex: number;
  fromAddress: string;
  toAddress: string;
  /** The token value in 6 decimals: CREDIT micros 1:1. */
  amountMicros: bigint;
  blockNumber: bigint;
  blockHash: string;
}

/** A deposit as the watcher saw it on chain, and what the engine made of it. */
export interface DepositRecord extends SeenLog {
  status: DepositStatus;
  accountId: string | null;
  transactionId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Checkpoint {
  blockNumber: bigint;
  blockHash: string;
}
