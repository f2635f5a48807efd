import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { acct, api, download } from '../shared/api';
import { fromMicros, toMicros } from '../shared/decimal';
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
import { useOverview } from './queries';
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

/** Chart geometry only: a display number from an exact string (the figures shown are the strings). */
const plot = (amount: string) => Number(fromMicros(toMicros(amount), 2));

function UsageCard() {
  const overview = useOverview();
  if (overview.isPending)
    return (
      <Card title="Credits usage">
        <Spinner />
      </Card>
    );
  if (overview.isError)
    return (
      <Card title="Credits usage">
        <ErrorBox error={overview.error} onRetry={() => void overview.refetch()} />
      </Card>
    );
  const o = overview.data;
  const usedMicros = toMicros(o.used);
  const totalMicros = toMicros(o.toppedUp);
  const rest = totalMicros > usedMicros ? fromMicros(totalMicros - usedMicros) : '0';
  const pie = [
    { name: 'Used', value: plot(o.used) },
    { name: 'Not used', value: plot(rest) },
  ];
  // Ticks in the page's date format without the year ("02 Mar"), like every other date on the page.
  const days = o.days.map((d) => ({ day: formatDate(d.day).slice(0, 6), used: plot(d.used) }));
  return (
    <Card title="Credits usage">
      <div className="usage">
        <div className="usage-chart" aria-hidden="true">
          <ResponsiveContainer width="100%" height={160}>
            <PieChart accessibilityLayer={false}>
              <Pie
                data={pie}
                dataKey="value"
                innerRadius={50}
                outerRadius={72}
                startAngle={90}
                endAngle={-270}
                rootTabIndex={-1}
                isAnimationActive={false}
              >
                <Cell fill="var(--accent)" />
                <Cell fill="var(--track)" />
              </Pie>
            </PieChart>
          </ResponsiveContainer>
          <div className="usage-center num">{o.usagePercent === null ? '—' : `${o.usagePercent}%`}</div>
        </div>
        <dl className="stats">
          <div>
            <dt>Share used</dt>
            <dd className="num" data-testid="usage-percent">
              {o.usagePercent === null ? 'No top-up yet' : `${o.usagePercent}% of total top-up`}
            </dd>
          </div>
          <div>
            <dt>Credits used</dt>
            <dd>
              <span data-testid="credits-used">
                <Amount money={{ amount: o.used, unit: 'CREDIT' }} />
              </span>
              <small className="muted" data-testid="credits-used-rule">
                {' '}
                charges minus refunds of charges
              </small>
            </dd>
          </div>
          <div>
            <dt>Total top-up</dt>
            <dd>
              <Amount money={{ amount: o.toppedUp, unit: 'CREDIT' }} />
            </dd>
          </div>
          <div>
            <dt>Credits balance</dt>
            <dd data-testid="overview-balance">
              <Amount money={{ amount: o.balance, unit: 'CREDIT' }} />
            </dd>
          </div>
        </dl>
      </div>
      <h3 className="chart-title" id="daily-title">
        Credits used per day, last 30 days (UTC)
      </h3>
      <div className="daily" role="img" aria-labelledby="daily-title">
        <ResponsiveContainer width="100%" height={180}>
          <BarChart accessibilityLayer={false} data={days} margin={{ top: 8, right: 8, bottom: 6, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--line)" />
            <XAxis
              dataKey="day"
              tick={{ fontSize: 11 }}
              interval={6}
              // The title sits inside the axis' own height, below the ticks, so nothing clips it.
              label={{ value: 'Day (UTC)', position: 'insideBottom', offset: 0, fontSize: 11 }}
              height={40}
            />
            <YAxis
              tick={{ fontSize: 11 }}
              width={56}
              label={{ value: 'Credits', angle: -90, position: 'insideLeft', fontSize: 11 }}
            />
            <Tooltip separator=": " formatter={(v) => [`${String(v)} credits`, 'Credits used']} />
            <Bar dataKey="used" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </Card>
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
