import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { type App, buildApp } from '../../../src/server/app.js';
import { SandboxFleet } from '../../../src/sandbox/sandbox-fleet.js';
import { backends } from '../../support/databases.js';
import {
  type Harness,
  expectLedgerSound,
  issueKey,
  rowCounts,
  startHarness,
  uniqueKey,
} from '../../support/harness.js';

const embedded = backends.find((b) => b.name === 'pglite')!;

/**
 * Issue 15, bad input and the customer's terminate: a disk above the type's maximum is 422
 * problem+json naming diskGb (nothing written); terminate destroys the disk in the sandbox fleet,
 * refunding a running instance's unused whole hours, once.
 */
describe('GPU rental requests: disk maximum and terminate (pglite, sandbox fleet)', () => {
  let h: Harness;
  let app: App;
  let fleet: SandboxFleet;

  beforeAll(async () => {
    h = await startHarness(embedded, { clock: new SimulatedClock('2026-10-01T00:00:00Z') });
    fleet = new SandboxFleet(h.clock);
    const ctx: ServiceContext = { ...h.engine, fleet, fleetSandbox: fleet };
    app = await buildApp(ctx);
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  const call = (method: 'GET' | 'POST', url: string, key: string, body?: unknown, idem = uniqueKey()) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}`, ...(method === 'POST' ? { 'idempotency-key': idem } : {}) },
      ...(body === undefined ? {} : { payload: body as object }),
    });

  it('lists each type with its largest disk, and refuses 2001 GB of rtx-4090 with 422 naming diskGb', async () => {
    const acct = await h.openAccount('Disk Studio');
    const key = (await issueKey(h.engine, 'customer', acct)).secret;
    await h.fund(acct, '100');
    const types = (await call('GET', '/v1/gpu/instance-types', key)).json().data;
    expect(types.map((t: { code: string; maxDiskGb: number }) => `${t.code} ${t.maxDiskGb}`)).toEqual([
      'a100-80gb 4000',
      'h100-80gb 8000',
      'rtx-4090 2000',
    ]);
    const before = await rowCounts(h.engine.db);
    const rent = (diskGb: number) =>
      call('POST', `/v1/accounts/${acct}/instances`, key, {
        instanceType: 'rtx-4090',
        diskGb,
        period: { unit: 'hour', count: 1 },
        autoRenew: false,
      });
    const refused = await rent(2001);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'disk_above_maximum', field: 'diskGb', maxDiskGb: 2000 });
    expect(refused.json().detail).toBe('diskGb: rtx-4090 takes at most 2000 GB');
    expect(await rowCounts(h.engine.db)).toEqual(before);
    // The maximum itself is accepted: 0.69 compute + 2000 GB × 0.00028 = 1.25.
    const at = await rent(2000);
    expect(at.statusCode).toBe(201);
    expect(at.json().charged).toEqual({ amount: '1.250000', unit: 'CREDIT' });
  });

  it('terminates a running instance: 2 unused hours refunded, the disk destroyed once, then 409 on start and stop', async () => {
    const acct = await h.openAccount('Terminate Studio');
    const key = (await issueKey(h.engine, 'customer', acct)).secret;
    await h.fund(acct, '10');
    const rented = await call('POST', `/v1/accounts/${acct}/instances`, key, {
      instanceType: 'rtx-4090',
      diskGb: 100,
      period: { unit: 'hour', count: 3 },
      autoRenew: true,
    });
    // 3 × (0.69 + 100 × 0.00028) = 2.154
    expect(rented.json().charged).toEqual({ amount: '2.154000', unit: 'CREDIT' });
    const id = rented.json().instance.id as string;
    h.clock.advance(30 * 60_000);
    const idem = uniqueKey();
    const first = await call('POST', `/v1/accounts/${acct}/instances/${id}/terminate`, key, undefined, idem);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      instance: { status: 'terminated' },
      refunded: { amount: '1.380000', unit: 'CREDIT' },
    });
    const again = await call('POST', `/v1/accounts/${acct}/instances/${id}/terminate`, key, undefined, idem);
    expect(again.body).toBe(first.body);
    const other = await call('POST', `/v1/accounts/${acct}/instances/${id}/terminate`, key);
    expect(other.json()).toMatchObject({
      instance: { status: 'terminated' },
      refunded: { amount: '0.000000' },
    });
    const machine = fleet.machineOf(id)!;
    expect(machine.phase).toBe('terminated');
    expect(machine.diskDestroyedAt).toBe(h.clock.now().toISOString());
    expect(machine.calls.terminate).toBe(1);
    const balances = (await call('GET', `/v1/accounts/${acct}/balances`, key)).json().balances;
    // 10 − 2.154 + 1.38: the stopped hours' storage was prepaid and is not refunded.
    expect(balances.find((b: { unit: string }) => b.unit === 'CREDIT').balance).toBe('9.226000');
    for (const action of ['start', 'stop']) {
      const r = await call('POST', `/v1/accounts/${acct}/instances/${id}/${action}`, key);
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ instanceStatus: 'terminated' });
    }
    await expectLedgerSound(h.engine.db);
  });

  it("another account's instance: 404 on terminate", async () => {
    const a = await h.openAccount('Owner');
    const b = await h.openAccount('Stranger');
    const keyA = (await issueKey(h.engine, 'customer', a)).secret;
    const keyB = (await issueKey(h.engine, 'customer', b)).secret;
    await h.fund(a, '5');
    const rented = await call('POST', `/v1/accounts/${a}/instances`, keyA, {
      instanceType: 'rtx-4090',
      diskGb: 10,
      period: { unit: 'hour', count: 1 },
      autoRenew: false,
    });
    const id = rented.json().instance.id as string;
    expect((await call('POST', `/v1/accounts/${b}/instances/${id}/terminate`, keyB)).statusCode).toBe(404);
    expect(fleet.machineOf(id)!.phase).not.toBe('terminated');
  });
});
