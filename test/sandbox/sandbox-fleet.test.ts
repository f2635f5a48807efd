import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { registerComputeWork } from '../../src/compute/rentals/rental-work.js';
import { DueWorkRunner } from '../../src/kernel/jobs/due-work-runner.js';
import type { ServiceContext } from '../../src/server/context.js';
import { type App, buildApp } from '../../src/server/app.js';
import { createEventPublisher } from '../../src/notify/publisher.js';
import { SandboxFleet } from '../../src/sandbox/sandbox-fleet.js';
import { seedDemo } from '../../src/sandbox/seed-demo.js';
import { backends } from '../support/databases.js';
import { type Harness, expectLedgerSound, issueKey, startHarness, uniqueKey } from '../support/harness.js';

const HOUR = 3_600_000;
const embedded = backends.find((b) => b.name === 'pglite')!;

/**
 * Issue 15, over HTTP on the embedded default with the built-in sandbox fleet: rent → stop →
 * storage charged at 0.00028 credit/GB/h → termination_imminent 24 h and 1 h before → balance 0
 * → terminated exactly once, the disk destroyed in the sandbox.
 */
describe('GPU renting on the sandbox fleet, end to end over HTTP (pglite)', () => {
  let h: Harness;
  let app: App;
  let fleet: SandboxFleet;
  let runner: DueWorkRunner<ServiceContext>;
  let ctx: ServiceContext;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-fleet-'));
    h = await startHarness(embedded, { clock: new SimulatedClock('2026-10-01T00:00:00Z') });
    fleet = new SandboxFleet(h.clock, path.join(dir, 'sandbox-fleet.json'));
    ctx = { ...h.engine, fleet, fleetSandbox: fleet };
    ctx.events = createEventPublisher(ctx);
    app = await buildApp(ctx);
    runner = registerComputeWork(new DueWorkRunner(ctx));
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const call = (method: 'GET' | 'POST', url: string, key: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${key}`,
        ...(method === 'POST' ? { 'idempotency-key': uniqueKey() } : {}),
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });

  it('rent → stop → storage hourly → warned at 24 h and 1 h → balance 0 → terminated once, disk destroyed', async () => {
    const acct = await h.openAccount('Sandbox Studio');
    const customer = (await issueKey(h.engine, 'customer', acct)).secret;
    // 0.718 rents an hour (0.69 compute + 100 GB × 0.00028); 1.400 = 50 stopped hours of 100 GB.
    await h.fund(acct, '2.118');
    const rented = await call('POST', `/v1/accounts/${acct}/instances`, customer, {
      instanceType: 'rtx-4090',
      diskGb: 100,
      period: { unit: 'hour', count: 1 },
      autoRenew: false,
    });
    expect(rented.statusCode).toBe(201);
    const { instance } = rented.json();
    const t0 = h.clock.now().getTime();
    expect(fleet.machineOf(instance.id)).toMatchObject({ phase: 'provisioning', diskDestroyedAt: null });
    h.clock.advance(90_000);
    expect(fleet.machineOf(instance.id)!.phase).toBe('running');

    const stopped = await call('POST', `/v1/accounts/${acct}/instances/${instance.id}/stop`, customer);
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json().instance).toMatchObject({
      status: 'stopped',
      hourlyStorageFee: { amount: '0.028000', unit: 'CREDIT' },
    });
    expect(fleet.machineOf(instance.id)!.phase).toBe('stopping');
    h.clock.advance(30_000);
    expect(fleet.machineOf(instance.id)!.phase).toBe('stopped');

    // The prepaid hour covers the disk to +1 h; from then each stopped hour is 100 × 0.00028.
    const until = async (hoursFromRent: number) => {
      while (h.clock.now().getTime() < t0 + hoursFromRent * HOUR) {
        h.clock.set(
          new Date(
            Math.min(
              t0 + hoursFromRent * HOUR,
              (Math.floor((h.clock.now().getTime() - t0) / HOUR) + 1) * HOUR + t0,
            ),
          ),
        );
        await runner.runDue();
      }
    };
    await until(3);
    const storage = (await call('GET', `/v1/accounts/${acct}/transactions?kind=charge`, customer))
      .json()
      .data.filter((t: { description: string }) => t.description.startsWith('Storage charge'));
    expect(storage.map((t: { amount: { amount: string } }) => t.amount.amount)).toEqual([
      '-0.028000',
      '-0.028000',
    ]);

    // 1.400 pays the hours ending at +2 h … +51 h; the one ending at +52 h cannot be paid.
    const terminatesAt = new Date(t0 + 52 * HOUR).toISOString();
    const preview = (await call('GET', `/v1/accounts/${acct}/termination-preview`, customer)).json();
    expect(preview).toMatchObject({
      balance: { amount: '1.344000', unit: 'CREDIT' },
      terminatesAt,
      instances: [{ instanceId: instance.id, diskGb: 100, status: 'stopped' }],
    });

    const warnings = async () =>
      (await call('GET', `/v1/accounts/${acct}/notifications`, customer))
        .json()
        .data.filter((n: { type: string }) => n.type === 'instance.termination_imminent')
        .map((n: { occurredAt: string; data: Record<string, string> }) => ({
          hoursBefore: (Date.parse(terminatesAt) - Date.parse(n.occurredAt)) / HOUR,
          level: n.data.level,
          terminatesAt: n.data.terminatesAt,
        }))
        .reverse();
    await until(27);
    expect(await warnings()).toEqual([]);
    await until(28);
    expect(await warnings()).toEqual([{ hoursBefore: 24, level: 'lead', terminatesAt }]);
    await until(51);
    expect(await warnings()).toEqual([
      { hoursBefore: 24, level: 'lead', terminatesAt },
      { hoursBefore: 1, level: 'final', terminatesAt },
    ]);
    const credit = async () =>
      (await call('GET', `/v1/accounts/${acct}/balances`, customer))
        .json()
        .balances.find((b: { unit: string }) => b.unit === 'CREDIT');
    expect((await credit()).balance).toBe('0.000000');
    const got = async () =>
      (await call('GET', `/v1/accounts/${acct}/instances/${instance.id}`, customer)).json();
    expect((await got()).status).toBe('stopped'); // the balance is 0, but nothing is owed yet

    await until(52);
    expect((await got()).status).toBe('terminated');
    expect(fleet.machineOf(instance.id)).toMatchObject({
      phase: 'terminated',
      diskDestroyedAt: new Date(t0 + 52 * HOUR).toISOString(),
      calls: { terminate: 1 },
    });
    await until(56);
    expect(fleet.machineOf(instance.id)!.calls.terminate).toBe(1);
    const terminated = (await call('GET', `/v1/accounts/${acct}/notifications`, customer))
      .json()
      .data.filter((n: { type: string }) => n.type === 'instance.terminated');
    expect(terminated).toHaveLength(1);
    // Stop or start on a terminated instance: 409 with the state.
    for (const action of ['stop', 'start']) {
      const res = await call('POST', `/v1/accounts/${acct}/instances/${instance.id}/${action}`, customer);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ status: 409, instanceStatus: 'terminated' });
    }
    // The sandbox kept its machines in the data directory: a new process sees the destroyed disk.
    const reopened = new SandboxFleet(h.clock, path.join(dir, 'sandbox-fleet.json'));
    expect(reopened.machineOf(instance.id)!.diskDestroyedAt).not.toBeNull();
    await expectLedgerSound(h.engine.db);
  });

  it('the demo account shows a running instance, a stopped one and a render job; a rerun adds nothing', async () => {
    const demo = await seedDemo(ctx, {});
    if (!demo.ok) throw new Error(demo.failure.detail);
    const acct = demo.value.account.id;
    const instances = (await call('GET', `/v1/accounts/${acct}/instances`, demo.value.secret)).json().data;
    expect(
      instances.map((i: { instanceType: string; status: string }) => `${i.instanceType} ${i.status}`).sort(),
    ).toEqual(['a100-80gb stopped', 'rtx-4090 running']);
    const jobs = (await call('GET', `/v1/accounts/${acct}/render-jobs`, demo.value.secret)).json().data;
    expect(jobs).toEqual([
      expect.objectContaining({
        jobId: 'demo-showroom',
        status: 'running',
        tasks: { running: 1, completed: 1, failed: 0 },
      }),
    ]);
    const again = await seedDemo(ctx, { existingSecret: 'pk_lost' });
    expect(again.ok && again.value.account.id).toBe(acct);
    expect((await call('GET', `/v1/accounts/${acct}/instances`, demo.value.secret)).json().data).toHaveLength(
      2,
    );
  });
});
