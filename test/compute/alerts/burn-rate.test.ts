import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { checkBalanceAlerts } from '../../../src/compute/alerts/check-balance-alerts.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { rentInstance } from '../../../src/compute/rentals/rent-instance.js';
import { stopInstance } from '../../../src/compute/rentals/stop-instance.js';
import { hourlyBurnMicros } from '../../../src/compute/rentals/burn-store.js';
import { insertVerifiedAlertEmails } from '../../../src/compute/alerts/alert-store.js';
import { backends } from '../../support/databases.js';
import { type FakeFleet, startFakeFleet } from '../../support/fake-fleet.js';
import { type Harness, startHarness, uniqueKey } from '../../support/harness.js';

/** Remaining time for alerts comes from the instances: compute + storage running, storage stopped. */
for (const backend of backends) {
  describe(`hourly burn of GPU instances (${backend.name})`, () => {
    let h: Harness;
    let fleet: FakeFleet;
    let ctx: ServiceContext;
    beforeAll(async () => {
      fleet = await startFakeFleet();
      h = await startHarness(backend, { clock: new SimulatedClock('2026-07-01T00:00:00Z') });
      ctx = { ...h.engine, fleet: fleet.client() };
    });
    afterAll(async () => {
      await h.close();
      await fleet.close();
    });

    it('running: 0.69 + 100 GB × 0.00028 = 0.718000/h; stopped: 0.028000/h; and it drives the remaining-time alert', async () => {
      const accountId = await h.openAccount();
      await h.fund(accountId, '20');
      expect(await hourlyBurnMicros(h.engine.db, accountId)).toBe(0n);
      const rented = await rentInstance(
        ctx,
        h.operator,
        {
          accountId,
          instanceType: 'rtx-4090',
          diskGb: 100,
          period: { unit: 'hour', count: 1 },
          autoRenew: false,
        },
        uniqueKey('rent'),
      );
      if (!rented.ok) throw new Error(rented.failure.detail);
      expect(await hourlyBurnMicros(h.engine.db, accountId)).toBe(718_000n);

      // 20 − 0.718 prepaid = 19.282 available ÷ 0.718/h ≈ 26.9 h: under a 30 h threshold.
      await insertVerifiedAlertEmails(h.engine.db, accountId, ['ops@studio.example'], 'code', h.clock.now());
      const put = await h.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${accountId}/alert-settings`,
        headers: { authorization: `Bearer ${h.operatorKey}`, 'idempotency-key': uniqueKey('alerts') },
        payload: { lowRemainingHours: 30, emails: ['ops@studio.example'] },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(await checkBalanceAlerts(ctx, accountId)).toEqual(['low_remaining_time']);

      const stopped = await stopInstance(ctx, accountId, rented.value.instance.id);
      if (!stopped.ok) throw new Error(stopped.failure.detail);
      expect(await hourlyBurnMicros(h.engine.db, accountId)).toBe(28_000n);
    });
  });
}
