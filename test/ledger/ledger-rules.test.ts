import { describe, expect, it } from 'vitest';
import {
  type HoldSpec,
  type LedgerCommand,
  type LedgerState,
  decide,
  emptyEffects,
  revenueAccountId,
  systemAccountId,
  walletId,
} from '../../src/ledger/ledger-rules.js';

const at = new Date('2026-01-01T00:00:00Z');
const W = walletId('acct_a', 'CREDIT');
const REVENUE = revenueAccountId('compute', 'CREDIT');

function stateWith(balance: bigint, held = 0n): LedgerState {
  return { wallets: new Map([[W, { balanceMicros: balance, heldMicros: held }]]), holds: new Map() };
}

const charge = (amountMicros: bigint, id = 'txn_1'): LedgerCommand => ({
  type: 'post_transaction',
  transaction: {
    id,
    accountId: 'acct_a',
    kind: 'charge',
    unit: 'CREDIT',
    description: 'render',
    metadata: {},
    createdAt: at,
  },
  transfers: [{ id: `x_${id}`, debitAccountId: W, creditAccountId: REVENUE, amountMicros }],
});

const hold = (
  amountMicros: bigint,
  id = 'hold_1',
  expiresAt = new Date('2026-01-01T01:00:00Z'),
): LedgerCommand => ({
  type: 'place_hold',
  hold: {
    id,
    accountId: 'acct_a',
    unit: 'CREDIT',
    walletId: W,
    creditAccountId: REVENUE,
    amountMicros,
    description: 'task',
    metadata: {},
    createdAt: at,
    expiresAt,
  } satisfies HoldSpec,
});

