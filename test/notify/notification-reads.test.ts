import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEvent } from '../../src/notify/publish-event.js';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { backends } from '../support/databases.js';
import { type Harness, issueKey, startHarness } from '../support/harness.js';

const MINUTE = 60_000;

/**
 * Issue 15: read and unread are the account's, kept on the server: what one browser marks read is
 * read in every other, and the list answers the unread count. Marking is idempotent by nature.
 */
for (const backend of backends) {
  describe(`notifications read per account (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend, { clock: new SimulatedClock('2026-09-01T08:00:00Z') });
    });
    afterAll(async () => h.close());

    /** One event a minute later than the last, so the list order is the publishing order. */
    async function publish(accountId: string, n: number): Promise<string> {
      h.clock.advance(MINUTE);
      const published = await publishEvent(h.engine, {
        accountId,
        type: 'render_job.paused',
        at: h.clock.now(),
        data: { jobId: `shot-${n}` },
      });
      if (!published.ok) throw new Error(published.failure.detail);
      return published.value.id;
    }
    const list = async (accountId: string, key: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/notifications`, { key })).json();
    const read = (accountId: string, key: string, body: unknown) =>
      h.call('POST', `/v1/accounts/${accountId}/notifications/read`, { key, body, idempotencyKey: null });

    it('3 unread; one read by id (twice: same count, first read time kept); "all" up to the newest seen leaves a later one unread', async () => {
      const accountId = await h.openAccount('Readers');
      // Two people (or browsers) of one account: each its own key.
      const first = (await issueKey(h.engine, 'customer', accountId)).secret;
      const second = (await issueKey(h.engine, 'customer', accountId)).secret;
      const [n1, n2, n3] = [
        await publish(accountId, 1),
        await publish(accountId, 2),
        await publish(accountId, 3),
      ];
      const before = await list(accountId, second);
      expect(before.unreadCount).toBe(3);
      expect(before.data.map((n: { id: string; readAt: string | null }) => [n.id, n.readAt])).toEqual([
        [n3, null],
        [n2, null],
        [n1, null],
      ]);

      h.clock.advance(MINUTE); // 08:04
      const once = await read(accountId, first, { ids: [n2] });
      expect(once.statusCode, once.body).toBe(200);
      expect(once.json()).toEqual({ unreadCount: 2 });
      h.clock.advance(MINUTE); // 08:05: marking again changes nothing
      const again = await read(accountId, first, { ids: [n2] });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ unreadCount: 2 });
      const seenBySecond = await list(accountId, second);
      expect(seenBySecond.unreadCount).toBe(2);
      expect(seenBySecond.data.find((n: { id: string }) => n.id === n2).readAt).toBe(
        '2026-09-01T08:04:00.000Z',
      );

      // The second reader saw n3 as the newest; n4 arrives; "Mark all as read" up to n3 leaves n4.
      const n4 = await publish(accountId, 4);
      const all = await read(accountId, second, { upTo: n3 });
      expect(all.json()).toEqual({ unreadCount: 1 });
      const after = await list(accountId, first);
      expect(after.unreadCount).toBe(1);
      expect(
        after.data
          .filter((n: { readAt: string | null }) => n.readAt === null)
          .map((n: { id: string }) => n.id),
      ).toEqual([n4]);
      expect((await read(accountId, first, { upTo: n4 })).json()).toEqual({ unreadCount: 0 });
      expect((await list(accountId, second)).unreadCount).toBe(0);
    });

    it("bad input: 400 with its field, 404 for another account's notification or account, 403 for a service; nothing marked", async () => {
      const accountId = await h.openAccount('Careful');
      const key = (await issueKey(h.engine, 'customer', accountId)).secret;
      const own = await publish(accountId, 1);
      const other = await h.openAccount('Other');
      const theirs = await publish(other, 2);
      const cases: [unknown, number, string, string][] = [
        [{}, 400, 'invalid_request', 'ids'],
        [{ ids: [own], upTo: own }, 400, 'invalid_request', 'upTo'],
        [{ ids: [] }, 400, 'validation_failed', 'ids'],
        [{ ids: [own], colour: 'red' }, 400, 'unknown_field', 'colour'],
        [{ ids: [own, theirs] }, 404, 'notification_not_found', 'ids'],
        [{ upTo: theirs }, 404, 'notification_not_found', 'upTo'],
      ];
      for (const [body, status, code, field] of cases) {
        const res = await read(accountId, key, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json(), JSON.stringify(body)).toMatchObject({ code, field });
      }
      expect((await read(other, key, { ids: [theirs] })).statusCode).toBe(404);
      expect((await read(accountId, h.serviceKey, { ids: [own] })).statusCode).toBe(403);
      // Nothing was marked: both still unread.
      expect((await list(accountId, key)).unreadCount).toBe(1);
      expect((await list(other, h.operatorKey)).unreadCount).toBe(1);
    });
  });
}
