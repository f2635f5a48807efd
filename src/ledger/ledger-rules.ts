/**
 * The ledger's rules, without I/O. Modelled on TigerBeetle: two immutable nouns (ledger account,
 * transfer), pending transfers (holds) that are later posted, voided or expired, and a
 * "debits must not exceed credits" flag on customer wallets.
 *
 * The store loads the state a batch of commands touches (wallet rows locked, holds), runs `decide`
 * on each command in order, then writes the effects. Because the decision happens while the wallet
 * rows are locked inside the writing transaction, a wallet cannot be overdrawn by a race.
 */
import { type Unit, isUnit, isWholeInUnit } from '../kernel/money.js';

export const TRANSACTION_KINDS = ['payment', 'charge', 'promotion', 'refund', 'other'] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

export const PRODUCT_LINES = ['compute', 'booth'] as const;
export type ProductLine = (typeof PRODUCT_LINES)[number];

/**
 * System accounts exist once per unit. They carry no balance row: their balance is derived from
 * transfers, so no single row is updated by every charge (no hot row).
 */
export const SYSTEM_ACCOUNT_CODES = [
  'revenue.compute',
  'revenue.booth',
  'clearing.paypal',
  'clearing.usdt',
  'clearing.card',
  'clearing.sandbox',
  'promotions',
  'adjustments',
  'refunds',
  // Booth: tokens bought with a pack are issued from here (the USD side is the booth invoice).
  'sales.tokens',
] as const;
export type SystemAccountCode = (typeof SYSTEM_ACCOUNT_CODES)[number];

/** Ledger account ids are derived, not looked up: `wallet:acct_x:CREDIT`, `system:promotions:TOKEN`. */
export function walletId(accountId: string, unit: Unit): string {
  return `wallet:${accountId}:${unit}`;
}

export function systemAccountId(code: SystemAccountCode, unit: Unit): string {
  return `system:${code}:${unit}`;
}

export function revenueAccountId(line: ProductLine, unit: Unit): string {
  return systemAccountId(`revenue.${line}`, unit);
}

export type ParsedLedgerAccount =
  { kind: 'wallet'; accountId: string; unit: Unit } | { kind: 'system'; code: SystemAccountCode; unit: Unit };

export function parseLedgerAccountId(id: string): ParsedLedgerAccount | undefined {
  const [kind, middle, unit, extra] = id.split(':');
  if (extra !== undefined || !middle || !isUnit(unit)) return undefined;
  if (kind === 'wallet') return { kind, accountId: middle, unit };
  if (kind === 'system' && (SYSTEM_ACCOUNT_CODES as readonly string[]).includes(middle)) {
    return { kind, code: middle as SystemAccountCode, unit };
  }
  return undefined;
}

export interface WalletState {
  balanceMicros: bigint;
  heldMicros: bigint;
}

export type HoldStatus = 'pending' | 'posted' | 'voided' | 'expired';

export interface HoldRecord {
  id: string;
  accountId: string;
  unit: Unit;
  walletId: string;
  creditAccountId: string;
  amountMicros: bigint;
  status: HoldStatus;
  postedMicros: bigint | null;
  transactionId: string | null;
  description: string;
  metadata: Record<string, string>;
  createdAt: Date;
  expiresAt: Date;
  resolvedAt: Date | null;
}

export interface TransferRecord {
  id: string;
  transactionId: string;
  debitAccountId: string;
  creditAccountId: string;
  unit: Unit;
  amountMicros: bigint;
  createdAt: Date;
}

/** A customer-facing transaction: a group of transfers with one signed effect on the customer. */
export interface TransactionRecord {
  id: string;
  accountId: string;
  kind: TransactionKind;
  unit: Unit;
  /** Net change of the customer's wallet in `unit`: positive adds, negative deducts. */
  amountMicros: bigint;
  description: string;
  metadata: Record<string, string>;
  holdId: string | null;
  createdAt: Date;
}

export interface TransactionSpec {
  id: string;
  accountId: string;
  kind: TransactionKind;
  unit: Unit;
  description: string;
  metadata: Record<string, string>;
  createdAt: Date;
}

export interface TransferSpec {
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  amountMicros: bigint;
}

export type HoldSpec = Omit<HoldRecord, 'status' | 'postedMicros' | 'transactionId' | 'resolvedAt'>;

