import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { type ChangeEvent, useId, useState } from 'react';
import { acct, download } from './api';
import { checkRange, firstOfMonth, isoDay, serverFieldError } from './export-range';
import { useAccount } from './session';
import { Card, ErrorBox, Field, formatDate } from './ui';

/** One CSV the card offers: the API file under /exports/ and the button's words. */
export interface ExportChoice {
  file: 'transactions.csv' | 'invoices.csv';
  label: string;
}

type Exporting = UseMutationResult<void, Error, ExportChoice>;

/**
 * The range, its errors (the page's own once an export was asked for, else the server's) and the
 * download. `start` checks the range first and does nothing while a download is being prepared.
 */
function useExport() {
  const { accountId } = useAccount();
  const today = new Date();
  const [from, setFrom] = useState(firstOfMonth(today));
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
  const start = (choice: ExportChoice) => {
    setChecked(true);
    const found = checkRange(from, to);
    if (found.from || found.to || exporting.isPending) return;
    exporting.mutate(choice);
  };
  // A changed day clears the last answer (and the server's refusal of the old day).
  const edit = (set: (day: string) => void) => (e: ChangeEvent<HTMLInputElement>) => (
    set(e.target.value),
    exporting.reset()
  );
  return {
    from,
    to,
    fromError: problems.from ?? serverFieldError(exporting.error).from,
    toError: problems.to ?? serverFieldError(exporting.error).to,
    exporting,
    start,
    editFrom: edit(setFrom),
    editTo: edit(setTo),
  };
}

/** One of the two days: a native date input, its error (or hint) named by aria-describedby. */
function DayField(props: {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
}) {
  const { id, label, hint, error, value, onChange } = props;
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        type="date"
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        value={value}
        onChange={onChange}
      />
    </Field>
  );
}

/** The first choice submits the form (Enter in a day field); the others are plain buttons. */
function ExportButtons(props: {
  choices: ExportChoice[];
  exporting: Exporting;
  start: (c: ExportChoice) => void;
}) {
  const { choices, exporting, start } = props;
  return (
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
  );
}

/**
 * Downloads CSV exports of a date range (whole UTC days, both included), as files named by the
 * server ("transactions-2027-01-01-2027-01-31.csv"). Both days are native date inputs, so keyboard
 * and phone date pickers work; a wrong range is refused before anything is asked of the server.
 */
export function ExportCard({ title, choices }: { title: string; choices: ExportChoice[] }) {
  const ids = useId();
  const { from, to, fromError, toError, exporting, start, editFrom, editTo } = useExport();
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
          <DayField
            id={`${ids}-from`}
            label="First day (UTC)"
            hint="Included"
            error={fromError}
            value={from}
            onChange={editFrom}
          />
          <DayField
            id={`${ids}-to`}
            label="Last day (UTC)"
            hint="Included; at most 5 years after the first"
            error={toError}
            value={to}
            onChange={editTo}
          />
        </div>
        <ExportButtons choices={choices} exporting={exporting} start={start} />
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
