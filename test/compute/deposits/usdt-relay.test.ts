import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hex, createWalletClient, getAddress, http, parseAbi } from 'viem';
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { UsdtWatcher } from '../../../src/compute/deposits/usdt-watcher.js';
import { claimRelay, findRelay } from '../../../src/compute/deposits/relay-store.js';
import { scheduleRelayRecovery } from '../../../src/compute/deposits/relay-recovery-work.js';
import { allWorkRunner } from '../../../src/server/all-work.js';
import { type UsdtChainConfig, loadConfig } from '../../../src/kernel/config.js';
import { backends } from '../../support/databases.js';
import {
  TEST_CONFIRMATIONS as CONFIRMATIONS,
  TEST_EXPLORER as EXPLORER,
  USDT,
  type UsdtChain,
  startUsdtChain,
} from '../../support/evm/usdt-chain.js';
import { type Harness, rowCounts, startHarness } from '../../support/harness.js';

/**
 * Network-fee sponsorship (docs/usdt-relay.md): the customer signs an EIP-3009
 * transferWithAuthorization and Pictor's relayer submits it and pays the gas, on the in-process
 * Hardhat chain with the EIP-3009 test token.
 */
const DOMAIN = 'app.pictor.test';
const TOKEN_ABI = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function authorizationState(address, bytes32) view returns (bool)',
  'function transferWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s)',
]);

type Relay = {
  id: string;
  status: string;
  txHash: string | null;
  nonce: Hex;
  validBefore: string;
  typedData: {
    domain: { name: string; version: string; chainId: number; verifyingContract: Hex };
    message: { from: Hex; to: Hex; value: string; validAfter: string; validBefore: string; nonce: Hex };
  };
};

let chain: UsdtChain;
beforeAll(async () => {
  chain = await startUsdtChain();
});
afterAll(async () => chain?.close());

/** What a wallet's eth_signTypedData_v4 returns for the API's typed data. */
function sign(wallet: PrivateKeyAccount, relay: Relay): Promise<Hex> {
  const { domain, message } = relay.typedData;
  return wallet.signTypedData({
    domain,
    types: {
      TransferWithAuthorization: [
        { name: 'from', type: 'address' },
        { name: 'to', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'validAfter', type: 'uint256' },
        { name: 'validBefore', type: 'uint256' },
        { name: 'nonce', type: 'bytes32' },
      ],
    },
    primaryType: 'TransferWithAuthorization',
    message: {
      ...message,
      value: BigInt(message.value),
      validAfter: BigInt(message.validAfter),
      validBefore: BigInt(message.validBefore),
    },
  });
}

