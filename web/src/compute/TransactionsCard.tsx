import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { answer, client, download } from '../shared/api';
import type { Transaction } from '../shared/api-types';
import { useAccount } from '../shared/session';
import {
  Amount,
  Card,
  ErrorBox,
  Spinner,
  StatusBadge,
  QueryView,
  formatServerText,
  formatTime,
} from '../shared/ui';

const KINDS = [
  ['', 'All types'],
  ['payment', 'Payment'],
  ['charge', 'Charge'],
  ['promotion', 'Promotion'],
  ['refund', 'Refund'],
  ['other', 'Other'],
] as const;

/** A transaction kind the filter offers, or '' for all. */
type KindFilter = (typeof KINDS)[number][0];

const KIND_LABEL: Record<string, string> = {
  payment: 'Payment',
  charge: 'Charge',
  promotion: 'Promotion',
  refund: 'Refund',
  other: 'Other',
};

/**
 * The account's CREDIT history ten rows at a time, newest first. Earlier pages' cursors are kept,
 * so Newer goes back without asking again for the way there; a new filter starts at the newest.
 */
function useTransactionPages(kind: KindFilter) {
  const { accountId } = useAccount();
  // The compute line's history is its CREDIT activity; booth tokens and card payments are under Booth.
  const unit = 'CREDIT';
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useQuery({
    queryKey: ['transactions', accountId, kind, unit, cursor],
    queryFn: () =>
      answer(
        client.GET('/v1/accounts/{accountId}/transactions', {
          params: {
            path: { accountId },
            query: { limit: 10, kind: kind || undefined, unit, cursor: cursor ?? undefined },
          },
        }),
      ),
    placeholderData: (previous) => previous,
  });
  const next = page.data?.nextCursor;
  return {
    page,
    newer: cursors.length < 2 ? undefined : () => setCursors(cursors.slice(0, -1)),
    older: next ? () => setCursors([...cursors, next]) : undefined,
    reset: () => setCursors([null]),
  };
}

export function TransactionsCard() {
  const [kind, setKind] = useState<KindFilter>('');
  const { page, newer, older, reset } = useTransactionPages(kind);
  return (
    <Card
      title="Billing overview"
      actions={<KindSelect kind={kind} onChange={(k) => (setKind(k), reset())} />}
    >
      <QueryView
        query={page}
        isEmpty={(data) => data.data.length === 0}
        empty={<p className="muted">No transactions{kind ? ` of type ${KIND_LABEL[kind]}` : ''} yet.</p>}
      >
        {(data) => <TransactionsTable rows={data.data} />}
      </QueryView>
      <div className="pager">
        <button type="button" className="secondary small" disabled={!newer} onClick={newer}>
          ← Newer
        </button>
        {page.isFetching && !page.isPending && <Spinner label="Loading…" />}
        <button type="button" className="secondary small" disabled={!older} onClick={older}>
          Older →
        </button>
      </div>
    </Card>
  );
}

function KindSelect({ kind, onChange }: { kind: KindFilter; onChange: (kind: KindFilter) => void }) {
  return (
    <div className="filters">
      <label>
        <span className="sr-only">Type</span>
        <select
          value={kind}
          onChange={(e) => onChange(KINDS.find(([v]) => v === e.target.value)?.[0] ?? '')}
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
  );
}

function TransactionsTable({ rows }: { rows: Transaction[] }) {
  return (
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
          {rows.map((t) => (
            <TransactionRow key={t.id} t={t} />
          ))}
        </tbody>
      </table>
    </div>
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
