import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSiweMessage } from 'viem/siwe';
import type { Hex } from 'viem';
import { type Engine, startEngine } from '../../../src/server/engine.js';
import { UsdtWatcher } from '../../../src/compute/deposits/usdt-watcher.js';
import { creditDeposit } from '../../../src/compute/deposits/credit-deposit.js';
import { findDeposit } from '../../../src/accounts/web3-store.js';
import { type UsdtChainConfig, loadConfig } from '../../../src/kernel/config.js';
import { backends } from '../../support/databases.js';
import {
  TEST_CONFIRMATIONS as CONFIRMATIONS,
  TEST_EXPLORER as EXPLORER,
  USDT,
  type UsdtChain,
  startUsdtChain,
} from '../../support/evm/usdt-chain.js';
import { type Harness, startHarness } from '../../support/harness.js';

/**
 * Network-fee sponsorship by refund (docs/usdt-relay.md § Refund): no relayer, the customer's
 * wallet sends the transfer and pays the gas, and the watcher credits gasUsed × effectiveGasPrice ×
 * the native token's USD price back as a "Network fee sponsored" transaction, capped, once.
 * Transfers are legacy transactions at a fixed gas price so the receipt's figures are known.
 */
const DOMAIN = 'app.pictor.test';
const GWEI = 1_000_000_000n;
/** An ERC-20 transfer of the test token to an address holding none (a fresh storage slot). */
const TRANSFER_GAS = 51_409n;

/**
 * A fresh deposit address with no zero byte: calldata costs 16 gas per nonzero byte and 4 per zero
 * byte, so a random address would make the transfer's gas vary from test to test.
 */
const nonzeroAddress = (): `0x${string}` =>
  `0x${Array.from(randomBytes(20), (b) => (b === 0 ? 1 : b).toString(16).padStart(2, '0')).join('')}`;

let chain: UsdtChain;
beforeAll(async () => {
  chain = await startUsdtChain();
});
afterAll(async () => chain?.close());

