import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { acct, api, download } from '../shared/api';
import { useAccount } from '../shared/session';
import {
  Amount,
  Card,
  ErrorBox,
  Modal,
  QueryView,
  StatusBadge,
  formatDate,
  formatServerText,
} from '../shared/ui';
import { isPermanent } from '../shared/errors';
import { useIntent } from '../shared/intent';
import { ChargeConfirm } from './ChargeConfirm';
import { NotAvailable, isMissingRoute } from './common';
import type { BoothInvoice } from '../shared/api-types';
import { ExportCard } from '../shared/ExportCard';

export function InvoicesTab() {
  const { accountId } = useAccount();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const list = useQuery({
    queryKey: ['booth-invoices', accountId, cursor],
    queryFn: () =>
      api<{ data: BoothInvoice[]; nextCursor: string | null }>(
        'GET',
        `${acct(accountId)}/booth-invoices?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    placeholderData: (previous) => previous,
  });
  if (list.isError && isMissingRoute(list.error)) return <NotAvailable what="The invoice history" />;
  return (
    <div className="stack">
      <Card title="Invoices">
        <QueryView
          query={list}
          isEmpty={(data) => data.data.length === 0}
          empty={<p className="muted">No invoices yet.</p>}
        >
          {(data) => (
            <div className="table-wrap">
              <table className="table stackable" data-testid="booth-invoices">
                <thead>
                  <tr>
                    <th scope="col">Invoice</th>
                    <th scope="col">Date</th>
                    <th scope="col">Description</th>
                    <th scope="col" className="right">
                      Amount
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col">PDF</th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.map((inv) => (
                    <InvoiceRow key={inv.id} invoice={inv} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryView>
        {(cursors.length > 1 || list.data?.nextCursor) && (
          <div className="pager">
            <button
              type="button"
              className="secondary small"
              disabled={cursors.length < 2}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              ← Newer
            </button>
            <button
              type="button"
              className="secondary small"
              disabled={!list.data?.nextCursor}
              onClick={() => setCursors([...cursors, list.data!.nextCursor!])}
            >
              Older →
            </button>
          </div>
        )}
      </Card>
      <ExportCard title="Export" choices={[{ file: 'invoices.csv', label: 'Export invoices (CSV)' }]} />
    </div>
  );
}

const describe = (inv: BoothInvoice) => (inv.description ? formatServerText(inv.description) : '—');

function InvoiceRow({ invoice }: { invoice: BoothInvoice }) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const pdfPath = invoice.pdfUrl;
  const get = useMutation({ mutationFn: () => download(pdfPath!, `${invoice.number ?? invoice.id}.pdf`) });
  const intent = useIntent('pay-invoice');
  const [confirming, setConfirming] = useState(false);
  const pay = useMutation({
    mutationFn: () =>
      api('POST', `${acct(accountId)}/booth-invoices/${invoice.id}/pay`, {
        idempotencyKey: intent.keyFor(invoice.id),
      }),
    onSuccess: () => {
      intent.settle(true);
      setConfirming(false);
      void queryClient.invalidateQueries();
    },
    onError: (error) => intent.settle(isPermanent(error)),
  });
  const label = invoice.number ?? invoice.id;
  return (
    <tr data-invoice={invoice.id}>
      <td data-label="Invoice">
        <span className="mono ellipsis id" title={invoice.id}>
          {label}
        </span>
      </td>
      <td data-label="Date" className="nowrap">
        {formatDate(invoice.date)}
      </td>
      <td data-label="Description" className="desc">
        <span className="clamp" title={describe(invoice)}>
          {describe(invoice)}
        </span>
      </td>
      <td data-label="Amount" className="right nowrap" data-testid="invoice-total">
        <Amount money={invoice.amount} />
      </td>
      <td data-label="Status">
        <StatusBadge status={invoice.status} />
        {invoice.status === 'open' && (
          <button
            type="button"
            className="primary small"
            style={{ marginLeft: '0.4rem' }}
            disabled={pay.isPending}
            onClick={() => {
              pay.reset();
              setConfirming(true);
            }}
          >
            {pay.isPending ? 'Paying…' : 'Pay now'}
          </button>
        )}
        {confirming && (
          <Modal title="Confirm payment" onClose={() => !pay.isPending && setConfirming(false)}>
            <ChargeConfirm
              what={`Invoice ${label}`}
              amount={invoice.amount}
              pending={pay.isPending}
              error={pay.error ?? undefined}
              onConfirm={() => intent.begin() && pay.mutate()}
              onCancel={() => {
                intent.abandon();
                setConfirming(false);
              }}
            />
          </Modal>
        )}
      </td>
      <td data-label="PDF">
        {pdfPath === null ? (
          <span className="muted small">not issued</span>
        ) : (
          <button
            type="button"
            className="secondary small"
            disabled={get.isPending}
            onClick={() => get.mutate()}
            aria-label={`Download invoice ${label} as PDF`}
          >
            {get.isPending ? 'Preparing…' : 'PDF'}
          </button>
        )}
        {get.isError && <ErrorBox error={get.error} />}
      </td>
    </tr>
  );
}
