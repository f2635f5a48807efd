import type { ServiceContext } from '../../../src/server/context.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSender } from '../../../src/notify/email.js';
import { createEventPublisher } from '../../../src/notify/publisher.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { registerNotificationWork } from '../../../src/notify/notification-work.js';
import { registerAlertWork, scheduleAlertScan } from '../../../src/compute/alerts/alert-work.js';
import { checkBalanceAlerts } from '../../../src/compute/alerts/check-balance-alerts.js';
import { recordTopUp } from '../../../src/compute/topups/record-top-up.js';
import { insertVerifiedAlertEmails } from '../../../src/compute/alerts/alert-store.js';
import { backends } from '../../support/databases.js';
import { type Harness, issueKey, rowCounts, startHarness, uniqueKey } from '../../support/harness.js';
import { startSmtpServer } from '../../support/mail-and-hooks.js';

const M = 1_000_000n;

function putAlertSettings(h: Harness, accountId: string, body: unknown, key = h.operatorKey) {
  return h.app.inject({
    method: 'PUT',
    url: `/v1/accounts/${accountId}/alert-settings`,
    headers: { authorization: `Bearer ${key}`, 'idempotency-key': uniqueKey('alerts') },
    payload: body as object,
  });
}

async function topUp(h: Harness, accountId: string, credits: bigint) {
  const result = await recordTopUp(h.engine, {
    accountId,
    rail: 'sandbox',
    amountMicros: credits * M,
    sourceId: uniqueKey('capture'),
    description: 'Top-up',
  });
  if (!result.ok) throw new Error(result.failure.detail);
}

async function charge(h: Harness, accountId: string, amount: string) {
  const res = await h.call('POST', `/v1/accounts/${accountId}/charges`, {
    key: h.serviceKey,
    body: { amount: { amount, unit: 'CREDIT' }, productLine: 'compute', description: 'Render task' },
  });
  if (res.statusCode !== 201) throw new Error(`charge: ${res.statusCode} ${res.body}`);
}

async function openAccount(h: Harness, email?: string): Promise<string> {
  const res = await h.call('POST', '/v1/accounts', { body: { name: 'Studio', ...(email ? { email } : {}) } });
  return res.json().id as string;
}

