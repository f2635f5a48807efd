import { useMutation, useQueryClient } from '@tanstack/react-query';
import { answer, client } from '../shared/api';
import { isPermanent } from '../shared/errors';
import { useIntent } from '../shared/intent';
import type { License } from '../shared/api-types';
import { useAccount } from '../shared/session';
import { Amount, ErrorBox, Spinner, StatusBadge, formatDate } from '../shared/ui';
import { PERIOD_LABEL, TIER_LABEL } from './common';
import { renewalText, statusLabel } from './licenses-text';

interface LicenseActionsProps {
  onCancel: (license: License) => void;
  onDowngrade: (license: License) => void;
}

/** The account's licenses, one row each; at phone width each row stacks with its labels. */
export function LicensesTable({ licenses, ...actions }: { licenses: License[] } & LicenseActionsProps) {
  return (
    <div className="table-wrap">
      <table className="table stackable" data-testid="licenses">
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Period</th>
            <th scope="col" className="right">
              Price
            </th>
            <th scope="col">Renewal date</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {licenses.map((l) => (
            <LicenseRow key={l.id} license={l} {...actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LicenseRow({ license: l, ...actions }: { license: License } & LicenseActionsProps) {
  return (
    <tr data-license={l.id}>
      <td data-label="Tier">
        {/* One block beside the label at phone width; the date never splits. */}
        <div>
          <strong>{TIER_LABEL[l.tier]}</strong>
          <div className="muted small">
            <code>{l.id}</code> · <span className="nowrap">bought {formatDate(l.purchasedAt)}</span>
          </div>
        </div>
      </td>
      <td data-label="Period">{PERIOD_LABEL[l.period]}</td>
      <td data-label="Price" className="right">
        <span className="nowrap">
          <Amount money={l.billedPrice} />
          <span className="muted small"> /{l.period === 'monthly' ? 'month' : 'year'}</span>
        </span>
        {l.billedPrice.amount !== l.listPrice.amount && (
          <div className="muted small">
            list <Amount money={l.listPrice} />
          </div>
        )}
      </td>
      <td data-label="Renewal date" className="nowrap">
        {renewalText(l)}
      </td>
      <td data-label="Status">
        <StatusBadge
          status={l.cancelAtPeriodEnd && l.status === 'active' ? 'cancelled' : l.status}
          label={statusLabel(l)}
        />
      </td>
      <td data-label="Actions">
        <LicenseActions license={l} {...actions} />
      </td>
    </tr>
  );
}

/** Undo a cancel or downgrade to come; downgrade (Pro and Premium) or cancel a renewing license. */
function LicenseActions({ license: l, onCancel, onDowngrade }: { license: License } & LicenseActionsProps) {
  if (l.status !== 'active') return null;
  return (
    <>
      {(l.cancelAtPeriodEnd || l.pendingDowngrade) && <UndoButton license={l} />}
      {!l.cancelAtPeriodEnd && (
        <span className="form-actions">
          {l.tier !== 'basic' && l.tier !== 'enterprise' && !l.pendingDowngrade && (
            <button type="button" className="secondary small" onClick={() => onDowngrade(l)}>
              Downgrade
            </button>
          )}
          <button type="button" className="danger small" onClick={() => onCancel(l)}>
            Cancel
          </button>
        </span>
      )}
    </>
  );
}

/** Takes back a cancellation (or a pending downgrade) before its date. */
function UndoButton({ license }: { license: License }) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const action = license.cancelAtPeriodEnd ? 'undo-cancel' : 'undo-downgrade';
  // One key per intent (this undo of this license): a retry after a lost answer replays; a success
  // or a refusal ends it, so a later undo (after cancelling again) is a new request.
  const intent = useIntent(action);
  const undo = useMutation({
    mutationFn: () =>
      answer(
        client.POST(`/v1/accounts/{accountId}/licenses/{licenseId}/${action}` as const, {
          params: { path: { accountId, licenseId: license.id } },
          headers: { 'idempotency-key': intent.keyFor(`${action}:${license.id}`) },
        }),
      ),
    onSettled: (_data, error) => {
      intent.settle(!error || isPermanent(error));
      return queryClient.invalidateQueries({ queryKey: ['licenses', accountId] });
    },
  });
  return (
    <span className="form-actions">
      <button
        type="button"
        className="secondary small"
        onClick={() => intent.begin() && undo.mutate()}
        disabled={undo.isPending}
      >
        {undo.isPending ? (
          <Spinner label="Undoing…" />
        ) : license.cancelAtPeriodEnd ? (
          'Undo cancel'
        ) : (
          'Undo downgrade'
        )}
      </button>
      {undo.isError && <ErrorBox error={undo.error} />}
    </span>
  );
}
