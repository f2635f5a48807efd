import { useQuery } from '@tanstack/react-query';
import { answer, client } from '../shared/api';
import { ExportCard } from '../shared/ExportCard';
import { useAccount } from '../shared/session';
import { Amount, Card, StatusBadge, formatDate, QueryView } from '../shared/ui';
import { TransactionsCard } from './TransactionsCard';
import { UsageCard } from './UsageCard';

export function BillingTab() {
  return (
    <div className="stack">
      <UsageCard />
      <TransactionsCard />
      <ExportCard
        title="Export"
        choices={[
          { file: 'transactions.csv', label: 'Export transactions (CSV)' },
          { file: 'invoices.csv', label: 'Export invoices (CSV)' },
        ]}
      />
      <div className="grid two">
        <InstancesCard />
        <RenderJobsCard />
      </div>
    </div>
  );
}

function InstancesCard() {
  const { accountId } = useAccount();
  const list = useQuery({
    queryKey: ['instances', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/instances', { params: { path: { accountId } } })),
  });
  return (
    <Card title="GPU instances">
      <QueryView
        query={list}
        isEmpty={(data) => data.data.length === 0}
        empty={<p className="muted">No GPU instances.</p>}
      >
        {(data) => (
          <ul className="rows">
            {data.data.map((i) => (
              <li key={i.id}>
                <div className="row-main">
                  <strong className="ellipsis" title={i.instanceType}>
                    {i.instanceType}
                  </strong>
                  <StatusBadge status={i.status} />
                </div>
                <div className="muted small">
                  {i.status === 'running' && (
                    <>
                      <Amount money={i.computeRatePerHour} />
                      /h compute · paid until {formatDate(i.currentPeriodEnd)}
                      {i.autoRenew ? ' · renews automatically' : ''}
                    </>
                  )}
                  {i.status === 'stopped' && (
                    <>
                      Stopped: no compute fee; storage {i.diskGb} GB costs{' '}
                      <Amount money={i.hourlyStorageFee} /> per hour
                    </>
                  )}
                  {i.status === 'terminated' && (
                    <>Terminated {i.terminatedAt ? formatDate(i.terminatedAt) : ''}: its data is gone</>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}

function RenderJobsCard() {
  const { accountId } = useAccount();
  const list = useQuery({
    // Its own key: the Render jobs tab lists the same route without a limit.
    queryKey: ['render-jobs', accountId, { limit: 20 }],
    queryFn: () =>
      answer(
        client.GET('/v1/accounts/{accountId}/render-jobs', {
          params: { path: { accountId }, query: { limit: 20 } },
        }),
      ),
  });
  return (
    <Card title="Render jobs">
      <QueryView
        query={list}
        isEmpty={(data) => data.data.length === 0}
        empty={<p className="muted">No render jobs.</p>}
      >
        {(data) => (
          <ul className="rows">
            {data.data.map((j) => (
              <li key={j.id}>
                <div className="row-main">
                  <strong className="ellipsis" title={j.jobId}>
                    {j.jobId}
                  </strong>
                  <StatusBadge status={j.status} label={j.statusLabel} />
                </div>
                <div className="muted small">
                  {j.tasks.completed} task{j.tasks.completed === 1 ? '' : 's'} done, {j.tasks.running} running
                  {j.tasks.failed ? `, ${j.tasks.failed} failed` : ''}
                  {j.required && (
                    <>
                      {' '}
                      · needs <Amount money={j.required} /> for its next task: top up to resume
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}
