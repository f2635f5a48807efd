import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError, acct, download } from './api';
import { useAccount } from './session';
import { Card, ErrorBox, Field, formatDate } from './ui';

/** One CSV the card offers: the API file under /exports/ and the button's words. */
export interface ExportChoice {
  file: 'transactions.csv' | 'invoices.csv';
  label: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The server's limit (kernel/date-range-rules): a range covers at most 5 years. */
const MAX_YEARS = 5;

const parseDay = (text: string): number | null => {
  const m = DAY.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text ? t : null;
};

/** What is wrong with the range, in sentences next to the field that causes it (the server checks it too). */
export function checkRange(from: string, to: string): { from?: string; to?: string } {
  const start = parseDay(from);
  if (start === null) return { from: 'Enter the first day of the export, e.g. 2027-01-01.' };
  const last = parseDay(to);
  if (last === null) return { to: 'Enter the last day of the export, e.g. 2027-01-31.' };
  if (last < start) return { to: 'The last day is before the first day. Choose a later last day.' };
  const limit = new Date(start);
  limit.setUTCMonth(limit.getUTCMonth() + MAX_YEARS * 12);
  if (last + 86_400_000 > limit.getTime())
    return { to: `An export covers at most ${MAX_YEARS} years. Choose an earlier last day.` };
  return {};
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A server refusal of one of the two days (400 with `field`), as the sentence shown beside it. */
function serverFieldError(error: unknown): { from?: string; to?: string } {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  if (error.field === 'from') return { from: 'The server did not accept this first day. Check the date.' };
  if (error.field === 'to') return { to: 'The server did not accept this range. Check the last day.' };
  return {};
}

/**
 * Downloads CSV exports of a date range (whole UTC days, both included), as files named by the
 * server ("transactions-2027-01-01-2027-01-31.csv"). Both days are native date inputs, so keyboard
 * and phone date pickers work; a wrong range is refused before anything is asked of the server.
 */
export function ExportCard({ title, choices }: { title: string; choices: ExportChoice[] }) {
  const { accountId } = useAccount();
  const ids = useId();
  const today = new Date();
  const [from, setFrom] = useState(
    isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1))),
  );
  const [to, setTo] = useState(isoDay(today));
  const [checked, setChecked] = useState(false);
  const exporting = useMutation({
    mutationFn: (choice: ExportChoice) =>
      download(
        `${acct(accountId)}/exports/${choice.file}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        choice.file.replace('.csv', `-${from}-${to}.csv`),
      ),
  });
  const problems = checked ? checkRange(from, to) : {};
  const fromError = problems.from ?? serverFieldError(exporting.error).from;
  const toError = problems.to ?? serverFieldError(exporting.error).to;
  const start = (choice: ExportChoice) => {
    setChecked(true);
    const found = checkRange(from, to);
    if (found.from || found.to || exporting.isPending) return;
    exporting.mutate(choice);
  };
  const fieldProps = (name: 'from' | 'to', error: string | undefined) => ({
    id: `${ids}-${name}`,
    type: 'date',
    required: true,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? `${ids}-${name}-error` : `${ids}-${name}-hint`,
  });
  return (
    <Card title={title}>
      <form
        className="export"
        data-testid="export-form"
        onSubmit={(e) => {
          e.preventDefault();
          start(choices[0]!);
        }}
        noValidate
      >
        <div className="grid two">
          <Field id={`${ids}-from`} label="First day (UTC)" error={fromError} hint="Included">
            <input
              {...fieldProps('from', fromError)}
              value={from}
              onChange={(e) => (setFrom(e.target.value), exporting.reset())}
            />
          </Field>
          <Field
            id={`${ids}-to`}
            label="Last day (UTC)"
            error={toError}
            hint="Included; at most 5 years after the first"
          >
            <input
              {...fieldProps('to', toError)}
              value={to}
              onChange={(e) => (setTo(e.target.value), exporting.reset())}
            />
          </Field>
        </div>
        <div className="form-actions">
          {choices.map((choice, i) => (
            <button
              key={choice.file}
              type={i === 0 ? 'submit' : 'button'}
              className={i === 0 ? 'primary' : 'secondary'}
              disabled={exporting.isPending}
              onClick={i === 0 ? undefined : () => start(choice)}
            >
              {exporting.isPending && exporting.variables?.file === choice.file ? 'Preparing…' : choice.label}
            </button>
          ))}
        </div>
        {exporting.isError && !fromError && !toError && (
          <ErrorBox
            error={exporting.error}
            onRetry={() => exporting.variables && start(exporting.variables)}
          />
        )}
        {exporting.isSuccess && (
          <p className="muted small" role="status">
            Downloaded the {exporting.variables.file.replace('.csv', '')} of {formatDate(from)} to{' '}
            {formatDate(to)}.
          </p>
        )}
      </form>
    </Card>
  );
}
