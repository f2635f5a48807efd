import type { ReactNode } from 'react';
import type { TopUpQuote } from '../shared/api-types';
import { Amount } from '../shared/ui';

/** One line of the summary that each rail words its own way (its label, what it shows, its test id). */
export interface SummaryLine {
  label: string;
  value: ReactNode;
  testId?: string;
}

/**
 * A top-up quote as the customer reads it before paying: the credits bought, the rail's fee, the
 * promotion's bonus when one applies, and what the customer pays. PayPal and USDT show the same lines
 * in the same order, so a promotion reads alike on both; only the fee and the total are the rail's.
 */
export function TopUpSummary({
  quote,
  fee,
  total,
}: {
  quote: Pick<TopUpQuote, 'credits' | 'promotion'>;
  fee: SummaryLine;
  total: SummaryLine;
}) {
  return (
    <dl className="lines">
      <dt>Credits</dt>
      <dd>
        <Amount money={quote.credits} />
      </dd>
      <dt>{fee.label}</dt>
      <dd data-testid={fee.testId}>{fee.value}</dd>
      {quote.promotion && (
        <>
          <dt>
            Promotion: <span className="ellipsis">{quote.promotion.name}</span>
          </dt>
          <dd className="pos">
            <Amount money={quote.promotion.bonus} signed />
          </dd>
        </>
      )}
      <dt className="total">{total.label}</dt>
      <dd className="total" data-testid={total.testId}>
        {total.value}
      </dd>
    </dl>
  );
}