for (const backend of backends) {
  describe(`low-balance and low-remaining-time alerts (${backend.name})`, () => {
    let h: Harness;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let runner: DueWorkRunner<ServiceContext>;
    beforeAll(async () => {
      h = await startHarness(backend);
      h.engine.webhookTargets = 'local'; // the receiver listens on 127.0.0.1
      h.engine.events = createEventPublisher(h.engine);
      smtp = await startSmtpServer();
      runner = registerAlertWork(
        registerNotificationWork(new DueWorkRunner<ServiceContext>(h.engine), {
          email: createSmtpSender(smtp.url, 'Pictor Billing <billing@pictor.test>'),
          webhookTargets: 'local', // the receiver listens on 127.0.0.1
        }),
        60,
      );
      await scheduleAlertScan(h.engine, 60_000);
    });
    afterAll(async () => {
      await h.close();
      await smtp.close();
    });

    /** One scan interval later, with everything due run (the scan, then the emails it caused). */
    const scan = async () => {
      h.clock.advance(60_000);
      await runner.runDue();
    };

    it('fires once per crossing (not on every charge) and re-arms after a top-up', async () => {
      const accountId = await openAccount(h, 'ada@studio.example');
      const customerKey = (await issueKey(h.engine, 'customer', accountId)).secret;
      const put = await putAlertSettings(
        h,
        accountId,
        { lowBalance: { amount: '10', unit: 'CREDIT' } },
        customerKey,
      );
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({
        lowBalance: { amount: '10.000000', unit: 'CREDIT' },
        emails: ['ada@studio.example'],
        emailSource: 'account',
        webhook: null,
      });
      const mailsBefore = smtp.mails.length;
      // The top-ups' receipts are notified too (document.issued): only the alerts are counted here.
      const alerts = async () =>
        (
          (await h.call('GET', `/v1/accounts/${accountId}/notifications`)).json().data as {
            type: string;
            data: Record<string, string>;
            deliveries: { channel: string; status: string }[];
          }[]
        ).filter((n) => n.type.startsWith('alert.'));

      await topUp(h, accountId, 15n);
      await charge(h, accountId, '3'); // 12: above
      await scan();
      expect(await alerts()).toHaveLength(0);
      await charge(h, accountId, '3'); // 9: crosses
      await scan();
      expect(await alerts()).toHaveLength(1);
      await charge(h, accountId, '4'); // 5: still below, no second alert
      await scan();
      await scan();
      expect(await alerts()).toHaveLength(1);
      await topUp(h, accountId, 15n); // 20: re-armed at once, nothing sent
      await scan();
      expect(await alerts()).toHaveLength(1);
      await charge(h, accountId, '12'); // 8: crosses again
      await scan();
      await scan();

      const list = await alerts();
      expect(list.map((n) => [n.type, n.data.available])).toEqual([
        ['alert.low_balance', '8.000000'],
        ['alert.low_balance', '9.000000'],
      ]);
      expect(list[0]!.deliveries).toEqual([
        expect.objectContaining({ channel: 'email', status: 'delivered' }),
      ]);

      const mails = smtp.mails
        .slice(mailsBefore)
        .filter((m) => !m.email.subject?.startsWith('Pictor receipt'));
      expect(mails).toHaveLength(2);
      expect(mails[0]!.envelopeTo).toEqual(['ada@studio.example']);
      expect(mails[0]!.email.to?.[0]?.address).toBe('ada@studio.example');
      expect(mails[0]!.email.from?.address).toBe('billing@pictor.test');
      expect(mails[0]!.email.subject).toBe('Low balance: 9.000000 CREDIT available');
      expect(mails[0]!.email.text).toContain(
        'is 9.000000 CREDIT, below your low-balance alert threshold of 10.000000 CREDIT',
      );
      expect(mails[1]!.email.subject).toBe('Low balance: 8.000000 CREDIT available');
    });

    it('low remaining time: available ÷ hourly burn below the threshold, once; skipped without a burn provider', async () => {
      const accountId = await openAccount(h);
      // Verified by their codes (test/compute/alerts/alert-emails.test.ts tells that story).
      const emails = ['ops@studio.example', 'cto@studio.example'];
      await insertVerifiedAlertEmails(h.engine.db, accountId, emails, 'code', h.clock.now());
      const put = await putAlertSettings(h, accountId, {
        lowRemainingHours: 5,
        emails: ['ops@studio.example', 'cto@studio.example'],
      });
      expect(put.statusCode).toBe(200);
      await topUp(h, accountId, 20n);
      let burn = 2n * M; // 2 CREDIT/hour
      const ctx = { ...h.engine, burnRate: { hourlyBurnMicros: async () => burn } };
      expect(await checkBalanceAlerts(ctx, accountId)).toEqual([]); // 10 h left
      await charge(h, accountId, '11'); // 9 left: 4.5 h
      expect(await checkBalanceAlerts(h.engine, accountId)).toEqual([]); // no provider: skipped
      const mailsBefore = smtp.mails.length;
      expect(await checkBalanceAlerts(ctx, accountId)).toEqual(['low_remaining_time']);
      expect(await checkBalanceAlerts(ctx, accountId)).toEqual([]);
      burn = 1n * M; // 9 h left: re-armed
      expect(await checkBalanceAlerts(ctx, accountId)).toEqual([]);
      await runner.runDue();
      const mails = smtp.mails.slice(mailsBefore);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.envelopeTo.sort()).toEqual(['cto@studio.example', 'ops@studio.example']);
      expect(mails[0]!.email.subject).toBe('Low remaining time: 4.50 hours of credit left');
      expect(mails[0]!.email.text).toContain(
        'burn of 2.000000 CREDIT per hour, the available balance of 9.000000 CREDIT',
      );
    });

    it('settings: bad input is a 400 problem with its field and writes nothing; the webhook secret is write-only', async () => {
      const accountId = await openAccount(h, 'grace@studio.example');
      const before = await rowCounts(h.engine.db);
      const cases: [unknown, string][] = [
        [{ lowBalance: { amount: '-1', unit: 'CREDIT' } }, 'lowBalance.amount'],
        [{ lowBalance: { amount: '5', unit: 'TOKEN' } }, 'lowBalance.unit'],
        [{ lowRemainingHours: 0 }, 'lowRemainingHours'],
        [{ emails: ['not-an-email'] }, 'emails.0'],
        [{ webhook: { url: 'ftp://example.com/x', secret: 's'.repeat(20) } }, 'webhook.url'],
        [{ webhook: { url: 'https://hooks.example/x', secret: 'short' } }, 'webhook.secret'],
        [{ webhook: { url: 'https://hooks.example/x' } }, 'webhook.secret'],
        [{ lowBalance: { amount: '5', unit: 'CREDIT' }, colour: 'red' }, 'colour'],
      ];
      for (const [body, field] of cases) {
        const res = await putAlertSettings(h, accountId, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().field, JSON.stringify(body)).toBe(field);
      }
      expect(await rowCounts(h.engine.db)).toEqual(before);

      const secret = 'whsec_0123456789abcdef';
      const ok = await putAlertSettings(h, accountId, {
        lowBalance: { amount: '2.5', unit: 'CREDIT' },
        webhook: { url: 'https://hooks.example/pictor', secret },
      });
      expect(ok.statusCode).toBe(200);
      const got = await h.call('GET', `/v1/accounts/${accountId}/alert-settings`);
      expect(got.json()).toMatchObject({
        lowBalance: { amount: '2.500000', unit: 'CREDIT' },
        lowRemainingHours: null,
        webhook: { url: 'https://hooks.example/pictor', secretSet: true },
      });
      expect(got.body).not.toContain(secret);
      // Keeping the secret: the URL alone may change once a secret is set.
      const moved = await putAlertSettings(h, accountId, { webhook: { url: 'https://hooks.example/v2' } });
      expect(moved.statusCode).toBe(200);
      expect(moved.json().webhook).toEqual({ url: 'https://hooks.example/v2', secretSet: true });
      expect(moved.json().lowBalance).toBeNull();

      const stranger = await openAccount(h);
      const strangerKey = (await issueKey(h.engine, 'customer', stranger)).secret;
      expect(
        (await h.call('GET', `/v1/accounts/${accountId}/alert-settings`, { key: strangerKey })).statusCode,
      ).toBe(404);
      expect((await putAlertSettings(h, accountId, {}, h.serviceKey)).statusCode).toBe(403);
    });

    it('an alert with nobody to tell (no alert emails, no account email, no webhook) is 422 alert_without_recipient on emails; nothing is written', async () => {
      const wallet = await openAccount(h); // a wallet sign-up: no email
      const before = await rowCounts(h.engine.db);
      for (const body of [
        { lowBalance: { amount: '5', unit: 'CREDIT' } },
        { lowRemainingHours: 24, emails: null },
        { lowBalance: { amount: '5', unit: 'CREDIT' }, lowRemainingHours: 24, webhook: null },
      ]) {
        const res = await putAlertSettings(h, wallet, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(422);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: 'alert_without_recipient', field: 'emails' });
      }
      expect(await rowCounts(h.engine.db)).toEqual(before);
      expect((await h.call('GET', `/v1/accounts/${wallet}/alert-settings`)).json()).toMatchObject({
        lowBalance: null,
        lowRemainingHours: null,
        emails: [],
        emailSource: 'account',
      });

      // Every alert off needs no recipient; alert emails, or a webhook alone, are recipients.
      expect((await putAlertSettings(h, wallet, { lowBalance: null })).statusCode).toBe(200);
      await insertVerifiedAlertEmails(h.engine.db, wallet, ['ops@wallet.example'], 'code', h.clock.now());
      const emailed = await putAlertSettings(h, wallet, {
        lowBalance: { amount: '5', unit: 'CREDIT' },
        emails: ['ops@wallet.example'],
      });
      expect(emailed.statusCode).toBe(200);
      expect(emailed.json()).toMatchObject({ emails: ['ops@wallet.example'], emailSource: 'settings' });
      const hooked = await putAlertSettings(h, wallet, {
        lowRemainingHours: 24,
        webhook: { url: 'https://hooks.example/pictor', secret: 'whsec_0123456789abcdef' },
      });
      expect(hooked.statusCode).toBe(200);
      expect(hooked.json()).toMatchObject({ lowRemainingHours: 24, emails: [], emailSource: 'account' });

      // The account's own email is a recipient when the settings name none.
      const emailed2 = await openAccount(h, 'grace@studio.example');
      const own = await putAlertSettings(h, emailed2, { lowBalance: { amount: '5', unit: 'CREDIT' } });
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ emails: ['grace@studio.example'], emailSource: 'account' });
    });
  });
}