export type LedgerCommand =
  | {
      type: 'post_transaction';
      transaction: TransactionSpec;
      transfers: TransferSpec[];
      /**
       * Take at most what the debited wallet has available (TigerBeetle's "balancing debit"): one
       * transfer out of a wallet, clamped to its available amount; refused with insufficient_funds
       * only when nothing at all is available. For fees owed whatever the balance (storage).
       */
      balancing?: boolean;
      /**
       * With `balancing`: clamp to the settled balance instead of the available amount. What the
       * transfer takes beyond the available amount comes out of the wallet's pending holds, which
       * shrink (the newest first; one shrunk to nothing is voided). A fee that protects the
       * customer's data (storage) is paid before a reservation for work not yet done (a render
       * task), so a hold never makes an instance look unpaid while the balance is above zero.
       */
      beforeHolds?: boolean;
    }
  | { type: 'place_hold'; hold: HoldSpec }
  | {
      type: 'post_hold';
      holdId: string;
      amountMicros: bigint;
      /** Post at most what is still held: a storage fee may have shrunk the hold (`beforeHolds`). */
      upToHeld?: boolean;
      transaction: TransactionSpec;
      transferId: string;
    }
  /** `walletId`: the hold's wallet, declared so the writer never batches it beside that wallet's charges. */
  | { type: 'void_hold'; holdId: string; at: Date; walletId?: string }
  | { type: 'expire_hold'; holdId: string; at: Date; walletId?: string };

/**
 * The most a wallet may hold: 10^12 whole units (10^18 micros), a million times any real balance
 * and a factor 9 below the bigint column's limit, so no credit can overflow the store. A credit that
 * would pass it is refused like insufficient funds, writing nothing.
 */
export const MAX_WALLET_BALANCE_MICROS = 10n ** 18n;

/** Results in the order a client should check them, as TigerBeetle lists its result codes. */
export type LedgerError =
  | { code: 'invalid_transfer'; reason: string }
  | { code: 'account_not_found'; accountId: string }
  | { code: 'hold_not_found'; holdId: string }
  | { code: 'hold_not_pending'; holdId: string; holdStatus: HoldStatus }
  | { code: 'hold_amount_exceeded'; holdId: string; heldMicros: bigint }
  | { code: 'balance_limit_exceeded'; accountId: string; unit: Unit; limitMicros: bigint }
  | {
      code: 'insufficient_funds';
      accountId: string;
      unit: Unit;
      availableMicros: bigint;
      requiredMicros: bigint;
    };

export type LedgerResult =
  | { type: 'transaction'; transaction: TransactionRecord }
  | { type: 'hold'; hold: HoldRecord; transaction: TransactionRecord | null };

export interface LedgerEffects {
  transactions: TransactionRecord[];
  transfers: TransferRecord[];
  newHolds: HoldRecord[];
  /**
   * Holds that changed: left `pending` (posted, voided or expired) or shrank (`beforeHolds`), each
   * pushed as it changed; the last entry of an id is its final state.
   */
  resolvedHolds: HoldRecord[];
}

export interface LedgerState {
  /** Wallets the batch touches, as locked in this transaction; mutated as commands apply. */
  wallets: Map<string, WalletState>;
  /** Holds the batch names, and every pending hold of a wallet a `beforeHolds` command debits. */
  holds: Map<string, HoldRecord>;
}

export type Decision = { ok: true; result: LedgerResult } | { ok: false; error: LedgerError };

/** Wallets and holds a command reads; the store loads (and locks) these before deciding. */
export function touchedWallets(command: LedgerCommand): string[] {
  switch (command.type) {
    case 'post_transaction':
      return command.transfers
        .flatMap((t) => [t.debitAccountId, t.creditAccountId])
        .filter((id) => id.startsWith('wallet:'));
    case 'place_hold':
      return [command.hold.walletId];
    case 'post_hold':
      // The posting's transaction is on the hold's account and unit: its wallet.
      return [walletId(command.transaction.accountId, command.transaction.unit)];
    case 'void_hold':
    case 'expire_hold':
      return command.walletId ? [command.walletId] : [];
  }
}

