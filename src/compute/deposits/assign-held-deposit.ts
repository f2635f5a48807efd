import { insertAuditEntry } from '../../accounts/audit-store.js';
import type { TransactionRecord } from '../../ledger/ledger-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { findAccount } from '../../accounts/account-store.js';
import { assignDepositToAccount, findDeposit, lockDeposit } from '../../accounts/web3-store.js';
import type { Caller } from '../../kernel/context.js';
import type { ComputeContext } from '../context.js';
import { creditDeposit } from './credit-deposit.js';
import { type Web3Result, web3Fail, web3Ok, web3Of } from '../../accounts/siwe-settings.js';
import type { DepositRecord } from '../../accounts/accounts-rules.js';

export interface AssignDepositInput {
  depositId: string;
  accountId: string;
  reason: string;
}

export type AssignFailureCode =
  | 'deposit_not_found'
  | 'deposit_not_held'
  | 'account_not_found'
  | 'invalid_transfer'
  | 'idempotency_key_reused';

/**
 * An operator settles a deposit held for review (an unknown sender) by assigning it to an account.
 * The assignment and its audit entry are written in one transaction (the deposit row locked);
 * the credit then goes through recordTopUp like any deposit. Idempotent on the deposit: repeating
 * the same assignment (also after a crash between the two steps) credits once and replays; a
 * different account for an already assigned deposit is refused.
 */
export async function assignHeldDeposit(
  ctx: ComputeContext,
  operator: Caller,
  input: AssignDepositInput,
): Promise<Web3Result<{ deposit: DepositRecord; transaction: TransactionRecord }, AssignFailureCode>> {
  if (!(await findDeposit(ctx.db, input.depositId))) {
    return web3Fail('deposit_not_found', 'no such deposit', { depositId: input.depositId });
  }
  if (!(await findAccount(ctx.db, input.accountId))) {
    return web3Fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  type Decision = { refused: DepositRecord } | { deposit: DepositRecord; repeat: boolean };
  const decision = await ctx.db.transaction(async (tx): Promise<Decision> => {
    const deposit = (await lockDeposit(tx, input.depositId))!;
    const sameAccount = deposit.accountId === input.accountId;
    if (deposit.status === 'credited' && sameAccount) return { deposit, repeat: true };
    if (deposit.status !== 'held_for_review' || (deposit.accountId !== null && !sameAccount)) {
      return { refused: deposit };
    }
    if (deposit.accountId === null) {
      const now = ctx.clock.now();
      await assignDepositToAccount(tx, deposit.id, input.accountId, now);
      await insertAuditEntry(tx, {
        id: newId('audit'),
        actor: operator.id,
        action: 'deposit.assign',
        subject: input.accountId,
        reason: input.reason,
        details: {
          depositId: deposit.id,
          txHash: deposit.txHash,
          logIndex: deposit.logIndex,
          fromAddress: deposit.fromAddress,
          amount: formatAmount(deposit.amountMicros, 'CREDIT'),
          unit: 'USDT',
        },
        createdAt: now,
      });
      return { deposit: { ...deposit, accountId: input.accountId }, repeat: false };
    }
    return { deposit, repeat: true }; // assigned before, credit not finished: finish it
  });
  if ('refused' in decision) {
    const d = decision.refused;
    return web3Fail(
      'deposit_not_held',
      d.status === 'held_for_review' || d.status === 'credited'
        ? 'the deposit is already assigned to another account'
        : `the deposit is ${d.status}, not held for review`,
      { depositId: d.id, depositStatus: d.status },
    );
  }
  const credited = await creditDeposit(ctx, decision.deposit, input.accountId, web3Of(ctx).explorerTxUrl);
  if (!credited.ok) return credited;
  const deposit = (await findDeposit(ctx.db, input.depositId))!;
  return web3Ok({ deposit, transaction: credited.value }, decision.repeat);
}
