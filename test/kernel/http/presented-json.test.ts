import fc from 'fast-check';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { presentedJson } from '../../../src/kernel/http/presented-json.js';
import { BalancesResponse, TransactionPage } from '../../../src/ledger/ledger-schemas.js';
import { presentBalance, presentTransaction } from '../../../src/ledger/present.js';
import { TRANSACTION_KINDS, type TransactionRecord } from '../../../src/ledger/ledger-rules.js';
import { UNITS } from '../../../src/kernel/money.js';

type Serialize = (data: unknown) => string;
const compile = (compiler: typeof presentedJson, schema: z.ZodType, httpStatus = '200') =>
  compiler({ schema, method: 'GET', url: '/v1/x', httpStatus }) as Serialize;
const zodWay = (schema: z.ZodType) => compile(serializerCompiler as typeof presentedJson, schema);

/** Text with what JSON must escape: quotes, backslashes, controls, a lone surrogate, an emoji. */
const text = fc.string({ unit: 'binary', maxLength: 60 });

const transaction = fc.record({
  id: fc.constantFrom('txn_01JD4Z0000000000000000000', 'txn_"quoted"\\'),
  accountId: fc.constantFrom('acc_01JD4Z0000000000000000000'),
  kind: fc.constantFrom(...TRANSACTION_KINDS),
  unit: fc.constantFrom('CREDIT', 'TOKEN'),
  amountMicros: fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
  description: text,
  // No `__proto__` key: the API's JSON parser refuses one (Fastify's default onProtoPoisoning:
  // 'error'), so stored metadata never holds it, and zod's record parsing would drop it anyway.
  metadata: fc.dictionary(
    text.filter((key) => key !== '__proto__'),
    text,
    { maxKeys: 5 },
  ),
  holdId: fc.option(fc.constant('hold_01JD4Z0000000000000000000'), { nil: null }),
  createdAt: fc.date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }),
}) as fc.Arbitrary<TransactionRecord>;

describe('presentedJson: the hot read routes’ serializer', () => {
  it('writes any history page byte for byte as the zod serializer does', () => {
    const fast = compile(presentedJson, TransactionPage);
    const slow = zodWay(TransactionPage);
    fc.assert(
      fc.property(fc.array(transaction, { maxLength: 8 }), fc.option(text, { nil: null }), (rows, next) => {
        const page = { data: rows.map(presentTransaction), nextCursor: next };
        expect(fast(page)).toBe(slow(page));
      }),
      { numRuns: 1_000 },
    );
  }, 60_000);

  it('writes any balances answer byte for byte as the zod serializer does', () => {
    const fast = compile(presentedJson, BalancesResponse);
    const slow = zodWay(BalancesResponse);
    const balance = fc.record({
      unit: fc.constantFrom(...UNITS),
      balanceMicros: fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).map((m) => m * 10_000n),
      heldMicros: fc.bigInt({ min: 0n, max: 10n ** 14n }).map((m) => m * 10_000n),
    });
    fc.assert(
      fc.property(text, fc.array(balance, { maxLength: 3 }), (accountId, balances) => {
        const answer = {
          accountId,
          balances: balances.map((b) =>
            presentBalance({ ...b, availableMicros: b.balanceMicros - b.heldMicros }),
          ),
        };
        expect(fast(answer)).toBe(slow(answer));
      }),
      { numRuns: 1_000 },
    );
  }, 60_000);

  it('drops keys the schema does not declare and keeps its order, as zod does', () => {
    const fast = compile(presentedJson, BalancesResponse);
    const answer = {
      internal: 'never sent',
      balances: [{ available: '1.00', held: '0.00', unit: 'USD', balance: '1.00', secret: 1 }],
      accountId: 'acc_1',
    };
    expect(fast(answer)).toBe(zodWay(BalancesResponse)(answer));
    expect(fast(answer)).toBe(
      '{"accountId":"acc_1","balances":[{"unit":"USD","balance":"1.00","held":"0.00","available":"1.00"}]}',
    );
  });

  it('refuses an answer missing a required field, as zod does (a 500, never a partial body)', () => {
    const fast = compile(presentedJson, BalancesResponse);
    expect(() => fast({ balances: [] })).toThrow(/accountId/);
  });
});
