import type { BrowserContext, Page } from 'playwright-core';
import { type Hex, createWalletClient, http, parseAbi } from 'viem';
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { UsdtWatcher } from '../../../src/compute/deposits/usdt-watcher.js';
import { type UsdtChainConfig, loadConfig } from '../../../src/kernel/config.js';
import { formatMoneyWithUnit } from '../../../src/kernel/format-rules.js';
import {
  TEST_CONFIRMATIONS as CONFIRMATIONS,
  TEST_EXPLORER as EXPLORER,
  USDT,
  type UsdtChain,
  startUsdtChain,
} from '../../support/evm/usdt-chain.js';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/**
 * USDT from the Payment tab on the in-process Hardhat chain: the page talks to an EIP-1193 provider
 * the test injects (window.ethereum), which answers with a test private key through viem and
 * forwards reads to the chain. With Pictor's relayer configured, the wallet only signs
 * (eth_signTypedData_v4); Pictor sends the transfer and pays the gas (docs/usdt-relay.md).
 */
const BALANCE_OF = parseAbi(['function balanceOf(address) view returns (uint256)']);

type WalletMode = { address?: Hex; chainId?: number; reject?: boolean };

describeWithBrowser('USDT top-up from the page (Chromium, Hardhat chain)', () => {
  const suite = useBrowserSuite();
  let chain: UsdtChain;
  let config: UsdtChainConfig;
  beforeAll(async () => {
    chain = await startUsdtChain();
    config = await chain.depositConfig();
    const engine = suite.server.harness.engine;
    // The server's defaults (no web3 configured), plus the chain with Pictor's relayer.
    engine.web3 = { ...loadConfig({}).web3, explorerTxUrl: EXPLORER, chain: config };
  });
  afterAll(async () => chain?.close());

  /** A browser context whose window.ethereum is `wallet` on the test chain; `mode` changes its answers. */
  async function walletContext(wallet: PrivateKeyAccount, mode: WalletMode): Promise<BrowserContext> {
    const context = await newContext(suite.browser);
    await context.exposeFunction('__wallet', async (method: string, params: unknown[] = []) => {
      if (mode.reject && method === 'eth_signTypedData_v4')
        return { error: { code: 4001, message: 'User rejected the request.' } };
      switch (method) {
        case 'eth_requestAccounts':
        case 'eth_accounts':
          return { result: [(mode.address ?? wallet.address).toLowerCase()] };
        case 'eth_chainId':
          return { result: `0x${(mode.chainId ?? chain.chainId).toString(16)}` };
        case 'wallet_switchEthereumChain':
          return { error: { code: 4902, message: 'Unrecognized chain.' } };
        case 'personal_sign':
          return { result: await wallet.signMessage({ message: params[0] as string }) };
        case 'eth_signTypedData_v4':
          return { result: await signTypedJson(wallet, params[1] as string) };
        case 'eth_sendTransaction': {
          // As a wallet does it: signs with its own key and pays the gas from its own ETH.
          const tx = params[0] as { to: Hex; data: Hex };
          const sender = createWalletClient({ account: wallet, transport: http(chain.rpcUrl) });
          return { result: await sender.sendTransaction({ to: tx.to, data: tx.data, chain: null }) };
        }
        default:
          return { result: await chain.client.request({ method, params } as never) };
      }
    });
    await context.addInitScript(() => {
      const w = globalThis as unknown as {
        ethereum: unknown;
        __wallet(
          m: string,
          p?: unknown[],
        ): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
      };
      w.ethereum = {
        request: async ({ method, params }: { method: string; params?: unknown[] }) => {
          const answer = await w.__wallet(method, params);
          if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
          return answer.result;
        },
      };
    });
    return context;
  }

  /** Signs in with the wallet (SIWE) from the sign-in page, and opens the USDT top-up. */
  async function signInWithWallet(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.clock.setSystemTime(suite.server.clock.now());
    await page.goto(`${suite.server.baseUrl}/signin`);
    await page.getByRole('button', { name: 'Sign in with a wallet' }).click();
    await page.waitForURL((url) => url.pathname === '/compute/payment');
    await page.getByRole('radio', { name: 'Crypto payment (USDT)' }).click();
    return page;
  }

  const usdtOf = (address: Hex) =>
    chain.client.readContract({
      address: chain.token,
      abi: BALANCE_OF,
      functionName: 'balanceOf',
      args: [address],
    });

  it('tops up 25 USDT: the wallet only signs, Pictor pays the gas, 25.00 credits arrive after the confirmations', async () => {
    // A wallet with USDT and no ETH at all: it could not pay a network fee if it had to.
    const wallet = privateKeyToAccount(generatePrivateKey());
    await chain.mint(wallet.address, USDT(100));
    const context = await walletContext(wallet, {});
    const page = await signInWithWallet(context);
    await expect.poll(() => page.getByTestId('credit-balance').innerText()).toBe('0.00 credits');
    expect(await page.getByRole('listitem').filter({ hasText: 'Crypto (USDT)' }).innerText()).toContain(
      'Pictor pays the network fee',
    );

    await page.getByLabel(/Amount \(USDT\)/).fill('25');
    await expect.poll(() => page.getByTestId('usdt-network-fee').innerText()).toBe('Paid by Pictor');
    const pay = page.getByRole('button', { name: 'Pay 25.00 USDT from your wallet' });
    await pay.dblclick();
    const tx = page.getByTestId('usdt-tx');
    await tx.waitFor();
    const txHash = (await tx.innerText()).trim() as Hex;
    expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await tx.getAttribute('href')).toBe(`https://explorer.pictor.test/tx/${txHash}`);
    expect(await usdtOf(wallet.address)).toBe(USDT(75)); // sent once, despite the double click
    expect(await chain.client.getBalance({ address: wallet.address })).toBe(0n);
    const receipt = await chain.client.getTransactionReceipt({ hash: txHash });
    expect(receipt.from.toLowerCase()).toBe(chain.relayer.address.toLowerCase());

    await followConfirmations(page, new UsdtWatcher(suite.server.harness.engine, config), chain);
    // Exactly what happened to the fee: the gas the relayer paid, in ETH, as on the receipt.
    const gasWei = receipt.gasUsed * receipt.effectiveGasPrice;
    const eth = `${gasWei / 10n ** 18n}.${(gasWei % 10n ** 18n).toString().padStart(18, '0')}`.replace(
      /\.?0+$/,
      '',
    );
    await expect
      .poll(() => page.getByTestId('usdt-credited').innerText(), { timeout: 15_000 })
      .toBe(`+25.00 credits arrived in your balance. Network fee paid by Pictor: ${eth} ETH.`);
    await expect.poll(() => page.getByTestId('credit-balance').innerText()).toBe('25.00 credits');
    expect(await chain.client.getBalance({ address: wallet.address })).toBe(0n);
    await context.close();
  });

  it('without a relayer the wallet sends the transfer and pays the gas itself: 40.00 credits after 3 confirmations, and the page says the wallet paid the fee', async () => {
    const engine = suite.server.harness.engine;
    const sponsored = engine.web3!;
    const plain = await chain.depositConfig({ relay: false });
    engine.web3 = { ...sponsored, chain: plain };
    try {
      const wallet = await chain.newWallet(); // this wallet has ETH: it pays the network fee
      await chain.mint(wallet.address, USDT(100));
      const ethBefore = await chain.client.getBalance({ address: wallet.address });
      const context = await walletContext(wallet, {});
      const page = await signInWithWallet(context);
      await page.getByLabel(/Amount \(USDT\)/).fill('40');
      await expect
        .poll(() => page.getByTestId('usdt-network-fee').innerText())
        .toBe('Paid by your wallet (gas)');
      await page.getByRole('button', { name: 'Pay 40.00 USDT from your wallet' }).dblclick();
      const tx = page.getByTestId('usdt-tx');
      await tx.waitFor();
      const txHash = (await tx.innerText()).trim() as Hex;
      const receipt = await chain.client.getTransactionReceipt({ hash: txHash });
      expect(receipt.from.toLowerCase()).toBe(wallet.address.toLowerCase());
      expect(await usdtOf(wallet.address)).toBe(USDT(60)); // sent once, despite the double click
      expect(ethBefore - (await chain.client.getBalance({ address: wallet.address }))).toBe(
        receipt.gasUsed * receipt.effectiveGasPrice,
      );

      await followConfirmations(page, new UsdtWatcher(engine, plain), chain);
      await expect
        .poll(() => page.getByTestId('usdt-credited').innerText(), { timeout: 15_000 })
        .toBe('+40.00 credits arrived in your balance. Your wallet paid the network fee (gas).');
      await expect.poll(() => page.getByTestId('credit-balance').innerText()).toBe('40.00 credits');
      await context.close();
    } finally {
      engine.web3 = sponsored;
    }
  });

  it('refund mode (no relayer, ETH at 3,000 USD): the wallet pays the gas and the page says Pictor refunded it as credits, gasUsed × effectiveGasPrice × 3,000 to the micro', async () => {
    const engine = suite.server.harness.engine;
    const sponsored = engine.web3!;
    const refunding = {
      ...(await chain.depositConfig({ relay: false })),
      feeRefund: { nativeUsdPriceMicros: 3_000_000_000n, capMicros: 5_000_000n, sandboxPrice: false },
    };
    engine.web3 = { ...sponsored, chain: refunding };
    try {
      const wallet = await chain.newWallet();
      await chain.mint(wallet.address, USDT(100));
      const context = await walletContext(wallet, {});
      const page = await signInWithWallet(context);
      await page.getByLabel(/Amount \(USDT\)/).fill('40');
      await expect
        .poll(() => page.getByTestId('usdt-network-fee').innerText())
        .toBe('Paid by your wallet, refunded as credits (up to 5.00 credits)');
      await page.getByRole('button', { name: 'Pay 40.00 USDT from your wallet' }).click();
      const tx = page.getByTestId('usdt-tx');
      await tx.waitFor();
      const receipt = await chain.client.getTransactionReceipt({
        hash: (await tx.innerText()).trim() as Hex,
      });
      // The refund, computed here independently: wei × 3,000,000,000 micros / 1e18, rounded down.
      const refundMicros = (receipt.gasUsed * receipt.effectiveGasPrice * 3_000_000_000n) / 10n ** 18n;
      expect(refundMicros).toBeGreaterThan(0n);
      expect(refundMicros).toBeLessThan(5_000_000n);

      await followConfirmations(page, new UsdtWatcher(engine, refunding), chain);
      await expect
        .poll(() => page.getByTestId('usdt-credited').innerText(), { timeout: 15_000 })
        .toBe(
          `+40.00 credits arrived in your balance. Network fee sponsored: ${formatMoneyWithUnit(refundMicros, 'CREDIT')} refunded.`,
        );
      await expect
        .poll(() => page.getByTestId('credit-balance').innerText())
        .toBe(formatMoneyWithUnit(40_000_000n + refundMicros, 'CREDIT'));
      await context.close();
    } finally {
      engine.web3 = sponsored;
    }
  });

  it('says in a sentence when the wallet declines, is another account, is on another network or lacks the USDT; nothing moves', async () => {
    const wallet = privateKeyToAccount(generatePrivateKey());
    await chain.mint(wallet.address, USDT(10));
    const mode: WalletMode = {};
    const context = await walletContext(wallet, mode);
    const page = await signInWithWallet(context);
    const error = page.getByTestId('usdt-error');
    const attempt = async (amount: string, sentence: string) => {
      await page.getByLabel(/Amount \(USDT\)/).fill(amount);
      await page.getByRole('button', { name: `Pay ${amount}.00 USDT from your wallet` }).click();
      await expect.poll(() => error.innerText()).toBe(sentence);
    };

    await attempt('25', 'Your wallet holds 10.00 USDT; this top-up needs 25.00 USDT.');
    mode.reject = true;
    await attempt('6', 'You declined the request in your wallet. Nothing was sent.');
    mode.reject = false;
    mode.chainId = 1;
    await attempt(
      '7',
      `Your wallet is on the wrong network (chain 1). Switch it to chain ${chain.chainId} and try again.`,
    );
    mode.chainId = undefined;
    const other = privateKeyToAccount(generatePrivateKey()).address;
    mode.address = other;
    await attempt(
      '8',

      `Your wallet is connected with ${other.slice(0, 6)}…${other.slice(-4)}, but this account signs in with ${wallet.address.slice(0, 6)}…${wallet.address.slice(-4)}. Switch accounts in your wallet and try again.`,
    );
    expect(await usdtOf(wallet.address)).toBe(USDT(10));
    await context.close();
  });
});

