import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { answer, client } from '../shared/api';
import { isPermanent } from '../shared/errors';
import { useIntent } from '../shared/intent';
import { navigate } from '../shared/router';
import { useAccount } from '../shared/session';
import {
  Amount,
  Card,
  ErrorBox,
  Modal,
  Spinner,
  formatDate,
  formatServerText,
  QueryView,
} from '../shared/ui';
import { NotAvailable, TIER_LABEL, isMissingRoute } from './common';
import { TIER_ORDER } from './license-purchase';
import { EnterpriseCard } from './EnterpriseCard';
import { LicensesTable } from './LicensesTable';
import { lockSentence } from './licenses-text';
import { PurchaseModal } from './PurchaseModal';
import type { License, Purchased, Tier } from '../shared/api-types';

/** "Next invoice on <date>: <total>" per billing date, with its lines, as the renewal will charge. */
function UpcomingInvoiceCard() {
  const { accountId } = useAccount();
  const upcoming = useQuery({
    queryKey: ['licenses', accountId, 'upcoming-invoice'],
    queryFn: () =>
      answer(
        client.GET('/v1/accounts/{accountId}/licenses/upcoming-invoice', { params: { path: { accountId } } }),
      ),
  });
  if (upcoming.isError && isMissingRoute(upcoming.error)) return null;
  if (!upcoming.data || upcoming.data.data.length === 0) return null;
  return (
    <Card title="Next invoice">
      {upcoming.data.data.map((u) => (
        <div key={u.billingDate} data-testid="upcoming-invoice" className="stack">
          <p>
            <strong>
              Next invoice on {formatDate(u.billingDate)}: <Amount money={u.total} />
            </strong>
          </p>
          <table className="table">
            <tbody>
              {u.lines.map((l, i) => (
                <tr key={i}>
                  <td>{formatServerText(l.description)}</td>
                  <td className="right">
                    <Amount money={l.amount} />
                  </td>
                </tr>
              ))}
              {u.creditApplied.amount !== '0.00' && (
                <tr>
                  <td>Account credit applied</td>
                  <td className="right">
                    −<Amount money={u.creditApplied} />
                  </td>
                </tr>
              )}
              <tr>
                <th scope="row">Total</th>
                <td className="right">
                  <strong>
                    <Amount money={u.total} />
                  </strong>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      ))}
    </Card>
  );
}

function useLicenses() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['licenses', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/licenses', { params: { path: { accountId } } })),
  });
}

function useBoothStatus() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['booth-status', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/booth-status', { params: { path: { accountId } } })),
  });
}

export function LicensesTab() {
  const [buying, setBuying] = useState(false);
  const [bought, setBought] = useState<Purchased | null>(null);
  const [cancelling, setCancelling] = useState<License | null>(null);
  const [downgrading, setDowngrading] = useState<License | null>(null);
  const licenses = useLicenses();
  const status = useBoothStatus();
  if (licenses.isError && isMissingRoute(licenses.error)) return <NotAvailable what="Licensing" />;
  return (
    <div className="stack">
      {status.data?.locked && (
        <p className="notice" role="note">
          <strong>Your booth account is locked.</strong> {lockSentence(status.data.reason)}
        </p>
      )}
      {bought && <PurchaseSuccess bought={bought} />}
      <Card
        title="Licenses"
        actions={
          <button type="button" className="primary" onClick={() => setBuying(true)}>
            Add License
          </button>
        }
      >
        <QueryView
          query={licenses}
          isEmpty={(data) => data.data.length === 0}
          empty={<p className="muted">No licenses yet. Add one to run events.</p>}
        >
          {(data) => (
            <LicensesTable licenses={data.data} onCancel={setCancelling} onDowngrade={setDowngrading} />
          )}
        </QueryView>
      </Card>
      <UpcomingInvoiceCard />
      <EnterpriseCard status={status.data} />
      {buying && (
        <PurchaseModal
          onClose={() => setBuying(false)}
          onDone={(p) => {
            setBuying(false);
            setBought(p);
          }}
        />
      )}
      {cancelling && <CancelModal license={cancelling} onClose={() => setCancelling(null)} />}
      {downgrading && <DowngradeModal license={downgrading} onClose={() => setDowngrading(null)} />}
    </div>
  );
}

