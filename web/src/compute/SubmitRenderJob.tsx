import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { answer, client } from '../shared/api';
import type { PostAnswer } from '../shared/api-types';
import { ConfirmDialog } from '../shared/confirm';
import { formatMoney } from '../shared/decimal';
import { useDebounced } from '../shared/hooks';
import { useIntent } from '../shared/intent';
import { useAccount } from '../shared/session';
import { Card, Field } from '../shared/ui';
import { type JobForm, type JobPlan, NEW_JOB, NUMBERS, checkJobForm } from './render-job-form';
import { JobQuoteSummary } from './JobQuoteSummary';

export type JobQuote = PostAnswer<'/v1/accounts/{accountId}/render-job-quote'>;

/**
 * Submitting a render job to the sandbox render farm (issue 15): its resources, tasks and limits;
 * the price on the rate card in force shows before anything is sent (hold and charge per task, the
 * total, the balance after), and the confirmation repeats it. The job id is the farm's key and the
 * Idempotency-Key is kept per intent, so a double submit runs the job once.
 */
export function SubmitRenderJobCard() {
  const [form, setForm] = useState(NEW_JOB);
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const { errors, plan } = checkJobForm(form);
  const quote = useJobQuote(plan ?? null);
  const edit = (key: keyof JobForm, value: string) => {
    setSubmitted(null);
    setForm({ ...form, [key]: value });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!errors.jobId && plan && quote.data) setConfirming(true);
  };
  return (
    <Card title="Submit a render job">
      <p className="muted small">
        Sandbox render farm: the tasks run one after another. Each task holds the cost of its time limit when
        it starts and is charged for the time it ran when it completes.
      </p>
      <form noValidate onSubmit={submit} data-testid="submit-render-job">
        <Field id="job-id" label="Job name" error={tried ? errors.jobId : undefined}>
          <input id="job-id" value={form.jobId} onChange={(e) => edit('jobId', e.target.value)} />
        </Field>
        <div className="job-fields">
          {NUMBERS.map((f) => (
            <Field key={f.key} id={`job-${f.key}`} label={f.label} error={errors[f.key]}>
              <input
                id={`job-${f.key}`}
                inputMode="numeric"
                value={form[f.key]}
                aria-invalid={!!errors[f.key]}
                onChange={(e) => edit(f.key, e.target.value)}
              />
            </Field>
          ))}
        </div>
        <JobQuoteSummary quote={quote.data} pending={!!plan && quote.isPending} error={quote.error} />
        <button type="submit" className="primary" disabled={!plan || !quote.data}>
          {quote.data ? `Submit: ${formatMoney(quote.data.total)} in all` : 'Submit'}
        </button>
        {submitted && (
          <p className="saved" role="status">
            Submitted {submitted}: its tasks appear below as the farm runs them.
          </p>
        )}
      </form>
      {confirming && plan && quote.data && (
        <SubmitConfirm
          request={{ jobId: form.jobId.trim(), ...plan }}
          quote={quote.data}
          onDone={(jobId) => {
            setSubmitted(jobId);
            setForm({ ...form, jobId: '' });
            setTried(false);
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </Card>
  );
}

function useJobQuote(plan: JobPlan | null) {
  const { accountId } = useAccount();
  const settled = useDebounced(plan ? JSON.stringify(plan) : '', 250);
  return useQuery({
    queryKey: ['render-job-quote', accountId, settled],
    queryFn: ({ signal }) =>
      answer(
        client.POST('/v1/accounts/{accountId}/render-job-quote', {
          params: { path: { accountId } },
          body: JSON.parse(settled) as JobPlan,
          signal,
        }),
      ),
    enabled: settled !== '',
  });
}

function SubmitConfirm(props: {
  request: JobPlan & { jobId: string };
  quote: JobQuote;
  onDone: (jobId: string) => void;
  onClose: () => void;
}) {
  const { request, quote } = props;
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const intent = useIntent('render-job');
  const send = useMutation({
    mutationFn: () =>
      answer(
        client.POST('/v1/accounts/{accountId}/render-jobs', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': intent.keyFor(JSON.stringify(request)) },
          body: request,
        }),
      ),
    onSettled: (_d, error) => {
      intent.settle(!error);
      void queryClient.invalidateQueries({ queryKey: ['render-jobs', accountId] });
    },
    onSuccess: () => {
      props.onDone(request.jobId);
      props.onClose();
    },
  });
  return (
    <ConfirmDialog
      title="Submit this render job?"
      confirmLabel={`Submit ${request.jobId}`}
      pendingLabel="Submitting…"
      pending={send.isPending}
      error={send.error}
      onConfirm={() => intent.begin() && send.mutate()}
      onCancel={() => {
        intent.abandon();
        props.onClose();
      }}
    >
      <p data-testid="submit-confirm-text">
        {request.jobId}: {request.tasks} tasks. Each holds {formatMoney(quote.holdPerTask)} of your balance
        when it starts and is charged {formatMoney(quote.chargePerTask)} when it completes (
        {request.secondsPerTask / 60} minutes at {formatMoney(quote.hourlyRate)} an hour):{' '}
        {formatMoney(quote.total)} in all, leaving {formatMoney(quote.availableAfter)}.
        {quote.firstTaskFits
          ? ''
          : ' Your balance cannot hold the first task: the job starts paused until you top up.'}
      </p>
    </ConfirmDialog>
  );
}
