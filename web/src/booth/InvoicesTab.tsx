import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { answer, client, download } from '../shared/api';
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
import { NotAvailable, cardLabel, isMissingRoute, usePaymentMethods } from './common';
import type { BoothInvoice } from '../shared/api-types';
import { navigate } from '../shared/router';
import { ExportCard } from '../shared/ExportCard';
import { dunningSentence, invoiceDescription, isPayable } from './booth-invoice-text';

/** The invoice list, 20 a page, newest first; the cursors of the pages seen so far, for ← Newer. */
function useInvoicePages() {
  const { accountId } = useAccount();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const list = useQuery({
    queryKey: ['booth-invoices', accountId, cursor],
    queryFn: () =>
      answer(
        client.GET('/v1/accounts/{accountId}/booth-invoices', {
          params: { path: { accountId }, query: { limit: 20, cursor: cursor ?? undefined } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
  const nextCursor = list.data?.nextCursor;
  return {
    list,
    hasNewer: cursors.length > 1,
    hasOlder: !!nextCursor,
    newer: () => setCursors(cursors.slice(0, -1)),
    older: () => setCursors([...cursors, nextCursor!]),
  };
}

export function InvoicesTab() {
  const pages = useInvoicePages();
  const { list } = pages;
  if (list.isError && isMissingRoute(list.error)) return <NotAvailable what="The invoice history" />;
  return (
    <div className="stack">
      <Card title="Invoices">
        <QueryView
          query={list}
          isEmpty={(data) => data.data.length === 0}
          empty={<p className="muted">No invoices yet.</p>}
        >
          {(data) => <InvoicesTable invoices={data.data} />}
        </QueryView>
        {(pages.hasNewer || pages.hasOlder) && (
          <div className="pager">
            <button
              type="button"
              className="secondary small"
              disabled={!pages.hasNewer}
              onClick={pages.newer}
            >
              ← Newer
            </button>
            <button
              type="button"
              className="secondary small"
              disabled={!pages.hasOlder}
              onClick={pages.older}
            >
              Older →
            </button>
          </div>
        )}
      </Card>
      <FailedPayments />
      <ExportCard title="Export" choices={[{ file: 'invoices.csv', label: 'Export invoices (CSV)' }]} />
    </div>
  );
}

function InvoicesTable({ invoices }: { invoices: BoothInvoice[] }) {
  return (
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
          {invoices.map((inv) => (
            <InvoiceRow key={inv.id} invoice={inv} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Declined card payments (issue 16): a declined purchase leaves no invoice, only this. What was
 * tried, when, on which card, and why, in the server's sentence.
 */
function FailedPayments() {
  const { accountId } = useAccount();
  const failed = useQuery({
    queryKey: ['payment-attempts', accountId],
    queryFn: () =>
      answer(
        client.GET('/v1/accounts/{accountId}/payment-attempts', {
          params: { path: { accountId }, query: { outcome: 'declined', limit: 10 } },
        }),
      ),
  });
  if (failed.isError && isMissingRoute(failed.error)) return null;
  if (!failed.data || failed.data.data.length === 0) return null;
  return (
    <Card title="Failed payments">
      <p className="muted small">
        Card payments that were declined. A declined purchase is not an invoice: nothing was charged.
      </p>
      <ul className="plain" data-testid="failed-payments">
        {failed.data.data.map((a) => (
          <li key={`${a.invoiceId}:${a.attempt}`} data-attempt={`${a.invoiceId}:${a.attempt}`}>
            <strong className="nowrap">{formatDate(a.attemptedAt)}</strong> ·{' '}
            {formatServerText(a.description)} · <Amount money={a.amount} /> ·{' '}
            {a.card ? cardLabel(a.card) : 'no card'}
            {a.invoiceNumber && <span className="mono"> · {a.invoiceNumber}</span>}
            <br />
            <span className="field-error">{a.reason}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/**
 * Paying an open invoice from the page: Pay now asks first (ChargeConfirm names the amount and the
 * card); Pay charges once per intent (one Idempotency-Key, re-entry refused while it runs).
 */
function usePayInvoice(invoice: BoothInvoice) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const intent = useIntent('pay-invoice');
  const [confirming, setConfirming] = useState(false);
  const pay = useMutation({
    mutationFn: () =>
      answer(
        client.POST('/v1/accounts/{accountId}/booth-invoices/{invoiceId}/pay', {
          params: { path: { accountId, invoiceId: invoice.id } },
          headers: { 'idempotency-key': intent.keyFor(invoice.id) },
        }),
      ),
    onSuccess: () => {
      intent.settle(true);
      setConfirming(false);
      void queryClient.invalidateQueries();
    },
    onError: (error) => intent.settle(isPermanent(error)),
  });
  return {
    pay,
    confirming,
    ask: () => {
      pay.reset();
      setConfirming(true);
    },
    confirm: () => intent.begin() && pay.mutate(),
    cancel: () => {
      intent.abandon();
      setConfirming(false);
    },
    close: () => !pay.isPending && setConfirming(false),
  };
}

function InvoiceRow({ invoice }: { invoice: BoothInvoice }) {
  const label = invoice.number ?? invoice.id;
  const defaultCard = usePaymentMethods().data?.data.find((c) => c.isDefault);
  const dunning = dunningSentence(invoice, defaultCard ? cardLabel(defaultCard) : null);
  const payment = usePayInvoice(invoice);
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
        <span className="clamp" title={invoiceDescription(invoice)}>
          {invoiceDescription(invoice)}
        </span>
        {dunning && (
          <p className="small field-error" data-testid="dunning">
            {dunning}{' '}
            <button type="button" className="link small" onClick={() => navigate('/booth/payment')}>
              Change card
            </button>
          </p>
        )}
      </td>
      <td data-label="Amount" className="right nowrap" data-testid="invoice-total">
        <Amount money={invoice.amount} />
      </td>
      <td data-label="Status">
        <StatusBadge status={invoice.status} />
        {isPayable(invoice) && <PayButton payment={payment} retry={!!dunning} />}
        {payment.confirming && <PayConfirm invoice={invoice} label={label} payment={payment} />}
      </td>
      <td data-label="PDF">
        <InvoicePdf invoice={invoice} label={label} />
      </td>
    </tr>
  );
}

type InvoicePayment = ReturnType<typeof usePayInvoice>;

/** Pay now, or Retry now after a declined renewal. */
function PayButton({ payment: { pay, ask }, retry }: { payment: InvoicePayment; retry: boolean }) {
  return (
    <button
      type="button"
      className="primary small"
      style={{ marginLeft: '0.4rem' }}
      disabled={pay.isPending}
      onClick={ask}
    >
      {pay.isPending ? 'Paying…' : retry ? 'Retry now' : 'Pay now'}
    </button>
  );
}

function PayConfirm({
  invoice,
  label,
  payment,
}: {
  invoice: BoothInvoice;
  label: string;
  payment: InvoicePayment;
}) {
  return (
    <Modal title="Confirm payment" onClose={payment.close}>
      <ChargeConfirm
        what={`Invoice ${label}`}
        amount={invoice.amount}
        pending={payment.pay.isPending}
        error={payment.pay.error ?? undefined}
        onConfirm={payment.confirm}
        onCancel={payment.cancel}
      />
    </Modal>
  );
}

function InvoicePdf({ invoice, label }: { invoice: BoothInvoice; label: string }) {
  const pdfPath = invoice.pdfUrl;
  const get = useMutation({ mutationFn: () => download(pdfPath!, `${invoice.number ?? invoice.id}.pdf`) });
  return (
    <>
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
    </>
  );
}
