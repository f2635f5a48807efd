import { Amount, ErrorBox, Spinner } from '../shared/ui';
import type { JobQuote } from './SubmitRenderJob';

/** What a render job will hold and charge, before it is submitted. */
export function JobQuoteSummary({
  quote,
  pending,
  error,
}: {
  quote?: JobQuote;
  pending: boolean;
  error: unknown;
}) {
  if (error) return <ErrorBox error={error} />;
  if (pending) return <Spinner label="Pricing…" />;
  if (!quote) return null;
  const short = quote.availableAfter.amount.startsWith('-');
  return (
    <div className="summary" aria-live="polite" data-testid="job-quote">
      <dl className="lines">
        <dt>Rate (these resources)</dt>
        <dd>
          <Amount money={quote.hourlyRate} /> an hour
        </dd>
        <dt>Held when each task starts</dt>
        <dd>
          <Amount money={quote.holdPerTask} />
        </dd>
        <dt>Charged when each task completes</dt>
        <dd>
          <Amount money={quote.chargePerTask} />
        </dd>
        <dt className="total">All tasks</dt>
        <dd className="total" data-testid="job-total">
          <Amount money={quote.total} />
        </dd>
        <dt>Balance after</dt>
        <dd data-testid="job-balance-after">
          <Amount money={quote.availableAfter} />
        </dd>
      </dl>
      {!quote.firstTaskFits ? (
        <p className="field-error" role="alert">
          Your available balance (<Amount money={quote.available} />) cannot hold the first task: the job
          would start paused. Top up first.
        </p>
      ) : short ? (
        <p className="field-error" role="alert">
          Your available balance (<Amount money={quote.available} />) does not cover every task: the job will
          pause when it runs out, until you top up.
        </p>
      ) : null}
    </div>
  );
}
