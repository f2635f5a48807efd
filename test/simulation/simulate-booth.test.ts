import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/simulation/run-scenario.js';
import { Scenario } from '../../src/simulation/scenario.js';
import { formatAmount } from '../../src/kernel/money.js';

const usd = (micros: bigint) => formatAmount(micros, 'USD');

describe('simulate: the booth line, and both lines on one clock', () => {
  it("runs scenarios/booth-year.json: every invoice of the booth operator's year, to the cent", async () => {
    const year = Scenario.parse(JSON.parse(fs.readFileSync('scenarios/booth-year.json', 'utf8')));
    const report = await runScenario(year);
    const snapbox = report.customers[0]!;

    const invoices = snapbox.invoices.map(
      (i) =>
        `${i.createdAt.toISOString().slice(0, 16)} ${i.number.slice(-6)} ${i.status} ${usd(i.totalMicros)}`,
    );
    expect(invoices).toEqual([
      '2027-01-01T09:00 000001 paid 78.40', // 2 Basic monthly, LAUNCH 20% off (once)
      '2027-01-01T09:00 000002 paid 75.00', // 500 tokens
      '2027-02-01T09:00 000003 paid 98.00', // renewal: the coupon was for the purchase only
      '2027-02-10T10:00 000004 paid 990.00', // Pro annual
      '2027-02-12T15:00 000005 paid 75.00', // auto top-up at the crossing below 50 tokens
      '2027-03-01T09:00 000006 paid 98.00',
      '2027-03-15T09:00 000007 paid 147.08', // 2 Premium, 5 licenses → 10%, 17 of 31 days
      '2027-03-15T09:00 000008 paid -95.43', // volume credit for the 3 running licenses
      '2027-04-01T09:00 000009 paid 260.97', // (98 + 298) × 0.9 = 356.40 − 95.43 credit
      '2027-05-01T09:00 000010 paid 311.40', // Premium → Pro at renewal: (98 + 149 + 99) × 0.9
      '2027-06-01T09:00 000011 paid 311.40', // the cancel of basic-2 was undone
      '2027-07-01T09:00 000012 paid 297.00', // basic-1 cancelled: 4 licenses, no discount
      '2027-08-01T09:00 000013 paid 297.00', // declined at 09:00 (card …0341), paid at 12:05
      '2027-09-01T09:00 000014 paid 297.00',
      '2027-10-01T09:00 000015 paid 297.00', // the downgrade of premium-1 was undone
      '2027-11-01T09:00 000016 paid 297.00',
      '2027-11-15T09:00 000017 paid 1500.00', // Enterprise add-on
      '2027-12-01T09:00 000018 paid 297.00',
      '2027-12-20T09:00 000019 paid 200.00', // 2,000 tokens
    ]);
    // 25 welcome + 500 + 500 (auto) + 2,000 − 450 − 37 × 2 − 50 × 5 − 100 virtual booth sessions (501–600).
    expect(snapbox.ledgers.TOKEN.balanceMicros).toBe(2_151_000_000n);
    expect(snapbox.ledgers.USD.balanceMicros).toBe(0n); // the volume credit was used in April
    const paidCents = report.cardCharges
      .filter((c) => c.status === 'succeeded')
      .reduce((s, c) => s + c.amountCents, 0n);
    expect(paidCents).toBe(592_725n); // Σ of the 18 invoices with a positive total (April's net of the credit)
    expect(report.cardCharges.filter((c) => c.status === 'declined')).toHaveLength(1);
    const notes = report.events.map((e) => `${e.type}: ${e.detail}`);
    expect(notes).toContain(
      'outputs: winter-fair: 40 × ai_image_high: 37 recorded, 3 refused (insufficient_tokens), 74.000000 TOKEN',
    );
    expect(notes).toContain('booth.auto_topup: pack=500');
    expect(notes.find((n) => n.startsWith('pay: '))).toMatch(/: paid, 3 licenses reactivated$/);
    expect(
      snapbox.ledgers.TOKEN.transactions.filter((t) => t.description.startsWith('Virtual booth session')),
    ).toHaveLength(100);
  }, 600_000);

  it('one clock for both lines: a studio rents a GPU and runs a booth, with a low-balance alert', async () => {
    const both = Scenario.parse({
      name: 'both lines',
      start: '2027-03-01T00:00:00Z',
      days: 1,
      customers: [{ key: 'ada', name: 'Ada Studio', email: 'ada@studio.example' }],
      actions: [
        { do: 'topUp', at: '2027-03-01T00:00:00Z', customer: 'ada', amount: '20' },
        { do: 'alerts', at: '2027-03-01T00:00:00Z', customer: 'ada', lowBalance: '17' },
        { do: 'card', at: '2027-03-01T00:00:00Z', customer: 'ada', number: '4242424242424242' },
        {
          do: 'buyLicenses',
          at: '2027-03-01T08:00:00Z',
          customer: 'ada',
          product: 'pro',
          period: 'monthly',
          licenses: ['p'],
        },
        { do: 'event', at: '2027-03-01T09:00:00Z', customer: 'ada', event: 'launch', features: ['ai_image'] },
        { do: 'outputs', at: '2027-03-01T10:00:00Z', event: 'launch', kind: 'ai_image_high', count: 5 },
        {
          do: 'rent',
          at: '2027-03-01T10:00:00Z',
          customer: 'ada',
          instance: 'gpu',
          type: 'rtx-4090',
          diskGb: 100,
          period: { unit: 'hour', count: 4 },
        },
      ],
    });
    const report = await runScenario(both);
    const ada = report.customers[0]!;
    expect(usd(ada.invoices[0]!.totalMicros)).toBe('99.00');
    expect(ada.invoices[0]!.createdAt.toISOString()).toBe('2027-03-01T08:00:00.000Z');
    expect(ada.ledgers.TOKEN.balanceMicros).toBe(15_000_000n); // 25 welcome − 5 × 2
    const credit = ada.ledgers.CREDIT;
    expect(credit.transactions.reduce((s, t) => s + t.amountMicros, 0n)).toBe(credit.balanceMicros);
    // 20 − 2.872 for 4 hours of the GPU, then it stops at 14:00: 0.028 of storage an hour to midnight.
    expect(credit.balanceMicros).toBe(16_848_000n);
    expect(credit.transactions.map((t) => t.amountMicros).slice(0, 3)).toEqual([
      20_000_000n,
      -2_872_000n,
      -28_000n,
    ]);
    const alert = report.events.find((e) => e.type === 'alert.low_balance');
    expect(alert?.at.toISOString()).toBe('2027-03-01T19:00:00.000Z'); // 17.128 − 5 × 0.028 = 16.988 < 17
  });
});
