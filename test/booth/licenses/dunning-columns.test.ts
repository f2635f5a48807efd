import { describe, expect, it } from 'vitest';
import { decodeDunningAttempts, decodeRetryDays } from '../../../src/booth/licenses/dunning-store.js';

/** booth_dunning's jsonb columns are decoded into their typed shapes, and a bad shape is refused. */
describe('dunning jsonb columns', () => {
  const attempt = {
    attempt: 1,
    at: '2026-04-03T10:00:00.000Z',
    outcome: 'declined',
    declineCode: 'generic_decline',
  };

  it('decodes the schedule and the attempts, parsed by the driver or as text', () => {
    expect(decodeRetryDays('bin_1', [1, 3, 5])).toEqual([1, 3, 5]);
    expect(decodeRetryDays('bin_1', '[1,3,5]')).toEqual([1, 3, 5]);
    expect(decodeDunningAttempts('bin_1', [])).toEqual([]);
    expect(decodeDunningAttempts('bin_1', JSON.stringify([attempt]))).toEqual([attempt]);
  });

  it('refuses another shape, naming the invoice and the column', () => {
    expect(() => decodeRetryDays('bin_1', ['1', 3])).toThrow(
      /^booth_dunning bin_1: retry_days has a bad shape/,
    );
    expect(() => decodeRetryDays('bin_1', { days: [1] })).toThrow(/retry_days has a bad shape/);
    expect(() => decodeRetryDays('bin_1', '[1,')).toThrow('booth_dunning bin_1: retry_days is not JSON');
    expect(() => decodeDunningAttempts('bin_2', [{ ...attempt, at: 'tomorrow' }])).toThrow(
      /^booth_dunning bin_2: attempts has a bad shape/,
    );
    expect(() => decodeDunningAttempts('bin_2', [{ ...attempt, outcome: 'maybe' }])).toThrow(/attempts/);
    expect(() => decodeDunningAttempts('bin_2', [{ attempt: 1 }])).toThrow(/attempts has a bad shape/);
    expect(() => decodeDunningAttempts('bin_2', null)).toThrow(/attempts has a bad shape/);
  });
});
