import {
  type TokenStatementLine,
  type TokenStatementPeriod,
  statementLines,
} from './token-statement-rules.js';
import { countOutputsOfCharges, findTokenCharges } from './token-statement-store.js';
import { type BoothInvoiceBillTo } from './booth-invoice-rules.js';
import { billToInForce } from '../../accounts/billing-profile-store.js';
import { findAccount } from '../../accounts/account-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface TokenStatement {
  accountId: string;
  period: TokenStatementPeriod;
  /** The statement's date: the end of the month, or now while the month is still running. */
  issuedAt: Date;
  billTo: BoothInvoiceBillTo;
  lines: TokenStatementLine[];
  totalTokensMicros: bigint;
  charges: number;
}

/**
 * The account's token usage statement for one month. Any month has one (a month without usage
 * states zero), so the link of every token charge row resolves. The buyer is the invoice settings
 * version in force at the statement's date, as for booth invoices at finalization.
 */
export async function getTokenStatement(
  ctx: BoothContext,
  accountId: string,
  period: TokenStatementPeriod,
): Promise<Result<TokenStatement>> {
  if (!(await findAccount(ctx.db, accountId))) {
    return fail('account_not_found', 'no such account', { accountId });
  }
  const now = ctx.clock.now();
  const issuedAt = now < period.end ? now : new Date(period.end.getTime() - 1000);
  const charges = await findTokenCharges(ctx.db, accountId, period.start, period.end);
  const outputs = await countOutputsOfCharges(
    ctx.db,
    accountId,
    charges.filter((c) => c.sessionId === null).map((c) => c.transactionId),
  );
  return ok({
    accountId,
    period,
    issuedAt,
    billTo: await billToInForce(ctx.db, accountId, issuedAt),
    lines: statementLines(charges, outputs),
    totalTokensMicros: charges.reduce((sum, c) => sum + c.tokensMicros, 0n),
    charges: charges.length,
  });
}
