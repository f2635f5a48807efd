import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { type App, buildApp } from '../../../src/server/app.js';
import { backends } from '../../support/databases.js';
import { type FakeFleet, startFakeFleet } from '../../support/fake-fleet.js';
import { type Harness, startHarness, uniqueKey } from '../../support/harness.js';

const HOUR = 3_600_000;

/** Credits used = charges minus the refunds of charges (issue 15), in the figure and the chart. */
for (const backend of backends) {
  describe(`credits used (${backend.name})`, () => {
    let h: Harness;
    let fleet: FakeFleet;
    let app: App;
    beforeAll(async () => {
      fleet = await startFakeFleet();
      h = await startHarness(backend, { clock: new SimulatedClock('2026-11-02T08:00:00Z') });
      const ctx: ServiceContext = { ...h.engine, fleet: fleet.client() };
      app = await buildApp(ctx);
    });
    afterAll(async () => {
      await app?.close();
      await h?.close();
      await fleet?.close();
    });
    const api = (method: 'GET' | 'POST', url: string, body?: unknown) =>
      app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${h.operatorKey}`,
          ...(method === 'POST' ? { 'idempotency-key': uniqueKey() } : {}),
        },
        ...(body === undefined ? {} : { payload: body as object }),
      });

    it('10 h rented (7.18), stopped after 1 h (9 h of compute refunded, 6.21): 0.97 used', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '10');
      const { instance } = (
        await api('POST', `/v1/accounts/${acct}/instances`, {
          instanceType: 'rtx-4090',
          diskGb: 100,
          period: { unit: 'hour', count: 10 },
          autoRenew: false,
        })
      ).json();
      h.clock.advance(HOUR);
      expect((await api('POST', `/v1/accounts/${acct}/instances/${instance.id}/stop`)).statusCode).toBe(200);
      const overview = (await api('GET', `/v1/accounts/${acct}/billing-overview`)).json();
      expect(overview.used).toBe('0.970000');
      expect(overview.days.at(-1).used).toBe('0.970000');
    });
  });
}
