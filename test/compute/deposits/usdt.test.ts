import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAddress } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { type Engine, startEngine } from '../../../src/server/engine.js';
import { UsdtWatcher } from '../../../src/compute/deposits/usdt-watcher.js';
import { loadConfig } from '../../../src/kernel/config.js';
import { startUsdtWatcherLoop } from '../../../src/compute/deposits/usdt-watcher-loop.js';
import { creditDeposit } from '../../../src/compute/deposits/credit-deposit.js';
import { findDeposit } from '../../../src/accounts/web3-store.js';
import { backends } from '../../support/databases.js';
import {
  TEST_CONFIRMATIONS as CONFIRMATIONS,
  TEST_EXPLORER as EXPLORER,
  USDT,
  type UsdtChain,
  startUsdtChain,
} from '../../support/evm/usdt-chain.js';
import { type Harness, rowCounts, startHarness } from '../../support/harness.js';

const DOMAIN = 'app.pictor.test';

let chain: UsdtChain;
beforeAll(async () => {
  chain = await startUsdtChain();
});
afterAll(async () => chain?.close());

for (const backend of backends) {
  describe(`USDT deposits on a local chain (${backend.name})`, () => {
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

    /** Each test gets its own deposit address (and so its own checkpoint) on the shared chain. */
    const chainConfig = () => chain.depositConfig({ relay: false });

    /** A customer who signed in with a funded wallet. */
    const customer = async (usdt = 1_000) => {
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
      expect(res.statusCode).toBe(201);
      const { token, accountId } = res.json() as { token: string; accountId: string };
      return { wallet, token, accountId };
    };

    const creditBalance = async (accountId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/balances`)).json().balances[0].balance as string;

    const payments = (accountId: string) =>
      h.engine.db.query<{ id: string; amount_micros: bigint; metadata: Record<string, string> }>(
        `SELECT id, amount_micros, metadata FROM transactions WHERE account_id = $1 AND kind = 'payment'`,
        [accountId],
      );

    /** Another engine on the same database, as another process would have (PGlite: the same one). */
    const otherEngine = async (): Promise<Engine> => {
      if (!h.database.url) return h.engine;
      const engine = await startEngine(await h.database.open(), h.clock, { web3: h.engine.web3 });
      extraEngines.push(engine);
      return engine;
    };

    it('tells a signed-in customer where to send USDT, from which wallet, after how many confirmations', async () => {
      const { wallet, token, accountId } = await customer();
      const url = `/v1/accounts/${accountId}/top-ups/usdt`;
      expect((await h.call('GET', url, { key: token })).json()).toMatchObject({
        status: 503,
        code: 'usdt_not_configured',
      });
      const config = await chainConfig();
      const before = h.engine.web3!;
      h.engine.web3 = { ...before, chain: config };
      try {
        expect((await h.call('GET', url, { key: token })).json()).toEqual({
          chainId: 31337,
          tokenAddress: getAddress(chain.token),
          depositAddress: getAddress(config.depositAddress),
          decimals: 6,
          confirmations: CONFIRMATIONS,
          fromAddresses: [getAddress(wallet.address)],
          // No relayer configured: the customer's wallet pays the gas (docs/usdt-relay.md).
          relay: null,
          // Nor a native-token price: the gas is not refunded either.
          networkFeeRefund: null,
        });
        const other = await h.openAccount();
        expect((await h.call('GET', `/v1/accounts/${other}/top-ups/usdt`, { key: token })).statusCode).toBe(
          404,
        );
      } finally {
        h.engine.web3 = before;
      }
    });

    it('250 USDT from the signed-in wallet: +250 CREDIT after N confirmations, fee 0, tx hash and explorer link', async () => {
      const config = await chainConfig();
      const watcher = new UsdtWatcher(h.engine, config);
      const { wallet, token, accountId } = await customer();
      const { txHash, blockNumber } = await chain.transfer(wallet, config.depositAddress, USDT(250));

      // Before the watcher's first pass nothing is seen; then 1 confirmation, then 2: seen, not credited.
      const confirmations = async () =>
        (await h.call('GET', `/v1/accounts/${accountId}/deposits`, { key: token }))
          .json()
          .data.map((d: { status: string; confirmations: unknown }) => [d.status, d.confirmations]);
      expect(await confirmations()).toEqual([]);
      let report = await watcher.runOnce();
      expect(report.pending).toHaveLength(1);
      expect(report.credited).toEqual([]);
      expect(await confirmations()).toEqual([['seen', { count: 1, required: 3 }]]);
      await chain.mine(CONFIRMATIONS - 2);
      expect(await confirmations()).toEqual([['seen', { count: 1, required: 3 }]]); // as the watcher saw it
      report = await watcher.runOnce();
      expect(report.head - blockNumber + 1n).toBe(BigInt(CONFIRMATIONS - 1));
      expect(report.credited).toEqual([]);
      expect(await creditBalance(accountId)).toBe('0.000000');
      const pending = (await h.call('GET', `/v1/accounts/${accountId}/deposits`, { key: token })).json();
      expect(pending.data).toMatchObject([
        {
          status: 'seen',
          txHash,
          credit: null,
          transactionId: null,
          confirmations: { count: 2, required: 3 },
        },
      ]);

      // N confirmations: credited 1:1, once. (A watcher of another deposit address leaves it alone.)
      await chain.mine(1);
      const elsewhere = await new UsdtWatcher(h.engine, { ...config, depositAddress: chain.token }).runOnce();
      expect([...elsewhere.credited, ...elsewhere.held, ...elsewhere.reorged]).toEqual([]);
      report = await watcher.runOnce();
      expect(report.credited).toHaveLength(1);
      expect(await creditBalance(accountId)).toBe('250.000000');
      expect((await watcher.runOnce()).credited).toEqual([]);

      const history = (
        await h.call('GET', `/v1/accounts/${accountId}/transactions?unit=CREDIT`, { key: token })
      ).json();
      expect(history.data).toHaveLength(1);
      expect(history.data[0]).toMatchObject({
        kind: 'payment',
        amount: { amount: '250.000000', unit: 'CREDIT' },
        description: 'USDT deposit',
        metadata: {
          rail: 'usdt',
          sourceId: `${txHash}:0`,
          txHash,
          explorerUrl: `https://explorer.pictor.test/tx/${txHash}`,
          fromAddress: wallet.address,
          fee: '0',
        },
        links: {
          invoice: `/v1/accounts/${accountId}/transactions/${history.data[0].id}/invoice.pdf`,
          explorer: `https://explorer.pictor.test/tx/${txHash}`,
        },
      });
      const deposits = (await h.call('GET', `/v1/accounts/${accountId}/deposits`, { key: token })).json();
      expect(deposits).toEqual({
        data: [
          expect.objectContaining({
            accountId,
            status: 'credited',
            chainId: 31337,
            tokenAddress: getAddress(chain.token),
            txHash,
            logIndex: 0,
            fromAddress: wallet.address,
            blockNumber: String(blockNumber),
            amount: { amount: '250.000000', unit: 'USDT' },
            credit: { amount: '250.000000', unit: 'CREDIT' },
            fee: { amount: '0.000000', unit: 'CREDIT' },
            transactionId: history.data[0].id,
            explorerUrl: `https://explorer.pictor.test/tx/${txHash}`,
            // Credited by the pass that saw its third confirmation.
            confirmations: { count: 3, required: 3 },
          }),
        ],
        nextCursor: null,
      });
      // Another customer's deposits are not there for this session.
      const other = await h.openAccount();
      expect((await h.call('GET', `/v1/accounts/${other}/deposits`, { key: token })).statusCode).toBe(404);
    });

    it('the same deposit log delivered five times, concurrently, is credited once', async () => {
      const config = await chainConfig();
      const { wallet, accountId } = await customer();
      await chain.transfer(wallet, config.depositAddress, USDT(40));
      await chain.mine(CONFIRMATIONS);
      // Five watchers (on PostgreSQL each with its own pool and ledger writer, like five processes).
      const engines = await Promise.all(Array.from({ length: 5 }, () => otherEngine()));
      const reports = await Promise.all(engines.map((e) => new UsdtWatcher(e, config).runOnce()));
      expect(reports.flatMap((r) => r.credited)).toHaveLength(1);
      expect(reports.flatMap((r) => r.errors)).toEqual([]);

      // Past the watchers' claims: the credit itself, delivered five times at once, replays.
      const { wallet: w2, accountId: a2 } = await customer();
      await chain.transfer(w2, config.depositAddress, USDT(7));
      const watcher = new UsdtWatcher(h.engine, config);
      await watcher.runOnce();
      const [seen] = (await h.call('GET', `/v1/accounts/${a2}/deposits`)).json().data;
      const deposit = (await findDeposit(h.engine.db, seen.id))!;
      const credits = await Promise.all(engines.map((e) => creditDeposit(e, deposit, a2, EXPLORER)));
      expect(credits.every((c) => c.ok)).toBe(true);
      expect(new Set(credits.map((c) => c.ok && c.value.id)).size).toBe(1);
      expect(credits.filter((c) => c.ok && !c.replayed)).toHaveLength(1);
      await chain.mine(CONFIRMATIONS);
      await Promise.all(engines.map((e) => new UsdtWatcher(e, config).runOnce()));

      for (const [account, amount] of [
        [accountId, '40.000000'],
        [a2, '7.000000'],
      ] as const) {
        expect(await payments(account)).toHaveLength(1);
        expect(await creditBalance(account)).toBe(amount);
      }
    });

    it('a transfer from an unknown wallet is held for review, then an operator assigns it: credited once, audited', async () => {
      const config = await chainConfig();
      const stranger = await chain.newWallet();
      await chain.mint(stranger.address, USDT(100));
      const { txHash } = await chain.transfer(stranger, config.depositAddress, USDT(99));
      await chain.mine(CONFIRMATIONS);
      const watcher = new UsdtWatcher(h.engine, config);
      const report = await watcher.runOnce();
      expect(report.held).toHaveLength(1);
      expect(report.credited).toEqual([]);
      const depositId = report.held[0]!;
      const { token, accountId } = await customer();

      const held = (await h.call('GET', '/v1/deposits?status=held_for_review&limit=200')).json();
      expect(held.data).toContainEqual(
        expect.objectContaining({ id: depositId, status: 'held_for_review', accountId: null, txHash }),
      );
      expect((await h.call('GET', '/v1/deposits', { key: token })).statusCode).toBe(403);
      expect((await watcher.runOnce()).credited).toEqual([]);

      // Bad input: a 400/404/409 problem, nothing written.
      const before = await rowCounts(h.engine.db);
      const assign = (body: unknown, id = depositId) =>
        h.call('POST', `/v1/deposits/${id}/assign`, { body, idempotencyKey: null });
      const bad: [unknown, number, string, string?][] = [
        [{ accountId }, 400, 'validation_failed', 'reason'],
        [{ accountId, reason: '   ' }, 400, 'validation_failed', 'reason'],
        [{ accountId, reason: 'x', amount: '1' }, 400, 'unknown_field', 'amount'],
        [{ accountId: 'acct_nope', reason: 'x' }, 404, 'account_not_found'],
      ];
      for (const [body, status, code, field] of bad) {
        const res = await assign(body);
        expect(res.statusCode, code).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code, ...(field ? { field } : {}) });
      }
      expect((await assign({ accountId, reason: 'x' }, 'dep_nope')).json().code).toBe('deposit_not_found');
      expect((await assign({ accountId, reason: 'x' }, 'dep_nope')).statusCode).toBe(404);
      const done = await assign({ accountId, reason: 'Sender confirmed by email' });
      expect(done.statusCode).toBe(201);
      expect(done.json()).toMatchObject({
        deposit: { id: depositId, status: 'credited', accountId },
        transaction: { kind: 'payment', amount: { amount: '99.000000', unit: 'CREDIT' } },
      });
      const first = await h.call('GET', `/v1/accounts/${accountId}/deposits`, { key: token });
      expect(first.json().data).toMatchObject([{ id: depositId, status: 'credited' }]);
      const after = await rowCounts(h.engine.db);
      expect(after.transactions).toBe(before.transactions! + 1);
      expect(after.audit_log).toBe(before.audit_log! + 1);

      const again = await assign({ accountId, reason: 'x' });
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const elsewhere = await assign({ accountId: await h.openAccount(), reason: 'x' });
      expect(elsewhere.statusCode, elsewhere.body).toBe(409);
      expect(elsewhere.json()).toMatchObject({ code: 'deposit_not_held' });
      expect(await payments(accountId)).toHaveLength(1);
      expect(await creditBalance(accountId)).toBe('99.000000');
      const audit = await h.engine.db.query<{
        actor: string;
        action: string;
        details: { depositId: string };
      }>(`SELECT actor, action, details FROM audit_log WHERE subject = $1`, [accountId]);
      expect(audit).toEqual([
        {
          actor: h.operator.id,
          action: 'deposit.assign',
          details: expect.objectContaining({ depositId, txHash }),
        },
      ]);
    });

    it('a deposit removed by a reorg before its confirmations is never credited', async () => {
      const config = await chainConfig();
      const watcher = new UsdtWatcher(h.engine, config);
      const { wallet, accountId } = await customer();
      const snapshot = await chain.snapshot();
      const { txHash } = await chain.transfer(wallet, config.depositAddress, USDT(60));
      await chain.mine(CONFIRMATIONS - 2);
      const seen = await watcher.runOnce();
      expect(seen.pending).toHaveLength(1);

      // The blocks holding the transfer are replaced by others (without it).
      await chain.revert(snapshot);
      await chain.mine(CONFIRMATIONS + 2);
      expect(await chain.client.getTransactionReceipt({ hash: txHash }).catch(() => null)).toBeNull();
      const after = await watcher.runOnce();
      expect(after.reorged).toEqual(seen.pending);
      await chain.mine(CONFIRMATIONS);
      expect((await watcher.runOnce()).credited).toEqual([]);
      expect(await payments(accountId)).toEqual([]);
      expect(await creditBalance(accountId)).toBe('0.000000');
      const listed = (await h.call('GET', `/v1/accounts/${accountId}/deposits`)).json().data;
      expect(listed).toMatchObject([{ txHash, status: 'reorged', credit: null }]);
    });

    it('a restarted watcher resumes from its checkpoint and credits nothing twice; the serve loop credits on its own', async () => {
      const config = await chainConfig();
      const { wallet, accountId } = await customer();
      await chain.transfer(wallet, config.depositAddress, USDT(5));
      await chain.mine(CONFIRMATIONS + 4);
      const first = await new UsdtWatcher(h.engine, config).runOnce();
      expect(first.credited).toHaveLength(1);
      const [checkpoint] = await h.engine.db.query<{ block_number: bigint }>(
        'SELECT block_number FROM usdt_watcher_checkpoints WHERE id = $1',
        [new UsdtWatcher(h.engine, config).checkpointId],
      );
      expect(BigInt(checkpoint!.block_number)).toBe(first.head - BigInt(CONFIRMATIONS) + 1n);

      // While it is down, another deposit arrives.
      await chain.transfer(wallet, config.depositAddress, USDT(3));
      await chain.mine(CONFIRMATIONS);
      const restarted = new UsdtWatcher(await otherEngine(), config);
      const second = await restarted.runOnce();
      expect(second.scannedFrom).toBe(BigInt(checkpoint!.block_number) + 1n);
      expect(second.credited).toHaveLength(1);
      expect(await payments(accountId)).toHaveLength(2);

      // The loop `serve` runs, on its interval.
      await chain.transfer(wallet, config.depositAddress, USDT(2));
      await chain.mine(CONFIRMATIONS);
      const errors: unknown[] = [];
      const stop = startUsdtWatcherLoop(h.engine, config, (e) => errors.push(e));
      try {
        for (let i = 0; i < 50 && (await payments(accountId)).length < 3; i++) {
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await stop();
      }
      expect(errors).toEqual([]);
      expect(await payments(accountId)).toHaveLength(3);
      expect(await creditBalance(accountId)).toBe('10.000000');
    });

    it('bad deposit queries are 400 problems with their field', async () => {
      const before = await rowCounts(h.engine.db);
      const id = await h.openAccount();
      const after = await rowCounts(h.engine.db);
      for (const [query, code, field] of [
        ['status=lost', 'validation_failed', 'status'],
        ['limit=0', 'validation_failed', 'limit'],
        ['limit=abc', 'validation_failed', 'limit'],
        ['cursor=nope', 'invalid_request', 'cursor'],
        ['sort=asc', 'unknown_field', 'sort'],
      ] as const) {
        const res = await h.call('GET', `/v1/accounts/${id}/deposits?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code, field });
      }
      expect(await rowCounts(h.engine.db)).toEqual(after);
      expect(after.accounts).toBe(before.accounts! + 1);
      expect((await h.call('GET', '/v1/accounts/acct_nope/deposits')).json().code).toBe('account_not_found');
    });
  });
}
