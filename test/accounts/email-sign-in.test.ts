import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { loadConfig } from '../../src/kernel/config.js';
import { createSmtpSender, signInMailerOf } from '../../src/notify/email.js';
import { backends } from '../support/databases.js';
import { type Harness, issueKey, rowCounts, startHarness, uniqueKey } from '../support/harness.js';
import { startSmtpServer } from '../support/mail-and-hooks.js';

const DOMAIN = 'app.pictor.test';
const web3 = { ...loadConfig({}).web3, siweDomain: DOMAIN, chainId: 1 };

for (const backend of backends) {
  describe(`email sign-in, ways in and sessions (${backend.name})`, () => {
    let h: Harness;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let sender: ReturnType<typeof createSmtpSender>;
    let ipCounter = 0;
    /** Each test signs in from its own IP, so the per-IP limits of one test do not touch another. */
    const freshIp = () => `10.0.${backend.name === 'postgres' ? 1 : 0}.${++ipCounter}`;
    beforeAll(async () => {
      smtp = await startSmtpServer();
      sender = createSmtpSender(smtp.url, 'Pictor Billing <billing@pictor.test>');
      h = await startHarness(backend, { web3, mail: { signInMail: signInMailerOf(sender) } });
    });
    afterAll(async () => {
      await h.close();
      sender.close();
      await smtp.close();
    });

    const post = (url: string, body: unknown, o: { ip?: string; token?: string } = {}) =>
      h.app.inject({
        method: 'POST',
        url,
        payload: body as object,
        remoteAddress: o.ip ?? '10.9.9.9',
        headers: o.token ? { authorization: `Bearer ${o.token}` } : {},
      });
    const get = (url: string, token: string) =>
      h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

    /** Asks for a code and reads it from the mail the SMTP server received. */
    const requestCode = async (email: string, ip: string, path = '/v1/auth/email/code', token?: string) => {
      const before = smtp.mails.length;
      const res = await post(path, { email }, { ip, token });
      expect(res.statusCode).toBe(202);
      expect(res.json().sandboxMailUrl).toBeNull();
      expect(smtp.mails.length).toBe(before + 1);
      const mail = smtp.mails[smtp.mails.length - 1]!;
      expect(mail.envelopeTo).toEqual([email.toLowerCase()]);
      return /(\d{6}) is your Pictor sign-in code/.exec(mail.email.subject ?? '')![1]!;
    };
    const signInByEmail = async (email: string, ip = freshIp()) => {
      const code = await requestCode(email, ip);
      const res = await post('/v1/auth/email/verify', { email, code }, { ip });
      expect(res.statusCode).toBe(201);
      return res.json() as { token: string; accountId: string; accountCreated: boolean; sessionId: string };
    };

    const siwe = async (wallet: PrivateKeyAccount) => {
      const nonce = (await post('/v1/auth/siwe/nonce', {})).json().nonce as string;
      const message = createSiweMessage({
        domain: DOMAIN,
        address: wallet.address,
        uri: `https://${DOMAIN}/signin`,
        version: '1',
        chainId: 1,
        nonce,
        issuedAt: h.clock.now(),
      });
      return { message, signature: await wallet.signMessage({ message }) };
    };

    it('signs in by an emailed code (opening the account with the welcome tokens), links a wallet, and the wallet signs in to the same account', async () => {
      const email = 'Ada@Studio.example';
      const ip = freshIp();
      const code = await requestCode(email, ip);
      const mail = smtp.mails[smtp.mails.length - 1]!;
      expect(mail.email.text).toContain(code);
      expect(mail.email.text).toContain('10 minutes');

      const verified = await post('/v1/auth/email/verify', { email, code }, { ip });
      expect(verified.statusCode).toBe(201);
      const session = verified.json();
      expect(session).toMatchObject({ email: 'ada@studio.example', accountCreated: true });
      expect(session.token).toMatch(/^ps_/);
      const me = (await get('/v1/me', session.token)).json();
      expect(me).toMatchObject({
        role: 'customer',
        account: { id: session.accountId, email: 'ada@studio.example' },
      });
      const balances = (await get(`/v1/accounts/${session.accountId}/balances`, session.token)).json();
      expect(balances.balances).toEqual(
        expect.arrayContaining([expect.objectContaining({ unit: 'TOKEN', balance: '25.000000' })]),
      );

      // Link a wallet with a signed SIWE message; then the wallet alone signs in to the same account.
      const wallet = privateKeyToAccount(generatePrivateKey());
      const linked = await post('/v1/auth/ways-in/wallet', await siwe(wallet), { token: session.token });
      expect(linked.statusCode).toBe(201);
      expect(linked.json()).toEqual({ wallets: [wallet.address], emails: ['ada@studio.example'] });
      const byWallet = await post('/v1/auth/siwe/verify', await siwe(wallet));
      expect(byWallet.statusCode).toBe(201);
      expect(byWallet.json()).toMatchObject({ accountId: session.accountId, accountCreated: false });

      // A second email sign-in reaches the same account; both sessions are listed.
      const again = await signInByEmail(email);
      expect(again).toMatchObject({ accountId: session.accountId, accountCreated: false });
      const sessions = (await get('/v1/auth/sessions', again.token)).json().data;
      expect(sessions.map((s: { method: string }) => s.method).sort()).toEqual(['email', 'email', 'wallet']);
      expect(sessions.find((s: { current: boolean }) => s.current).id).toBe(again.sessionId);
      // The welcome tokens were granted once, not per sign-in.
      const tokens = (await get(`/v1/accounts/${session.accountId}/balances`, again.token)).json();
      expect(tokens.balances.find((b: { unit: string }) => b.unit === 'TOKEN').balance).toBe('25.000000');
    });

    it('refuses an expired code, a reused code and a superseded code, creating nothing', async () => {
      const email = 'expired@studio.example';
      const ip = freshIp();
      const old = await requestCode(email, ip);
      h.clock.advance(10 * 60_000 + 1000);
      const before = await rowCounts(h.engine.db);
      const expired = await post('/v1/auth/email/verify', { email, code: old }, { ip });
      expect(expired.statusCode).toBe(401);
      expect(expired.headers['content-type']).toContain('application/problem+json');
      expect(expired.json()).toMatchObject({ code: 'sign_in_code_expired' });
      expect(await rowCounts(h.engine.db)).toEqual(before);

      const first = await requestCode(email, ip);
      const second = await requestCode(email, ip);
      const superseded = await post('/v1/auth/email/verify', { email, code: first }, { ip });
      if (first !== second) expect(superseded.json()).toMatchObject({ code: 'sign_in_code_incorrect' });
      const ok = await post('/v1/auth/email/verify', { email, code: second }, { ip });
      expect(ok.statusCode).toBe(201);
      const reused = await post('/v1/auth/email/verify', { email, code: second }, { ip });
      expect(reused.statusCode).toBe(401);
      expect(reused.json()).toMatchObject({ code: 'sign_in_code_used' });
    });

    it('locks an email after 5 wrong codes (even the right code is refused until the cool-down), and an IP after 5 wrong codes across emails', async () => {
      const email = 'guess@studio.example';
      const ip = freshIp();
      const code = await requestCode(email, ip);
      const wrong = code === '000000' ? '111111' : '000000';
      const before = await rowCounts(h.engine.db);
      for (let i = 0; i < 5; i++) {
        const res = await post('/v1/auth/email/verify', { email, code: wrong }, { ip: freshIp() });
        expect(res.json()).toMatchObject({ code: 'sign_in_code_incorrect' });
      }
      const locked = await post('/v1/auth/email/verify', { email, code }, { ip });
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ code: 'too_many_attempts', retryAfterSeconds: 900 });
      expect(locked.headers['retry-after']).toBe('900');
      const counts = await rowCounts(h.engine.db);
      expect({ accounts: counts.accounts, sessions: counts.sessions }).toEqual({
        accounts: before.accounts,
        sessions: before.sessions,
      });
      // After the cool-down the guessed-at code is spent; a new code works.
      h.clock.advance(15 * 60_000);
      expect((await post('/v1/auth/email/verify', { email, code }, { ip })).json()).toMatchObject({
        code: 'sign_in_code_used',
      });
      await signInByEmail(email);

      // Per IP: 5 wrong codes for 5 different emails, then the IP cools down for any email.
      const attacker = freshIp();
      for (let i = 0; i < 5; i++) {
        const res = await post(
          '/v1/auth/email/verify',
          { email: `victim${i}@studio.example`, code: '123456' },
          { ip: attacker },
        );
        expect(res.statusCode).toBe(401);
      }
      const blocked = await post(
        '/v1/auth/email/verify',
        { email: 'victim9@studio.example', code: '123456' },
        { ip: attacker },
      );
      expect(blocked.statusCode).toBe(429);
    });

    it('answers identically for an email with an account and one without', async () => {
      await signInByEmail('known@studio.example');
      const ip = freshIp();
      const strip = (
        r: { statusCode: number; headers: Record<string, unknown>; body: string },
        email: string,
      ) => ({
        status: r.statusCode,
        type: r.headers['content-type'],
        body: r.body.replaceAll(email, '<email>'),
      });
      const known = await post('/v1/auth/email/code', { email: 'known@studio.example' }, { ip });
      const unknown = await post('/v1/auth/email/code', { email: 'nobody@studio.example' }, { ip });
      expect(strip(known, 'known@studio.example')).toEqual(strip(unknown, 'nobody@studio.example'));
      const knownWrong = await post(
        '/v1/auth/email/verify',
        { email: 'known@studio.example', code: '999999' },
        { ip },
      );
      const unknownWrong = await post(
        '/v1/auth/email/verify',
        { email: 'never@studio.example', code: '999999' },
        { ip },
      );
      expect(strip(knownWrong, 'known@studio.example')).toEqual(strip(unknownWrong, 'never@studio.example'));
      expect(knownWrong.json()).toMatchObject({ code: 'sign_in_code_incorrect' });
    });

    it('refuses malformed emails and codes of the wrong length with problem+json, sending and creating nothing', async () => {
      const ip = freshIp();
      const before = await rowCounts(h.engine.db);
      const mails = smtp.mails.length;
      for (const email of ['not-an-email', 'a@b', ' @studio.example', 'x'.repeat(65) + '@studio.example']) {
        const res = await post('/v1/auth/email/code', { email }, { ip });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'email_invalid', field: 'email' });
      }
      for (const code of ['12345', '1234567', 'abcdef', '']) {
        const res = await post('/v1/auth/email/verify', { email: 'ok@studio.example', code }, { ip });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'sign_in_code_malformed', field: 'code' });
      }
      expect(smtp.mails.length).toBe(mails);
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });

    it('links an email to a wallet account (it becomes the billing address); a wallet of another account is 409; never removes the last way in', async () => {
      const wallet = privateKeyToAccount(generatePrivateKey());
      const byWallet = (await post('/v1/auth/siwe/verify', await siwe(wallet))).json();
      const ip = freshIp();
      const code = await requestCode('grace@lab.example', ip, '/v1/auth/ways-in/email/code', byWallet.token);
      // A link code does not sign in, and a sign-in code does not link.
      expect(
        (await post('/v1/auth/email/verify', { email: 'grace@lab.example', code }, { ip })).statusCode,
      ).toBe(401);
      const linked = await post(
        '/v1/auth/ways-in/email',
        { email: 'grace@lab.example', code },
        { ip, token: byWallet.token },
      );
      expect(linked.statusCode).toBe(201);
      expect(linked.json()).toEqual({ wallets: [wallet.address], emails: ['grace@lab.example'] });
      const account = (await get(`/v1/accounts/${byWallet.accountId}`, byWallet.token)).json();
      expect(account.email).toBe('grace@lab.example');
      expect((await signInByEmail('grace@lab.example')).accountId).toBe(byWallet.accountId);

      // The same wallet cannot be linked to another account.
      const other = await signInByEmail('other@lab.example');
      const taken = await post('/v1/auth/ways-in/wallet', await siwe(wallet), { token: other.token });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ code: 'wallet_already_linked' });

      // Remove the wallet (its sessions end), then the email is the last way in.
      const removed = await post(
        '/v1/auth/ways-in/remove',
        { kind: 'wallet', value: wallet.address },
        { token: other.token },
      );
      expect(removed.json()).toMatchObject({ code: 'way_in_not_found' });
      const gone = await post(
        '/v1/auth/ways-in/remove',
        { kind: 'wallet', value: wallet.address },
        { token: (await signInByEmail('grace@lab.example')).token },
      );
      expect(gone.statusCode).toBe(200);
      expect(gone.json()).toMatchObject({ wallets: [], emails: ['grace@lab.example'], sessionsRevoked: 1 });
      expect((await get('/v1/me', byWallet.token)).statusCode).toBe(401);
      const last = await post(
        '/v1/auth/ways-in/remove',
        { kind: 'email', value: 'Grace@Lab.example' },
        { token: (await signInByEmail('grace@lab.example')).token },
      );
      expect(last.statusCode).toBe(409);
      expect(last.json()).toMatchObject({ code: 'last_way_in' });
    });

    it('linking while signed in: a wrong code is 422 verification_code_incorrect on field code (not 401), nothing linked and still signed in; expired is 422 verification_code_expired; the right code links, spent it is 422 verification_code_used', async () => {
      const wallet = privateKeyToAccount(generatePrivateKey());
      const byWallet = (await post('/v1/auth/siwe/verify', await siwe(wallet))).json();
      const ip = freshIp();
      const email = 'typo@lab.example';
      const link = (code: string) =>
        post('/v1/auth/ways-in/email', { email, code }, { ip, token: byWallet.token });
      const waysIn = async () => (await get('/v1/auth/ways-in', byWallet.token)).json();
      const code = await requestCode(email, ip, '/v1/auth/ways-in/email/code', byWallet.token);
      const before = await rowCounts(h.engine.db);

      const typo = await link(code === '123456' ? '123457' : '123456');
      expect(typo.statusCode).toBe(422);
      expect(typo.headers['content-type']).toContain('application/problem+json');
      expect(typo.json()).toMatchObject({
        status: 422,
        code: 'verification_code_incorrect',
        field: 'code',
        detail: 'that code is not right; check it or ask for a new one',
      });
      expect(await rowCounts(h.engine.db)).toEqual(before);
      expect(await waysIn()).toEqual({ wallets: [wallet.address], emails: [] });
      expect((await get('/v1/me', byWallet.token)).statusCode).toBe(200);

      h.clock.advance(10 * 60_000 + 1000);
      const expired = await link(code);
      expect(expired.statusCode).toBe(422);
      expect(expired.json()).toMatchObject({ code: 'verification_code_expired', field: 'code' });
      expect(await waysIn()).toEqual({ wallets: [wallet.address], emails: [] });

      const fresh = await requestCode(email, ip, '/v1/auth/ways-in/email/code', byWallet.token);
      const linked = await link(fresh);
      expect(linked.statusCode).toBe(201);
      expect(linked.json()).toEqual({ wallets: [wallet.address], emails: [email] });
      const spent = await link(fresh);
      expect(spent.statusCode).toBe(422);
      expect(spent.json()).toMatchObject({ code: 'verification_code_used', field: 'code' });
    });

    it('removing the email the alerts go to (their only recipient) is 409 alerts_need_recipient, nothing changed; with alert emails named it goes, and the account has no contact email left', async () => {
      const wallet = privateKeyToAccount(generatePrivateKey());
      const byWallet = (await post('/v1/auth/siwe/verify', await siwe(wallet))).json();
      const ip = freshIp();
      const code = await requestCode('lena@lab.example', ip, '/v1/auth/ways-in/email/code', byWallet.token);
      expect(
        (
          await post(
            '/v1/auth/ways-in/email',
            { email: 'lena@lab.example', code },
            { ip, token: byWallet.token },
          )
        ).statusCode,
      ).toBe(201);
      const alerts = (body: object) =>
        h.app.inject({
          method: 'PUT',
          url: `/v1/accounts/${byWallet.accountId}/alert-settings`,
          headers: { authorization: `Bearer ${byWallet.token}`, 'idempotency-key': uniqueKey('alerts') },
          payload: body,
        });
      // Both alerts on, sent to the account's email (no alert emails named, no webhook).
      expect(
        (await alerts({ lowBalance: { amount: '5', unit: 'CREDIT' }, lowRemainingHours: 24 })).statusCode,
      ).toBe(200);

      const refused = await post(
        '/v1/auth/ways-in/remove',
        { kind: 'email', value: 'Lena@Lab.example' },
        { token: byWallet.token },
      );
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        code: 'alerts_need_recipient',
        field: 'value',
        detail:
          'the low-balance alert (below 5.00 credits) and the low-remaining-time alert (24 hours) are sent only to ' +
          'lena@lab.example: name alert emails or a webhook in the alert settings, or turn the alerts off, before removing it',
        email: 'lena@lab.example',
        alerts: [
          { kind: 'low_balance', below: { amount: '5.000000', unit: 'CREDIT' } },
          { kind: 'low_remaining_time', hours: 24 },
        ],
      });
      // Nothing changed: still a way in, still the contact, the alerts still on and sent there.
      expect((await get('/v1/auth/ways-in', byWallet.token)).json().emails).toEqual(['lena@lab.example']);
      expect((await get(`/v1/accounts/${byWallet.accountId}`, byWallet.token)).json().email).toBe(
        'lena@lab.example',
      );
      expect(
        (await get(`/v1/accounts/${byWallet.accountId}/alert-settings`, byWallet.token)).json(),
      ).toMatchObject({
        lowRemainingHours: 24,
        emails: ['lena@lab.example'],
      });

      // With an alert email named (verified by its own code), the account's email is no longer
      // needed by the alerts.
      const alertEmail = (what: 'code' | 'verify', body: object) =>
        h.app.inject({
          method: 'POST',
          url: `/v1/accounts/${byWallet.accountId}/alert-emails/${what}`,
          headers: { authorization: `Bearer ${byWallet.token}`, 'idempotency-key': uniqueKey('alert-email') },
          remoteAddress: ip,
          payload: body,
        });
      expect((await alertEmail('code', { email: 'ops@lab.example' })).statusCode).toBe(202);
      const alertCode = /^(\d{6}) is your Pictor alert email code$/.exec(
        smtp.mails[smtp.mails.length - 1]!.email.subject ?? '',
      )![1]!;
      expect((await alertEmail('verify', { email: 'ops@lab.example', code: alertCode })).statusCode).toBe(
        200,
      );
      expect(
        (
          await alerts({
            lowBalance: { amount: '5', unit: 'CREDIT' },
            lowRemainingHours: 24,
            emails: ['ops@lab.example'],
          })
        ).statusCode,
      ).toBe(200);
      const removed = await post(
        '/v1/auth/ways-in/remove',
        { kind: 'email', value: 'lena@lab.example' },
        { token: byWallet.token },
      );
      expect(removed.statusCode).toBe(200);
      expect(removed.json()).toMatchObject({ wallets: [wallet.address], emails: [] });
      // The removed address is no longer the account's contact (invoices, alerts by default).
      expect((await get(`/v1/accounts/${byWallet.accountId}`, byWallet.token)).json().email).toBeNull();
      expect(
        (await get(`/v1/accounts/${byWallet.accountId}/alert-settings`, byWallet.token)).json(),
      ).toMatchObject({
        lowBalance: { amount: '5.000000', unit: 'CREDIT' },
        emails: ['ops@lab.example'],
      });
    });

    it('signs an email in to the account an operator opened with that address', async () => {
      const res = await h.call('POST', '/v1/accounts', {
        body: { name: 'Booth Co', email: 'owner@booth.example' },
      });
      const accountId = res.json().id as string;
      const session = await signInByEmail('Owner@Booth.example');
      expect(session).toMatchObject({ accountId, accountCreated: false });
    });

    it('signs out everywhere; operators look accounts up by email or wallet and revoke sessions and API keys, all audited', async () => {
      const a = await signInByEmail('eve@ops.example');
      const b = await signInByEmail('eve@ops.example');
      const everywhere = await post('/v1/auth/sessions/revoke-all', {}, { token: a.token });
      expect(everywhere.json()).toEqual({ sessionsRevoked: 2 });
      expect((await get('/v1/me', a.token)).statusCode).toBe(401);
      expect((await get('/v1/me', b.token)).statusCode).toBe(401);

      const c = await signInByEmail('eve@ops.example');
      const key = await issueKey(h.engine, 'customer', c.accountId);
      const found = await h.call('GET', '/v1/accounts/lookup?email=EVE@ops.example');
      expect(found.statusCode).toBe(200);
      expect(found.json()).toMatchObject({
        account: { id: c.accountId },
        waysIn: { emails: ['eve@ops.example'] },
        sessions: [{ id: c.sessionId, method: 'email' }],
        apiKeys: [{ id: key.caller.id, role: 'customer' }],
      });
      const none = await h.call(
        'GET',
        '/v1/accounts/lookup?wallet=0x000000000000000000000000000000000000dEaD',
      );
      expect(none.json()).toMatchObject({ code: 'account_not_found' });
      // Customers cannot use the operator tools.
      expect((await get('/v1/accounts/lookup?email=eve@ops.example', c.token)).statusCode).toBe(403);

      const revoked = await h.call('POST', `/v1/sessions/${c.sessionId}/revoke`, {
        body: { reason: 'lost laptop' },
      });
      expect(revoked.json()).toEqual({ sessionIds: [c.sessionId] });
      expect((await get('/v1/me', c.token)).statusCode).toBe(401);
      const keyRevoked = await h.call('POST', `/v1/api-keys/${key.caller.id}/revoke`, {
        body: { reason: 'leaked' },
      });
      expect(keyRevoked.statusCode).toBe(200);
      expect(
        (await h.call('POST', '/v1/api-keys/key_nope/revoke', { body: { reason: 'x' } })).statusCode,
      ).toBe(404);
      const all = await h.call('POST', `/v1/accounts/${c.accountId}/sessions/revoke`, {
        body: { reason: 'support' },
      });
      expect(all.statusCode).toBe(200);

      const log = await h.engine.db.query<{ action: string; actor: string; reason: string }>(
        `SELECT action, actor, reason FROM audit_log WHERE action IN
           ('account.lookup', 'session.revoke', 'session.revoke_all', 'api_key.revoke') ORDER BY seq`,
      );
      expect(log.map((l) => l.action)).toEqual([
        'account.lookup',
        'account.lookup',
        'session.revoke',
        'api_key.revoke',
        'session.revoke_all',
      ]);
      expect(new Set(log.map((l) => l.actor))).toEqual(new Set([h.operator.id]));
    });
  });
}