for (const backend of backends) {
  describe(`USDT deposits with the network fee refunded as credits (${backend.name})`, () => {
    let h: Harness;
    const extraEngines: Engine[] = [];
    beforeAll(async () => {
      h = await startHarness(backend, {
        web3: { ...loadConfig({}).web3, siweDomain: DOMAIN, chainId: 31337, explorerTxUrl: EXPLORER },
      });
    });
    afterAll(async () => {
      await Promise.all(extraEngines.map((e) => e.ledger.idle()));
      await h.close();
    });

    /** Refund mode as `loadConfig` builds it: no relayer, a price (USD micros per ETH), a cap. */
    const refundConfig = async (price: bigint, capMicros = 5_000_000n): Promise<UsdtChainConfig> => {
      const config = await chain.depositConfig({ relay: false });
      const withRefund = {
        ...config,
        depositAddress: nonzeroAddress(),
        feeRefund: { nativeUsdPriceMicros: price, capMicros, sandboxPrice: false },
      };
      h.engine.web3 = { ...h.engine.web3!, chain: withRefund };
      return withRefund;
    };

    const customer = async () => {
      const wallet = await chain.newWallet();
      await chain.mint(wallet.address, USDT(100));
      const nonce = (await h.app.inject({ method: 'POST', url: '/v1/auth/siwe/nonce' })).json().nonce;
      const message = createSiweMessage({
        domain: DOMAIN,
        address: wallet.address,
        uri: `https://${DOMAIN}/login`,
        version: '1',
        chainId: 31337,
        nonce,
        issuedAt: h.clock.now(),
      });
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/auth/siwe/verify',
        payload: { message, signature: await wallet.signMessage({ message }) },
      });
      const { token, accountId } = res.json() as { token: string; accountId: string };
      return { wallet, token, accountId };
    };

    const creditBalance = async (accountId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/balances`)).json().balances[0].balance as string;
    const feeRefunds = (accountId: string) =>
      h.engine.db.query<{ id: string; amount_micros: bigint; metadata: Record<string, string> }>(
        `SELECT t.id, tr.amount_micros, t.metadata FROM transactions t JOIN transfers tr ON tr.transaction_id = t.id
         WHERE t.account_id = $1 AND t.kind = 'promotion' AND t.description = 'Network fee sponsored'`,
        [accountId],
      );
    const otherEngine = async (): Promise<Engine> => {
      if (!h.database.url) return h.engine;
      const engine = await startEngine(await h.database.open(), h.clock, { web3: h.engine.web3 });
      extraEngines.push(engine);
      return engine;
    };

    it('25 USDT sent at 7 gwei, ETH at 3,000.00 USD: 51,409 gas × 7 gwei = 0.000359863 ETH refunded as 1.079589 credits, on the receipt and the deposit', async () => {
      const config = await refundConfig(3_000_000_000n);
      const { wallet, token, accountId } = await customer();
      const instructions = (
        await h.call('GET', `/v1/accounts/${accountId}/top-ups/usdt`, { key: token })
      ).json();
      expect(instructions.relay).toBeNull();
      expect(instructions.networkFeeRefund).toEqual({
        nativeTokenUsdPrice: '3000.000000',
        cap: { amount: '5.000000', unit: 'CREDIT' },
      });
      const { txHash } = await chain.transfer(wallet, config.depositAddress, USDT(25), {
        gasPrice: 7n * GWEI,
      });
      const receipt = await chain.client.getTransactionReceipt({ hash: txHash });
      expect([receipt.gasUsed, receipt.effectiveGasPrice]).toEqual([TRANSFER_GAS, 7n * GWEI]);
      await chain.mine(CONFIRMATIONS);
      expect((await new UsdtWatcher(h.engine, config).runOnce()).credited).toHaveLength(1);

      // 51,409 × 7e9 wei = 359,863e9 wei; × 3,000,000,000 micros / 1e18 = 1,079,589 micros exactly.
      expect(await creditBalance(accountId)).toBe('26.079589');
      const [refund] = await feeRefunds(accountId);
      expect(refund!.amount_micros).toBe(1_079_589n);
      const [deposit] = (await h.call('GET', `/v1/accounts/${accountId}/deposits`, { key: token })).json()
        .data;
      expect(refund!.metadata).toMatchObject({
        reason: 'network_fee',
        paymentTransactionId: deposit.transactionId,
        txHash,
        gasUsed: '51409',
        effectiveGasPrice: '7000000000',
        networkFee: '0.000359863000000000 ETH',
        nativeTokenUsdPrice: '3000.000000',
        uncapped: '1.079589',
        capped: 'false',
      });
      const statement =
        'Network fee sponsored: 1.079589 credits refunded (gas paid by the sending wallet: 0.000359863 ETH)';
      expect(deposit).toMatchObject({
        status: 'credited',
        credit: { amount: '25.000000', unit: 'CREDIT' },
        fee: { amount: '0.000000', unit: 'CREDIT' },
        networkFee: {
          paidBy: 'sender',
          relayId: null,
          amount: { amount: '0.000359863000000000', unit: 'ETH' },
          refund: { credits: { amount: '1.079589', unit: 'CREDIT' }, transactionId: refund!.id },
          statement,
        },
      });
      const receiptUrl = `/v1/accounts/${accountId}/transactions/${deposit.transactionId}/invoice`;
      const details = (await h.call('GET', receiptUrl, { key: token })).json().details;
      expect(details.payment.networkFee).toEqual({
        paidBy: 'sender',
        amount: { amount: '0.000359863000000000', unit: 'ETH' },
        refund: { credits: { amount: '1.079589', unit: 'CREDIT' }, transactionId: refund!.id },
        statement,
      });
      // The refund is not the deposit's promotion, and its history row links to the deposit's receipt.
      expect(details.promotion).toBeNull();
      const history = (
        await h.call('GET', `/v1/accounts/${accountId}/transactions?unit=CREDIT`, { key: token })
      ).json().data;
      expect(history.find((t: { id: string }) => t.id === refund!.id)).toMatchObject({
        kind: 'promotion',
        description: 'Network fee sponsored',
        amount: { amount: '1.079589', unit: 'CREDIT' },
        links: { invoice: `${receiptUrl}.pdf` },
      });
    });

    it('the cap: at 1,000,000.00 USD per ETH the same gas would be 359.863 credits; 5.000000 is refunded', async () => {
      const config = await refundConfig(1_000_000_000_000n);
      const { wallet, accountId } = await customer();
      await chain.transfer(wallet, config.depositAddress, USDT(25), { gasPrice: 7n * GWEI });
      await chain.mine(CONFIRMATIONS);
      await new UsdtWatcher(h.engine, config).runOnce();
      const [refund] = await feeRefunds(accountId);
      expect(refund!.amount_micros).toBe(5_000_000n);
      expect(refund!.metadata).toMatchObject({ uncapped: '359.863000', capped: 'true' });
      expect(await creditBalance(accountId)).toBe('30.000000');
    });

    it('once per deposit: a crash before the deposit was marked credited, a restarted watcher and five concurrent deliveries refund it once', async () => {
      const config = await refundConfig(3_000_000_000n);
      const { wallet, accountId } = await customer();
      const { txHash } = await chain.transfer(wallet, config.depositAddress, USDT(25), {
        gasPrice: 7n * GWEI,
      });
      await chain.mine(CONFIRMATIONS);
      await new UsdtWatcher(h.engine, config).runOnce();
      expect(await creditBalance(accountId)).toBe('26.079589');

      // As if the process died after the ledger writes and before the deposit row said so.
      await h.engine.db.query(
        `UPDATE usdt_deposits SET status = 'seen', account_id = NULL, transaction_id = NULL WHERE tx_hash = $1`,
        [txHash],
      );
      const restarted = await new UsdtWatcher(await otherEngine(), config).runOnce();
      expect(restarted.credited).toHaveLength(1);
      expect(restarted.errors).toEqual([]);

      const [row] = await h.engine.db.query<{ id: string }>(
        'SELECT id FROM usdt_deposits WHERE tx_hash = $1',
        [txHash],
      );
      const deposit = (await findDeposit(h.engine.db, row!.id))!;
      const receipt = await chain.client.getTransactionReceipt({ hash: txHash as Hex });
      const sponsorship = {
        refund: config.feeRefund!,
        gas: { payer: receipt.from, gasUsed: receipt.gasUsed, effectiveGasPrice: receipt.effectiveGasPrice },
      };
      const engines = await Promise.all(Array.from({ length: 5 }, () => otherEngine()));
      const again = await Promise.all(
        engines.map((e) => creditDeposit(e, deposit, accountId, EXPLORER, sponsorship)),
      );
      expect(again.every((c) => c.ok && c.replayed)).toBe(true);
      expect(await feeRefunds(accountId)).toHaveLength(1);
      expect(await creditBalance(accountId)).toBe('26.079589');
    });

    it('a refund that rounds down to 0 writes nothing: 51,409 gas × 1 gwei at 0.000001 USD per ETH is 0.000051409 of a micro', async () => {
      const config = await refundConfig(1n);
      const { wallet, accountId } = await customer();
      await chain.transfer(wallet, config.depositAddress, USDT(3), { gasPrice: GWEI });
      await chain.mine(CONFIRMATIONS);
      expect((await new UsdtWatcher(h.engine, config).runOnce()).credited).toHaveLength(1);
      expect(await feeRefunds(accountId)).toEqual([]);
      expect(await creditBalance(accountId)).toBe('3.000000');
    });
  });
}
