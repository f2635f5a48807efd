import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../../src/kernel/money.js';
import {
  type RenderRates,
  type RenderResources,
  renderCostMicros,
  taskActualCostMicros,
  taskMaxCostMicros,
} from '../../../src/compute/rendering/rendering-rules.js';

/** The sample rate card of migration 5 (version 1). */
const SAMPLE: RenderRates = {
  gpuHourMicros: 900_000n,
  cpuCoreHourMicros: 20_000n,
  ramGbHourMicros: 5_000n,
  storageGbHourMicros: 200n,
};
const TASK: RenderResources = { gpus: 1, cpuCores: 10, ramGb: 16, storageGb: 100 };
const credit = (micros: bigint) => formatAmount(micros, 'CREDIT');

describe('rendering cost = seconds × Σ resource × rate / 3600', () => {
  it('prices the sample task exactly: 1.20 per hour, so 30 minutes cost 0.60', () => {
    expect(credit(taskMaxCostMicros(3600, TASK, SAMPLE))).toBe('1.200000');
    expect(credit(taskMaxCostMicros(1800, TASK, SAMPLE))).toBe('0.600000');
    expect(credit(taskActualCostMicros(1350, TASK, SAMPLE, 600_000n))).toBe('0.450000');
  });

  it('rounds once, half-up, to whole micros', () => {
    const oneGpu = { gpus: 1, cpuCores: 0, ramGb: 0, storageGb: 0 };
    // 1 s at 1.800000/h = 500 micros exactly; 1 s at 0.000001/h = 1/3600 micro → 0.
    expect(renderCostMicros(1, oneGpu, { ...SAMPLE, gpuHourMicros: 1_800_000n })).toBe(500n);
    expect(renderCostMicros(1, oneGpu, { ...SAMPLE, gpuHourMicros: 1n })).toBe(0n);
    // 1800 s at 0.000001/h = 0.5 micro → 1 (half: up); 1799 s → 0.4997 → 0.
    expect(renderCostMicros(1800, oneGpu, { ...SAMPLE, gpuHourMicros: 1n })).toBe(1n);
    expect(renderCostMicros(1799, oneGpu, { ...SAMPLE, gpuHourMicros: 1n })).toBe(0n);
  });

  it('caps the actual cost at the hold', () => {
    expect(taskActualCostMicros(7200, TASK, SAMPLE, 600_000n)).toBe(600_000n);
  });

  const rates = fc.record({
    gpuHourMicros: fc.bigInt(1n, 100_000_000n),
    cpuCoreHourMicros: fc.bigInt(1n, 10_000_000n),
    ramGbHourMicros: fc.bigInt(1n, 1_000_000n),
    storageGbHourMicros: fc.bigInt(1n, 1_000_000n),
  });
  const resources = fc.record({
    gpus: fc.integer({ min: 0, max: 64 }),
    cpuCores: fc.integer({ min: 0, max: 1024 }),
    ramGb: fc.integer({ min: 0, max: 65_536 }),
    storageGb: fc.integer({ min: 0, max: 1_000_000 }),
  });
  const shrink = (r: RenderResources, f: number) => ({
    gpus: Math.floor(r.gpus * f),
    cpuCores: Math.floor(r.cpuCores * f),
    ramGb: Math.floor(r.ramGb * f),
    storageGb: Math.floor(r.storageGb * f),
  });

  it('property: actual ≤ max whenever usage ≤ limits (even before the cap)', () => {
    fc.assert(
      fc.property(
        rates,
        resources,
        fc.integer({ min: 1, max: 604_800 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (r, limits, limit, usedShare, secondsShare) => {
          const max = taskMaxCostMicros(limit, limits, r);
          const seconds = Math.floor(limit * secondsShare);
          const used = shrink(limits, usedShare);
          expect(renderCostMicros(seconds, used, r)).toBeLessThanOrEqual(max);
          const actual = taskActualCostMicros(seconds, used, r, max);
          expect(actual).toBeGreaterThanOrEqual(0n);
          expect(actual).toBeLessThanOrEqual(max);
        },
      ),
    );
  });

  it('property: cost is monotonic in usage (more seconds or more of any resource never costs less)', () => {
    fc.assert(
      fc.property(
        rates,
        resources,
        fc.integer({ min: 0, max: 604_800 }),
        fc.integer({ min: 0, max: 3600 }),
        fc.constantFrom('gpus', 'cpuCores', 'ramGb', 'storageGb'),
        fc.integer({ min: 0, max: 16 }),
        (r, used, seconds, moreSeconds, resource, more) => {
          const base = renderCostMicros(seconds, used, r);
          expect(renderCostMicros(seconds + moreSeconds, used, r)).toBeGreaterThanOrEqual(base);
          const bigger = { ...used, [resource]: used[resource as keyof RenderResources] + more };
          expect(renderCostMicros(seconds, bigger, r)).toBeGreaterThanOrEqual(base);
        },
      ),
    );
  });
});