/** Wallets whose pending holds the store must load for a command (a `beforeHolds` debit may shrink them). */
export function walletsWithHoldsNeeded(command: LedgerCommand): string[] {
  if (command.type !== 'post_transaction' || !command.balancing || !command.beforeHolds) return [];
  return command.transfers.map((t) => t.debitAccountId).filter((id) => id.startsWith('wallet:'));
}

export function touchedHold(command: LedgerCommand): string | undefined {
  return command.type === 'post_hold' || command.type === 'void_hold' || command.type === 'expire_hold'
    ? command.holdId
    : undefined;
}

function available(wallet: WalletState): bigint {
  return wallet.balanceMicros - wallet.heldMicros;
}

function validateTransfers(unit: Unit, transfers: TransferSpec[]): LedgerError | undefined {
  if (transfers.length === 0) return { code: 'invalid_transfer', reason: 'a transaction needs a transfer' };
  for (const t of transfers) {
    const debit = parseLedgerAccountId(t.debitAccountId);
    const credit = parseLedgerAccountId(t.creditAccountId);
    if (!debit || !credit) return { code: 'invalid_transfer', reason: 'unknown ledger account' };
    if (t.debitAccountId === t.creditAccountId) {
      return { code: 'invalid_transfer', reason: 'debit and credit account are the same' };
    }
    if (debit.unit !== unit || credit.unit !== unit) {
      return { code: 'invalid_transfer', reason: 'all transfers of a transaction share its unit' };
    }
    if (t.amountMicros <= 0n) return { code: 'invalid_transfer', reason: 'amount must be positive' };
    if (!isWholeInUnit(t.amountMicros, unit)) {
      return { code: 'invalid_transfer', reason: `amount is finer than ${unit} allows` };
    }
  }
  return undefined;
}

/** Net effect of transfers on one ledger account (credits minus debits). */
export function netEffect(ledgerAccountId: string, transfers: readonly TransferSpec[]): bigint {
  let net = 0n;
  for (const t of transfers) {
    if (t.creditAccountId === ledgerAccountId) net += t.amountMicros;
    if (t.debitAccountId === ledgerAccountId) net -= t.amountMicros;
  }
  return net;
}

function toTransaction(spec: TransactionSpec, transfers: TransferSpec[], holdId: string | null) {
  const transaction: TransactionRecord = {
    ...spec,
    amountMicros: netEffect(walletId(spec.accountId, spec.unit), transfers),
    holdId,
  };
  const records: TransferRecord[] = transfers.map((t) => ({
    ...t,
    transactionId: spec.id,
    unit: spec.unit,
    createdAt: spec.createdAt,
  }));
  return { transaction, records };
}

/**
 * Applies every transfer to the wallets, all or nothing: if any wallet would end below zero
 * available, nothing changes and the first such wallet is reported.
 */
function applyTransfers(state: LedgerState, unit: Unit, transfers: TransferSpec[]): LedgerError | undefined {
  const next = new Map<string, WalletState>();
  for (const t of transfers) {
    for (const [id, sign] of [
      [t.debitAccountId, -1n],
      [t.creditAccountId, 1n],
    ] as const) {
      if (!id.startsWith('wallet:')) continue;
      const current = next.get(id) ?? state.wallets.get(id);
      if (!current) return { code: 'account_not_found', accountId: parseWalletOwner(id) };
      next.set(id, { ...current, balanceMicros: current.balanceMicros + sign * t.amountMicros });
    }
  }
  for (const [id, wallet] of next) {
    if (wallet.balanceMicros > MAX_WALLET_BALANCE_MICROS) {
      return {
        code: 'balance_limit_exceeded',
        accountId: parseWalletOwner(id),
        unit,
        limitMicros: MAX_WALLET_BALANCE_MICROS,
      };
    }
    if (available(wallet) < 0n) {
      const before = state.wallets.get(id)!;
      return {
        code: 'insufficient_funds',
        accountId: parseWalletOwner(id),
        unit,
        availableMicros: available(before),
        requiredMicros: before.balanceMicros - wallet.balanceMicros,
      };
    }
  }
  for (const [id, wallet] of next) state.wallets.set(id, wallet);
  return undefined;
}

function parseWalletOwner(id: string): string {
  const parsed = parseLedgerAccountId(id);
  return parsed?.kind === 'wallet' ? parsed.accountId : id;
}

