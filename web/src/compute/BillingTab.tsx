import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { acct, api, download } from '../shared/api';
import { useAccount } from '../shared/session';
import type { Instance, RenderJob, Transaction, TransactionPage } from '../shared/api-types';
import {
  Amount,
  Card,
  ErrorBox,
  Spinner,
  StatusBadge,
  formatDate,
  formatServerText,
  formatTime,
  QueryView,
} from '../shared/ui';
import { UsageCard } from './UsageCard';
import { ExportCard } from '../shared/ExportCard';

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

const KINDS = [
  ['', 'All types'],
  ['payment', 'Payment'],
  ['charge', 'Charge'],
  ['promotion', 'Promotion'],
  ['refund', 'Refund'],
  ['other', 'Other'],
] as const;

const KIND_LABEL: Record<string, string> = {
  payment: 'Payment',
  charge: 'Charge',
  promotion: 'Promotion',
  refund: 'Refund',
  other: 'Other',
};

export function TransactionsCard() {
  const { accountId } = useAccount();
  const [kind, setKind] = useState('');
  // The compute line's history is its CREDIT activity; booth tokens and card payments are under Booth.
  const unit = 'CREDIT';
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useQuery({
    queryKey: ['transactions', accountId, kind, unit, cursor],
    queryFn: () => {
      const q = new URLSearchParams({ limit: '10' });
      if (kind) q.set('kind', kind);
      if (unit) q.set('unit', unit);
      if (cursor) q.set('cursor', cursor);
      return api<TransactionPage>('GET', `${acct(accountId)}/transactions?${q}`);
    },
    placeholderData: (previous) => previous,
  });
  const reset = () => setCursors([null]);
  return (
    <Card
      title="Billing overview"
      actions={
        <div className="filters">
          <label>
            <span className="sr-only">Type</span>
            <select
              value={kind}
              onChange={(e) => (setKind(e.target.value), reset())}
              aria-label="Transaction type"
            >
              {KINDS.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        </div>
      }
    >
      <QueryView
        query={page}
        isEmpty={(data) => data.data.length === 0}
        empty={<p className="muted">No transactions{kind ? ` of type ${KIND_LABEL[kind]}` : ''} yet.</p>}
      >
        {(data) => (
          <div className="table-wrap">
            <table className="table stackable" data-testid="transactions">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Type</th>
                  <th scope="col" className="right">
                    Amount
                  </th>
                  <th scope="col">Description</th>
                  <th scope="col">Transaction ID</th>
                  <th scope="col">Invoice</th>
                </tr>
              </thead>
              <tbody>
                {data.data.map((t) => (
                  <TransactionRow key={t.id} t={t} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      <div className="pager">
        <button
          type="button"
          className="secondary small"
          disabled={cursors.length < 2}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          ← Newer
        </button>
        {page.isFetching && !page.isPending && <Spinner label="Loading…" />}
        <button
          type="button"
          className="secondary small"
          disabled={!page.data?.nextCursor}
          onClick={() => setCursors([...cursors, page.data!.nextCursor!])}
        >
          Older →
        </button>
      </div>
    </Card>
  );
}

function TransactionRow({ t }: { t: Transaction }) {
  const link = t.links.invoice;
  const get = useMutation({ mutationFn: () => download(link!, `invoice-${t.id}.pdf`) });
  return (
    <tr data-kind={t.kind}>
      <td className="nowrap" data-label="Time">
        {formatTime(t.createdAt)}
      </td>
      <td data-label="Type">
        <StatusBadge status={t.kind} label={KIND_LABEL[t.kind]} />
      </td>
      <td className="right nowrap" data-label="Amount">
        <Amount money={t.amount} signed />
      </td>
      <td className="desc" data-label="Description">
        <span className="clamp" title={formatServerText(t.description)}>
          {formatServerText(t.description)}
        </span>
      </td>
      <td data-label="Transaction ID">
        {t.links.explorer ? (
          <a href={t.links.explorer} target="_blank" rel="noreferrer" title={t.id}>
            View on-chain ↗
          </a>
        ) : (
          <span className="mono ellipsis id" title={t.id}>
            {t.id}
          </span>
        )}
      </td>
      <td data-label="Invoice">
        {/* A row no document covers (a standalone promotion) has no link, not a dead one. */}
        {link ? (
          <button
            type="button"
            className="secondary small"
            onClick={() => get.mutate()}
            disabled={get.isPending}
            aria-label={`Download invoice of ${formatServerText(t.description)}`}
          >
            {get.isPending ? 'Preparing…' : 'Download'}
          </button>
        ) : (
          <span className="muted">—</span>
        )}
        {get.isError && <ErrorBox error={get.error} />}
      </td>
    </tr>
  );
}

function InstancesCard() {
  const { accountId } = useAccount();
  const list = useQuery({
    queryKey: ['instances', accountId],
    queryFn: () => api<{ data: Instance[] }>('GET', `${acct(accountId)}/instances`),
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
    queryKey: ['render-jobs', accountId],
    queryFn: () => api<{ data: RenderJob[] }>('GET', `${acct(accountId)}/render-jobs?limit=20`),
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
