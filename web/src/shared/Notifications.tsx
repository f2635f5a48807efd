import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { acct, api } from './api';
import type { GetAnswer } from './api-types';
import { useAccount } from './session';
import { Card, QueryView, formatTime } from './ui';

type NotificationRow = GetAnswer<'/v1/accounts/{accountId}/notifications'>['data'][number];

const TITLES: Record<string, string> = {
  'alert.low_balance': 'Low balance',
  'alert.low_remaining_time': 'Low remaining time',
  'instance.termination_imminent': 'Termination warning',
  'instance.terminated': 'Instance terminated',
  'instance.stopped': 'Instance stopped',
  'instance.started': 'Instance started',
  'instance.renewed': 'Instance renewed',
  'render_job.paused': 'Render job paused (insufficient credits)',
  'payment.refund': 'Refund',
  'booth.renewal_failed': 'License renewal failed',
  'booth.dunning_retry': 'Renewal retry',
  'booth.dunning_retry_failed': 'Renewal retry failed',
  'booth.dunning_paid': 'Renewal paid',
  'booth.dunning_exhausted': 'Renewal retries exhausted',
  'booth.auto_topup': 'Token auto top-up',
  'booth.auto_topup_disabled': 'Token auto top-up turned off',
  'booth.auto_topup_limit_reached': 'Token auto top-up: daily limit reached',
  'booth.event_resumed': 'Event resumed',
};

const seenKey = (accountId: string) => `pictor-notifications-seen:${accountId}`;

/**
 * The notifications the account received (both product lines): alerts, paused jobs, termination
 * warnings, payment results, newest first, with an unread count (what arrived since "Mark all as
 * read" in this browser) and where each was sent.
 */
export function NotificationsCard() {
  const { accountId } = useAccount();
  const list = useQuery({
    queryKey: ['notifications', accountId],
    queryFn: () => api<{ data: NotificationRow[] }>('GET', `${acct(accountId)}/notifications`),
    refetchInterval: 60_000,
  });
  const [seen, setSeen] = useState(() => localStorage.getItem(seenKey(accountId)) ?? '');
  const rows = list.data?.data ?? [];
  const unread = rows.filter((n) => n.createdAt > seen).length;
  const markRead = () => {
    const latest = rows[0]?.createdAt ?? '';
    localStorage.setItem(seenKey(accountId), latest);
    setSeen(latest);
  };
  return (
    <Card
      title={
        <>
          Notifications{' '}
          <span className="badge" data-testid="unread-count" aria-label={`${unread} unread`}>
            {unread}
          </span>
        </>
      }
      actions={
        unread > 0 && (
          <button type="button" className="secondary small" onClick={markRead}>
            Mark all as read
          </button>
        )
      }
    >
      <QueryView
        query={list}
        isEmpty={(d) => d.data.length === 0}
        empty={<p className="muted">No notifications yet.</p>}
      >
        {(d) => (
          <ul className="plain notifications" data-testid="notifications">
            {d.data.map((n) => (
              <li key={n.id} className={n.createdAt > seen ? 'unread' : undefined}>
                <strong>{TITLES[n.type] ?? n.type}</strong>{' '}
                <span className="muted small">{formatTime(n.occurredAt)}</span>
                <div className="small">
                  {Object.entries(n.data)
                    .filter(([k]) => k !== 'dedupeId')
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(' · ')}
                </div>
                {n.deliveries.length > 0 && (
                  <div className="muted small">
                    Sent to {n.deliveries.map((x) => `${x.target} (${x.status})`).join(', ')}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}
