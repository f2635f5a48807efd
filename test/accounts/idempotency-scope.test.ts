import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { loadConfig } from '../../src/kernel/config.js';
import { buildApp, type App } from '../../src/server/app.js';
import { backends } from '../support/databases.js';
import { type FakeFleet, startFakeFleet } from '../support/fake-fleet.js';
import { type Harness, issueKey, startHarness, uniqueKey } from '../support/harness.js';

const DOMAIN = 'app.pictor.test';
const web3 = { ...loadConfig({}).web3, siweDomain: DOMAIN, chainId: 1 };

/**
 * Idempotency keys belong to the account and the kind of principal, not to a session or key id:
 * a customer who signs in again (or switches to its API key) and retries gets the first answer.
 */
for (const backend of backends) {
  describe(`idempotency scope: account and kind of principal (${backend.name})`, () => {
    let h: Harness;
    let fleet: FakeFleet;
    let app: App;
    beforeAll(async () => {
      fleet = await startFakeFleet();
      h = await startHarness(backend, { web3 });
      app = await buildApp({ ...h.engine, fleet: fleet.client() });
    });
    afterAll(async () => {
      await app?.close();
      await h?.close();
      await fleet?.close();
    });

    const wallet = privateKeyToAccount(generatePrivateKey());
    /** A fresh SIWE session of the same wallet (so of the same account): a new session id each time. */
    const signIn = async () => {
      const nonce = (await app.inject({ method: 'POST', url: '/v1/auth/siwe/nonce' })).json().nonce as string;
      const text = createSiweMessage({
        domain: DOMAIN,
        address: wallet.address,
        statement: 'Sign in to Pictor',
        uri: `https://${DOMAIN}/login`,
        version: '1',
        chainId: 1,
        nonce,
        issuedAt: h.clock.now(),
      });
      const res = await app.inject({
        method: 'POST',
        url: '/v1/auth/siwe/verify',
        payload: { message: text, signature: await wallet.signMessage({ message: text }) },
      });
      expect(res.statusCode).toBe(201);
      return res.json() as { token: string; accountId: string; sessionId: string };
    };
    const post = (url: string, secret: string, key: string, payload: object) =>
      app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${secret}`, 'idempotency-key': key },
        payload,
      });
    const charges = async (accountId: string) =>
      (
        await h.engine.db.query<{ n: bigint }>(
          `SELECT count(*)::int8 AS n FROM transactions WHERE account_id = $1 AND kind = 'charge'`,
          [accountId],
        )
      )[0]!.n;

    it('a rental retried from a new wallet session, and from the customer API key, replays: charged once', async () => {
      const first = await signIn();
      await h.fund(first.accountId, '100');
      const url = `/v1/accounts/${first.accountId}/instances`;
      const body = { instanceType: 'rtx-4090', diskGb: 100, period: { unit: 'hour', count: 1 } };
      const key = uniqueKey('rent');
      const rented = await post(url, first.token, key, body);
      expect(rented.statusCode, rented.body).toBe(201);

      const second = await signIn();
      expect(second.sessionId).not.toBe(first.sessionId);
      const retried = await post(url, second.token, key, body);
      expect(retried.statusCode).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect(retried.body).toBe(rented.body); // byte for byte: fleetInstanceId and timestamps too

      const apiKey = await issueKey(h.engine, 'customer', first.accountId);
      const viaKey = await post(url, apiKey.secret, key, body);
      expect(viaKey.statusCode).toBe(201);
      expect(viaKey.body).toBe(rented.body);
      // Same scope, another body: the key is taken.
      const misuse = await post(url, second.token, key, { ...body, diskGb: 50 });
      expect(misuse.statusCode).toBe(409);
      expect(misuse.json().code).toBe('idempotency_key_reused');
      expect(await charges(first.accountId)).toBe(1n);
    });

    it('a charge retried under a second service key replays; the customer, service and operator scopes are apart', async () => {
      const accountId = await h.openAccount();
      await h.fund(accountId, '100');
      const url = `/v1/accounts/${accountId}/charges`;
      const body = {
        amount: { amount: '2', unit: 'CREDIT' },
        productLine: 'compute',
        description: 'Render task',
      };
      const key = uniqueKey('charge');
      const charged = await post(url, h.serviceKey, key, body);
      expect(charged.statusCode).toBe(201);
      const otherService = await issueKey(h.engine, 'service');
      const retried = await post(url, otherService.secret, key, body);
      expect(retried.statusCode).toBe(201);
      expect(retried.body).toBe(charged.body);
      expect(await charges(accountId)).toBe(1n);

      // The operator's keys are its own: the same key charges (a second, deliberate charge).
      const byOperator = await post(url, h.operatorKey, key, body);
      expect(byOperator.statusCode).toBe(201);
      expect(byOperator.headers['idempotent-replayed']).toBeUndefined();
      expect(await charges(accountId)).toBe(2n);

      // The same key for another account is another request, not a conflict.
      const other = await h.openAccount();
      await h.fund(other, '10');
      const elsewhere = await post(`/v1/accounts/${other}/charges`, h.serviceKey, key, body);
      expect(elsewhere.statusCode).toBe(201);
      expect(elsewhere.headers['idempotent-replayed']).toBeUndefined();
    });
  });
}
