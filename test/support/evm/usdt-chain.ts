import type { Hex } from 'viem';
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { UsdtChainConfig } from '../../../src/kernel/config.js';
import { type TestChain, startTestChain } from './chain.js';

/** The explorer link pattern the USDT tests configure and assert. */
export const TEST_EXPLORER = 'https://explorer.pictor.test/tx/{hash}';
/** The confirmations the USDT tests wait for: the transfer's own block, then two more. */
export const TEST_CONFIRMATIONS = 3;
/** Whole USDT as the token's micros (6 decimals). */
export const USDT = (units: number) => BigInt(units) * 1_000_000n;

export interface UsdtChain extends TestChain {
  /** Pictor's relayer: its key (the server's PICTOR_RELAYER_PRIVATE_KEY) and account, with 100 ETH. */
  relayerKey: Hex;
  relayer: PrivateKeyAccount;
  /**
   * The watcher's configuration for a fresh deposit address (so each test has its own watcher
   * checkpoint on the shared chain), starting at the current block; with Pictor's relayer unless
   * `relay: false` (the wallet then sends the transfer and pays the gas).
   */
  depositConfig(options?: { relay?: boolean }): Promise<UsdtChainConfig>;
}

/**
 * The in-process Hardhat chain as the USDT tests use it (deposits, the relay, the page): the test
 * token deployed, a funded relayer, and the deposit configuration each test starts from.
 */
export async function startUsdtChain(): Promise<UsdtChain> {
  const chain = await startTestChain();
  const relayerKey = generatePrivateKey();
  const relayer = privateKeyToAccount(relayerKey);
  await chain.setBalance(relayer.address, 10n ** 20n);
  return Object.assign(chain, {
    relayerKey,
    relayer,
    depositConfig: async ({ relay = true }: { relay?: boolean } = {}): Promise<UsdtChainConfig> => ({
      rpcUrl: chain.rpcUrl,
      chainId: chain.chainId,
      usdtAddress: chain.token,
      depositAddress: privateKeyToAccount(generatePrivateKey()).address,
      confirmations: TEST_CONFIRMATIONS,
      startBlock: Number(await chain.blockNumber()),
      explorerTxUrl: TEST_EXPLORER,
      intervalSeconds: 1,
      ...(relay
        ? {
            relay: {
              privateKey: relayerKey,
              tokenName: 'Tether USD (test)',
              tokenVersion: '1',
              validitySeconds: 3600,
            },
          }
        : {}),
    }),
  });
}
