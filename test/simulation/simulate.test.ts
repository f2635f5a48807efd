import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatReport, runScenario } from '../../src/simulation/run-scenario.js';
import { Scenario } from '../../src/simulation/scenario.js';

const example = Scenario.parse(JSON.parse(fs.readFileSync('scenarios/compute-30-days.json', 'utf8')));
// Ten days hold every event of the example (the instances are gone on day 9); it keeps CI quick.
const tenDays = { ...example, days: 10 };

describe('simulate: the real engine on a simulated clock', () => {
  it('runs the example: renewals, a stop with refund, storage accrual, warnings, terminations; books add up', async () => {
    const report = await runScenario(tenDays);
    const studio = report.customers[0]!.ledgers.CREDIT;
    expect(studio.balanceMicros).toBe(5_000_000n); // only the top-up after the terminations is left
    expect(studio.transactions.reduce((sum, t) => sum + t.amountMicros, 0n)).toBe(studio.balanceMicros);
    const charges = studio.transactions.filter((t) => t.kind === 'charge');
    expect(charges.filter((t) => t.description.startsWith('Render task'))).toHaveLength(12);
    expect(charges.filter((t) => t.description.includes('renewed'))).toHaveLength(3);
    expect(studio.transactions.find((t) => t.kind === 'refund')?.amountMicros).toBe(8_280_000n);
    const types = report.events.map((e) => e.type);
    expect(types.filter((t) => t === 'instance.terminated')).toHaveLength(2);
    expect(types).toContain('instance.termination_imminent');
    expect(report.fleetCalls.filter((c) => c.operation === 'terminate')).toHaveLength(2);
  });

  it('the same scenario prints the same report', async () => {
    const short = { ...example, days: 2 };
    expect(formatReport(await runScenario(short))).toBe(formatReport(await runScenario(short)));
  });

  it('a scenario with a typo is refused, not half-run', () => {
    const bad = Scenario.safeParse({
      ...example,
      actions: [{ do: 'topup', at: example.start, customer: 'studio', amount: '1' }],
    });
    expect(bad.success).toBe(false);
  });
});
