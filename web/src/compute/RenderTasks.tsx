import { useQuery } from '@tanstack/react-query';
import { answer, client } from '../shared/api';
import { useAccount } from '../shared/session';
import { Amount, QueryView, StatusBadge } from '../shared/ui';

const minutes = (seconds: number) => `${Math.round((seconds / 60) * 100) / 100} min`;

/** A job's tasks in the order they started: status, what each held and what it was charged. */
export function RenderTasks({ jobId }: { jobId: string }) {
  const { accountId } = useAccount();
  const tasks = useQuery({
    queryKey: ['render-jobs', accountId, jobId, 'tasks'],
    queryFn: () =>
      answer(
        client.GET('/v1/accounts/{accountId}/render-jobs/{jobId}/tasks', {
          params: { path: { accountId, jobId } },
        }),
      ),
    refetchInterval: 15_000,
  });
  return (
    <QueryView
      query={tasks}
      isEmpty={(d) => d.data.length === 0}
      empty={<p className="muted">No task has started yet.</p>}
    >
      {(d) => (
        <table className="table stackable" data-testid={`tasks-${jobId}`}>
          <caption className="muted small">Tasks of {jobId}</caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Status</th>
              <th scope="col">Ran</th>
              <th scope="col" className="right">
                Held
              </th>
              <th scope="col" className="right">
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {d.data.map((t) => (
              <tr key={t.id}>
                <td data-label="Task">{t.taskId}</td>
                <td data-label="Status">
                  <StatusBadge status={t.status} />
                  {t.failureReason && <div className="small">{t.failureReason}</div>}
                </td>
                <td data-label="Ran">{t.usage ? minutes(t.usage.seconds) : '—'}</td>
                <td data-label="Held" className="right">
                  {t.status === 'running' ? <Amount money={t.maxCost} /> : '—'}
                </td>
                <td data-label="Cost" className="right">
                  {t.actualCost ? (
                    <Amount money={t.actualCost} />
                  ) : t.status === 'failed' ? (
                    'not charged'
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryView>
  );
}
