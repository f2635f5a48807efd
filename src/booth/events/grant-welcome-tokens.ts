import { WELCOME_TOKENS_MICROS } from './booth-usage-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { postTokens } from './booth-tokens.js';
import type { BoothContext } from '../context.js';

/**
 * The 25 welcome tokens, once per account: a Promotion keyed by the account itself
 * (`booth:<account>` / `welcome`), so a creation retried, replayed or raced never grants twice.
 */
export async function grantWelcomeTokens(ctx: BoothContext, accountId: string): Promise<void> {
  const outcome = await postTokens(ctx, {
    accountId,
    key: 'welcome',
    kind: 'promotion',
    amountMicros: WELCOME_TOKENS_MICROS,
    description: `Welcome bonus: ${formatAmount(WELCOME_TOKENS_MICROS, 'TOKEN').replace(/\.0+$/, '')} tokens`,
    metadata: { promotion: 'welcome_tokens' },
  });
  if (outcome.status === 'rejected' || outcome.status === 'idempotency_conflict') {
    throw new Error(`welcome tokens for ${accountId}: ${outcome.status}`);
  }
}
