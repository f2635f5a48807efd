import type { TransactionRecord } from '../../ledger/ledger-rules.js';
import type { NetworkFeeRefundConfig } from '../../kernel/config.js';
import { formatAmount } from '../../kernel/money.js';
import { requestHash } from '../../kernel/request-hash.js';
import { type Result, ok } from '../../kernel/result.js';
import type { ComputeContext } from '../context.js';
import { grantPromotionCredits } from '../grant-promotion-credits.js';
import type { DepositRecord } from '../../accounts/accounts-rules.js';
import { formatWei } from './relay-rules.js';
import {
  NETWORK_FEE_REFUND_DESCRIPTION,
  NETWORK_FEE_REFUND_SCOPE,
  networkFeeRefund,
  networkFeeRefundKey,
} from './network-fee-rules.js';

/** The gas of a deposit's transaction, from its receipt: who sent (and so paid for) it, and how much. */
export interface DepositGas {
  /** The transaction's sender (`receipt.from`), lowercase. */
  payer: string;
  gasUsed: bigint;
  effectiveGasPrice: bigint;
}

/**
 * Refunds the gas the customer's own wallet paid for a credited deposit, as its own Promotion
 * transaction ("Network fee sponsored", from `system:promotions:CREDIT`), under the ledger
 * idempotency key (network-fee-refund:usdt, `<chainId>:<txHash>`): a rescan, a restart or two
 * watchers at once pay it once. The request hash names the account and transaction only, so a
 * replay after the price was reconfigured answers the first refund instead of a conflict.
 *
 * Nothing is written (null) when the wallet that sent the transaction is not the deposit's sender
 * (Pictor's relayer, or a contract call by someone else: the customer paid no gas), or when the
 * refund rounds to 0.
 */
export async function refundNetworkFee(
  ctx: ComputeContext,
  deposit: DepositRecord,
  accountId: string,
  payment: TransactionRecord,
  gas: DepositGas,
  config: NetworkFeeRefundConfig,
): Promise<Result<TransactionRecord | null>> {
  if (gas.payer.toLowerCase() !== deposit.fromAddress.toLowerCase()) return ok(null);
  const refund = networkFeeRefund(gas.gasUsed, gas.effectiveGasPrice, config);
  if (refund.refundMicros === 0n) return ok(null);
  return grantPromotionCredits(ctx, {
    idempotency: {
      scope: NETWORK_FEE_REFUND_SCOPE,
      key: networkFeeRefundKey(deposit.chainId, deposit.txHash),
      requestHash: requestHash('network-fee-refund', { accountId, txHash: deposit.txHash }),
    },
    accountId,
    description: NETWORK_FEE_REFUND_DESCRIPTION,
    metadata: {
      reason: 'network_fee',
      paymentTransactionId: payment.id,
      txHash: deposit.txHash,
      chainId: String(deposit.chainId),
      gasUsed: gas.gasUsed.toString(),
      effectiveGasPrice: gas.effectiveGasPrice.toString(),
      networkFee: `${formatWei(refund.feeWei)} ETH`,
      nativeTokenUsdPrice: formatAmount(config.nativeUsdPriceMicros, 'CREDIT'),
      uncapped: formatAmount(refund.uncappedMicros, 'CREDIT'),
      capped: String(refund.capped),
    },
    amountMicros: refund.refundMicros,
  });
}
