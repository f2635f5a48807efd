import type { ReactNode } from 'react';
import { ErrorBox, Modal, Spinner } from './ui';

/**
 * "Are you sure?" for an action that costs money or cannot be undone: says exactly what happens,
 * the confirm button has focus (Enter confirms, Escape or Cancel backs out), it is disabled while
 * the action runs, and a failure shows here, next to the button that caused it.
 */
export function ConfirmPanel({
  children,
  confirmLabel,
  pendingLabel = 'Working…',
  pending,
  error,
  danger,
  onConfirm,
  onCancel,
}: {
  children: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  pending: boolean;
  error?: unknown;
  danger?: boolean;
  onConfirm?: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="confirm" data-testid="confirm">
      <div className="confirm-text">{children}</div>
      {error ? <ErrorBox error={error} /> : null}
      <div className="form-actions">
        {onConfirm && (
          <button
            type="button"
            className={danger ? 'danger' : 'primary'}
            disabled={pending}
            autoFocus
            data-autofocus
            onClick={onConfirm}
          >
            {pending ? <Spinner label={pendingLabel} /> : confirmLabel}
          </button>
        )}
        <button type="button" className="secondary" disabled={pending} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function ConfirmDialog({ title, ...panel }: { title: string } & Parameters<typeof ConfirmPanel>[0]) {
  return (
    <Modal title={title} onClose={() => !panel.pending && panel.onCancel()}>
      <ConfirmPanel {...panel} />
    </Modal>
  );
}
