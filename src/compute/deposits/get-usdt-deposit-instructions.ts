import { getAddress } from 'viem';
import { findAccount } from '../../accounts/account-store.js';
import { findWalletAddresses } from '../../accounts/web3-store.js';
import type { ComputeContext } from '../context.js';
import { relayerAddress } from './usdt-relay.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface UsdtDepositInstructions {
  chainId: number;
  tokenAddress: string;
  depositAddress: string;
  decimals: 6;
  confirmations: number;
  /** The customer's signed-in wallets: deposits from any other address are held for review. */
  fromAddresses: string[];
  /** Present when Pictor sponsors the network fee by relaying a signed authorization. */
  relay: { relayer: string; validForSeconds: number } | null;
  /**
   * Present when the wallet pays the gas and Pictor refunds it as credits once the deposit is
   * credited: the native token's USD price used and the most one deposit gets back.
   */
  networkFeeRefund: { nativeTokenUsdPriceMicros: bigint; capMicros: bigint } | null;
}

/** What the Payment tab shows for a crypto top-up: where to send USDT, from which wallet, when it counts. */
export async function getUsdtDepositInstructions(
  ctx: ComputeContext,
  accountId: string,
): Promise<Result<UsdtDepositInstructions>> {
  const chain = ctx.web3?.chain;
  if (!chain) return fail('usdt_not_configured', 'USDT top-ups are not configured on this server');
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  return ok({
    chainId: chain.chainId,
    tokenAddress: getAddress(chain.usdtAddress),
    depositAddress: getAddress(chain.depositAddress),
    decimals: 6,
    confirmations: chain.confirmations,
    fromAddresses: (await findWalletAddresses(ctx.db, accountId)).map((a) => getAddress(a)),
    relay: chain.relay
      ? { relayer: relayerAddress(chain.relay), validForSeconds: chain.relay.validitySeconds }
      : null,
    networkFeeRefund: chain.feeRefund
      ? {
          nativeTokenUsdPriceMicros: chain.feeRefund.nativeUsdPriceMicros,
          capMicros: chain.feeRefund.capMicros,
        }
      : null,
  });
}
