import type { LightMyRequestResponse } from 'fastify';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { registerComputeWork } from '../../../src/compute/rentals/rental-work.js';
import { SandboxFleet } from '../../../src/sandbox/sandbox-fleet.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { backends } from '../../support/databases.js';
import { type Harness, startHarness } from '../../support/harness.js';

const HOUR = 3_600_000;

/** The PDF's text without whitespace: a narrow column may wrap "credits/GB·h" after the slash. */
async function flatPdfText(res: LightMyRequestResponse): Promise<string> {
  expect(res.statusCode, res.body).toBe(200);
  const { text } = await extractText(new Uint8Array(res.rawPayload), { mergePages: true });
  return text.replace(/\s+/g, '');
}
const flat = (text: string) => text.replace(/\s+/g, '');

/**
 * The usage lines of rental documents (issue 14 §1, charge): a rental's compute and storage parts,
 * and a stopped instance's storage hour, at the seed's storage rate of 0.00028 credit/GB/hour and
 * the sample rtx-4090 compute rate of 0.69 credit/hour (migration 006).
 */
for (const backend of backends) {
  describe(`rental usage lines on compute invoices (${backend.name})`, () => {
    let h: Harness;
    let runner: DueWorkRunner<ServiceContext>;
    beforeAll(async () => {
      h = await startHarness(backend, { clock: new SimulatedClock('2027-04-15T09:00:00Z') });
      h.engine.fleet = new SandboxFleet(h.clock);
      runner = registerComputeWork(new DueWorkRunner<ServiceContext>(h.engine));
    });
    afterAll(async () => h?.close());

    const charges = async (accountId: string) =>
      (
        (await h.call('GET', `/v1/accounts/${accountId}/transactions?kind=charge&limit=200`)).json().data as {
          id: string;
          description: string;
        }[]
      ).reverse();
    const document = (accountId: string, transactionId: string, pdf = false) =>
      h.call('GET', `/v1/accounts/${accountId}/transactions/${transactionId}/invoice${pdf ? '.pdf' : ''}`);

    it('a one-day rtx-4090 rental with 200 GB: compute 24 h × 0.69 = 16.56, storage 200 GB × 24 h × 0.00028 = 1.344; then a stopped hour of storage, 0.056', async () => {
      const accountId = await h.openAccount('Rental Studio');
      await h.fund(accountId, '20');
      const rented = await h.call('POST', `/v1/accounts/${accountId}/instances`, {
        body: { instanceType: 'rtx-4090', diskGb: 200, period: { unit: 'day', count: 1 }, autoRenew: false },
      });
      expect(rented.statusCode, rented.body).toBe(201);

      const [rental] = await charges(accountId);
      const invoice = (await document(accountId, rental!.id)).json();
      expect(invoice.details.usage).toEqual([
        {
          description: 'rtx-4090 compute, 15 Apr – 16 Apr 2027',
          quantity: '24 h',
          rate: '0.69 credits/h',
          amount: { amount: '16.560000', unit: 'CREDIT' },
        },
        {
          description: 'rtx-4090 storage, 15 Apr – 16 Apr 2027',
          quantity: '200 GB × 24 h',
          rate: '0.00028 credits/GB·h',
          amount: { amount: '1.344000', unit: 'CREDIT' },
        },
      ]);
      expect(invoice.totals.amount).toEqual({ amount: '17.904000', unit: 'CREDIT' });
      const text = await flatPdfText(await document(accountId, rental!.id, true));
      for (const expected of [
        'rtx-4090 compute, 15 Apr – 16 Apr 2027',
        '24 h',
        '0.69 credits/h',
        '16.56',
        'rtx-4090 storage, 15 Apr – 16 Apr 2027',
        '200 GB × 24 h',
        '0.00028 credits/GB·h',
        '1.344',
        'Total 17.904 credits',
      ]) {
        expect(text, expected).toContain(flat(expected));
      }

      // The prepaid day ends (no auto-renew): stopped, and each stored hour is a charge of 0.056.
      for (let i = 0; i < 26; i++) {
        h.clock.advance(HOUR);
        await runner.runDue();
      }
      const storage = (await charges(accountId)).slice(1);
      expect(storage.length).toBeGreaterThanOrEqual(1);
      const first = (await document(accountId, storage[0]!.id)).json();
      expect(first.details.usage).toEqual([
        {
          description: 'Storage of 1 stopped instance, hour from 16 Apr 2027, 09:00 UTC',
          quantity: '200 GB × 1 h',
          rate: '0.00028 credits/GB·h',
          amount: { amount: '0.056000', unit: 'CREDIT' },
        },
      ]);
      const storageText = await flatPdfText(await document(accountId, storage[0]!.id, true));
      for (const expected of [
        'Storage of 1 stopped instance, hour from 16 Apr 2027, 09:00 UTC',
        '200 GB × 1 h',
        '0.00028 credits/GB·h',
        'Total 0.056 credits',
      ]) {
        expect(storageText, expected).toContain(flat(expected));
      }
    });
  });
}
