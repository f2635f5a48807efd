import type { ServiceContext } from '../../src/server/context.js';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSender } from '../../src/notify/email.js';
import { createEventPublisher } from '../../src/notify/publisher.js';
import { WEBHOOK_HEADERS, verifyWebhookSignature } from '../../src/notify/webhook.js';
import { DueWorkRunner } from '../../src/kernel/jobs/due-work-runner.js';
import { registerNotificationWork } from '../../src/notify/notification-work.js';
import { publishEvent } from '../../src/notify/publish-event.js';
import { backends } from '../support/databases.js';
import { type Harness, startHarness, uniqueKey } from '../support/harness.js';
import { startSmtpServer, startWebhookReceiver } from '../support/mail-and-hooks.js';

const SECRET = 'whsec_test_0123456789abcdef';

for (const backend of backends) {
  describe(`notifications: email and signed webhooks (${backend.name})`, () => {
    let h: Harness;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
    let runner: DueWorkRunner<ServiceContext>;
    const failuresLeft = new Map<string, number>();
    beforeAll(async () => {
      h = await startHarness(backend);
      h.engine.webhookTargets = 'local'; // the receiver listens on 127.0.0.1
      h.engine.events = createEventPublisher(h.engine);
      smtp = await startSmtpServer();
      // Answers 500 while the event has failures left, then 200.
      receiver = await startWebhookReceiver((hook) => {
        const id = String(hook.headers[WEBHOOK_HEADERS.eventId]);
        const left = failuresLeft.get(id) ?? 0;
        failuresLeft.set(id, left - 1);
        return left > 0 ? 500 : 200;
      });
      runner = registerNotificationWork(new DueWorkRunner<ServiceContext>(h.engine), {
        email: createSmtpSender(smtp.url, 'billing@pictor.test'),
        webhookTargets: 'local', // the receiver listens on 127.0.0.1
      });
    });
    afterAll(async () => {
      await h.close();
      await smtp.close();
      await receiver.close();
    });

    async function accountWithWebhook(email?: string) {
      const res = await h.call('POST', '/v1/accounts', {
        body: { name: 'Studio', ...(email ? { email } : {}) },
      });
      const accountId = res.json().id as string;
      const put = await h.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${accountId}/alert-settings`,
        headers: { authorization: `Bearer ${h.operatorKey}`, 'idempotency-key': uniqueKey() },
        payload: { webhook: { url: receiver.url, secret: SECRET } },
      });
      expect(put.statusCode).toBe(200);
      return accountId;
    }

    it('a webhook answering 500 twice is retried with backoff and delivered once, on the third try, signed', async () => {
      const accountId = await accountWithWebhook();
      const at = h.clock.now();
      await h.engine.events!.publish(accountId, {
        type: 'instance.terminated',
        at,
        data: { instanceId: 'gpu_123', reason: 'balance reached 0' },
      });
      const [notification] = (await h.call('GET', `/v1/accounts/${accountId}/notifications`)).json().data;
      failuresLeft.set(notification.id, 2);
      const mine = () => receiver.hooks.filter((k) => k.headers[WEBHOOK_HEADERS.eventId] === notification.id);

      await runner.runDue(); // attempt 1: 500
      expect(mine()).toHaveLength(1);
      h.clock.advance(29_000);
      await runner.runDue(); // backoff: 30 s not over yet
      expect(mine()).toHaveLength(1);
      h.clock.advance(1_000);
      await runner.runDue(); // attempt 2: 500
      expect(mine()).toHaveLength(2);
      h.clock.advance(59_000);
      await runner.runDue();
      expect(mine()).toHaveLength(2);
      h.clock.advance(1_000);
      const deliveredAt = h.clock.now().toISOString();
      await runner.runDue(); // attempt 3 (after 60 s): 200
      h.clock.advance(3_600_000);
      await runner.runDue(); // delivered: never sent again
      expect(mine()).toHaveLength(3);

      for (const hook of mine()) {
        const signature = String(hook.headers[WEBHOOK_HEADERS.signature]);
        const t = Number(hook.headers[WEBHOOK_HEADERS.timestamp]);
        const expected = createHmac('sha256', SECRET).update(`${t}.${hook.body}`).digest('hex');
        expect(signature).toBe(`t=${t},v1=${expected}`);
        expect(verifyWebhookSignature(SECRET, signature, hook.body, t)).toBe(true);
        expect(verifyWebhookSignature('wrong-secret-0123456789', signature, hook.body, t)).toBe(false);
        expect(JSON.parse(hook.body)).toEqual({
          id: notification.id,
          type: 'instance.terminated',
          accountId,
          occurredAt: at.toISOString(),
          data: { instanceId: 'gpu_123', reason: 'balance reached 0' },
        });
      }
      const [shown] = (await h.call('GET', `/v1/accounts/${accountId}/notifications`)).json().data;
      expect(shown.deliveries).toEqual([
        {
          channel: 'webhook',
          target: receiver.url,
          status: 'delivered',
          attempts: 3,
          lastError: null,
          deliveredAt,
        },
      ]);
    });

    it('publishing the same event twice records and delivers it once', async () => {
      const accountId = await accountWithWebhook('ops@studio.example');
      const event = {
        type: 'job.paused',
        at: h.clock.now(),
        data: { jobId: 'job_1', reason: 'insufficient credits' },
      };
      await h.engine.events!.publish(accountId, event);
      await h.engine.events!.publish(accountId, {
        ...event,
        data: { reason: 'insufficient credits', jobId: 'job_1' },
      });
      const explicit = {
        accountId,
        type: 'instance.stopped',
        at: h.clock.now(),
        data: { instanceId: 'gpu_9' },
        dedupeId: 'stop-gpu_9',
      };
      const first = await publishEvent(h.engine, explicit);
      const again = await publishEvent(h.engine, {
        ...explicit,
        at: new Date(h.clock.now().getTime() + 5000),
      });
      expect(first.ok && again.ok && again.replayed && first.value.id === again.value.id).toBe(true);

      const list = (await h.call('GET', `/v1/accounts/${accountId}/notifications`)).json().data;
      expect(list.map((n: { type: string }) => n.type).sort()).toEqual(['instance.stopped', 'job.paused']);
      const work = await h.engine.db.query<{ n: bigint }>(
        `SELECT count(*)::int8 AS n FROM due_work WHERE subject = ANY($1::text[])`,
        [list.map((n: { id: string }) => n.id)],
      );
      expect(work[0]!.n).toBe(4n); // 2 notifications × (email, webhook)

      const mailsBefore = smtp.mails.length;
      const hooksBefore = receiver.hooks.length;
      await runner.runDue();
      await runner.runDue();
      expect(smtp.mails.length - mailsBefore).toBe(2);
      expect(receiver.hooks.length - hooksBefore).toBe(2);
      const paused = smtp.mails
        .slice(mailsBefore)
        .find((m) => m.email.subject === 'Pictor: Render job paused');
      expect(paused?.envelopeTo).toEqual(['ops@studio.example']);
      expect(paused?.email.text).toContain('jobId: job_1');
      const ids = receiver.hooks.slice(hooksBefore).map((k) => k.headers[WEBHOOK_HEADERS.eventId]);
      expect(new Set(ids).size).toBe(2);
    });

    it('a termination warning email states its times as people read them (UTC), in the subject and the text: no ISO strings', async () => {
      const accountId = await accountWithWebhook('warned@studio.example');
      await h.engine.events!.publish(accountId, {
        type: 'instance.termination_imminent',
        at: new Date('2026-01-05T03:00:00.000Z'),
        data: {
          dedupeId: `instance.termination_imminent:${accountId}:lead:2026-01-06T03:00:00.000Z`,
          level: 'lead',
          terminatesAt: '2026-01-06T03:00:00.000Z',
          hoursLeft: '24.0',
          balance: '0.672000',
          instanceId: 'gpu_7',
          instanceIds: 'gpu_7',
          diskGb: '100',
        },
      });
      await runner.runDue();
      const mail = smtp.mails.find((m) => m.envelopeTo.includes('warned@studio.example'));
      expect(mail?.email.subject).toBe('Pictor: GPU instance termination imminent: 06 Jan 2026, 03:00 UTC');
      expect(mail?.email.text).toBe(
        `GPU instance termination imminent (account ${accountId}, 05 Jan 2026, 03:00 UTC)\n\n` +
          // The payload's keys in the order the store keeps them (jsonb: shorter first).
          'level: lead\ndiskGb: 100\nbalance: 0.672000\nhoursLeft: 24.0\n' +
          'instanceId: gpu_7\ninstanceIds: gpu_7\nterminatesAt: 06 Jan 2026, 03:00 UTC\n',
      );
      // The webhook still carries the machine's form, unchanged.
      const hook = receiver.hooks.find((k) => JSON.parse(k.body).accountId === accountId);
      expect(JSON.parse(hook!.body).data.terminatesAt).toBe('2026-01-06T03:00:00.000Z');
    });

    it('without an SMTP sender, email deliveries are skipped, not retried', async () => {
      const res = await h.call('POST', '/v1/accounts', {
        body: { name: 'Quiet', email: 'q@studio.example' },
      });
      const accountId = res.json().id as string;
      const bare = registerNotificationWork(new DueWorkRunner<ServiceContext>(h.engine), {
        webhookTargets: 'local',
      });
      await h.engine.events!.publish(accountId, {
        type: 'instance.stopped',
        at: h.clock.now(),
        data: { instanceId: 'gpu_2' },
      });
      const mailsBefore = smtp.mails.length;
      await bare.runDue();
      expect(smtp.mails.length).toBe(mailsBefore);
      const [n] = (await h.call('GET', `/v1/accounts/${accountId}/notifications`)).json().data;
      expect(n.deliveries).toEqual([
        expect.objectContaining({ channel: 'email', status: 'skipped', lastError: 'SMTP not configured' }),
      ]);
    });
  });
}
