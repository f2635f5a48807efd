import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  numberInBatchStatement,
  numberRecordedTransactions,
} from '../../../src/compute/invoices/number-invoices.js';
import type { Database } from '../../../src/kernel/db/database.js';
import {
  insertInvoiceSettingsVersion,
  lockForSettingsChange,
} from '../../../src/accounts/billing-profile-store.js';
import { adjustWallet } from '../../../src/ledger/adjust-wallet.js';
import { chargeWallet } from '../../../src/ledger/charge-wallet.js';
import { type LedgerBatchObservation, LedgerWriter } from '../../../src/ledger/ledger-writer.js';
import { findTransaction } from '../../../src/ledger/transaction-store.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { newId } from '../../../src/kernel/ids.js';
import { revenueAccountId, walletId } from '../../../src/ledger/ledger-rules.js';
import { backends } from '../../support/databases.js';
import { type Harness, startHarness, uniqueKey } from '../../support/harness.js';

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

    // Two connections race here: PostgreSQL only (PGlite has one), and no skipped test on PGlite.
    if (backend.name === 'postgres')
      it("a settings change that commits while a charge's statement waits for the series lock is in force on that charge's document", async () => {
        const a = await h.openAccount('Before Ltd');
        await h.fund(a, '100');
        await charge(a, '1.00'); // the engine's writer now knows the wallet: the next charge is one statement
        const gate = () => {
          let open!: () => void;
          const opened = new Promise<void>((resolve) => (open = resolve));
          return { open, opened };
        };
        const changed = gate();
        const release = gate();
        // A settings change stamped at the clock's time, holding the series row until released.
        const change = h.engine.db.transaction(async (tx) => {
          await lockForSettingsChange(tx, a);
          await insertInvoiceSettingsVersion(
            tx,
            a,
            { name: 'After Ltd', email: 'billing@after.example' },
            h.engine.clock.now(),
            'test',
          );
          changed.open();
          await release.opened;
        });
        await changed.opened;
        const charging = charge(a, '2.00'); // at the same clock time: the new version is in force for it
        await new Promise((resolve) => setTimeout(resolve, 300)); // it reaches the series lock and waits
        release.open();
        await change;
        const id = await charging;
        const [document] = await h.engine.db.query<{ bill_to_name: string; bill_to_email: string }>(
          'SELECT bill_to_name, bill_to_email FROM invoices WHERE transaction_id = $1',
          [id],
        );
        expect(document).toEqual({ bill_to_name: 'After Ltd', bill_to_email: 'billing@after.example' });
      });

    it("on the fast path a charge and its number are one autocommitted statement; an account's first document takes the locking path, which creates its series", async () => {
      // A writer as the engine wires it, on a database that reports what it is sent.
      const sent: string[] = [];
      const db = h.engine.db;
      const reporting: Database = {
        kind: db.kind,
        maxConcurrentTransactions: db.maxConcurrentTransactions,
        query: (text, params, name) => (sent.push(name ?? text.slice(0, 40)), db.query(text, params, name)),
        exec: (script) => db.exec(script),
        transaction: (work, options) => (sent.push('BEGIN'), db.transaction(work, options)),
        close: () => db.close(),
      };
      const writer = new LedgerWriter(reporting, h.engine.clock);
      writer.withinBatch(numberRecordedTransactions, numberInBatchStatement);
      const paths: LedgerBatchObservation['path'][] = [];
      writer.observe((batch) => paths.push(batch.path));
      const ctx: ServiceContext = { db: reporting, clock: h.engine.clock, ledger: writer };
      const write = async (step: () => ReturnType<typeof chargeWallet>) => {
        sent.length = 0;
        paths.length = 0;
        const result = await step();
        expect(result.ok).toBe(true);
        return { sent: [...sent], path: paths[0] };
      };
      const credit = (accountId: string, amountMicros: bigint) =>
        write(() =>
          adjustWallet(
            ctx,
            h.operator,
            { accountId, direction: 'credit', unit: 'CREDIT', amountMicros, reason: 'top-up' },
            uniqueKey(),
          ),
        );
      const charge = (accountId: string, amountMicros: bigint) =>
        write(() =>
          chargeWallet(
            ctx,
            h.service,
            { accountId, unit: 'CREDIT', amountMicros, productLine: 'compute', description: 'Render task' },
            uniqueKey(),
          ),
        );
      const series = async (accountId: string) =>
        db.query('SELECT 1 FROM account_document_series WHERE account_id = $1', [accountId]);

      // A new account's wallet is not known to this writer yet: the locking path learns it.
      const a = await h.openAccount('First document');
      expect(await series(a)).toHaveLength(0);
      expect((await credit(a, 1_000_000n)).path).toBe('locking');
      expect(await numbersInLedgerOrder(a)).toHaveLength(1);
      const prefix = (await numbersInLedgerOrder(a))[0]!.split('-')[0]!;

      // Both wallets known, the series there: one statement, no BEGIN, and the charge is numbered.
      const fast = await charge(a, 250_000n);
      expect(fast).toEqual({ sent: ['ledger_write_effects_numbering'], path: 'fast' });
      expect(await numbersInLedgerOrder(a)).toEqual([`${prefix}-1`, `${prefix}-2`]);

      // Another account whose wallet this writer knows (from a refusal) but that has no series: the
      // statement is not ready, writes nothing, and the locking path creates the series and numbers.
      const b = await h.openAccount('No series yet');
      sent.length = 0;
      const refused = await chargeWallet(
        ctx,
        h.service,
        { accountId: b, unit: 'CREDIT', amountMicros: 1n, productLine: 'compute', description: 'x' },
        uniqueKey(),
      );
      expect(refused.ok).toBe(false);
      expect(await series(b)).toHaveLength(0);
      const first = await credit(b, 2_000_000n);
      expect(first.path).toBe('locking');
      expect(first.sent[0]).toBe('ledger_write_effects_numbering');
      expect(await series(b)).toHaveLength(1);
      const [numberB] = await numbersInLedgerOrder(b);
      expect(numberB).toMatch(/-1$/);
      const next = await charge(b, 500_000n);
      expect(next).toEqual({ sent: ['ledger_write_effects_numbering'], path: 'fast' });
      expect(await numbersInLedgerOrder(b)).toEqual([numberB, numberB!.replace(/-1$/, '-2')]);
      const transactions = await db.query(
        "SELECT 1 FROM transactions WHERE account_id = $1 AND unit = 'CREDIT'",
        [b],
      );
      expect(transactions).toHaveLength(2); // the refused statement wrote nothing

      // A background batch (the storage sweep's) on the fast path: the same one statement, its
      // commit made lazy inside it, and nothing of that left on the connection.
      sent.length = 0;
      paths.length = 0;
      const swept = await writer.submit(
        {
          command: {
            type: 'post_transaction',
            transaction: {
              id: newId('transaction'),
              accountId: b,
              kind: 'charge',
              unit: 'CREDIT',
              description: 'Storage charge: 100 GB, 1 hour',
              metadata: {},
              createdAt: h.engine.clock.now(),
            },
            transfers: [
              {
                id: newId('transfer'),
                debitAccountId: walletId(b, 'CREDIT'),
                creditAccountId: revenueAccountId('compute', 'CREDIT'),
                amountMicros: 28_000n,
              },
            ],
          },
        },
        'background',
      );
      expect(swept.status).toBe('applied');
      expect({ sent, path: paths[0] }).toEqual({
        sent: ['ledger_write_effects_numbering_lazy'],
        path: 'fast',
      });
      expect(await numbersInLedgerOrder(b)).toHaveLength(3);
      expect(await db.query('SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'on' }]);
    });
  });
}
