import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberRecordedTransactions } from '../../../src/compute/invoices/number-invoices.js';
import { findTransaction } from '../../../src/ledger/transaction-store.js';
import { backends } from '../../support/databases.js';
import { type Harness, startHarness } from '../../support/harness.js';

for (const backend of backends) {
  describe(`numbering a ledger batch (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(async () => h.close());

    const charge = async (accountId: string, amount: string) => {
      const res = await h.call('POST', `/v1/accounts/${accountId}/charges`, {
        key: h.serviceKey,
        body: { amount: { amount, unit: 'CREDIT' }, productLine: 'compute', description: 'Render task' },
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    const numbersInLedgerOrder = async (accountId: string) =>
      (
        await h.engine.db.query<{ number: bigint; prefix: string }>(
          `SELECT i.number, i.prefix FROM invoices i JOIN transactions t ON t.id = i.transaction_id
           WHERE i.account_id = $1 ORDER BY t.created_at, t.seq`,
          [accountId],
        )
      ).map((r) => `${r.prefix}-${r.number}`);

    it("charges of three accounts written together each continue their own account's series, in ledger order", async () => {
      const accounts = [await h.openAccount('A'), await h.openAccount('B'), await h.openAccount('C')];
      for (const a of accounts) await h.fund(a, '100');
      // Twelve charges at once: the writer batches them across the three accounts.
      const charged = await Promise.all(
        Array.from({ length: 12 }, (_, i) => charge(accounts[i % 3]!, `${i + 1}.25`)),
      );
      const prefixes: string[] = [];
      for (const a of accounts) {
        const numbers = await numbersInLedgerOrder(a);
        const prefix = numbers[0]!.split('-')[0]!;
        prefixes.push(prefix);
        // The funding adjustment is the first document of each account, then its four charges.
        expect(numbers).toEqual([1, 2, 3, 4, 5].map((n) => `${prefix}-${n}`));
      }
      expect(new Set(prefixes).size).toBe(3);

      // Numbering the same transactions again changes nothing.
      const records = await Promise.all(
        charged.map((id, i) => findTransaction(h.engine.db, accounts[i % 3]!, id)),
      );
      await h.engine.db.transaction((tx) =>
        numberRecordedTransactions(
          tx,
          records.map((r) => r!),
          h.engine.clock.now(),
        ),
      );
      for (const [i, a] of accounts.entries()) {
        expect(await numbersInLedgerOrder(a)).toEqual([1, 2, 3, 4, 5].map((n) => `${prefixes[i]}-${n}`));
      }
    });
  });
}