function PurchaseSuccess({ bought }: { bought: Purchased }) {
  return (
    <div className="success" role="status" data-testid="purchase-success">
      Purchase complete: {bought.licenses.length} license{bought.licenses.length === 1 ? '' : 's'}, charged{' '}
      <Amount money={bought.total} /> to your default card.{' '}
      <button type="button" className="link" onClick={() => navigate('/booth/invoices')}>
        See the invoice
      </button>
    </div>
  );
}

/**
 * Cancelling at period end: one Idempotency-Key per intent (this license, this dialog opening), so a
 * retry after a network error or a 5xx is the same request; a success or a refusal ends the intent.
 */
function CancelModal({ license, onClose }: { license: License; onClose: () => void }) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const intent = useIntent('cancel');
  const cancel = useMutation({
    mutationFn: () =>
      answer(
        client.POST('/v1/accounts/{accountId}/licenses/{licenseId}/cancel', {
          params: { path: { accountId, licenseId: license.id } },
          headers: { 'idempotency-key': intent.keyFor(license.id) },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['licenses', accountId] }),
    onSettled: (_data, error) => intent.settle(!error || isPermanent(error)),
  });
  const until = cancel.data?.cancelEffectiveAt ?? license.currentPeriodEnd;
  return (
    <Modal title={`Cancel ${TIER_LABEL[license.tier]} license`} onClose={onClose}>
      {cancel.isSuccess ? (
        <p className="success" role="status">
          Cancelled. The license stays active until <strong>{formatDate(until)}</strong>, then it is removed.
        </p>
      ) : (
        <p>
          The license stays active until the end of its current period, <strong>{formatDate(until)}</strong>:
          events are never cut off mid-cycle. It will not renew.
        </p>
      )}
      {cancel.isError && <ErrorBox error={cancel.error} />}
      <div className="form-actions">
        {!cancel.isSuccess && (
          <button
            type="button"
            className="danger"
            onClick={() => intent.begin() && cancel.mutate()}
            disabled={cancel.isPending}
          >
            {cancel.isPending ? <Spinner label="Cancelling…" /> : `Cancel at ${formatDate(until)}`}
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          {cancel.isSuccess ? 'Close' : 'Keep license'}
        </button>
      </div>
    </Modal>
  );
}

/** Downgrading at renewal: one key per intent (license and tier); another tier is a new intent. */
function DowngradeModal({ license, onClose }: { license: License; onClose: () => void }) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const lower = TIER_ORDER.slice(0, TIER_ORDER.indexOf(license.tier as Tier));
  const [tier, setTier] = useState<Tier>(lower[lower.length - 1] ?? 'basic');
  const intent = useIntent('downgrade');
  const downgrade = useMutation({
    mutationFn: () =>
      answer(
        client.POST('/v1/accounts/{accountId}/licenses/{licenseId}/downgrade', {
          params: { path: { accountId, licenseId: license.id } },
          headers: { 'idempotency-key': intent.keyFor(`${license.id}:${tier}`) },
          body: { tier },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['licenses', accountId] }),
    onSettled: (_data, error) => intent.settle(!error || isPermanent(error)),
  });
  const at = downgrade.data?.downgradeEffectiveAt ?? license.renewsAt ?? license.currentPeriodEnd;
  return (
    <Modal title={`Downgrade ${TIER_LABEL[license.tier]} license`} onClose={onClose}>
      {downgrade.isSuccess ? (
        <p className="success" role="status">
          Done: it becomes {TIER_LABEL[tier]} at its renewal on <strong>{formatDate(at)}</strong>.
        </p>
      ) : (
        <>
          <p>
            A downgrade takes effect at the next renewal, <strong>{formatDate(at)}</strong>. Until then the
            license keeps its {TIER_LABEL[license.tier]} features.
          </p>
          <div className="segmented" role="radiogroup" aria-label="New tier">
            {lower.map((t) => (
              <button key={t} type="button" role="radio" aria-checked={tier === t} onClick={() => setTier(t)}>
                {TIER_LABEL[t]}
              </button>
            ))}
          </div>
        </>
      )}
      {downgrade.isError && <ErrorBox error={downgrade.error} />}
      <div className="form-actions">
        {!downgrade.isSuccess && (
          <button
            type="button"
            className="primary"
            onClick={() => intent.begin() && downgrade.mutate()}
            disabled={downgrade.isPending}
          >
            {downgrade.isPending ? (
              <Spinner label="Saving…" />
            ) : (
              `Downgrade to ${TIER_LABEL[tier]} on ${formatDate(at)}`
            )}
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