/** eth_signTypedData_v4 as a wallet does it: the JSON typed data, uint256 as decimal strings. */
/**
 * The page counts confirmations as the watcher does: the transfer's block is the first, each block
 * mined after it one more; nothing is credited until the last, then exactly one deposit.
 */
async function followConfirmations(page: Page, watcher: UsdtWatcher, chain: UsdtChain): Promise<void> {
  const seen = page.getByTestId('usdt-confirmations');
  for (let count = 1; count < CONFIRMATIONS; count++) {
    expect((await watcher.runOnce()).credited).toHaveLength(0);
    await expect
      .poll(() => seen.innerText(), { timeout: 15_000 })
      .toBe(`Seen on chain: ${count} of ${CONFIRMATIONS} confirmations.`);
    await chain.mine(1);
  }
  expect((await watcher.runOnce()).credited).toHaveLength(1);
}

function signTypedJson(wallet: PrivateKeyAccount, json: string): Promise<Hex> {
  const typed = JSON.parse(json) as {
    domain: { name: string; version: string; chainId: number; verifyingContract: Hex };
    types: Record<string, { name: string; type: string }[]>;
    primaryType: string;
    message: Record<string, string>;
  };
  const { EIP712Domain: _domain, ...types } = typed.types;
  const message = Object.fromEntries(
    Object.entries(typed.message).map(([k, v]) => [
      k,
      types[typed.primaryType]!.find((f) => f.name === k)?.type === 'uint256' ? BigInt(v) : v,
    ]),
  );
  return wallet.signTypedData({ domain: typed.domain, types, primaryType: typed.primaryType, message });
}
