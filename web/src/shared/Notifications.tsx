import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { acct, api } from './api';
import type { GetAnswer } from './api-types';
import { useAccount } from './session';
import { Card, ErrorBox, QueryView, Spinner, formatTime } from './ui';

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

type NotificationList = GetAnswer<'/v1/accounts/{accountId}/notifications'>;

/**
 * The notifications the account received (both product lines): alerts, paused jobs, termination
 * warnings, payment results, newest first, where each was sent, and how many are unread. Read and
 * unread are the account's, kept by the server: "Mark all as read" here clears the count in every
 * other browser too, and marks only what is on the screen (one that arrived since stays unread).
 */
export function NotificationsCard() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['notifications', accountId],
    queryFn: () => api<NotificationList>('GET', `${acct(accountId)}/notifications`),
    refetchInterval: 60_000,
  });
  const markRead = useMutation({
    mutationFn: (upTo: string) =>
      api<{ unreadCount: number }>('POST', `${acct(accountId)}/notifications/read`, { body: { upTo } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['notifications', accountId] }),
  });
  const newest = list.data?.data[0];
  const unread = list.data?.unreadCount ?? 0;
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
        unread > 0 &&
        newest && (
          <button
            type="button"
            className="secondary small"
            disabled={markRead.isPending}
            onClick={() => markRead.mutate(newest.id)}
          >
            {markRead.isPending ? <Spinner label="Marking…" /> : 'Mark all as read'}
          </button>
        )
      }
    >
      {markRead.isError && <ErrorBox error={markRead.error} />}
      <QueryView
        query={list}
        isEmpty={(d) => d.data.length === 0}
        empty={<p className="muted">No notifications yet.</p>}
      >
        {(d) => (
          <ul className="plain notifications" data-testid="notifications">
            {d.data.map((n) => (
              <li key={n.id} className={n.readAt === null ? 'unread' : undefined}>
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
