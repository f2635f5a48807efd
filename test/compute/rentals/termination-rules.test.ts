import { describe, expect, it } from 'vitest';
import { type PreviewInstance, previewTerminations } from '../../../src/compute/rentals/termination-rules.js';

const HOUR = 3_600_000;
const now = new Date('2026-09-01T00:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * HOUR);

const stopped = (id: string, diskGb: number, paidUntil = now): PreviewInstance => ({
  id,
  status: 'stopped',
  diskGb,
  autoRenew: false,
  period: { unit: 'hour', count: 1 },
  computeMicrosPerHour: 690_000n,
  storageMicrosPerGbHour: 280n,
  currentPeriodEnd: paidUntil,
  storagePaidUntil: paidUntil,
  terminationRequested: false,
});

describe('termination preview (pure)', () => {
  it('9.282 and one stopped 100 GB instance: 331 hours paid, the 332nd terminates it', () => {
    // 9.282 / 0.028 = 331.5: 331 whole hours, then 0.014 is taken and the instance goes.
    expect(previewTerminations(9_282_000n, [stopped('i_1', 100)], now)).toEqual([
      { instanceId: 'i_1', terminatesAt: at(332) },
    ]);
  });

  it('two instances sharing the hour: the one later in id order goes first, the other an hour after', () => {
    // 0.098 per hour for both (0.028 + 0.070); 0.25 pays two hours, then 0.054: i_a paid, i_b not.
    const doomed = previewTerminations(250_000n, [stopped('i_a', 100), stopped('i_b', 250)], now);
    expect(doomed).toEqual([
      { instanceId: 'i_b', terminatesAt: at(3) },
      { instanceId: 'i_a', terminatesAt: at(4) },
    ]);
  });

  it('a running instance runs to its period end, stops, and is terminated at the first unpaid hour', () => {
    const running: PreviewInstance = {
      ...stopped('i_r', 100),
      status: 'running',
      autoRenew: true,
      period: { unit: 'day', count: 1 },
      currentPeriodEnd: at(10),
    };
    // A day costs 17.232: unaffordable with 0.05, so it stops at +10 h; 0.028 paid at +11 h, then 0.022 left.
    expect(previewTerminations(50_000n, [running], now)).toEqual([
      { instanceId: 'i_r', terminatesAt: at(12) },
    ]);
    // Enough for one renewal (17.232) and nothing more: renewed to +34 h, terminated at +35 h.
    expect(previewTerminations(17_232_000n, [running], now)).toEqual([
      { instanceId: 'i_r', terminatesAt: at(35) },
    ]);
  });

  it('nothing within the horizon, and an instance already being terminated goes now', () => {
    expect(previewTerminations(1_000_000_000n, [stopped('i_1', 100)], now)).toEqual([]);
    expect(previewTerminations(0n, [{ ...stopped('i_1', 100), terminationRequested: true }], now)).toEqual([
      { instanceId: 'i_1', terminatesAt: now },
    ]);
  });
});
