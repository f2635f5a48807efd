import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { answer, client } from './api';
import type { GetAnswer } from './api-types';
import { useAccount } from './session';
import { Card, ErrorBox, QueryView, Spinner, formatServerText, formatTime } from './ui';

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
type Notification = NotificationList['data'][number];

/** What to mark read: one notification ("Mark as read"), or all up to the newest on screen. */
type ReadRequest = { ids: string[] } | { upTo: string };

/**
 * The notifications the account received (both product lines): alerts, paused jobs, termination
 * warnings, payment results, newest first, where each was sent, and how many are unread. Read and
 * unread are the account's, kept by the server: marking here clears the count in every other
 * browser too. "Mark all as read" marks only what is on the screen (one that arrived since stays
 * unread); "Mark as read" on one item marks that one.
 */
export function NotificationsCard() {
  const { list, markRead, markOne, listRef } = useNotifications();
  const newest = list.data?.data[0];
  const unread = list.data?.unreadCount ?? 0;
  return (
    <Card
      title={
        <>
          Notifications <UnreadBadge unread={unread} />
        </>
      }
      actions={
        unread > 0 &&
        newest && (
          <button
            type="button"
            className="secondary small"
            disabled={markRead.isPending}
            onClick={() => markRead.mutate({ upTo: newest.id })}
          >
            {markRead.isPending && 'upTo' in (markRead.variables ?? {}) ? (
              <Spinner label="Marking…" />
            ) : (
              'Mark all as read'
            )}
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
          <ul className="plain notifications" data-testid="notifications" ref={listRef} tabIndex={-1}>
            {d.data.map((n) => (
              <NotificationItem key={n.id} notification={n} onMarkRead={() => markOne(n)} />
            ))}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}

function UnreadBadge({ unread }: { unread: number }) {
  return (
    <span className="badge" data-testid="unread-count" aria-label={`${unread} unread`} aria-live="polite">
      {unread}
    </span>
  );
}

/** The account's notifications, polled every minute, and marking them read (one, or all on screen). */
function useNotifications() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const listRef = useRef<HTMLUListElement>(null);
  const queryKey = ['notifications', accountId];
  const list = useQuery({
    queryKey,
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/notifications', { params: { path: { accountId } } })),
    refetchInterval: 60_000,
  });
  const markRead = useMutation({
    mutationFn: (body: ReadRequest) =>
      answer(
        client.POST('/v1/accounts/{accountId}/notifications/read', { params: { path: { accountId } }, body }),
      ),
    // The answer is the count after marking: shown at once, before the list is fetched again.
    onSuccess: (answer, body) =>
      queryClient.setQueryData<NotificationList>(queryKey, (old) => old && markedRead(old, body, answer)),
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
  // Not disabled while a request is on its way: marking read is idempotent, and a disabled button
  // could not take the focus handed to it below.
  const markOne = (n: Notification) => {
    // The button goes away with the item's unread state: keep keyboard focus in the list, on the
    // next unread item's button (or the list itself), instead of dropping it to the page's top.
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.mark-read') ?? [])];
    const next = buttons[buttons.findIndex((b) => b.dataset.id === n.id) + 1];
    markRead.mutate({ ids: [n.id] }, { onSuccess: () => (next ?? listRef.current)?.focus() });
  };
  return { list, markRead, markOne, listRef };
}

/** The list as it is once `body` was marked read: those items read, the server's unread count. */
function markedRead(old: NotificationList, body: ReadRequest, answer: { unreadCount: number }) {
  const upTo = 'upTo' in body ? old.data.findIndex((n) => n.id === body.upTo) : -1;
  const marked = (n: Notification, i: number) => ('ids' in body ? body.ids.includes(n.id) : i >= upTo);
  return {
    ...old,
    unreadCount: answer.unreadCount,
    data: old.data.map((n, i) =>
      // Read now (the browser's time) until the list is fetched again and the server's time replaces it.
      n.readAt === null && marked(n, i) ? { ...n, readAt: new Date().toISOString() } : n,
    ),
  };
}

function NotificationItem({
  notification: n,
  onMarkRead,
}: {
  notification: Notification;
  onMarkRead: () => void;
}) {
  const title = TITLES[n.type] ?? n.type;
  return (
    <li className={n.readAt === null ? 'unread' : undefined}>
      <strong>{title}</strong> <span className="muted small">{formatTime(n.occurredAt)}</span>
      {n.readAt === null && (
        <>
          {' '}
          <button
            type="button"
            className="secondary small mark-read"
            data-id={n.id}
            aria-label={`Mark as read: ${title}, ${formatTime(n.occurredAt)}`}
            onClick={onMarkRead}
          >
            Mark as read
          </button>
        </>
      )}
      <div className="small">
        {/* Payload times are ISO (for programs): shown as the page shows every time. */}
        {formatServerText(
          Object.entries(n.data)
            .filter(([k]) => k !== 'dedupeId')
            .map(([k, v]) => `${k}: ${v}`)
            .join(' · '),
        )}
      </div>
      {n.deliveries.length > 0 && (
        <div className="muted small">
          Sent to {n.deliveries.map((x) => `${x.target} (${x.status})`).join(', ')}
        </div>
      )}
    </li>
  );
}
