import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { answer, client } from '../shared/api';
import { useAccount } from '../shared/session';
import type { Transaction, TransactionPage } from '../shared/api-types';
import { Amount, Card, QueryView, formatServerText, formatTime } from '../shared/ui';

/**
 * The booth line's own history (TOKEN movements and card payments in USD) beside its invoices,
 * and an "All activity" view that shows every line with a label. Compute → Billing shows CREDIT
 * only, so a booth purchase never reads there as a payment and a charge of the same amount.
 */
const LINE: Record<string, string> = { CREDIT: 'Compute', TOKEN: 'Booth', USD: 'Booth', USDT: 'Compute' };
const KIND: Record<string, string> = {
  payment: 'Payment',
  charge: 'Charge',
  promotion: 'Promotion',
  refund: 'Refund',
  other: 'Other',
};
/**
 * A booth purchase is an invoice (−$198.00) settled by a card payment (+$198.00): named so, the two
 * rows read as "billed, then paid" rather than as a payment and a second charge.
 */
const USD_KIND: Record<string, string> = { charge: 'Invoice', payment: 'Card payment' };
const kindLabel = (t: Transaction) =>
  (t.amount.unit === 'USD' ? USD_KIND[t.kind] : undefined) ?? KIND[t.kind] ?? t.kind;

/** The account's last 50 movements; the booth line's alone unless `all`. */
function useActivity(all: boolean) {
  const { accountId } = useAccount();
  const list = useQuery({
    queryKey: ['transactions', accountId, 'activity'],
    queryFn: () =>
      answer(
        client.GET('/v1/accounts/{accountId}/transactions', {
          params: { path: { accountId }, query: { limit: 50 } },
        }),
      ),
  });
  const rows = (data: TransactionPage): Transaction[] =>
    all ? data.data : data.data.filter((t) => LINE[t.amount.unit] === 'Booth');
  return { list, rows };
}

export function ActivityCard() {
  const [all, setAll] = useState(false);
  const { list, rows } = useActivity(all);
  return (
    <Card
      title={all ? 'All activity' : 'Booth activity'}
      actions={<ActivitySwitch all={all} onChange={setAll} />}
    >
      <QueryView
        query={list}
        isEmpty={(data) => rows(data).length === 0}
        empty={<p className="muted">No activity yet.</p>}
      >
        {(data) => <ActivityTable transactions={rows(data)} all={all} />}
      </QueryView>
    </Card>
  );
}

/** Booth | All activity, one tab stop (the checked one). */
function ActivitySwitch({ all, onChange }: { all: boolean; onChange: (all: boolean) => void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label="Activity shown">
      <button
        type="button"
        role="radio"
        aria-checked={!all}
        tabIndex={all ? -1 : 0}
        onClick={() => onChange(false)}
      >
        Booth
      </button>
      <button
        type="button"
        role="radio"
        aria-checked={all}
        tabIndex={all ? 0 : -1}
        onClick={() => onChange(true)}
      >
        All activity
      </button>
    </div>
  );
}

function ActivityTable({ transactions, all }: { transactions: Transaction[]; all: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table stackable" data-testid="booth-activity">
        <thead>
          <tr>
            <th scope="col">Time</th>
            {all && <th scope="col">Line</th>}
            <th scope="col">Type</th>
            <th scope="col" className="right">
              Amount
            </th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {transactions.map((t) => (
            <tr key={t.id} data-unit={t.amount.unit}>
              <td data-label="Time" className="nowrap">
                {formatTime(t.createdAt)}
              </td>
              {all && <td data-label="Line">{LINE[t.amount.unit] ?? t.amount.unit}</td>}
              <td data-label="Type">{kindLabel(t)}</td>
              <td data-label="Amount" className="right nowrap">
                <Amount money={t.amount} signed />
              </td>
              <td data-label="Description" className="desc">
                <span className="clamp" title={formatServerText(t.description)}>
                  {formatServerText(t.description)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