function resolve(
  state: LedgerState,
  hold: HoldRecord,
  status: Exclude<HoldStatus, 'pending'>,
  at: Date,
  posted?: { micros: bigint; transactionId: string },
): HoldRecord {
  const wallet = state.wallets.get(hold.walletId)!;
  state.wallets.set(hold.walletId, { ...wallet, heldMicros: wallet.heldMicros - hold.amountMicros });
  const resolved: HoldRecord = {
    ...hold,
    status,
    resolvedAt: at,
    postedMicros: posted?.micros ?? null,
    transactionId: posted?.transactionId ?? null,
  };
  state.holds.set(hold.id, resolved);
  return resolved;
}

/** A balancing command's one transfer, clamped to what its wallet has available. */
function balance(
  state: LedgerState,
  spec: TransactionSpec,
  transfers: TransferSpec[],
  beforeHolds = false,
): TransferSpec[] | LedgerError {
  const transfer = transfers.length === 1 ? transfers[0]! : undefined;
  if (!transfer?.debitAccountId.startsWith('wallet:')) {
    return { code: 'invalid_transfer', reason: 'a balancing transaction is one transfer out of a wallet' };
  }
  const wallet = state.wallets.get(transfer.debitAccountId);
  if (!wallet) return { code: 'account_not_found', accountId: parseWalletOwner(transfer.debitAccountId) };
  const availableMicros = beforeHolds ? wallet.balanceMicros : available(wallet);
  if (availableMicros <= 0n || transfer.amountMicros <= 0n) {
    return (
      validateTransfers(spec.unit, transfers) ?? {
        code: 'insufficient_funds',
        accountId: parseWalletOwner(transfer.debitAccountId),
        unit: spec.unit,
        availableMicros,
        requiredMicros: transfer.amountMicros,
      }
    );
  }
  return [
    {
      ...transfer,
      amountMicros: transfer.amountMicros < availableMicros ? transfer.amountMicros : availableMicros,
    },
  ];
}

/**
 * Makes room for a `beforeHolds` debit: shrinks the debited wallet's pending holds, newest first,
 * by what the transfer takes beyond the available amount. A hold shrunk to nothing is voided.
 */
function shrinkHolds(
  state: LedgerState,
  transfer: TransferSpec,
  at: Date,
  effects: LedgerEffects,
): LedgerError | undefined {
  const wallet = state.wallets.get(transfer.debitAccountId)!;
  let deficit = transfer.amountMicros - available(wallet);
  if (deficit <= 0n) return undefined;
  const pending = [...state.holds.values()]
    .filter((h) => h.walletId === transfer.debitAccountId && h.status === 'pending' && h.expiresAt > at)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  // The store loads every pending hold such a debit may shrink; if it did not, refuse before changing anything.
  if (pending.reduce((sum, h) => sum + h.amountMicros, 0n) < deficit) {
    return { code: 'invalid_transfer', reason: 'the holds to shrink were not loaded' };
  }
  for (const hold of pending) {
    if (deficit <= 0n) break;
    if (hold.amountMicros <= deficit) {
      deficit -= hold.amountMicros;
      effects.resolvedHolds.push(resolve(state, hold, 'voided', at));
      continue;
    }
    const shrunk: HoldRecord = { ...hold, amountMicros: hold.amountMicros - deficit };
    const current = state.wallets.get(hold.walletId)!;
    state.wallets.set(hold.walletId, { ...current, heldMicros: current.heldMicros - deficit });
    state.holds.set(hold.id, shrunk);
    effects.resolvedHolds.push(shrunk);
    deficit = 0n;
  }
  return undefined;
}

/**
 * Shrinks holds to make room for a `beforeHolds` debit, then applies it, on a copy of the state:
 * the state and effects take the outcome only when both succeed, so a debit refused after the
 * shrinking (its credit wallet unknown or at its limit) leaves every hold as it was.
 */
function shrinkHoldsThenApply(
  state: LedgerState,
  spec: TransactionSpec,
  transfers: TransferSpec[],
  effects: LedgerEffects,
): LedgerError | undefined {
  const scratch: LedgerState = { wallets: new Map(state.wallets), holds: new Map(state.holds) };
  const shrunk = emptyEffects();
  const invalid =
    shrinkHolds(scratch, transfers[0]!, spec.createdAt, shrunk) ??
    applyTransfers(scratch, spec.unit, transfers);
  if (invalid) return invalid;
  for (const [id, wallet] of scratch.wallets) state.wallets.set(id, wallet);
  for (const [id, hold] of scratch.holds) state.holds.set(id, hold);
  effects.resolvedHolds.push(...shrunk.resolvedHolds);
  return undefined;
}

