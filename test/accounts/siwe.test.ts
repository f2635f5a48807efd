import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { type CreateSiweMessageParameters, createSiweMessage } from 'viem/siwe';
import { loadConfig } from '../../src/kernel/config.js';
import { backends } from '../support/databases.js';
import { type Harness, issueKey, rowCounts, startHarness } from '../support/harness.js';

const DOMAIN = 'app.pictor.test';
const web3 = { ...loadConfig({}).web3, siweDomain: DOMAIN, chainId: 1 };

for (const backend of backends) {
  describe(`Sign-In with Ethereum (${backend.name})`, () => {
    let h: Harness;
    const issued: string[] = [];
    beforeAll(async () => {
      h = await startHarness(backend, { web3 });
    });
    afterAll(async () => h.close());

    const nonce = async () => {
      const res = await h.app.inject({ method: 'POST', url: '/v1/auth/siwe/nonce' });
      expect(res.statusCode).toBe(201);
      const body = res.json() as { nonce: string; expiresAt: string; domain: string; chainId: number };
      issued.push(body.nonce);
      return body;
    };

    /** A message as a wallet would build it for us, with `overrides` applied. */
    const message = async (
      wallet: PrivateKeyAccount,
      overrides: Partial<CreateSiweMessageParameters> = {},
    ): Promise<string> =>
      createSiweMessage({
        domain: DOMAIN,
        address: wallet.address,
        statement: 'Sign in to Pictor',
        uri: `https://${DOMAIN}/login`,
        version: '1',
        chainId: 1,
        nonce: (await nonce()).nonce,
        issuedAt: h.clock.now(),
        ...overrides,
      });

    const verify = (body: unknown) =>
      h.app.inject({ method: 'POST', url: '/v1/auth/siwe/verify', payload: body as object });

    const signIn = async (
      wallet: PrivateKeyAccount,
      overrides: Partial<CreateSiweMessageParameters> = {},
    ) => {
      const text = await message(wallet, overrides);
      return verify({ message: text, signature: await wallet.signMessage({ message: text }) });
    };

    const sessionCount = async () =>
      Number((await h.engine.db.query<{ n: bigint }>('SELECT count(*)::int8 AS n FROM sessions'))[0]!.n);

    it('signs in with a wallet: opens the account once, the session reads its own account and 404s another', async () => {
      const wallet = privateKeyToAccount(generatePrivateKey());
      const issued = await nonce();
      expect(issued).toMatchObject({ domain: DOMAIN, chainId: 1, expiresAt: '2026-01-01T00:05:00.000Z' });
      expect(issued.nonce).toMatch(/^[0-9a-f]{32}$/);

      const first = await signIn(wallet);
      expect(first.statusCode).toBe(201);
      const session = first.json();
      expect(session).toMatchObject({
        address: wallet.address,
        accountCreated: true,
        expiresAt: '2026-01-02T00:00:00.000Z',
      });
      expect(session.token).toMatch(/^ps_[A-Za-z0-9_-]{43}$/);
      expect(session.sessionId).toMatch(/^sess_[0-9a-v]{24}$/);

      const own = await h.call('GET', `/v1/accounts/${session.accountId}`, { key: session.token });
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ id: session.accountId, name: wallet.address });
      const balances = await h.call('GET', `/v1/accounts/${session.accountId}/balances`, {
        key: session.token,
      });
      expect(balances.statusCode).toBe(200);
      // A wallet's account gets the welcome tokens too, once however often it signs in (checked below).
      const tokens = () =>
        h
          .call('GET', `/v1/accounts/${session.accountId}/balances`, { key: session.token })
          .then((r) => r.json().balances.find((b: { unit: string }) => b.unit === 'TOKEN').balance);
      expect(await tokens()).toBe('25.000000');

      const other = await h.openAccount('Someone else');
      const foreign = await h.call('GET', `/v1/accounts/${other}/balances`, { key: session.token });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toMatchObject({ code: 'account_not_found' });
      const notAllowed = await h.call('POST', '/v1/accounts', { key: session.token, body: { name: 'x' } });
      expect(notAllowed.statusCode).toBe(403);

      // The same wallet signs in again: the same account, a second session.
      const again = await signIn(wallet);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toMatchObject({ accountId: session.accountId, accountCreated: false });
      expect(again.json().token).not.toBe(session.token);
      expect(await tokens()).toBe('25.000000');
      const bound = await h.engine.db.query('SELECT account_id FROM wallet_addresses WHERE address = $1', [
        wallet.address.toLowerCase(),
      ]);
      expect(bound).toEqual([{ account_id: session.accountId }]);
    });

    it('logout ends the session at once, and a session expires after its TTL or with its message', async () => {
      const wallet = privateKeyToAccount(generatePrivateKey());
      const { token, accountId } = (await signIn(wallet)).json();
      const out = await h.call('POST', '/v1/auth/logout', { key: token });
      expect(out.statusCode).toBe(200);
      expect(out.json()).toMatchObject({ loggedOut: true });
      const after = await h.call('GET', `/v1/accounts/${accountId}`, { key: token });
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('unauthenticated');

      // A message with an expiration time bounds the session.
      const short = (
        await signIn(wallet, { expirationTime: new Date(h.clock.now().getTime() + 600_000) })
      ).json();
      expect(short.expiresAt).toBe(new Date(h.clock.now().getTime() + 600_000).toISOString());
      const long = (await signIn(wallet)).json();
      h.clock.advance(600_000);
      expect((await h.call('GET', `/v1/accounts/${accountId}`, { key: short.token })).statusCode).toBe(401);
      expect((await h.call('GET', `/v1/accounts/${accountId}`, { key: long.token })).statusCode).toBe(200);
      h.clock.advance(86_400_000);
      expect((await h.call('GET', `/v1/accounts/${accountId}`, { key: long.token })).statusCode).toBe(401);

      // An API key has no session to end.
      const customerKey = await issueKey(h.engine, 'customer', accountId);
      const byKey = await h.call('POST', '/v1/auth/logout', { key: customerKey.secret });
      expect(byKey.statusCode).toBe(400);
      expect(byKey.json().code).toBe('invalid_request');
    });

    it('refuses a wrong domain, a wrong chain, an expired or not-yet-valid message, and writes no session', async () => {
      const wallet = privateKeyToAccount(generatePrivateKey());
      const firstNonce = issued.length;
      const before = await rowCounts(h.engine.db);
      const now = h.clock.now().getTime();
      const cases: [Partial<CreateSiweMessageParameters>, string][] = [
        [{ domain: 'evil.example' }, 'siwe_domain_mismatch'],
        [{ domain: 'app.pictor.test:8443' }, 'siwe_domain_mismatch'],
        [{ chainId: 137 }, 'siwe_chain_mismatch'],
        [{ expirationTime: new Date(now - 1_000) }, 'siwe_expired'],
        [{ notBefore: new Date(now + 3_600_000) }, 'siwe_not_yet_valid'],
        [{ issuedAt: new Date(now + 3_600_000) }, 'siwe_not_yet_valid'],
      ];
      for (const [overrides, code] of cases) {
        const res = await signIn(wallet, overrides);
        expect(res.statusCode, code).toBe(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code, status: 401 });
      }
      const after = await rowCounts(h.engine.db);
      // Only the nonces asked for were written (none used): no session, wallet or account.
      expect({ ...after, siwe_nonces: 0 }).toEqual({ ...before, siwe_nonces: 0 });
      const mine = issued.slice(firstNonce);
      expect(mine).toHaveLength(cases.length);
      const used = await h.engine.db.query(
        'SELECT nonce FROM siwe_nonces WHERE nonce = ANY($1::text[]) AND used_at IS NOT NULL',
        [mine],
      );
      expect(used).toEqual([]);

      // A refused message does not burn its nonce: the wallet signs a correct one with it.
      const { nonce: kept } = await nonce();
      expect((await signIn(wallet, { nonce: kept, chainId: 5 })).json().code).toBe('siwe_chain_mismatch');
      expect((await signIn(wallet, { nonce: kept })).statusCode).toBe(201);
    });

    it('a nonce is single-use, unknown nonces are refused, and nonces expire', async () => {
      const wallet = privateKeyToAccount(generatePrivateKey());
      const text = await message(wallet);
      const signature = await wallet.signMessage({ message: text });
      expect((await verify({ message: text, signature })).statusCode).toBe(201);
      const sessions = await sessionCount();
      const replay = await verify({ message: text, signature });
      expect(replay.statusCode).toBe(401);
      expect(replay.json()).toMatchObject({ code: 'siwe_nonce_invalid' });

      expect((await signIn(wallet, { nonce: 'madeUpNonce12345' })).json().code).toBe('siwe_nonce_invalid');

      const stale = await message(wallet);
      h.clock.advance(301_000);
      const expired = await verify({
        message: stale,
        signature: await wallet.signMessage({ message: stale }),
      });
      expect(expired.json()).toMatchObject({ code: 'siwe_nonce_invalid' });
      expect(await sessionCount()).toBe(sessions);

      // Five concurrent sign-ins with one signed message: exactly one session.
      const once = await message(wallet);
      const sig = await wallet.signMessage({ message: once });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => verify({ message: once, signature: sig })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 401, 401, 401, 401]);
      expect(await sessionCount()).toBe(sessions + 1);
    });

    it('refuses forged signatures: another key, a message altered after signing, a malformed signature', async () => {
      const victim = privateKeyToAccount(generatePrivateKey());
      const attacker = privateKeyToAccount(generatePrivateKey());
      const before = await rowCounts(h.engine.db);

      const claimed = await message(victim);
      const byAttacker = await verify({
        message: claimed,
        signature: await attacker.signMessage({ message: claimed }),
      });
      expect(byAttacker.statusCode).toBe(401);
      expect(byAttacker.json()).toMatchObject({ code: 'siwe_signature_invalid' });

      const signed = await message(attacker);
      const signature = await attacker.signMessage({ message: signed });
      const altered = signed.replace(attacker.address, victim.address);
      expect((await verify({ message: altered, signature })).json().code).toBe('siwe_signature_invalid');
      const restated = signed.replace('Sign in to Pictor', 'Sign in to Pictor and pay');
      expect((await verify({ message: restated, signature })).json().code).toBe('siwe_signature_invalid');

      const garbage = `0x${'11'.repeat(64)}ff`;
      expect((await verify({ message: claimed, signature: garbage })).json().code).toBe(
        'siwe_signature_invalid',
      );

      const after = await rowCounts(h.engine.db);
      expect({ ...after, siwe_nonces: 0 }).toEqual({ ...before, siwe_nonces: 0 });
      // The forgeries burned nothing: the attacker's own nonce still signs him in.
      expect((await verify({ message: signed, signature })).statusCode).toBe(201);
    });

    it('bad input is a 400 problem with its field, and writes nothing', async () => {
      const wallet = privateKeyToAccount(generatePrivateKey());
      const text = await message(wallet);
      const signature = await wallet.signMessage({ message: text });
      const before = await rowCounts(h.engine.db);
      const cases: [unknown, string, string][] = [
        [{ message: text }, 'validation_failed', 'signature'],
        [{ signature }, 'validation_failed', 'message'],
        [{ message: text, signature, admin: true }, 'unknown_field', 'admin'],
        [{ message: text, signature: 'deadbeef' }, 'validation_failed', 'signature'],
        [{ message: text, signature: `${signature}00` }, 'validation_failed', 'signature'],
        [{ message: 'x'.repeat(5000), signature }, 'validation_failed', 'message'],
        [{ message: 'hello, sign me in', signature }, 'siwe_message_invalid', 'message'],
        [
          { message: text.replace(/Issued At: .*/, 'Issued At: yesterday'), signature },
          'siwe_message_invalid',
          'message',
        ],
      ];
      for (const [body, code, field] of cases) {
        const res = await verify(body);
        expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code, field });
      }
      const malformed = await h.app.inject({
        method: 'POST',
        url: '/v1/auth/siwe/verify',
        headers: { 'content-type': 'application/json' },
        payload: '{"message": ',
      });
      expect(malformed.json().code).toBe('malformed_json');
      const extra = await h.app.inject({
        method: 'POST',
        url: '/v1/auth/siwe/nonce',
        payload: { wallet: 'x' },
      });
      expect(extra.statusCode).toBe(400);
      expect(extra.json()).toMatchObject({ code: 'unknown_field', field: 'wallet' });
      expect(await rowCounts(h.engine.db)).toEqual(before);
      // Still usable: nothing was consumed.
      expect((await verify({ message: text, signature })).statusCode).toBe(201);
    });

    it('documents the sign-in routes in the OpenAPI document, without an API key', async () => {
      const doc = (await h.app.inject({ url: '/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/v1/auth/siwe/nonce',
          '/v1/auth/siwe/verify',
          '/v1/auth/logout',
          '/v1/accounts/{accountId}/deposits',
          '/v1/deposits',
          '/v1/deposits/{depositId}/assign',
        ]),
      );
      expect(doc.paths['/v1/auth/siwe/verify'].post.security).toEqual([]);
    });
  });
}
