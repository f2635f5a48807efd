import type { ServiceContext } from '../../../src/server/context.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSender, signInMailerOf } from '../../../src/notify/email.js';
import { createEventPublisher } from '../../../src/notify/publisher.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { registerNotificationWork } from '../../../src/notify/notification-work.js';
import { upsertAlertSettings } from '../../../src/compute/alerts/alert-store.js';
import { checkBalanceAlerts } from '../../../src/compute/alerts/check-balance-alerts.js';
import { backends } from '../../support/databases.js';
import { type Harness, issueKey, rowCounts, startHarness, uniqueKey } from '../../support/harness.js';
import { startSmtpServer } from '../../support/mail-and-hooks.js';

/**
 * Issue 15: "notification emails … verified by a code sent over SMTP before alerts use it". The
 * code arrives over SMTP (an in-process server), is confirmed, and only then may the alert settings
 * name the address; the sender never emails an address that was not verified.
 */
for (const backend of backends) {
  describe(`alert emails verified by a code (${backend.name})`, () => {
    let h: Harness;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let sender: ReturnType<typeof createSmtpSender>;
    let runner: DueWorkRunner<ServiceContext>;
    let ipCounter = 0;
    /** Each test asks from its own IP, so the per-IP limits of one test do not touch another. */
    const freshIp = () => `10.7.${backend.name === 'postgres' ? 1 : 0}.${++ipCounter}`;
    beforeAll(async () => {
      smtp = await startSmtpServer();
      sender = createSmtpSender(smtp.url, 'Pictor Billing <billing@pictor.test>');
      h = await startHarness(backend, { mail: { signInMail: signInMailerOf(sender) } });
      h.engine.events = createEventPublisher(h.engine);
      runner = registerNotificationWork(new DueWorkRunner<ServiceContext>(h.engine), { email: sender });
    });
    afterAll(async () => {
      await h.close();
      sender.close();
      await smtp.close();
    });

    const post = (url: string, body: unknown, o: { key: string; ip?: string; idempotencyKey?: string }) =>
      h.app.inject({
        method: 'POST',
        url,
        payload: body as object,
        remoteAddress: o.ip ?? '10.9.9.9',
        headers: {
          authorization: `Bearer ${o.key}`,
          'idempotency-key': o.idempotencyKey ?? uniqueKey('alert-email'),
        },
      });
    const putAlerts = (accountId: string, key: string, body: unknown) =>
      h.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${accountId}/alert-settings`,
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': uniqueKey('alerts') },
        payload: body as object,
      });
    const getAlerts = async (accountId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/alert-settings`)).json();

    /** A wallet-like customer: an account with no email, and its customer key. */
    async function customer(email?: string) {
      const opened = await h.call('POST', '/v1/accounts', {
        body: { name: 'Studio', ...(email ? { email } : {}) },
      });
      const accountId = opened.json().id as string;
      return { accountId, key: (await issueKey(h.engine, 'customer', accountId)).secret };
    }

    /** Asks for an alert email code for the account and reads it from the mail the SMTP server got. */
    async function requestCode(accountId: string, key: string, email: string, ip: string) {
      const before = smtp.mails.length;
      const res = await post(`/v1/accounts/${accountId}/alert-emails/code`, { email }, { key, ip });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json()).toMatchObject({ email: email.toLowerCase(), sandboxMailUrl: null });
      expect(smtp.mails.length).toBe(before + 1);
      const mail = smtp.mails[smtp.mails.length - 1]!;
      expect(mail.envelopeTo).toEqual([email.toLowerCase()]);
      return /^(\d{6}) is your Pictor alert email code$/.exec(mail.email.subject ?? '')![1]!;
    }

    const verify = (accountId: string, key: string, body: unknown, ip: string, idempotencyKey?: string) =>
      post(`/v1/accounts/${accountId}/alert-emails/verify`, body, { key, ip, idempotencyKey });

    /** The low-balance alert (below 10) fires: 9 available, after a 10 funding and a 1 charge. */
    async function crossLowBalance(accountId: string) {
      await h.fund(accountId, '10');
      const charged = await h.call('POST', `/v1/accounts/${accountId}/charges`, {
        key: h.serviceKey,
        body: { amount: { amount: '1', unit: 'CREDIT' }, productLine: 'compute', description: 'Render task' },
      });
      expect(charged.statusCode).toBe(201);
      expect(await checkBalanceAlerts(h.engine, accountId)).toEqual(['low_balance']);
      const before = smtp.mails.length;
      await runner.runDue();
      return smtp.mails.slice(before).filter((m) => m.email.subject?.startsWith('Low balance'));
    }

    it('unverified: PUT is 422 alert_email_unverified on emails.1, nothing written; the code arrives over SMTP, is confirmed (a retry replays), then saved and the alert is emailed to it', async () => {
      const { accountId, key } = await customer();
      const ip = freshIp();
      const body = {
        lowBalance: { amount: '10', unit: 'CREDIT' },
        emails: ['ops@render.example', 'Night@Render.example'],
      };
      // ops@ is verified first; night@ not yet.
      const opsCode = await requestCode(accountId, key, 'ops@render.example', ip);
      expect(
        (await verify(accountId, key, { email: 'ops@render.example', code: opsCode }, ip)).statusCode,
      ).toBe(200);
      const before = await rowCounts(h.engine.db);
      const refused = await putAlerts(accountId, key, body);
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({
        code: 'alert_email_unverified',
        field: 'emails.1',
        email: 'Night@Render.example',
      });
      // An operator acting for the account is held to the same rule.
      expect((await putAlerts(accountId, h.operatorKey, body)).json().code).toBe('alert_email_unverified');
      expect(await rowCounts(h.engine.db)).toEqual(before);
      expect(await getAlerts(accountId)).toMatchObject({
        lowBalance: null,
        emails: [],
        emailSource: 'account',
      });

      const code = await requestCode(accountId, key, 'Night@Render.example', ip);
      const mail = smtp.mails[smtp.mails.length - 1]!;
      expect(mail.email.text).toContain(code);
      expect(mail.email.text).toContain('10 minutes');
      const idempotencyKey = uniqueKey('verify');
      const confirmed = await verify(
        accountId,
        key,
        { email: 'Night@Render.example', code },
        ip,
        idempotencyKey,
      );
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json()).toEqual({
        accountId,
        email: 'night@render.example',
        verifiedAt: h.clock.now().toISOString(),
      });
      const again = await verify(accountId, key, { email: 'Night@Render.example', code }, ip, idempotencyKey);
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(confirmed.json());

      const saved = await putAlerts(accountId, key, body);
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({
        emails: ['ops@render.example', 'Night@Render.example'],
        recipients: [
          { email: 'ops@render.example', verified: true },
          { email: 'Night@Render.example', verified: true },
        ],
        verifiedEmails: ['night@render.example', 'ops@render.example'],
      });
      const alerts = await crossLowBalance(accountId);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.envelopeTo.map((e) => e.toLowerCase()).sort()).toEqual([
        'night@render.example',
        'ops@render.example',
      ]);
      expect(alerts[0]!.email.subject).toBe('Low balance: 9.000000 CREDIT available');
    });

    it("a wrong code, an expired code and another account's code are refused (422 on field code, problem+json); nothing is verified", async () => {
      const a = await customer();
      const b = await customer();
      const ip = freshIp();
      const email = 'shared@render.example';
      const code = await requestCode(a.accountId, a.key, email, ip);
      const wrong = code === '000000' ? '000001' : '000000';
      const before = await rowCounts(h.engine.db);

      const wrongAnswer = await verify(a.accountId, a.key, { email, code: wrong }, ip);
      expect(wrongAnswer.statusCode).toBe(422);
      expect(wrongAnswer.headers['content-type']).toContain('application/problem+json');
      expect(wrongAnswer.json()).toMatchObject({ code: 'verification_code_incorrect', field: 'code' });
      // B holds A's code for the same address: good for A's account only.
      const stolen = await verify(b.accountId, b.key, { email, code }, ip);
      expect(stolen.statusCode).toBe(422);
      expect(stolen.json()).toMatchObject({ code: 'verification_code_incorrect', field: 'code' });
      // B's key may not act for A's account at all.
      expect((await verify(a.accountId, b.key, { email, code }, ip)).statusCode).toBe(404);
      const malformed = await verify(a.accountId, a.key, { email, code: '12345' }, ip);
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ code: 'sign_in_code_malformed', field: 'code' });

      h.clock.advance(10 * 60_000 + 1000);
      const expired = await verify(a.accountId, a.key, { email, code }, ip);
      expect(expired.statusCode).toBe(422);
      expect(expired.json()).toMatchObject({ code: 'verification_code_expired', field: 'code' });
      expect(await rowCounts(h.engine.db)).toEqual(before);
      expect((await getAlerts(a.accountId)).verifiedEmails).toEqual([]);
      expect((await getAlerts(b.accountId)).verifiedEmails).toEqual([]);
      expect((await putAlerts(b.accountId, b.key, { emails: [email] })).json()).toMatchObject({
        code: 'alert_email_unverified',
        field: 'emails.0',
      });
    });

    it('signed in, a wrong code is 422 verification_code_incorrect on field code (not 401: the session stands), nothing verified; the right code then verifies, and spent it is 422 verification_code_used', async () => {
      const { accountId, key } = await customer();
      const ip = freshIp();
      const email = 'mistyped@render.example';
      const code = await requestCode(accountId, key, email, ip);
      const wrong = code === '123456' ? '123457' : '123456';
      const before = await rowCounts(h.engine.db);

      const typo = await verify(accountId, key, { email, code: wrong }, ip);
      expect(typo.statusCode).toBe(422);
      expect(typo.headers['content-type']).toContain('application/problem+json');
      expect(typo.json()).toMatchObject({
        status: 422,
        code: 'verification_code_incorrect',
        field: 'code',
        detail: 'that code is not right; check it or ask for a new one',
      });
      expect(await rowCounts(h.engine.db)).toEqual(before);
      expect((await getAlerts(accountId)).verifiedEmails).toEqual([]);
      // The customer is still signed in: the same key reads the account.
      expect((await h.call('GET', `/v1/accounts/${accountId}`, { key })).statusCode).toBe(200);

      const right = await verify(accountId, key, { email, code }, ip);
      expect(right.statusCode).toBe(200);
      expect(right.json()).toMatchObject({ accountId, email });
      expect((await getAlerts(accountId)).verifiedEmails).toEqual([email]);
      const spent = await verify(accountId, key, { email, code }, ip);
      expect(spent.statusCode).toBe(422);
      expect(spent.json()).toMatchObject({ code: 'verification_code_used', field: 'code' });
    });

    it('a code takes 5 wrong guesses, then even the right one is refused; 10 codes per account per 15 minutes, then 429 with Retry-After', async () => {
      const { accountId, key } = await customer();
      const email = 'guess@render.example';
      const code = await requestCode(accountId, key, email, freshIp());
      const wrong = code === '999999' ? '999998' : '999999';
      for (let i = 0; i < 5; i++) {
        const res = await verify(accountId, key, { email, code: wrong }, freshIp());
        expect(res.json().code).toBe('verification_code_incorrect');
      }
      const locked = await verify(accountId, key, { email, code }, freshIp());
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ code: 'too_many_attempts' });
      expect(Number(locked.headers['retry-after'])).toBe(15 * 60);

      // Per account: ten codes to ten addresses (each from its own IP) pass, the eleventh waits.
      const other = await customer();
      for (let i = 0; i < 10; i++)
        await requestCode(other.accountId, other.key, `a${i}@render.example`, freshIp());
      const mailsBefore = smtp.mails.length;
      const eleventh = await post(
        `/v1/accounts/${other.accountId}/alert-emails/code`,
        { email: 'a10@render.example' },
        { key: other.key, ip: freshIp() },
      );
      expect(eleventh.statusCode).toBe(429);
      expect(eleventh.json()).toMatchObject({ code: 'too_many_attempts' });
      expect(eleventh.headers['retry-after']).toBe(String(15 * 60));
      expect(smtp.mails.length).toBe(mailsBefore);
    });

    it('settings saved before verification: GET shows each email unverified; the alert is emailed to the verified one only, never to the unverified; with none verified, to the account email', async () => {
      const mixed = await customer();
      const ip = freshIp();
      const code = await requestCode(mixed.accountId, mixed.key, 'kept@render.example', ip);
      expect(
        (await verify(mixed.accountId, mixed.key, { email: 'kept@render.example', code }, ip)).statusCode,
      ).toBe(200);
      const legacy = (accountId: string, emails: string[]) =>
        upsertAlertSettings(
          h.engine.db,
          {
            accountId,
            lowBalanceMicros: 10_000_000n,
            lowRemainingHours: null,
            emailRecipients: emails,
            webhookUrl: null,
            webhookSecret: null,
            updatedAt: h.clock.now(),
          },
          'migration',
        );
      // Rows as a release before this one saved them: addresses taken as typed.
      await legacy(mixed.accountId, ['typo@render.example', 'kept@render.example']);
      expect(await getAlerts(mixed.accountId)).toMatchObject({
        emails: ['typo@render.example', 'kept@render.example'],
        recipients: [
          { email: 'typo@render.example', verified: false },
          { email: 'kept@render.example', verified: true },
        ],
      });
      const mixedAlerts = await crossLowBalance(mixed.accountId);
      expect(mixedAlerts.map((m) => m.envelopeTo)).toEqual([['kept@render.example']]);

      const owner = await customer('owner@render.example');
      await legacy(owner.accountId, ['stranger@render.example']);
      expect((await getAlerts(owner.accountId)).recipients).toEqual([
        { email: 'stranger@render.example', verified: false },
      ]);
      const ownerAlerts = await crossLowBalance(owner.accountId);
      expect(ownerAlerts.map((m) => m.envelopeTo)).toEqual([['owner@render.example']]);
      const all = smtp.mails.flatMap((m) => m.envelopeTo);
      expect(all).not.toContain('typo@render.example');
      expect(all).not.toContain('stranger@render.example');
      // The delivery the list shows names only the address it went to.
      const listed = (await h.call('GET', `/v1/accounts/${owner.accountId}/notifications`)).json().data;
      expect(listed[0].deliveries).toEqual([
        expect.objectContaining({ channel: 'email', target: 'owner@render.example', status: 'delivered' }),
      ]);
    });

    it("the account's own email needs no code: named, it is saved and marked verified", async () => {
      const { accountId, key } = await customer('Self@Render.example');
      const res = await putAlerts(accountId, key, {
        lowBalance: { amount: '10', unit: 'CREDIT' },
        emails: ['self@render.example'],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        recipients: [{ email: 'self@render.example', verified: true }],
        verifiedEmails: ['self@render.example'],
      });
    });
  });
}