type CommandOf<T extends LedgerCommand['type']> = Extract<LedgerCommand, { type: T }>;

/**
 * Decides one command against the state and, when it succeeds, applies it to the state and
 * appends what must be written to `effects`. A refused command changes nothing, with one
 * exception: a hold it finds past its expiry is expired, since that happened whatever it asked.
 */
export function decide(state: LedgerState, command: LedgerCommand, effects: LedgerEffects): Decision {
  switch (command.type) {
    case 'post_transaction':
      return decidePostTransaction(state, command, effects);
    case 'place_hold':
      return decidePlaceHold(state, command, effects);
    case 'post_hold':
    case 'void_hold':
    case 'expire_hold':
      return decideHoldResolution(state, command, effects);
  }
}

/** A transaction of transfers, balanced first (and holds shrunk to make room) when the command asks. */
function decidePostTransaction(
  state: LedgerState,
  command: CommandOf<'post_transaction'>,
  effects: LedgerEffects,
): Decision {
  const { transaction: spec } = command;
  const transfers = command.balancing
    ? balance(state, spec, command.transfers, command.beforeHolds)
    : command.transfers;
  if (!Array.isArray(transfers)) return { ok: false, error: transfers };
  const invalid =
    validateTransfers(spec.unit, transfers) ??
    (command.balancing && command.beforeHolds
      ? shrinkHoldsThenApply(state, spec, transfers, effects)
      : applyTransfers(state, spec.unit, transfers));
  if (invalid) return { ok: false, error: invalid };
  const { transaction, records } = toTransaction(spec, transfers, null);
  effects.transactions.push(transaction);
  effects.transfers.push(...records);
  return { ok: true, result: { type: 'transaction', transaction } };
}

/** Reserves the amount on the wallet: refused when the wallet's available balance is short. */
function decidePlaceHold(
  state: LedgerState,
  command: CommandOf<'place_hold'>,
  effects: LedgerEffects,
): Decision {
  const { hold } = command;
  const invalid = validateTransfers(hold.unit, [
    {
      id: hold.id,
      debitAccountId: hold.walletId,
      creditAccountId: hold.creditAccountId,
      amountMicros: hold.amountMicros,
    },
  ]);
  if (invalid) return { ok: false, error: invalid };
  const wallet = state.wallets.get(hold.walletId);
  if (!wallet) return { ok: false, error: { code: 'account_not_found', accountId: hold.accountId } };
  if (available(wallet) < hold.amountMicros) {
    return {
      ok: false,
      error: {
        code: 'insufficient_funds',
        accountId: hold.accountId,
        unit: hold.unit,
        availableMicros: available(wallet),
        requiredMicros: hold.amountMicros,
      },
    };
  }
  state.wallets.set(hold.walletId, { ...wallet, heldMicros: wallet.heldMicros + hold.amountMicros });
  const record: HoldRecord = {
    ...hold,
    status: 'pending',
    postedMicros: null,
    transactionId: null,
    resolvedAt: null,
  };
  state.holds.set(hold.id, record);
  effects.newHolds.push(record);
  return { ok: true, result: { type: 'hold', hold: record, transaction: null } };
}

/**
 * Posts, voids or expires a pending hold. A hold found past its expiry is expired first (and
 * stays expired even when the command is then refused as `hold_not_pending`).
 */
