import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoUtc } from '../../src/kernel/dates.js';

describe('isoUtc', () => {
  it.each([
    ['the epoch', 0],
    ['a millisecond before it', -1],
    ['a leap day with milliseconds', Date.UTC(2028, 1, 29, 23, 59, 59, 7)],
    ['the first instant of year 1000', Date.UTC(1000, 0, 1)],
    ['the last instant of year 9999', Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
    ['year 999 (the builtin writes it)', Date.UTC(999, 11, 31, 23, 59, 59, 999)],
    ['year 10000 (the builtin writes +010000)', Date.UTC(10000, 0, 1)],
    ['a year before 0 (the builtin writes -000001)', Date.UTC(-1, 0, 1)],
  ])('writes %s as toISOString does', (_name, ms) => {
    expect(isoUtc(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it('writes any instant of the years 0 to 10000 as toISOString does', () => {
    fc.assert(
      fc.property(
        // Date.UTC maps years 0-99 to 1900-1999, so year 0 starts at its own millisecond count.
        fc.integer({ min: -62_167_219_200_000, max: Date.UTC(10000, 11, 31) }),
        (ms) => {
          expect(isoUtc(new Date(ms))).toBe(new Date(ms).toISOString());
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('refuses an invalid date with the RangeError toISOString throws', () => {
    expect(() => isoUtc(new Date(Number.NaN))).toThrow(RangeError);
  });
});
