import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TOKEN_PACKS,
  chooseLicense,
  cheapestPacks,
  decideOutputs,
  estimateEventTokens,
  eventTag,
  featureTiers,
  unknownFeatures,
  templateCost,
  virtualBoothSessionCost,
} from '../../../src/booth/events/booth-usage-rules.js';
import { DEFAULT_FEATURES } from '../../../src/booth/licenses/licensing-rules.js';
import { SEED_OUTPUTS } from '../../support/booth-catalog.js';

const T = 1_000_000n;
const summary = (tokens: number) => {
  const c = cheapestPacks(tokens);
  return { packs: c.packs.map((p) => `${p.count}x${p.tokens}`), price: c.priceMicros / T, tokens: c.tokens };
};

describe('cheapest token packs (exact, not greedy)', () => {
  it('covers the figures of issue 6 at the lowest price', () => {
    expect(summary(1_200)).toEqual({ packs: ['1x1000', '2x100'], price: 160n, tokens: 1_200 });
    expect(summary(1_600)).toEqual({ packs: ['1x2000'], price: 200n, tokens: 2_000 });
    expect(summary(450)).toEqual({ packs: ['1x500'], price: 75n, tokens: 500 });
    expect(summary(4_000)).toEqual({ packs: ['2x2000'], price: 400n, tokens: 4_000 });
    expect(summary(4_600)).toEqual({ packs: ['1x5000'], price: 450n, tokens: 5_000 });
    expect(summary(0)).toEqual({ packs: [], price: 0n, tokens: 0 });
    expect(summary(1)).toEqual({ packs: ['1x100'], price: 20n, tokens: 100 });
  });

  it('is never dearer than any combination found by brute force (small shortfalls)', () => {
    // Every combination with at most 12 of each pack below 20,000 and 1 of 20,000 covers ≤ 5,000 cheaply enough.
    const brute = (need: number): bigint => {
      let best: bigint | undefined;
      const walk = (i: number, tokens: number, price: bigint) => {
        if (best !== undefined && price >= best) return;
        if (tokens >= need) {
          best = price;
          return;
        }
        if (i === TOKEN_PACKS.length) return;
        const p = TOKEN_PACKS[i]!;
        for (let n = 0; tokens + (n - 1) * p.tokens < need; n++)
          walk(i + 1, tokens + n * p.tokens, price + BigInt(n) * p.priceMicros);
      };
      walk(0, 0, 0n);
      return best!;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6_000 }), (need) => {
        const dp = cheapestPacks(need);
        expect(dp.tokens).toBeGreaterThanOrEqual(need);
        expect(dp.priceMicros).toBeLessThanOrEqual(brute(need));
      }),
      { numRuns: 150 },
    );
  });

  it('solves large shortfalls exactly and fast, the bulk in 20,000 packs', () => {
    const started = performance.now();
    const big = cheapestPacks(10_000_000);
    expect(big.tokens).toBe(10_000_000);
    expect(big.priceMicros).toBe(500n * 1_400n * T);
    const odd = cheapestPacks(10_001_200);
    expect(odd.priceMicros).toBe(500n * 1_400n * T + 160n * T);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('estimator', () => {
  it('3-hour event, 1-token template, 30–55 sessions/h → 90–165 tokens', () => {
    const e = estimateEventTokens({
      templates: [{ costMicros: 1n * T, hasAi: true }],
      minutes: 180,
      sessionsPerHour: { min: 30, max: 55 },
      virtualBooth: false,
      availableMicros: 25n * T,
    });
    expect(e.sessions).toEqual({ min: 90, max: 165 });
    expect(e.tokens).toEqual({ minMicros: 90n * T, maxMicros: 165n * T });
    expect(e.shortfallMicros).toBe(140n * T);
    expect(e.packs.packs).toEqual([{ tokens: 100, count: 2, priceMicros: 20n * T }]);
    expect(e.packs.priceMicros).toBe(40n * T);
  });

  it('no shortfall when the balance covers the high end; fractional templates stay exact', () => {
    const e = estimateEventTokens({
      templates: [
        {
          costMicros: templateCost({ outputs: [{ kind: 'text_message', count: 3 }] }, SEED_OUTPUTS),
          hasAi: false,
        },
      ],
      minutes: 90,
      sessionsPerHour: { min: 30, max: 55 },
      virtualBooth: false,
      availableMicros: 100n * T,
    });
    expect(e.sessions).toEqual({ min: 45, max: 83 });
    expect(e.tokens).toEqual({ minMicros: 6_750_000n, maxMicros: 12_450_000n });
    expect(e.shortfallMicros).toBe(0n);
    expect(e.packs.priceMicros).toBe(0n);
  });
});

describe('estimator with several templates and a virtual booth', () => {
  it('the low end uses the cheapest template, the high end the dearest; a virtual booth adds a token per session after 500 for templates without AI', () => {
    const e = estimateEventTokens({
      templates: [
        { costMicros: 0n, hasAi: false },
        { costMicros: 2n * T, hasAi: true },
      ],
      minutes: 600,
      sessionsPerHour: { min: 30, max: 55 },
      virtualBooth: true,
      availableMicros: 0n,
    });
    expect(e.sessions).toEqual({ min: 300, max: 550 });
    // Low: 300 sessions of the free template, all within the first 500 → 0. High: 550 × 2 = 1,100.
    expect(e.tokens).toEqual({ minMicros: 0n, maxMicros: 1_100n * T });
    expect(e.packs.priceMicros).toBe(140n * T); // 1,100 → 1,000 + 100
    const photoOnly = estimateEventTokens({
      templates: [{ costMicros: 0n, hasAi: false }],
      minutes: 720,
      sessionsPerHour: { min: 50, max: 55 },
      virtualBooth: true,
      availableMicros: 25n * T,
    });
    expect(photoOnly.tokens).toEqual({ minMicros: 100n * T, maxMicros: 160n * T });
    expect(photoOnly.shortfallTokens).toBe(135);
  });
});

describe('rules', () => {
  it('template cost per session from its outputs', () => {
    expect(
      templateCost(
        {
          outputs: [
            { kind: 'ai_image_high', count: 2 },
            { kind: 'text_message', count: 1 },
            { kind: 'photo', count: 4 },
            { kind: 'ai_video_medium', count: 1 },
          ],
        },
        SEED_OUTPUTS,
      ),
    ).toBe(14_050_000n);
  });

  it('event tag is the highest tier among its features (the license catalog says which tier each is)', () => {
    const tiers = featureTiers({ features: DEFAULT_FEATURES });
    expect(
      eventTag(
        { features: ['photo_capture', 'gallery'], templates: [], virtualBooth: false },
        tiers,
        SEED_OUTPUTS,
      ),
    ).toBe('basic');
    expect(
      eventTag(
        {
          features: ['photo_capture'],
          templates: [{ outputs: [{ kind: 'ai_image_low', count: 1 }], features: [] }],
          virtualBooth: false,
        },
        tiers,
        SEED_OUTPUTS,
      ),
    ).toBe('pro');
    expect(
      eventTag(
        { features: ['analytics', 'ai_video'], templates: [], virtualBooth: false },
        tiers,
        SEED_OUTPUTS,
      ),
    ).toBe('premium');
    expect(eventTag({ features: [], templates: [], virtualBooth: true }, tiers, SEED_OUTPUTS)).toBe(
      'premium',
    );
    expect(unknownFeatures(['gallery', 'teleport'], tiers)).toEqual(['teleport']);
  });

  it('takes the lowest sufficient free license', () => {
    const ls = [
      { id: 'lic_c', tier: 'premium' as const },
      { id: 'lic_b', tier: 'pro' as const },
      { id: 'lic_a', tier: 'basic' as const },
    ];
    expect(chooseLicense('basic', ls, new Set())?.id).toBe('lic_a');
    expect(chooseLicense('basic', ls, new Set(['lic_a']))?.id).toBe('lic_b');
    expect(chooseLicense('premium', ls, new Set())?.id).toBe('lic_c');
    expect(chooseLicense('premium', ls, new Set(['lic_c']))).toBeUndefined();
    expect(chooseLicense('premium', ls.slice(1, 2), new Set())).toBeUndefined();
  });

  it('refuses only the outputs the balance cannot pay, in order', () => {
    expect(decideOutputs([2n, 5n, 1n, 0n], 3n).map((d) => d.accepted)).toEqual([true, false, true, true]);
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 20n * T }), { maxLength: 50 }),
        fc.bigInt({ min: 0n, max: 200n * T }),
        (costs, balance) => {
          const decisions = decideOutputs(costs, balance);
          let left = balance;
          for (const [i, d] of decisions.entries()) {
            // Accepted exactly when it fits in what the earlier accepted ones left: never overdrawn.
            expect(d.accepted).toBe(costs[i]! <= left);
            if (d.accepted) left -= costs[i]!;
            expect(left >= 0n).toBe(true);
          }
        },
      ),
    );
  });

  it('virtual booth: a token per session after 500, none when the session paid for AI', () => {
    expect(virtualBoothSessionCost({ virtualBooth: true, ordinal: 500, paidForAi: false })).toBe(0n);
    expect(virtualBoothSessionCost({ virtualBooth: true, ordinal: 501, paidForAi: false })).toBe(T);
    expect(virtualBoothSessionCost({ virtualBooth: true, ordinal: 501, paidForAi: true })).toBe(0n);
    expect(virtualBoothSessionCost({ virtualBooth: false, ordinal: 900, paidForAi: false })).toBe(0n);
  });
});
