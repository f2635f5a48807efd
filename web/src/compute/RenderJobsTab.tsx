import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { answer, client } from '../shared/api';
import type { RenderJobRow } from '../shared/api-types';
import { useIntent } from '../shared/intent';
import { useAccount } from '../shared/session';
import { Amount, Card, ErrorBox, QueryView, Spinner, StatusBadge, formatTime } from '../shared/ui';
import { RenderTasks } from './RenderTasks';
import { SubmitRenderJobCard } from './SubmitRenderJob';

/** Render jobs: submit one (sandbox farm); status, tasks and their costs, cost so far; Resume. */
export function RenderJobsTab() {
  return (
    <div className="stack">
      <SubmitRenderJobCard />
      <RenderJobList />
    </div>
  );
}

function RenderJobList() {
  const { accountId } = useAccount();
  const jobs = useQuery({
    queryKey: ['render-jobs', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/render-jobs', { params: { path: { accountId } } })),
    refetchInterval: 15_000,
  });
  return (
    <Card title="Render jobs">
      <p className="muted small">
        Each completed task is charged for the resources it used × its seconds. When the balance cannot cover
        the next task, the job pauses; it resumes by itself after a top-up, or with Resume.
      </p>
      <QueryView
        query={jobs}
        isEmpty={(d) => d.data.length === 0}
        empty={<p className="muted">No render jobs yet.</p>}
      >
        {(d) => (
          <table className="table stackable" data-testid="render-jobs">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Status</th>
                <th scope="col">Tasks</th>
                <th scope="col" className="right">
                  Cost so far
                </th>
                <th scope="col">Updated</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {d.data.map((j) => (
                <JobRow key={j.id} job={j} />
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </Card>
  );
}

function JobRow({ job: j }: { job: RenderJobRow }) {
  const [open, setOpen] = useState(false);
  const paused = j.status === 'paused_insufficient_credits';
  return (
    <>
      <tr data-testid={`job-${j.jobId}`}>
        <td data-label="Job">
          <strong>{j.jobId}</strong>
        </td>
        <td data-label="Status">
          <StatusBadge status={j.status} label={j.statusLabel} />
          {paused && j.required && (
            <div className="small">
              The next task needs <Amount money={j.required} /> available.
            </div>
          )}
        </td>
        <td data-label="Tasks">
          {j.tasks.completed} completed, {j.tasks.running} running
          {j.tasks.failed ? `, ${j.tasks.failed} failed` : ''}
        </td>
        <td data-label="Cost so far" className="right">
          <Amount money={j.costSoFar} />
        </td>
        <td data-label="Updated" className="nowrap">
          {formatTime(j.updatedAt)}
        </td>
        <td data-label="Actions">
          <button
            type="button"
            className="secondary small"
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} the tasks of ${j.jobId}`}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide tasks' : 'Tasks'}
          </button>{' '}
          {paused && <ResumeButton jobId={j.jobId} />}
        </td>
      </tr>
      {open && (
        <tr className="subrow">
          <td colSpan={6}>
            <RenderTasks jobId={j.jobId} />
          </td>
        </tr>
      )}
    </>
  );
}

function ResumeButton({ jobId }: { jobId: string }) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const intent = useIntent('resume');
  const resume = useMutation({
    mutationFn: () =>
      answer(
        client.POST('/v1/accounts/{accountId}/render-jobs/{jobId}/resume', {
          params: { path: { accountId, jobId } },
          headers: { 'idempotency-key': intent.keyFor(jobId) },
        }),
      ),
    onSettled: (_d, error) => {
      intent.settle(!error);
      void queryClient.invalidateQueries();
    },
  });
  return (
    <>
      <button
        type="button"
        className="primary small"
        disabled={resume.isPending}
        aria-label={`Resume ${jobId}`}
        onClick={() => intent.begin() && resume.mutate()}
      >
        {resume.isPending ? <Spinner label="Resuming…" /> : 'Resume'}
      </button>
      {resume.isError && <ErrorBox error={resume.error} />}
    </>
  );
}