describe('ledger rules', () => {
  it('a balancing charge takes what is available when that is less, and is refused only at zero', () => {
    const state = stateWith(1_000_000n, 400_000n);
    const balancing = (amountMicros: bigint, id: string): LedgerCommand => ({
      ...(charge(amountMicros, id) as Extract<LedgerCommand, { type: 'post_transaction' }>),
      balancing: true,
    });
    const whole = decide(state, balancing(100_000n, 'txn_1'), emptyEffects());
    expect(whole.ok && whole.result.transaction?.amountMicros).toBe(-100_000n);
    const effects = emptyEffects();
    const partial = decide(state, balancing(900_000n, 'txn_2'), effects);
    expect(partial.ok && partial.result.transaction?.amountMicros).toBe(-500_000n); // 1.0 − 0.4 held − 0.1
    expect(effects.transfers.map((t) => t.amountMicros)).toEqual([500_000n]);
    expect(state.wallets.get(W)).toEqual({ balanceMicros: 400_000n, heldMicros: 400_000n });
    const refused = decide(state, balancing(1n, 'txn_3'), emptyEffects());
    expect(!refused.ok && refused.error.code).toBe('insufficient_funds');
    const twoTransfers: LedgerCommand = {
      ...(balancing(1n, 'txn_4') as Extract<LedgerCommand, { type: 'post_transaction' }>),
      transfers: [
        { id: 'x1', debitAccountId: W, creditAccountId: REVENUE, amountMicros: 1n },
        { id: 'x2', debitAccountId: W, creditAccountId: REVENUE, amountMicros: 1n },
      ],
    };
    const invalid = decide(stateWith(10n), twoTransfers, emptyEffects());
    expect(!invalid.ok && invalid.error.code).toBe('invalid_transfer');
  });

  it('a balancing debit before holds that is then refused (its credit wallet unknown) leaves the holds it would have shrunk as they were', () => {
    const state = stateWith(1_000_000n);
    expect(decide(state, hold(800_000n, 'hold_task'), emptyEffects()).ok).toBe(true);
    const before = { wallets: new Map(state.wallets), holds: new Map(state.holds) };
    const toUnknownWallet: LedgerCommand = {
      ...(charge(600_000n, 'txn_fee') as Extract<LedgerCommand, { type: 'post_transaction' }>),
      balancing: true,
      beforeHolds: true,
      transfers: [
        {
          id: 'x_fee',
          debitAccountId: W,
          creditAccountId: walletId('acct_unknown', 'CREDIT'),
          amountMicros: 600_000n,
        },
      ],
    };
    const effects = emptyEffects();
    const refused = decide(state, toUnknownWallet, effects);
    expect(!refused.ok && refused.error.code).toBe('account_not_found');
    expect(effects).toEqual(emptyEffects());
    expect(state.wallets).toEqual(before.wallets); // still 0.8 held of 1.0
    expect(state.holds).toEqual(before.holds);
  });

  it('a balancing charge before holds takes from the settled balance: the newest hold shrinks, then voids', () => {
    const state = stateWith(1_000_000n);
    const h1 = hold(300_000n, 'hold_old');
    const h2 = { ...(hold(500_000n, 'hold_new') as Extract<LedgerCommand, { type: 'place_hold' }>) };
    h2.hold = { ...h2.hold, createdAt: new Date(at.getTime() + 1000) };
    expect(decide(state, h1, emptyEffects()).ok).toBe(true);
    expect(decide(state, h2, emptyEffects()).ok).toBe(true);
    const storage = (amountMicros: bigint, id: string): LedgerCommand => ({
      ...(charge(amountMicros, id) as Extract<LedgerCommand, { type: 'post_transaction' }>),
      balancing: true,
      beforeHolds: true,
    });
    const effects = emptyEffects();
    // 0.2 available; 0.5 owed: 0.3 comes out of the newest hold (0.5 → 0.2).
    const first = decide(state, storage(500_000n, 'txn_1'), effects);
    expect(first.ok && first.result.transaction?.amountMicros).toBe(-500_000n);
    expect(state.wallets.get(W)).toEqual({ balanceMicros: 500_000n, heldMicros: 500_000n });
    expect(effects.resolvedHolds.map((h) => [h.id, h.status, h.amountMicros])).toEqual([
      ['hold_new', 'pending', 200_000n],
    ]);
    // 0.4 owed, nothing available: the newest (0.2) is voided, the older shrinks 0.3 → 0.1.
    const more = emptyEffects();
    const second = decide(state, storage(400_000n, 'txn_2'), more);
    expect(second.ok && second.result.transaction?.amountMicros).toBe(-400_000n);
    expect(more.resolvedHolds.map((h) => [h.id, h.status, h.amountMicros])).toEqual([
      ['hold_new', 'voided', 200_000n],
      ['hold_old', 'pending', 100_000n],
    ]);
    // 0.5 owed, 0.1 left in all: takes 0.1; the wallet ends at exactly 0; then refused.
    const last = decide(state, storage(500_000n, 'txn_3'), emptyEffects());
    expect(last.ok && last.result.transaction?.amountMicros).toBe(-100_000n);
    expect(state.wallets.get(W)).toEqual({ balanceMicros: 0n, heldMicros: 0n });
    const refused = decide(state, storage(1n, 'txn_4'), emptyEffects());
    expect(!refused.ok && refused.error.code).toBe('insufficient_funds');
  });

  it('posting up to what is held: a shrunk hold posts what is left of it', () => {
    const state = stateWith(1_000_000n);
    expect(decide(state, hold(600_000n), emptyEffects()).ok).toBe(true);
    const shrink: LedgerCommand = {
      ...(charge(700_000n, 'txn_s') as Extract<LedgerCommand, { type: 'post_transaction' }>),
      balancing: true,
      beforeHolds: true,
    };
    expect(decide(state, shrink, emptyEffects()).ok).toBe(true); // hold 0.6 → 0.3
    const post = (upToHeld: boolean): LedgerCommand => ({
      type: 'post_hold',
      holdId: 'hold_1',
      amountMicros: 500_000n,
      transferId: 'x_post',
      ...(upToHeld ? { upToHeld } : {}),
      transaction: (charge(1n, 'txn_p') as Extract<LedgerCommand, { type: 'post_transaction' }>).transaction,
    });
    const exceeded = decide(state, post(false), emptyEffects());
    expect(!exceeded.ok && exceeded.error.code).toBe('hold_amount_exceeded');
    const posted = decide(state, post(true), emptyEffects());
    expect(posted.ok && posted.result.transaction?.amountMicros).toBe(-300_000n);
    expect(state.wallets.get(W)).toEqual({ balanceMicros: 0n, heldMicros: 0n });
  });

  it('charges a wallet down to exactly zero, and refuses one micro more', () => {
    const state = stateWith(1_000_000n);
    expect(decide(state, charge(1_000_000n), emptyEffects()).ok).toBe(true);
    expect(state.wallets.get(W)).toEqual({ balanceMicros: 0n, heldMicros: 0n });
    const refused = decide(state, charge(1n, 'txn_2'), emptyEffects());
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'insufficient_funds',
        accountId: 'acct_a',
        unit: 'CREDIT',
        availableMicros: 0n,
        requiredMicros: 1n,
      },
    });
  });

  it('records a charge as a negative amount on the customer and one transfer', () => {
    const effects = emptyEffects();
    decide(stateWith(5_000_000n), charge(1_500_000n), effects);
    expect(effects.transactions[0]!.amountMicros).toBe(-1_500_000n);
    expect(effects.transfers).toHaveLength(1);
  });

  it('holds reduce available, not balance; a charge cannot use held funds', () => {
    const state = stateWith(1_000_000n);
    expect(decide(state, hold(600_000n), emptyEffects()).ok).toBe(true);
    expect(state.wallets.get(W)).toEqual({ balanceMicros: 1_000_000n, heldMicros: 600_000n });
    const refused = decide(state, charge(500_000n), emptyEffects());
    expect(refused.ok || refused.error.code).toBe('insufficient_funds');
    // The seed's example: balance 1.00, task max cost 0.60 → the second hold is refused.
    expect(decide(state, hold(600_000n, 'hold_2'), emptyEffects()).ok).toBe(false);
  });

  it('posts at most the held amount and releases the rest', () => {
    const state = stateWith(1_000_000n);
    decide(state, hold(600_000n), emptyEffects());
    const post = (amountMicros: bigint): LedgerCommand => ({
      type: 'post_hold',
      holdId: 'hold_1',
      amountMicros,
      transferId: 'xfr_p',
      transaction: {
        id: 'txn_p',
        accountId: 'acct_a',
        kind: 'charge',
        unit: 'CREDIT',
        description: 'task',
        metadata: {},
        createdAt: at,
      },
    });
    const tooMuch = decide(state, post(600_001n), emptyEffects());
    expect(tooMuch.ok || tooMuch.error.code).toBe('hold_amount_exceeded');
    const effects = emptyEffects();
    const posted = decide(state, post(450_000n), effects);
    expect(posted.ok && posted.result.type === 'hold' && posted.result.hold.status).toBe('posted');
    expect(state.wallets.get(W)).toEqual({ balanceMicros: 550_000n, heldMicros: 0n });
    const again = decide(state, post(1n), emptyEffects());
    expect(again).toEqual({
      ok: false,
      error: { code: 'hold_not_pending', holdId: 'hold_1', holdStatus: 'posted' },
    });
  });

  it('a hold past its expiry is expired when touched, and can no longer be posted', () => {
    const state = stateWith(1_000_000n);
    decide(state, hold(600_000n, 'hold_1', new Date('2026-01-01T00:10:00Z')), emptyEffects());
    const effects = emptyEffects();
    const late = decide(
      state,
      { type: 'void_hold', holdId: 'hold_1', at: new Date('2026-01-01T00:10:00Z') },
      effects,
    );
    expect(late).toEqual({
      ok: false,
      error: { code: 'hold_not_pending', holdId: 'hold_1', holdStatus: 'expired' },
    });
    expect(effects.resolvedHolds.map((h) => h.status)).toEqual(['expired']);
    expect(state.wallets.get(W)!.heldMicros).toBe(0n);
  });

  it('refuses malformed transfers before touching any wallet', () => {
    const state = stateWith(1_000_000n);
    const sameAccount: LedgerCommand = {
      ...charge(1n),
      transfers: [{ id: 'x', debitAccountId: W, creditAccountId: W, amountMicros: 1n }],
    } as LedgerCommand;
    const wrongUnit: LedgerCommand = {
      ...charge(1n),
      transfers: [
        {
          id: 'x',
          debitAccountId: W,
          creditAccountId: systemAccountId('promotions', 'TOKEN'),
          amountMicros: 1n,
        },
      ],
    } as LedgerCommand;
    const unknown: LedgerCommand = {
      ...charge(1n),
      transfers: [{ id: 'x', debitAccountId: W, creditAccountId: 'system:nope:CREDIT', amountMicros: 1n }],
    } as LedgerCommand;
    for (const command of [sameAccount, wrongUnit, unknown]) {
      const decision = decide(state, command, emptyEffects());
      expect(decision.ok || decision.error.code).toBe('invalid_transfer');
    }
    expect(state.wallets.get(W)).toEqual({ balanceMicros: 1_000_000n, heldMicros: 0n });
  });

  it('a multi-transfer transaction is all or nothing', () => {
    const other = walletId('acct_b', 'CREDIT');
    const state: LedgerState = {
      wallets: new Map([
        [W, { balanceMicros: 1_000_000n, heldMicros: 0n }],
        [other, { balanceMicros: 0n, heldMicros: 0n }],
      ]),
      holds: new Map(),
    };
    const command: LedgerCommand = {
      ...charge(1n),
      transfers: [
        { id: 'x1', debitAccountId: W, creditAccountId: other, amountMicros: 700_000n },
        { id: 'x2', debitAccountId: W, creditAccountId: REVENUE, amountMicros: 400_000n },
      ],
    } as LedgerCommand;
    expect(decide(state, command, emptyEffects()).ok).toBe(false);
    expect(state.wallets.get(W)!.balanceMicros).toBe(1_000_000n);
    expect(state.wallets.get(other)!.balanceMicros).toBe(0n);
  });
});