for (const backend of backends) {
  describe(`USDT top-ups with the network fee paid by Pictor's relayer (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend, {
        web3: { ...loadConfig({}).web3, siweDomain: DOMAIN, chainId: 31337, explorerTxUrl: EXPLORER },
      });
    });
    afterAll(async () => h.close());

    /** Each test its own deposit address on the shared chain, relayed by the same relayer. */
    const useChain = async (): Promise<UsdtChainConfig> => {
      const config = await chain.depositConfig();
      h.engine.web3 = { ...h.engine.web3!, chain: config };
      return config;
    };

    const customer = async (usdt = 100) => {
      const wallet = await chain.newWallet();
      await chain.mint(wallet.address, USDT(usdt));
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

    const prepare = async (token: string, accountId: string, from: string, amount: string) =>
      h.call('POST', `/v1/accounts/${accountId}/top-ups/usdt/authorizations`, {
        key: token,
        body: { from, amount: { amount, unit: 'USDT' } },
      });
    const submit = (
      token: string,
      accountId: string,
      relayId: string,
      signature: Hex,
      idempotencyKey?: string,
    ) =>
      h.call('POST', `/v1/accounts/${accountId}/top-ups/usdt/authorizations/${relayId}/submit`, {
        key: token,
        body: { signature },
        ...(idempotencyKey ? { idempotencyKey } : {}),
      });
    const usdtOf = (address: Hex) =>
      chain.client.readContract({
        address: chain.token,
        abi: TOKEN_ABI,
        functionName: 'balanceOf',
        args: [address],
      });
    const ethOf = (address: Hex) => chain.client.getBalance({ address });
    const creditBalance = async (accountId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/balances`)).json().balances[0].balance as string;

    it('25 USDT signed by the wallet, sent by the relayer: +25.000000 credits, the customer’s ETH untouched, the gas Pictor paid recorded', async () => {
      const config = await useChain();
      const { wallet, token, accountId } = await customer();
      const instructions = (
        await h.call('GET', `/v1/accounts/${accountId}/top-ups/usdt`, { key: token })
      ).json();
      expect(instructions.relay).toEqual({ relayer: chain.relayer.address, validForSeconds: 3600 });
      const ethBefore = await ethOf(wallet.address);
      const relayerEthBefore = await ethOf(chain.relayer.address);

      const prepared = await prepare(token, accountId, wallet.address, '25');
      expect(prepared.statusCode).toBe(201);
      const relay = prepared.json() as Relay;
      expect(relay).toMatchObject({
        status: 'prepared',
        from: wallet.address,
        to: getAddress(config.depositAddress),
        amount: { amount: '25.000000', unit: 'USDT' },
        relayer: chain.relayer.address,
        txHash: null,
        typedData: {
          domain: {
            name: 'Tether USD (test)',
            version: '1',
            chainId: 31337,
            verifyingContract: getAddress(chain.token),
          },
          primaryType: 'TransferWithAuthorization',
          message: {
            from: wallet.address,
            to: getAddress(config.depositAddress),
            value: '25000000',
            validAfter: '0',
          },
        },
      });
      const submitted = await submit(token, accountId, relay.id, await sign(wallet, relay));
      expect(submitted.statusCode).toBe(201);
      const { txHash } = submitted.json() as Relay;
      expect(submitted.json()).toMatchObject({
        status: 'submitted',
        explorerUrl: `https://explorer.pictor.test/tx/${txHash}`,
      });
      expect(await usdtOf(wallet.address)).toBe(USDT(75));
      expect(await ethOf(wallet.address)).toBe(ethBefore);

      await chain.mine(CONFIRMATIONS);
      // Even a watcher in refund mode refunds nothing: the relayer, not the wallet, paid the gas
      // (the receipt's sender is the relayer), so the balance is the 25 USDT and no more.
      const refunding = {
        ...config,
        feeRefund: { nativeUsdPriceMicros: 3_000_000_000n, capMicros: 5_000_000n, sandboxPrice: false },
      };
      const report = await new UsdtWatcher(h.engine, refunding).runOnce();
      expect(report.credited).toHaveLength(1);
      expect(await creditBalance(accountId)).toBe('25.000000');

      const receipt = await chain.client.getTransactionReceipt({ hash: txHash as Hex });
      const gasWei = receipt.gasUsed * receipt.effectiveGasPrice;
      expect(gasWei).toBeGreaterThan(0n);
      expect(relayerEthBefore - (await ethOf(chain.relayer.address))).toBe(gasWei);
      const after = (
        await h.call('GET', `/v1/accounts/${accountId}/top-ups/usdt/authorizations/${relay.id}`, {
          key: token,
        })
      ).json();
      expect(after.networkFee).toEqual({
        paidBy: 'pictor',
        gasUsed: receipt.gasUsed.toString(),
        effectiveGasPrice: receipt.effectiveGasPrice.toString(),
        amount: { amount: formatEth(gasWei), unit: 'ETH' },
      });
      const [deposit] = (await h.call('GET', `/v1/accounts/${accountId}/deposits`, { key: token })).json()
        .data;
      expect(deposit).toMatchObject({
        status: 'credited',
        txHash,
        fromAddress: wallet.address,
        credit: { amount: '25.000000', unit: 'CREDIT' },
        networkFee: {
          paidBy: 'pictor',
          relayId: relay.id,
          amount: { amount: formatEth(gasWei), unit: 'ETH' },
          refund: null,
          statement: `Network fee paid by Pictor: ${trimmedEth(gasWei)}`,
        },
      });

      // The receipt says Pictor paid the gas, and how much, in ETH (not a USDT fee).
      const receiptUrl = `/v1/accounts/${accountId}/transactions/${deposit.transactionId}/invoice`;
      const statement = `Network fee paid by Pictor: ${trimmedEth(gasWei)}`;
      expect((await h.call('GET', receiptUrl, { key: token })).json().details.payment.networkFee).toEqual({
        paidBy: 'pictor',
        amount: { amount: formatEth(gasWei), unit: 'ETH' },
        refund: null,
        statement,
      });
      const pdf = await h.call('GET', `${receiptUrl}.pdf`, { key: token });
      expect(pdf.statusCode).toBe(200);
      const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
      expect(text.replace(/\s+/g, ' ')).toContain(
        `Amount paid for 25.00 credits 25.00 USDT ${statement} 0.00 USDT Total charged 25.00 USDT`,
      );
    });

    it('a signature by another key, or over another amount, is refused (422 on signature) and nothing moves', async () => {
      await useChain();
      const { wallet, token, accountId } = await customer();
      const relay = (await prepare(token, accountId, wallet.address, '30')).json() as Relay;
      const stranger = privateKeyToAccount(generatePrivateKey());
      const tampered = {
        ...relay,
        typedData: { ...relay.typedData, message: { ...relay.typedData.message, value: '3000000' } },
      };
      const before = await rowCounts(h.engine.db);
      for (const signature of [await sign(stranger, relay), await sign(wallet, tampered)]) {
        const res = await submit(token, accountId, relay.id, signature);
        expect(res.statusCode).toBe(422);
        expect(res.json()).toMatchObject({ code: 'relay_signature_invalid', field: 'signature' });
      }
      expect(await rowCounts(h.engine.db)).toEqual(before);
      expect(await usdtOf(wallet.address)).toBe(USDT(100));
      const state = await chain.client.readContract({
        address: chain.token,
        abi: TOKEN_ABI,
        functionName: 'authorizationState',
        args: [wallet.address, relay.nonce],
      });
      expect(state).toBe(false);
      const again = (
        await h.call('GET', `/v1/accounts/${accountId}/top-ups/usdt/authorizations/${relay.id}`, {
          key: token,
        })
      ).json();
      expect(again).toMatchObject({ status: 'prepared', txHash: null });
    });

    it('past its deadline (chain time) the authorization is refused and nothing moves', async () => {
      await useChain();
      const { wallet, token, accountId } = await customer();
      const relay = (await prepare(token, accountId, wallet.address, '10')).json() as Relay;
      const signature = await sign(wallet, relay);
      await chain.increaseTime(3600);
      const res = await submit(token, accountId, relay.id, signature);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'relay_authorization_expired',
        validBefore: relay.validBefore,
      });
      expect(await usdtOf(wallet.address)).toBe(USDT(100));
    });

    it('a replayed submission answers the first transaction; a front-run or reused authorization moves nothing twice', async () => {
      const config = await useChain();
      const { wallet, token, accountId } = await customer();
      const relay = (await prepare(token, accountId, wallet.address, '40')).json() as Relay;
      const signature = await sign(wallet, relay);
      const first = await submit(token, accountId, relay.id, signature, 'sub-1');
      const replays = await Promise.all([
        submit(token, accountId, relay.id, signature, 'sub-1'),
        submit(token, accountId, relay.id, signature, 'sub-2'),
      ]);
      expect(first.statusCode).toBe(201);
      for (const replay of replays) {
        expect(replay.statusCode).toBe(201);
        expect(replay.json().txHash).toBe(first.json().txHash);
        expect(replay.headers['idempotent-replayed']).toBe('true');
      }
      expect(await usdtOf(wallet.address)).toBe(USDT(60));

      // The customer's second authorization is sent on chain by someone else first: Pictor's relay
      // sees the nonce used and refuses, sending nothing (the transfer itself still credits once).
      const second = (await prepare(token, accountId, wallet.address, '5')).json() as Relay;
      const secondSignature = await sign(wallet, second);
      const frontRunner = await chain.newWallet();
      const { r, s, v } = parseSig(secondSignature);
      const m = second.typedData.message;
      await chain.client.waitForTransactionReceipt({
        hash: await walletOf(frontRunner).writeContract({
          address: chain.token,
          abi: TOKEN_ABI,
          functionName: 'transferWithAuthorization',
          args: [m.from, m.to, BigInt(m.value), 0n, BigInt(m.validBefore), m.nonce, v, r, s],
          chain: null,
        }),
      });
      const refused = await submit(token, accountId, second.id, secondSignature);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'relay_authorization_used' });
      expect(await usdtOf(wallet.address)).toBe(USDT(55));

      await chain.mine(CONFIRMATIONS);
      await new UsdtWatcher(h.engine, config).runOnce();
      expect(await creditBalance(accountId)).toBe('45.000000');
    });

    it('a relay a crash left submitting is settled from the chain: sent → submitted with its hash, never sent → failed and sent again; credited once each', async () => {
      const config = await useChain();
      const { wallet, token, accountId } = await customer();
      const relayUrl = (id: string) => `/v1/accounts/${accountId}/top-ups/usdt/authorizations/${id}`;
      const look = async (id: string) => (await h.call('GET', relayUrl(id), { key: token })).json();
      // What submit does up to the crash: claim the relay (status submitting) with the signature.
      const claimed = async (amount: string) => {
        const relay = (await prepare(token, accountId, wallet.address, amount)).json() as Relay;
        const signature = await sign(wallet, relay);
        expect(await claimRelay(h.engine.db, relay.id, signature.toLowerCase(), h.clock.now())).toBeDefined();
        return { relay, signature };
      };
      // Crashed after sending: the relayer's transaction is mined, its hash never recorded.
      const sent = await claimed('20');
      const { r, s, v } = parseSig(sent.signature);
      const m = sent.relay.typedData.message;
      const sentTx = await walletOf(chain.relayer).writeContract({
        address: chain.token,
        abi: TOKEN_ABI,
        functionName: 'transferWithAuthorization',
        args: [m.from, m.to, BigInt(m.value), 0n, BigInt(m.validBefore), m.nonce, v, r, s],
        chain: null,
      });
      await chain.client.waitForTransactionReceipt({ hash: sentTx });
      // Crashed before sending: nothing on chain.
      const unsent = await claimed('7');

      // Within the time a send takes, both may still be in flight: left as they are.
      expect(await look(sent.relay.id)).toMatchObject({ status: 'submitting', txHash: null });
      const early = await submit(token, accountId, unsent.relay.id, unsent.signature);
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'relay_in_progress' });

      h.clock.advance(61_000);
      expect(await look(sent.relay.id)).toMatchObject({ status: 'submitted', txHash: sentTx.toLowerCase() });
      expect(await look(unsent.relay.id)).toMatchObject({
        status: 'failed',
        txHash: null,
        failure: 'not sent: the relayer stopped before sending it; submit it again',
      });
      const again = await submit(token, accountId, unsent.relay.id, unsent.signature);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toMatchObject({ status: 'submitted' });
      expect(await usdtOf(wallet.address)).toBe(USDT(73));

      await chain.mine(CONFIRMATIONS);
      expect((await new UsdtWatcher(h.engine, config).runOnce()).credited).toHaveLength(2);
      expect(await creditBalance(accountId)).toBe('27.000000');
      const receipt = await chain.client.getTransactionReceipt({ hash: sentTx });
      expect((await look(sent.relay.id)).networkFee).toEqual({
        paidBy: 'pictor',
        gasUsed: receipt.gasUsed.toString(),
        effectiveGasPrice: receipt.effectiveGasPrice.toString(),
        amount: { amount: formatEth(receipt.gasUsed * receipt.effectiveGasPrice), unit: 'ETH' },
      });
    });

    it('on the clock, with nobody asking: the recovery sweep settles a relay a crash left submitting after its transaction was mined, and its gas is recorded', async () => {
      const config = await useChain();
      const { wallet, token, accountId } = await customer();
      const runner = allWorkRunner(h.engine, {
        holdSweepSeconds: 30,
        notifications: { alertScanSeconds: 60 },
      });
      await scheduleRelayRecovery(h.engine);
      const relay = (await prepare(token, accountId, wallet.address, '12')).json() as Relay;
      const signature = await sign(wallet, relay);
      expect(await claimRelay(h.engine.db, relay.id, signature.toLowerCase(), h.clock.now())).toBeDefined();
      // The relayer sent it and the process died before recording the hash.
      const { r, s, v } = parseSig(signature);
      const m = relay.typedData.message;
      const txHash = await walletOf(chain.relayer).writeContract({
        address: chain.token,
        abi: TOKEN_ABI,
        functionName: 'transferWithAuthorization',
        args: [m.from, m.to, BigInt(m.value), 0n, BigInt(m.validBefore), m.nonce, v, r, s],
        chain: null,
      });
      await chain.client.waitForTransactionReceipt({ hash: txHash });
      const stored = async () => (await findRelay(h.engine.db, accountId, relay.id))!;

      // A sweep within a send's time (60 s) leaves it: it may still be in flight.
      h.clock.advance(30_000);
      await runner.runDue();
      expect(await stored()).toMatchObject({ status: 'submitting', txHash: null });
      // The next slot after it went stale settles it from the chain's AuthorizationUsed log.
      h.clock.advance(61_000);
      await runner.runDue();
      expect(await stored()).toMatchObject({ status: 'submitted', txHash: txHash.toLowerCase() });

      // The watcher credits it once and records the relayer's gas on the settled relay.
      await chain.mine(CONFIRMATIONS);
      expect((await new UsdtWatcher(h.engine, config).runOnce()).credited).toHaveLength(1);
      expect(await creditBalance(accountId)).toBe('12.000000');
      const receipt = await chain.client.getTransactionReceipt({ hash: txHash });
      expect(await stored()).toMatchObject({
        gasUsed: receipt.gasUsed,
        effectiveGasPrice: receipt.effectiveGasPrice,
      });
    });

    it('refuses a wallet the account did not sign in with, more USDT than the wallet holds, and another account', async () => {
      await useChain();
      const { wallet, token, accountId } = await customer(10);
      const other = await chain.newWallet();
      const wrong = await prepare(token, accountId, other.address, '10');
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json()).toMatchObject({ code: 'wallet_not_signed_in', field: 'from' });
      const relay = (await prepare(token, accountId, wallet.address, '25')).json() as Relay;
      const poor = await submit(token, accountId, relay.id, await sign(wallet, relay));
      expect(poor.statusCode).toBe(422);
      expect(poor.json()).toMatchObject({ code: 'relay_insufficient_usdt', balance: '10.000000' });
      const someoneElse = await customer();
      const foreign = await h.call(
        'GET',
        `/v1/accounts/${accountId}/top-ups/usdt/authorizations/${relay.id}`,
        {
          key: someoneElse.token,
        },
      );
      expect(foreign.statusCode).toBe(404);
      const unknownField = await h.call('POST', `/v1/accounts/${accountId}/top-ups/usdt/authorizations`, {
        key: token,
        body: { from: wallet.address, amount: { amount: '10', unit: 'USDT' }, to: other.address },
      });
      expect(unknownField.statusCode).toBe(400);
      expect(unknownField.json()).toMatchObject({ code: 'unknown_field', field: 'to' });
    });
  });
}

/** "0.000061234 ETH", as the receipt prints it: no trailing zeros. */
function trimmedEth(wei: bigint): string {
  return `${formatEth(wei).replace(/\.?0+$/, '')} ETH`;
}

function formatEth(wei: bigint): string {
  return `${wei / 10n ** 18n}.${(wei % 10n ** 18n).toString().padStart(18, '0')}`;
}

function parseSig(signature: Hex): { r: Hex; s: Hex; v: number } {
  return {
    r: `0x${signature.slice(2, 66)}`,
    s: `0x${signature.slice(66, 130)}`,
    v: parseInt(signature.slice(130, 132), 16),
  };
}

function walletOf(account: PrivateKeyAccount) {
  return createWalletClient({ account, transport: http(chain.rpcUrl) });
}
