import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/simulation/run-scenario.js';
import { Scenario } from '../../src/simulation/scenario.js';

const M = 1_000_000n;

/**
 * Issue 15: scenarios/studio-30-days.json, run whole by `simulate`. A studio rents an RTX 4090
 * with 500 GB for 3 days (59.76), renders 10 tasks of 30 minutes (0.615 each), then leaves the
 * workstation stopped: 0.14 an hour of storage. Warned 24 h before the balance runs out, it tops up
 * 20 (the warning re-arms), is warned again at 24 h and 1 h, and is terminated once, the last hour
 * taking the 0.05 that was left.
 */
describe('simulate: a render studio, 30 days', () => {
  it('runs scenarios/studio-30-days.json: two lead warnings around a top-up, a final one, one termination at 0', async () => {
    const scenario = Scenario.parse(JSON.parse(fs.readFileSync('scenarios/studio-30-days.json', 'utf8')));
    const report = await runScenario(scenario);
    const credit = report.customers[0]!.ledgers.CREDIT;
    expect(credit.balanceMicros).toBe(0n);
    const sum = (f: (d: string) => boolean) =>
      credit.transactions.filter((t) => f(t.description)).reduce((s, t) => s + t.amountMicros, 0n);
    expect(sum((d) => d.startsWith('Top-up'))).toBe(120n * M);
    expect(sum((d) => d.startsWith('Machine rental charge'))).toBe(-59_760_000n);
    expect(sum((d) => d.startsWith('Render task'))).toBe(-6_150_000n);
    const storage = credit.transactions.filter((t) => t.description.startsWith('Storage charge'));
    // 386 whole hours of 0.14 (Jan 4 01:00 … Jan 20 02:00), then the 0.05 left.
    expect(storage).toHaveLength(387);
    expect(storage.filter((t) => t.amountMicros === -140_000n)).toHaveLength(386);
    expect(storage.at(-1)!.amountMicros).toBe(-50_000n);
    expect(storage.at(-1)!.createdAt.toISOString()).toBe('2027-01-20T03:00:00.000Z');

    const warnings = report.events
      .filter((e) => e.type === 'instance.termination_imminent')
      .map(
        (e) =>
          `${e.at.toISOString()} ${/level=(\w+)/.exec(e.detail)![1]} ${/terminatesAt=(\S+)/.exec(e.detail)![1]}`,
      );
    expect(warnings).toEqual([
      '2027-01-13T04:00:00.000Z lead 2027-01-14T04:00:00.000Z',
      '2027-01-19T03:00:00.000Z lead 2027-01-20T03:00:00.000Z',
      '2027-01-20T02:00:00.000Z final 2027-01-20T03:00:00.000Z',
    ]);
    const terminated = report.events.filter((e) => e.type === 'instance.terminated');
    expect(terminated.map((e) => e.at.toISOString())).toEqual(['2027-01-20T03:00:00.000Z']);
    expect(report.fleetCalls.filter((c) => c.operation === 'terminate')).toHaveLength(1);
    expect(
      report.events.filter((e) => e.type === 'alert.low_balance').map((e) => e.at.toISOString()),
    ).toEqual(['2027-01-08T05:00:00.000Z', '2027-01-14T04:00:00.000Z']);
  }, 600_000);
});