function decideHoldResolution(
  state: LedgerState,
  command: CommandOf<'post_hold' | 'void_hold' | 'expire_hold'>,
  effects: LedgerEffects,
): Decision {
  const hold = state.holds.get(command.holdId);
  if (!hold) return { ok: false, error: { code: 'hold_not_found', holdId: command.holdId } };
  const at = command.type === 'post_hold' ? command.transaction.createdAt : command.at;
  if (hold.status === 'pending' && hold.expiresAt <= at && command.type !== 'expire_hold') {
    // Past its expiry the reservation is gone even if the sweeper has not run yet.
    effects.resolvedHolds.push(resolve(state, hold, 'expired', hold.expiresAt));
  }
  const current = state.holds.get(command.holdId)!;
  if (current.status !== 'pending') {
    return {
      ok: false,
      error: { code: 'hold_not_pending', holdId: current.id, holdStatus: current.status },
    };
  }
  if (command.type === 'post_hold') return decidePostHold(state, command, current, effects);
  const resolved = resolve(state, current, command.type === 'void_hold' ? 'voided' : 'expired', command.at);
  effects.resolvedHolds.push(resolved);
  return { ok: true, result: { type: 'hold', hold: resolved, transaction: null } };
}

/** Captures up to the held amount of a pending hold as a transaction from its wallet. */
function decidePostHold(
  state: LedgerState,
  command: CommandOf<'post_hold'>,
  current: HoldRecord,
  effects: LedgerEffects,
): Decision {
  const amountMicros =
    command.upToHeld && command.amountMicros > current.amountMicros
      ? current.amountMicros
      : command.amountMicros;
  if (amountMicros <= 0n || amountMicros > current.amountMicros) {
    return {
      ok: false,
      error: { code: 'hold_amount_exceeded', holdId: current.id, heldMicros: current.amountMicros },
    };
  }
  const transfers: TransferSpec[] = [
    {
      id: command.transferId,
      debitAccountId: current.walletId,
      creditAccountId: current.creditAccountId,
      amountMicros,
    },
  ];
  // Releasing the hold first makes the posted amount (≤ held) always affordable.
  const resolved = resolve(state, current, 'posted', command.transaction.createdAt, {
    micros: amountMicros,
    transactionId: command.transaction.id,
  });
  const failed = applyTransfers(state, current.unit, transfers);
  if (failed) throw new Error(`ledger invariant broken posting ${current.id}: ${failed.code}`);
  const { transaction, records } = toTransaction(command.transaction, transfers, current.id);
  effects.resolvedHolds.push(resolved);
  effects.transactions.push(transaction);
  effects.transfers.push(...records);
  return { ok: true, result: { type: 'hold', hold: resolved, transaction } };
}

export function emptyEffects(): LedgerEffects {
  return { transactions: [], transfers: [], newHolds: [], resolvedHolds: [] };
}

// The ledger's entities as its stores, use cases and the other slices pass them around (the stores
// map their rows into these; docs/architecture.md, "Entity types").

export interface AuditEntry {
  id: string;
  actor: string;
  action: string;
  subject: string;
  reason: string;
  details: Record<string, unknown>;
  createdAt: Date;
}

export interface LedgerRequest {
  command: LedgerCommand;
  idempotency?: IdempotencyClaim;
  /** Written in the same transaction as the ledger effects, only when the command applies. */
  audit?: AuditEntry;
}

export type LedgerOutcome =
  | { status: 'applied'; result: LedgerResult }
  | { status: 'replayed'; result: LedgerResult }
  | { status: 'rejected'; error: LedgerError }
  | { status: 'idempotency_conflict' };

export interface BatchResult {
  outcomes: LedgerOutcome[];
  /** Every touched wallet as this batch left it (what a cache of wallet states should now hold). */
  wallets: Map<string, WalletState>;
}

export interface BalanceRecord {
  unit: Unit;
  balanceMicros: bigint;
  heldMicros: bigint;
}

/** Position in the history, newest first: (created_at, seq) of the last row of the previous page. */
export interface HistoryCursor {
  createdAt: Date;
  seq: bigint;
}

export interface HistoryPage {
  transactions: TransactionRecord[];
  next: HistoryCursor | null;
}

/** A mutation's idempotency key, scoped to the caller, with a hash of what was asked. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
}

/** What an earlier committed request left under a key: nothing yet, its result, or a different request. */
export type KeyState = { seen: false } | { seen: true; replay: unknown } | { seen: true; conflict: true };

/**
 * What each claim finds under its key. A batch may carry several claims on one key with different
 * bodies (a retry and a misuse racing): each is judged against its OWN request hash, so one key can
 * be a replay for one claim and a conflict for another. (Keyed by key alone, the last claim's
 * verdict used to answer for all of them: retries got 409, or misuses got the stored answer.)
 */
export type KeyStates = (claim: IdempotencyClaim) => KeyState;
