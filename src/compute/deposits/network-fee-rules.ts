/** Wei per whole native token (ETH and its kin have 18 decimals). */
export const WEI_PER_NATIVE_TOKEN = 10n ** 18n;

/** What the gas a customer's wallet paid for a deposit comes back as (docs/usdt-relay.md § Refund). */
export interface NetworkFeeRefund {
  /** gasUsed × effectiveGasPrice, the wallet's spend in wei. */
  feeWei: bigint;
  /** feeWei × price / 1e18, rounded down to the micro, before the cap. */
  uncappedMicros: bigint;
  /** What is credited: the uncapped figure, at most the cap. 0: nothing is written. */
  refundMicros: bigint;
  capped: boolean;
}

/**
 * The refund of a deposit's gas, exactly in bigint: `gasUsed × effectiveGasPrice × price micros /
 * 1e18`, rounded down to the micro (the customer never gets a fraction of a micro Pictor did not
 * owe), then capped per deposit. A price per whole token in micros times wei over 1e18 is micros.
 */
export function networkFeeRefund(
  gasUsed: bigint,
  effectiveGasPrice: bigint,
  /** USD micros per whole native token, and the most one deposit gets back (credit micros). */
  config: { nativeUsdPriceMicros: bigint; capMicros: bigint },
): NetworkFeeRefund {
  const feeWei = gasUsed * effectiveGasPrice;
  const uncappedMicros = (feeWei * config.nativeUsdPriceMicros) / WEI_PER_NATIVE_TOKEN;
  const capped = uncappedMicros > config.capMicros;
  return { feeWei, uncappedMicros, refundMicros: capped ? config.capMicros : uncappedMicros, capped };
}

/** The ledger idempotency key of a deposit's refund: one per chain transaction, whatever its logs. */
export const networkFeeRefundKey = (chainId: number, txHash: string): string =>
  `${chainId}:${txHash.toLowerCase()}`;

export const NETWORK_FEE_REFUND_SCOPE = 'network-fee-refund:usdt';
export const NETWORK_FEE_REFUND_DESCRIPTION = 'Network fee sponsored';
