import { describe, expect, it } from 'vitest';
import {
  type AlertStatus,
  evaluateAlert,
  isLowBalance,
  isLowRemainingTime,
  remainingHoursText,
} from '../../../src/compute/alerts/alerts-rules.js';

const M = 1_000_000n;

describe('alert rule', () => {
  it('fires once per crossing and re-arms only when back at or above the threshold', () => {
    let status: AlertStatus = 'armed';
    const fired: number[] = [];
    // Threshold 10: 15 → 12 → 9 → 5 → (top-up) 20 → 8 → 7
    for (const balance of [15n, 12n, 9n, 5n, 20n, 8n, 7n]) {
      const d = evaluateAlert(status, isLowBalance(balance * M, 10n * M));
      if (d.fire) fired.push(Number(balance));
      status = d.next;
    }
    expect(fired).toEqual([9, 8]);
  });

  it('exactly at the threshold is not low, and re-arms', () => {
    expect(isLowBalance(10n * M, 10n * M)).toBe(false);
    expect(evaluateAlert('fired', false)).toEqual({ next: 'armed', fire: false });
    expect(evaluateAlert('fired', true)).toEqual({ next: 'fired', fire: false });
    expect(evaluateAlert('armed', false)).toEqual({ next: 'armed', fire: false });
  });

  it('remaining time is available ÷ hourly burn, exact; nothing burning is never low', () => {
    expect(isLowRemainingTime(9n * M, 2n * M, 5)).toBe(true); // 4.5 h < 5 h
    expect(isLowRemainingTime(10n * M, 2n * M, 5)).toBe(false); // exactly 5 h
    expect(isLowRemainingTime(1n, 0n, 5)).toBe(false);
    expect(remainingHoursText(9n * M, 2n * M)).toBe('4.50');
    expect(remainingHoursText(10n * M, 3n * M)).toBe('3.33');
    expect(remainingHoursText(5n * M, 0n)).toBeNull();
  });
});
