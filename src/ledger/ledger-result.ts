import { type Failure, IDEMPOTENCY_CONFLICT, type Result, ok } from '../kernel/result.js';
import type {
  HoldRecord,
  LedgerError,
  LedgerResult,
  TransactionRecord,
  LedgerOutcome,
} from './ledger-rules.js';

// Fails to compile when the ledger gains an error code the kernel's FailureCode does not name.
const _everyLedgerErrorIsAFailureCode = (code: LedgerError['code']): Failure['code'] => code;

/** Translates a ledger outcome, picking the part of the result the use case returns. */
export function fromLedger<T>(outcome: LedgerOutcome, pick: (result: LedgerResult) => T): Result<T> {
  switch (outcome.status) {
    case 'applied':
      return ok(pick(outcome.result));
    case 'replayed':
      return ok(pick(outcome.result), true);
    case 'idempotency_conflict':
      return IDEMPOTENCY_CONFLICT();
    case 'rejected':
      return { ok: false, failure: describeLedgerError(outcome.error) };
  }
}

function describeLedgerError(error: LedgerError): Failure {
  const { code, ...extra } = error;
  switch (error.code) {
    case 'insufficient_funds':
      return {
        code,
        detail: `the ${error.unit} wallet's available balance does not cover this amount`,
        extra,
      };
    case 'balance_limit_exceeded':
      return { code, detail: `the ${error.unit} wallet would pass the most a wallet may hold`, extra };
    case 'account_not_found':
      return { code, detail: 'no such account', extra };
    case 'hold_not_found':
      return { code, detail: 'no such hold', extra };
    case 'hold_not_pending':
      return { code, detail: `the hold is already ${error.holdStatus}`, extra };
    case 'hold_amount_exceeded':
      return { code, detail: 'the amount must be positive and at most the amount held', extra };
    case 'invalid_transfer':
      return { code, detail: error.reason, extra };
  }
}

export function transactionOf(result: LedgerResult): TransactionRecord {
  if (!result.transaction) throw new Error(`a ${result.type} result carries no transaction`);
  return result.transaction;
}

export function holdOf(result: LedgerResult): HoldRecord {
  if (result.type !== 'hold') throw new Error('expected a hold result');
  return result.hold;
}
