import type { TransactionRecord } from '../../ledger/ledger-rules.js';
import { MAX_AMOUNT_MICROS } from '../../kernel/money.js';
import { getAddress } from 'viem';
import { markCredited } from '../../accounts/web3-store.js';
import type { ComputeContext } from '../context.js';
import { recordTopUp } from '../topups/record-top-up.js';
import { type Web3Result, explorerUrl, web3Fail, web3Ok } from '../../accounts/siwe-settings.js';
import type { DepositRecord } from '../../accounts/accounts-rules.js';
import type { NetworkFeeRefundConfig } from '../../kernel/config.js';
import { creditsArrived } from '../credits-arrived.js';
import { type DepositGas, refundNetworkFee } from './refund-network-fee.js';

/** Refund sponsorship for one deposit: the gas its receipt shows and the configured price and cap. */
export interface DepositSponsorship {
  gas: DepositGas;
  refund: NetworkFeeRefundConfig;
}

/** The ledger's source id of a deposit: one Transfer log. */
export const depositSourceId = (d: Pick<DepositRecord, 'txHash' | 'logIndex'>) => `${d.txHash}:${d.logIndex}`;

/**
 * Credits a confirmed deposit to `accountId`: USDT 1:1 in CREDIT, no fee, as one Payment through
 * recordTopUp (rail `usdt`, source `<txHash>:<logIndex>`), then marks the deposit credited. Safe to
 * repeat or race: recordTopUp replays the first credit for the same log, so a deposit is credited
 * once however many watchers (or operator retries) deliver it.
 *
 * With `sponsorship` (the watcher, refund mode), the gas the customer's wallet paid is refunded
 * (refund-network-fee.ts) before the deposit is marked credited: a crash in between leaves the
 * deposit `seen`, so the next pass replays the credit and finishes the refund, once.
 */
export async function creditDeposit(
  ctx: ComputeContext,
  deposit: DepositRecord,
  accountId: string,
  explorerTemplate: string,
  sponsorship?: DepositSponsorship,
): Promise<
  Web3Result<TransactionRecord, 'invalid_transfer' | 'account_not_found' | 'idempotency_key_reused'>
> {
  if (deposit.amountMicros > MAX_AMOUNT_MICROS) {
    return web3Fail('invalid_transfer', 'the deposit exceeds the largest amount the ledger moves at once');
  }
  const explorer = explorerUrl(explorerTemplate, deposit.txHash);
  const result = await recordTopUp(ctx, {
    accountId,
    rail: 'usdt',
    amountMicros: deposit.amountMicros,
    sourceId: depositSourceId(deposit),
    description: 'USDT deposit',
    metadata: {
      txHash: deposit.txHash,
      logIndex: String(deposit.logIndex),
      chainId: String(deposit.chainId),
      fromAddress: getAddress(deposit.fromAddress),
      explorerUrl: explorer,
      fee: '0',
      depositId: deposit.id,
    },
  });
  if (!result.ok) {
    const code = result.failure.code;
    if (code === 'account_not_found' || code === 'idempotency_key_reused') {
      return web3Fail(code, result.failure.detail, result.failure.extra);
    }
    return web3Fail('invalid_transfer', result.failure.detail, result.failure.extra);
  }
  if (sponsorship) {
    const refund = await refundNetworkFee(
      ctx,
      deposit,
      accountId,
      result.value,
      sponsorship.gas,
      sponsorship.refund,
    );
    if (!refund.ok) return web3Fail('invalid_transfer', refund.failure.detail, refund.failure.extra);
    if (refund.value && !refund.replayed) await creditsArrived(ctx, accountId);
  }
  await markCredited(ctx.db, deposit.id, accountId, result.value.id, ctx.clock.now());
  return web3Ok(result.value, result.replayed);
}
